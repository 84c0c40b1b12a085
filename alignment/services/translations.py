"""Adding or replacing a whole translation from plain text, then aligning it.

A replaced text is not lost: deleting the old segments writes their last state to the
segment history, and :func:`version_text_as_of` reads a version's text at any moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from alignment.exchange.langcodes import UnknownLanguage, language_for_code
from alignment.exchange.plaintext import PlainTextError, TextSegment, text_segments
from alignment.models import Language, Segment, Statement, Version
from alignment.services.aligning import statement_align
from alignment.services.hooks import after_alignment_change

REASON = "import_text"


class TranslationImportError(ValueError):
    """The text or the language was refused; nothing was changed."""


@dataclass
class TextImport:
    version: Version
    created: bool
    segments: int
    replaced: int = 0
    rows: int = 0
    unchanged: bool = False

    def summary(self) -> str:
        where = f"{self.version.statement.slug} [{self.version.language.code}]"
        if self.unchanged:
            return f"{where}: the text is unchanged; nothing was done"
        action = "created" if self.created else f"replaced ({self.replaced} old segments kept in the history)"
        return f"{where}: {action}; {self.segments} segments; the statement now has {self.rows} rows"


def segments_create(version: Version, items: Sequence[TextSegment], *, user=None, reason: str = REASON,
                    start_position: int = 0) -> list[Segment]:
    """Create segments with fresh keys (``<lang>-<n>`` from ``Version.next_key``, never reused),
    in no row yet: the caller puts them into rows in the same transaction."""
    locked = Version.objects.select_for_update().select_related("language").get(pk=version.pk)
    first = locked.next_key
    segments = [
        Segment(version=locked, position=start_position + index, key=f"{locked.language.code}-{first + index}",
                kind=item.kind, text=item.text, unit=None)
        for index, item in enumerate(items)
    ]
    for segment in segments:
        segment.full_clean(exclude=["version", "unit"], validate_unique=False, validate_constraints=False)
    Version.objects.filter(pk=locked.pk).update(next_key=first + len(segments))
    version.next_key = first + len(segments)
    return bulk_create_with_history(segments, Segment, default_user=user, default_change_reason=reason)


def _language(code: str) -> Language:
    try:
        return language_for_code(code)
    except UnknownLanguage as exc:
        raise TranslationImportError(str(exc)) from None


def _title(title: str | None, segments: Sequence[TextSegment]) -> str:
    chosen = (title or "").strip() or segments[0].text.replace("\n", " ")
    return chosen[:500]


@transaction.atomic
def version_import_text(
    *, statement: Statement, language_code: str, text: bytes | str, one_per_line: bool = False,
    user=None, title: str | None = None, name: str = "text", dry_run: bool = False,
) -> TextImport:
    """Create the statement's version in ``language_code`` from plain text, or replace its text,
    and align the statement again (every row becomes ``auto``: a new text has no confirmed rows).
    ``dry_run`` does it all and rolls back, to see the outcome first."""
    language = _language(language_code)
    try:
        items = text_segments(text, one_per_line=one_per_line, name=name)
    except PlainTextError as exc:
        raise TranslationImportError(str(exc)) from None
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    version = Version.objects.filter(statement=statement, language=language).select_related("language").first()
    created = version is None
    replaced = 0
    if created:
        version = Version(statement=statement, language=language, title=_title(title, items),
                          origin=Version.Origin.DRAFT, status=Version.Status.DRAFT)
        version._history_user = user
        version.full_clean()
        version.save()
    else:
        old = list(version.segments.order_by("position"))
        if [(s.kind, s.text) for s in old] == [(i.kind, i.text) for i in items]:
            return TextImport(version, created=False, segments=len(old), rows=statement.units.count(),
                              unchanged=True)
        _version_reset(version, title, user)
        for segment in old:  # one by one so each history row records who replaced it
            segment._history_user = user
            segment._change_reason = REASON
            segment.delete()
        replaced = len(old)
    segments_create(version, items, user=user)
    units = statement_align(statement=statement, user=user)
    after_alignment_change(statement)  # the QA findings follow the new text and rows
    if dry_run:
        transaction.set_rollback(True)
    return TextImport(version, created=created, segments=len(items), replaced=replaced, rows=len(units))


def _version_reset(version: Version, title: str | None, user) -> None:
    """A replaced text is a new draft: an approval of the old text does not carry over."""
    version.status = Version.Status.DRAFT
    version.approved_by = None
    version.approved_at = None
    if title and title.strip():
        version.title = title.strip()[:500]
    version._history_user = user
    version._change_reason = REASON
    version.full_clean()
    version.save()


def version_text_as_of(version: Version, when: dt.datetime) -> list[str]:
    """The version's segment texts, in order, as they were at ``when`` (from the history)."""
    historical = Segment.history.as_of(when).filter(version_id=version.pk).order_by("position")
    return [segment.text for segment in historical]
