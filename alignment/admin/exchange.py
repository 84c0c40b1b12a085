"""Admin pieces for the exchange formats, wired by the ModelAdmins (get_urls, actions, mixins):

- :class:`ExchangeImportExportMixin` for django-import-export admins: the project's formats
  (CSV and XLSX with formula escaping, JSON matched by key) and all-or-nothing imports;
- :func:`translation_import_view` ("Add or replace a translation" on a statement) and
  :func:`translation_import_urls` to add it in ``StatementAdmin.get_urls``;
- :func:`export_tmx` and :func:`export_tmx_confirmed`, admin actions on statements.
"""

from __future__ import annotations

from functools import partial

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse

from alignment.exchange.resources import EXCHANGE_FORMATS, ImportFileError
from alignment.exchange.tmx import TMX_CONTENT_TYPE, aligned_statements, tmx_chunks
from alignment.models import Language, Statement, Version
from alignment.services.translations import TranslationImportError, version_import_text

EDITOR_URL_NAME = "admin:alignment_statement_align"


class ExchangeImportExportMixin:
    """Put before ``ImportExportMixin`` / ``ExportActionMixin`` in a ModelAdmin's bases."""

    formats = EXCHANGE_FORMATS
    import_formats = EXCHANGE_FORMATS
    export_formats = EXCHANGE_FORMATS
    import_error_display = ("message", "row")

    def has_import_permission(self, request) -> bool:
        """Importing changes data: it needs the change permission (import-export allows any staff)."""
        return self.has_change_permission(request)

    def has_export_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True  # the confirmed import too, not only the preview
        return kwargs

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, UnicodeDecodeError):
            byte = e.object[e.start]
            form.add_error("import_file", f"The file was refused: it is not valid UTF-8 (byte 0x{byte:02x} at "
                                          f"position {e.start}); save it as UTF-8 and import again.")
        elif isinstance(e, ImportFileError):
            form.add_error("import_file", f"The file was refused: {e}")
        else:
            super().add_data_read_fail_error_to_form(form, e)


class TranslationImportForm(forms.Form):
    language = forms.ModelChoiceField(queryset=Language.objects.order_by("code"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 16, "cols": 100}), required=False, strip=False,
                           help_text="Paste the text: one segment per block, blocks separated by a blank line.")
    file = forms.FileField(required=False, help_text="…or upload a UTF-8 .txt file.")
    one_per_line = forms.BooleanField(required=False, label="One segment per line",
                                      help_text="Split on every line break instead of on blank lines.")
    title = forms.CharField(max_length=500, required=False,
                            help_text="The version's title; by default its first segment (or the old title).")
    replace = forms.BooleanField(required=False, label="Replace the existing text")

    def __init__(self, statement: Statement, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.statement = statement

    def clean(self):
        cleaned = super().clean()
        text, upload = cleaned.get("text") or "", cleaned.get("file")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError("Paste a text or upload a file (one of the two).")
        if upload and upload.size > settings.WORKBENCH_MAX_IMPORT_BYTES:
            self.add_error("file", f"The file is larger than {settings.WORKBENCH_MAX_IMPORT_BYTES:,} bytes.")
        language = cleaned.get("language")
        existing = Version.objects.filter(statement=self.statement, language=language).first() if language else None
        if existing and not cleaned.get("replace"):
            self.add_error("replace", (
                f"The statement already has a {language.code} version ({existing.segments.count()} segments). "
                "Tick this box to replace its text: the old text stays in the history, every row of the "
                "statement is aligned again and confirmed rows become automatic."))
        return cleaned

    def payload(self) -> tuple[bytes | str, str]:
        upload = self.cleaned_data.get("file")
        if upload:
            return upload.read(), upload.name
        return self.cleaned_data["text"], "the pasted text"


def _after_import_url(statement: Statement) -> str:
    try:
        return reverse(EDITOR_URL_NAME, args=[statement.pk])
    except NoReverseMatch:
        return reverse("admin:alignment_statement_change", args=[statement.pk])


def translation_import_view(model_admin, request, object_id: str):
    """'Add or replace a translation': import a plain text as a version, align, open the editor."""
    statement = model_admin.get_object(request, unquote(object_id))
    if statement is None:
        raise Http404(f"No statement with id {object_id!r}.")
    if not model_admin.has_change_permission(request, statement):
        raise PermissionDenied
    form = TranslationImportForm(statement, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, name = form.payload()
        try:
            result = version_import_text(
                statement=statement, language_code=form.cleaned_data["language"].code, text=data,
                one_per_line=form.cleaned_data["one_per_line"], user=request.user,
                title=form.cleaned_data["title"] or None, name=name,
            )
        except TranslationImportError as exc:
            form.add_error("file" if form.cleaned_data.get("file") else "text", str(exc))
        else:
            model_admin.log_change(request, statement, f"Translation imported: {result.summary()}")
            model_admin.message_user(request, result.summary(),
                                     messages.INFO if result.unchanged else messages.SUCCESS)
            return HttpResponseRedirect(_after_import_url(statement))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Add or replace a translation",
        "subtitle": str(statement),
        "form": form,
        "opts": model_admin.opts,
        "original": statement,
        "versions": statement.versions.select_related("language").order_by("language__code"),
        "media": model_admin.media + form.media,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/alignment/statement_translation_import.html", context)


def translation_import_urls(model_admin) -> list:
    """URL patterns to put before ``super().get_urls()`` in ``StatementAdmin.get_urls``."""
    view = model_admin.admin_site.admin_view(partial(translation_import_view, model_admin))
    return [path("<path:object_id>/translation/", view, name="alignment_statement_translation_import")]


def _tmx_response(queryset, confirmed_only: bool) -> StreamingHttpResponse:
    slugs = list(queryset.order_by("date_issued", "slug").values_list("slug", flat=True))
    name = f"{slugs[0]}.tmx" if len(slugs) == 1 else "statements.tmx"
    response = StreamingHttpResponse(tmx_chunks(aligned_statements(slugs), confirmed_only=confirmed_only),
                                     content_type=TMX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@admin.action(description="Export TMX (all rows)", permissions=["view"])
def export_tmx(modeladmin, request, queryset):
    return _tmx_response(queryset, confirmed_only=False)


@admin.action(description="Export TMX (confirmed rows only)", permissions=["view"])
def export_tmx_confirmed(modeladmin, request, queryset):
    return _tmx_response(queryset, confirmed_only=True)
