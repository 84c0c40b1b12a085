"""QA findings on rows, their dismissals, and problems reported by readers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class QAFinding(models.Model):
    """A suspicious row found by a QA check; recomputed whenever the row changes."""

    class Severity(models.IntegerChoices):
        INFO = 10, _("info")
        WARNING = 20, _("warning")
        ERROR = 30, _("error")

    statement = models.ForeignKey("Statement", on_delete=models.CASCADE, related_name="findings")
    unit = models.ForeignKey("AlignmentUnit", on_delete=models.CASCADE, related_name="findings")
    check_name = models.CharField(max_length=40, db_index=True)
    severity = models.PositiveSmallIntegerField(choices=Severity.choices, db_index=True)
    message = models.TextField()
    # Stable across re-alignment: statement, check and segment keys; dismissals refer to it.
    fingerprint = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-severity", "statement", "unit__position"]

    def __str__(self) -> str:
        return f"{self.get_severity_display()}: {self.check_name} ({self.message[:60]})"


class QADismissal(models.Model):
    """An editor's decision that a finding is not a problem, with the reason."""

    statement = models.ForeignKey("Statement", on_delete=models.CASCADE, related_name="qa_dismissals")
    fingerprint = models.CharField(max_length=64)
    check_name = models.CharField(max_length=40)
    message = models.TextField(blank=True)
    reason = models.TextField()
    dismissed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    dismissed_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["statement", "fingerprint"], name="qa_dismissal_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.check_name} dismissed: {self.reason[:60]}"


class ProblemReport(models.Model):
    """A reader's report about one row of the public parallel view."""

    statement = models.ForeignKey("Statement", on_delete=models.CASCADE, related_name="problem_reports")
    segment_key = models.CharField(max_length=64)
    note = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    client_hash = models.CharField(max_length=64, blank=True, help_text=_("Hashed client address, for rate limits."))
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["resolved", "-created_at"]

    def __str__(self) -> str:
        return f"report on {self.segment_key}: {self.note[:60]}"
