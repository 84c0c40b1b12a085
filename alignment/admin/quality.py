"""The reviewers' side of QA: the queue of findings, dismissals, readers' reports, MT scoring
and the post-editing effort of a version."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from alignment.models import (
    Language,
    ProblemReport,
    QADismissal,
    QAFinding,
    Statement,
    Version,
)
from alignment.quality.checks import CHECK_NAMES
from alignment.quality.metrics import HEADLINE
from alignment.services.mt_scoring import (
    MTScoringError,
    hypotheses_read,
    mt_rows,
    score_mt,
)
from alignment.services.post_editing import version_post_editing
from alignment.services.qa import (
    QAError,
    problem_reports_resolve,
    qa_dismiss_many,
    qa_refresh,
    qa_undismiss,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SEVERITY_CLASSES = {10: "info", 20: "warning", 30: "error"}


class CheckFilter(admin.SimpleListFilter):
    title = "check"
    parameter_name = "check"

    def lookups(self, request, model_admin):
        return list(CHECK_NAMES.items())

    def queryset(self, request, queryset):
        return queryset.filter(check_name=self.value()) if self.value() in CHECK_NAMES else queryset


class DismissForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 60}), max_length=2000,
                             help_text="Why these findings are not problems; kept in the history.")


def _language_choices() -> list[tuple[str, str]]:
    return [(language.code, str(language)) for language in Language.objects.order_by("code")]


class ScoreMTForm(forms.Form):
    lang = forms.ChoiceField(label="Language", choices=_language_choices,
                             help_text="The language of the system output; its approved versions are the references.")
    statements = forms.ModelMultipleChoiceField(queryset=Statement.objects.order_by("date_issued", "slug"),
                                                required=False, help_text="None selected: every statement.")
    confirmed_only = forms.BooleanField(required=False, label="Only confirmed rows")
    case_insensitive = forms.BooleanField(required=False, label="Case-insensitive (Azerbaijani-aware folding)")
    hyp = forms.FileField(label="System output", required=False, help_text="UTF-8 text, one line per row.")
    source = forms.ChoiceField(label="Source language", choices=lambda: [("", "—"), *_language_choices()],
                               required=False,
                               help_text="For downloading the source lines of the same rows.")

    def clean(self):
        data = super().clean()
        upload = data.get("hyp")
        if upload and upload.size > MAX_UPLOAD_BYTES:
            self.add_error("hyp", f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.")
        if not upload and "_export" not in self.data:
            self.add_error("hyp", "Upload the system output to score it.")
        return data


@admin.register(QAFinding)
class QAFindingAdmin(admin.ModelAdmin):
    """The review queue: open findings, most severe first."""

    list_display = ["severity_badge", "check_label", "statement", "row", "message"]
    list_display_links = None
    list_filter = [CheckFilter, "severity", ("statement", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["statement", "unit"]
    ordering = ["-severity", "statement__date_issued", "statement__slug", "unit__position", "check_name"]
    search_fields = ["message", "statement__slug"]
    actions = ["dismiss_selected"]
    list_per_page = 100

    class Media:
        css = {"all": ["alignment/quality.css"]}

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # findings go away by fixing the row or dismissing them

    def has_dismiss_permission(self, request) -> bool:
        return request.user.has_perm("alignment.add_qadismissal")

    @admin.display(description="severity", ordering="severity")
    def severity_badge(self, obj: QAFinding):
        return format_html('<span class="qa-badge qa-{}">{}</span>', SEVERITY_CLASSES[obj.severity],
                           obj.get_severity_display())

    @admin.display(description="check", ordering="check_name")
    def check_label(self, obj: QAFinding) -> str:
        return CHECK_NAMES.get(obj.check_name, obj.check_name)

    @admin.display(description="row", ordering="unit__position")
    def row(self, obj: QAFinding):
        url = reverse("admin:alignment_alignmentunit_change", args=[obj.unit_id])
        return format_html('<a href="{}">{}</a>', url, obj.unit.position + 1)

    @admin.action(description="Dismiss the selected findings (with a reason)", permissions=["dismiss"])
    def dismiss_selected(self, request, queryset):
        """Like delete_selected: a confirmation page with a reason field, then the service."""
        findings = list(queryset.select_related("statement", "unit"))
        form = DismissForm(request.POST if request.POST.get("post") else None)
        if request.POST.get("post") and form.is_valid():
            try:
                dismissals = qa_dismiss_many(findings=findings, reason=form.cleaned_data["reason"], by=request.user)
            except QAError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return None
            self.message_user(request, f"{len(findings)} finding(s) dismissed ({len(dismissals)} new dismissal(s)).",
                              messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request), "title": "Dismiss findings", "opts": self.model._meta,
            "findings": findings, "form": form, "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "flagged": [f for f in findings if f.check_name == "flagged"], "media": self.media,
        }
        return TemplateResponse(request, "admin/alignment/qafinding/dismiss_confirmation.html", context)

    def get_urls(self):
        extra = [
            path("refresh/", self.admin_site.admin_view(self.refresh_view), name="alignment_qafinding_refresh"),
            path("score-mt/", self.admin_site.admin_view(self.score_mt_view), name="alignment_qafinding_score_mt"),
        ]
        return extra + super().get_urls()

    def refresh_view(self, request):
        """Recompute the findings of every statement (or of the one given), then back to the queue."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("alignment.change_alignmentunit"):  # it writes findings
            raise PermissionDenied
        statements = Statement.objects.all()
        if request.POST.get("statement", "").isdigit():
            statements = statements.filter(pk=int(request.POST["statement"]))
        results = [qa_refresh(statement=statement) for statement in statements]
        self.message_user(request, f"Findings recomputed for {len(results)} statement(s): "
                                   f"{sum(r.created for r in results)} new, {sum(r.deleted for r in results)} gone.")
        return HttpResponseRedirect(reverse("admin:alignment_qafinding_changelist"))

    def score_mt_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = ScoreMTForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            statements = [s.slug for s in data["statements"]] or None
            try:
                if "_export" in request.POST:
                    source = data["source"] or data["lang"]
                    rows = mt_rows(lang=data["lang"], statements=statements, confirmed_only=data["confirmed_only"],
                                   source=source)
                    response = HttpResponse("".join(row.source + "\n" for row in rows),
                                            content_type="text/plain; charset=utf-8")
                    response["Content-Disposition"] = f'attachment; filename="source.{source}.txt"'
                    return response
                upload = data["hyp"]
                result = score_mt(lang=data["lang"], hypotheses=hypotheses_read(upload.read(), upload.name),
                                  statements=statements, confirmed_only=data["confirmed_only"],
                                  case_insensitive=data["case_insensitive"], name=upload.name)
            except MTScoringError as exc:
                form.add_error(None, str(exc))
        context = {**self.admin_site.each_context(request), "title": "Score a machine translation",
                   "opts": self.model._meta, "form": form, "result": result, "headline": HEADLINE}
        return TemplateResponse(request, "admin/alignment/qafinding/score_mt.html", context)


@admin.register(QADismissal)
class QADismissalAdmin(SimpleHistoryAdmin):
    list_display = ["check_name", "statement", "short_message", "reason", "dismissed_by", "dismissed_at"]
    list_filter = ["check_name", ("statement", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["statement", "dismissed_by"]
    search_fields = ["reason", "message", "statement__slug"]
    readonly_fields = ["statement", "check_name", "message", "fingerprint", "dismissed_by", "dismissed_at"]
    fields = ["statement", "check_name", "message", "reason", "dismissed_by", "dismissed_at", "fingerprint"]

    def has_add_permission(self, request):
        return False  # dismissals are made from the review queue

    @admin.display(description="finding")
    def short_message(self, obj: QADismissal) -> str:
        return obj.message[:120]

    def delete_model(self, request, obj):
        qa_undismiss(dismissal=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for dismissal in queryset.select_related("statement"):
            qa_undismiss(dismissal=dismissal, by=request.user)


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    list_display = ["segment_link", "statement", "short_note", "created_at", "resolved"]
    list_filter = ["resolved", ("statement", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["statement"]
    search_fields = ["note", "segment_key", "statement__slug"]
    readonly_fields = ["statement", "segment_key", "note", "created_at", "client_hash"]
    actions = ["mark_resolved", "mark_open"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="segment", ordering="segment_key")
    def segment_link(self, obj: ProblemReport):
        url = reverse("admin:alignment_segment_changelist")
        return format_html('<a href="{}?q={}+{}">{}</a>', url, obj.statement.slug, obj.segment_key, obj.segment_key)

    @admin.display(description="note")
    def short_note(self, obj: ProblemReport) -> str:
        return obj.note[:120]

    @admin.action(description="Mark the selected reports resolved", permissions=["change"])
    def mark_resolved(self, request, queryset):
        self.message_user(request, f"{problem_reports_resolve(reports=queryset)} report(s) resolved.")

    @admin.action(description="Open the selected reports again", permissions=["change"])
    def mark_open(self, request, queryset):
        self.message_user(request, f"{problem_reports_resolve(reports=queryset, resolved=False)} report(s) reopened.")


@admin.display(description="post-editing effort")
def post_editing_effort(obj: Version) -> str:
    """A read-only field for VersionAdmin: chrF++ and TER of the first imported text against
    the current one, for the version and for each changed segment."""
    if obj is None or obj.pk is None:
        return "—"
    return render_to_string("admin/alignment/version/post_editing_effort.html",
                            {"effort": version_post_editing(obj), "headline": HEADLINE})
