"""Languages, statements, versions and segments."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from alignment.textfold import fold

bcp47_validator = RegexValidator(
    r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?$",
    _("Enter a BCP 47 tag such as 'az', 'az-Cyrl' or 'pt-BR'."),
)


class Language(models.Model):
    class Direction(models.TextChoices):
        LTR = "ltr", _("left to right")
        RTL = "rtl", _("right to left")

    code = models.CharField(max_length=35, unique=True, validators=[bcp47_validator])
    name = models.CharField(_("English name"), max_length=100)
    native_name = models.CharField(max_length=100)
    direction = models.CharField(max_length=3, choices=Direction.choices, default=Direction.LTR)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Statement(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=500)
    date_issued = models.DateField(db_index=True)
    issuer = models.CharField(max_length=300, blank=True, help_text=_("The office that issued it."))
    author = models.CharField(max_length=200, blank=True, help_text=_("The person who signed or made it."))
    occasion = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text=_("e.g. AZERTAC, APA"))
    source_url = models.URLField(max_length=500, blank=True)
    original_language = models.ForeignKey(
        Language, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text=_("Leave empty when the original language is not known."),
    )
    published = models.BooleanField(default=False, db_index=True)
    editorial_note = models.TextField(blank=True)
    # Optimistic locking: every change of segmentation or alignment increments it.
    alignment_revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["alignment_revision", "updated_at"])

    class Meta:
        ordering = ["-date_issued", "slug"]
        permissions = [("approve_version", "Can approve versions"), ("confirm_unit", "Can confirm rows")]

    def __str__(self) -> str:
        return self.title


class Version(models.Model):
    class Origin(models.TextChoices):
        PUBLISHED = "published", _("published")
        DRAFT = "draft", _("unofficial draft translation")
        MACHINE = "machine", _("machine translation")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        APPROVED = "approved", _("approved")

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="versions")
    title = models.CharField(max_length=500)
    origin = models.CharField(max_length=12, choices=Origin.choices, default=Origin.DRAFT)
    translator = models.CharField(_("translator / credit"), max_length=300, blank=True)
    source_url = models.URLField(max_length=500, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    # Keys are never reused: a new segment takes "<lang>-<next_key>".
    next_key = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["next_key"])

    class Meta:
        ordering = ["statement", "language__code"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "language"], name="version_unique_language"),
        ]

    def __str__(self) -> str:
        return f"{self.statement.slug} [{self.language.code}]"

    @property
    def is_draft_translation(self) -> bool:
        return self.origin != self.Origin.PUBLISHED


class SegmentQuerySet(models.QuerySet):
    """Keeps ``Segment.folded`` equal to ``fold(text)`` on every bulk write path."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for segment in objs:
            segment.folded = fold(segment.text)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if "text" in fields:
            for segment in objs:
                segment.folded = fold(segment.text)
            if "folded" not in fields:
                fields = [*fields, "folded"]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        if "text" in kwargs and "folded" not in kwargs:
            text = kwargs["text"]
            if not isinstance(text, str):
                raise TypeError("Segment text can only be updated in bulk to a plain string (folded must follow).")
            kwargs["folded"] = fold(text)
        return super().update(**kwargs)


class Segment(models.Model):
    class Kind(models.TextChoices):
        HEADING = "heading", _("heading")
        PARAGRAPH = "paragraph", _("paragraph")
        DATELINE = "dateline", _("dateline")
        SIGNATURE = "signature", _("signature")
        NOTE = "note", _("note")

    # No index of its own: the unique (version, position) and (version, key) indexes serve it.
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="segments", db_index=False)
    position = models.PositiveIntegerField()
    key = models.CharField(
        max_length=64,
        validators=[RegexValidator(r"^[A-Za-z][A-Za-z0-9-]*-\d+$")],
        help_text=_("Stable identifier: the permalink anchor and the TEI xml:id suffix."),
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PARAGRAPH)
    text = models.TextField()
    # Null only inside a service transaction, between creating segments and rows. RESTRICT: a row
    # with segments cannot be deleted alone, but deleting a statement removes both.
    unit = models.ForeignKey(
        "AlignmentUnit", null=True, blank=True, on_delete=models.RESTRICT, related_name="segments"
    )
    # The text folded for search (see textfold), kept by SegmentQuerySet and save(): computing it
    # in Python is ~40x cheaper than a generated column calling wb_fold() on PostgreSQL.
    folded = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["folded"])

    objects = SegmentQuerySet.as_manager()

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="segment_unique_position"),
            models.UniqueConstraint(fields=["version", "key"], name="segment_unique_key"),
            models.CheckConstraint(condition=~models.Q(text=""), name="segment_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.folded = fold(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields and "folded" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "folded"]
        super().save(*args, **kwargs)
