"""Alignment rows and the operation log that makes editing undoable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AlignmentUnit(models.Model):
    """One row of the parallel text: segments of one or more versions that translate each other."""

    class Status(models.TextChoices):
        AUTO = "auto", _("auto")
        CONFIRMED = "confirmed", _("confirmed")
        FLAGGED = "flagged", _("flagged")

    # No index of its own: the (statement, position) index serves every lookup by statement.
    statement = models.ForeignKey("Statement", on_delete=models.CASCADE, related_name="units", db_index=False)
    position = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AUTO, db_index=True)
    score = models.FloatField(null=True, blank=True, help_text=_("Aligner confidence in [0, 1]."))
    note = models.TextField(blank=True, help_text=_("Why the row was flagged."))
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["statement", "position"]
        indexes = [models.Index(fields=["statement", "position"], name="unit_statement_position")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | (models.Q(score__gte=0) & models.Q(score__lte=1)),
                name="unit_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"row {self.position + 1} of {self.statement_id}"


class Operation(models.Model):
    """One editing operation on a statement, with the state before and after so it can be undone."""

    statement = models.ForeignKey("Statement", on_delete=models.CASCADE, related_name="operations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=40)
    description = models.CharField(max_length=300, blank=True)
    revision_before = models.PositiveIntegerField()
    revision_after = models.PositiveIntegerField()
    state_before = models.JSONField()
    state_after = models.JSONField()
    undone = models.BooleanField(default=False)
    # An undone operation stops being redoable once a new operation is made after it.
    discarded = models.BooleanField(default=False)
    undoes = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["statement", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.statement_id} by {self.user_id}"


class EditorPreference(models.Model):
    """What an editor last chose to see in the grid: the language columns, in order."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_preference")
    columns = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"grid columns of {self.user_id}: {', '.join(self.columns)}"
