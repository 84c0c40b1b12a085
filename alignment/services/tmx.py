"""Importing a translation memory (TMX) into a new statement whose rows are confirmed.

Each ``<tu>`` becomes one row and each of its ``<tuv>``s one segment of the version in
that language: the CAT tool's alignment is a human one, so the rows are confirmed.
Language codes go through :mod:`alignment.exchange.langcodes`; unknown ones are refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from alignment.exchange.langcodes import UnknownLanguage, language_for_code
from alignment.exchange.plaintext import TextSegment
from alignment.exchange.tmx import TmxFormatError, tmx_read
from alignment.models import AlignmentUnit, Language, Statement, Version
from alignment.services.hooks import after_alignment_change
from alignment.services.translations import segments_create
from alignment.services.units import Row, invariants_check, revision_bump, units_replace

MAX_LISTED_ERRORS = 20


class TmxImportError(ValueError):
    """The TMX file was refused; nothing was changed.  The message lists every problem found."""


@dataclass
class TmxImport:
    statement: Statement
    segments: dict[str, int] = field(default_factory=dict)
    rows: int = 0
    skipped: int = 0

    def summary(self) -> str:
        languages = ", ".join(f"{code}: {count}" for code, count in self.segments.items())
        skipped = f"; {self.skipped} empty <tu> skipped" if self.skipped else ""
        return f"{self.statement.slug}: {self.rows} confirmed rows; segments {languages}{skipped}"


def _refuse(errors: list[str]) -> None:
    shown = errors[:MAX_LISTED_ERRORS]
    more = len(errors) - len(shown)
    raise TmxImportError("\n".join(shown + ([f"... and {more} more"] if more else [])))


def _rows(document, languages: list[Language], name: str) -> tuple[list[dict[str, TextSegment]], int]:
    errors: list[str] = []
    rows: list[dict[str, TextSegment]] = []
    skipped = 0
    for unit in document.units:
        cells: dict[str, TextSegment] = {}
        for variant in unit.variants:
            try:
                code = language_for_code(variant.lang, languages).code
            except UnknownLanguage as exc:
                errors.append(f"{name}, line {variant.line}: {exc}")
                continue
            if code in cells:
                errors.append(f"{name}, line {variant.line}: a second <tuv> in {code!r} "
                              f"({variant.lang!r}) in the <tu> of line {unit.line}")
                continue
            cells[code] = TextSegment(kind="paragraph", text=variant.text, line=variant.line)
        if cells:
            rows.append(cells)
        else:
            skipped += 1
    if errors:
        _refuse(errors)
    if not rows:
        raise TmxImportError(f"{name}: no <tu> with text: nothing to import")
    return rows, skipped


def _statement(*, slug: str, title: str | None, date_issued: dt.date | None, original: Language | None,
               note: str, user) -> Statement:
    if Statement.objects.filter(slug=slug).exists():
        raise TmxImportError(f"a statement with the slug {slug!r} exists already; a TMX import creates a new one")
    statement = Statement(slug=slug, title=(title or slug)[:500], date_issued=date_issued or timezone.localdate(),
                          original_language=original, editorial_note=note)
    try:
        statement.full_clean()
    except ValidationError as exc:
        raise TmxImportError("; ".join(f"{key}: {' '.join(msgs)}" for key, msgs in exc.message_dict.items())) from None
    statement._history_user = user
    statement.save()
    return statement


@transaction.atomic
def statement_import_tmx(*, data: bytes, slug: str, title: str | None = None, date_issued: dt.date | None = None,
                         user=None, name: str = "file.tmx", dry_run: bool = False) -> TmxImport:
    """Create statement ``slug`` from a TMX file: versions per language, one confirmed row per ``<tu>``."""
    try:
        document = tmx_read(data, name=name)
    except TmxFormatError as exc:
        raise TmxImportError(str(exc)) from None
    languages = list(Language.objects.all())
    rows, skipped = _rows(document, languages, name)
    original = None
    if document.srclang and document.srclang.strip().lower() != "*all*":
        try:
            original = language_for_code(document.srclang, languages)
        except UnknownLanguage as exc:
            raise TmxImportError(f"{name}, <header srclang>: {exc}") from None
    note = f"Imported from the translation memory {name}" + (
        f" (made with {document.creationtool})" if document.creationtool else "")
    statement = _statement(slug=slug, title=title, date_issued=date_issued, original=original, note=note, user=user)
    codes = sorted({code for cells in rows for code in cells},
                   key=lambda code: (original is None or code != original.code, code))
    by_code = {language.code: language for language in languages}
    result = TmxImport(statement=statement, skipped=skipped)
    versions: dict[str, Version] = {}
    segments: dict[str, Iterator] = {}
    for code in codes:
        version = Version(statement=statement, language=by_code[code], title=statement.title,
                          origin=Version.Origin.DRAFT, status=Version.Status.DRAFT)
        version._history_user = user
        version.full_clean()
        version.save()
        items = [cells[code] for cells in rows if code in cells]
        versions[code] = version
        segments[code] = iter(segments_create(version, items, user=user, reason="import_tmx"))
        result.segments[code] = len(items)
    now = timezone.now()
    user_id = getattr(user, "pk", None)
    stored = [
        Row({versions[code].pk: [next(segments[code])] for code in codes if code in cells},
            status=AlignmentUnit.Status.CONFIRMED, confirmed_by_id=user_id, confirmed_at=now)
        for cells in rows
    ]
    units_replace(statement=statement, rows=stored, user=user, reason="import_tmx")
    revision_bump(statement)
    invariants_check(statement)
    after_alignment_change(statement)
    result.rows = len(stored)
    if dry_run:
        transaction.set_rollback(True)
    return result
