"""Forms of the public reader."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alignment.textfold import MAX_QUERY_LENGTH


class ProblemReportForm(forms.Form):
    key = forms.CharField(max_length=64, widget=forms.HiddenInput)
    note = forms.CharField(label=_("What is wrong with this row?"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    # Honeypot: hidden from people by CSS, filled in by bots.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This report looks automated and was not accepted."))
        return ""


class StatementFilterForm(forms.Form):
    year = forms.IntegerField(required=False, min_value=1900, max_value=2100)
    issuer = forms.CharField(required=False, max_length=300)
    language = forms.CharField(required=False, max_length=35)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH, required=False)
    lang = forms.CharField(required=False, max_length=35)
    statement = forms.SlugField(required=False, max_length=120)
