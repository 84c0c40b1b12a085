"""Importing a translator's edited XLIFF 2 file back: changed targets become segment edits.

Every unit is checked before anything is applied (its id names a row that still holds the
same segments, its source text is unchanged, its target splits into as many parts as the
row has target segments); one problem refuses the whole file.  The edits then go through
:func:`alignment.services.editing.segment_edit`, so the history and the operation log
record each of them, inside one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from alignment.exchange.langcodes import UnknownLanguage, language_for_code
from alignment.exchange.xliff import (
    PART_SEPARATOR,
    XliffFormatError,
    XliffUnit,
    unit_id,
    xliff_read,
)
from alignment.models import Segment, Statement, Version
from alignment.selectors import AlignedRow, statement_aligned
from alignment.services.editing import segment_edit
from alignment.services.hooks import after_alignment_change
from alignment.services.operations import OperationError

MAX_LISTED_ERRORS = 20


class XliffImportError(ValueError):
    """The XLIFF file was refused; nothing was changed.  The message lists every problem found."""


@dataclass
class XliffImport:
    statement: Statement
    source: Version
    target: Version
    units: int = 0
    edited: list[str] = field(default_factory=list)

    def summary(self) -> str:
        where = f"{self.statement.slug} [{self.source.language.code} -> {self.target.language.code}]"
        return f"{where}: {self.units} units read, {len(self.edited)} segments changed"


def _flat(text: str) -> str:
    return " ".join(text.split())


def _clean(text: str) -> str:
    return "\n".join(line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n"))


def _version(statement: Statement, code: str, what: str, name: str) -> Version:
    try:
        language = language_for_code(code)
    except UnknownLanguage as exc:
        raise XliffImportError(f"{name}, {what}: {exc}") from None
    version = statement.versions.select_related("language").filter(language=language).first()
    if version is None:
        raise XliffImportError(f"{name}, {what}: {statement.slug!r} has no version in {language.code!r}")
    return version


def _check(unit: XliffUnit, row: AlignedRow | None, source: Version, target: Version,
           where: str) -> tuple[list[tuple[Segment, str]], list[str]]:
    """The edits a unit asks for, or the reasons it cannot be applied."""
    if row is None:
        return [], [f"{where}: unknown unit id {unit.id!r} (no row of the statement starts with that segment)"]
    expected = PART_SEPARATOR.join(s.text for s in row.cell(source))
    if _flat(unit.source) != _flat(expected):
        return [], [f"{where}: the source text differs from the statement's {source.language.code} text "
                    "(the statement changed since the export, or the source was edited)"]
    cell = row.cell(target)
    if unit.target_keys is not None and unit.target_keys != [s.key for s in cell]:
        return [], [f"{where}: the row now holds the {target.language.code} segments "
                    f"{' '.join(s.key for s in cell) or '(none)'}, not {' '.join(unit.target_keys) or '(none)'}; "
                    "export again"]
    if unit.target is None:
        return [], []
    text = _clean(unit.target)
    if not cell:
        if text:
            return [], [f"{where}: the row has no {target.language.code} segment to change; "
                        "add the text in the editor"]
        return [], []
    parts = [_clean(part) for part in text.split(PART_SEPARATOR)]
    if len(parts) != len(cell):
        return [], [f"{where}: the target has {len(parts)} paragraph(s) separated by blank lines, the row "
                    f"holds {len(cell)} {target.language.code} segments; keep one paragraph per segment"]
    if any(not part for part in parts):
        return [], [f"{where}: an empty target; a segment cannot be empty"]
    return [(segment, part) for segment, part in zip(cell, parts) if part != segment.text], []


@transaction.atomic
def statement_import_xliff(*, data: bytes, user=None, name: str = "file.xlf", dry_run: bool = False) -> XliffImport:
    """Apply the changed targets of an XLIFF file exported by ``export_xliff``: all or nothing."""
    try:
        document = xliff_read(data, name=name)
    except XliffFormatError as exc:
        raise XliffImportError(str(exc)) from None
    statement = Statement.objects.filter(slug=document.original).first()
    if statement is None:
        raise XliffImportError(f"{name}: no statement with the slug {document.original!r} (<file original>)")
    source = _version(statement, document.src_lang, "srcLang", name)
    target = _version(statement, document.trg_lang, "trgLang", name)
    if source == target:
        raise XliffImportError(f"{name}: srcLang and trgLang denote the same language")
    aligned = statement_aligned(statement, [source, target])
    rows = {unit_id(row, source, target): row for row in aligned.rows}
    edits: list[tuple[Segment, str]] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for unit in document.units:
        where = f"{name}, line {unit.line}, unit {unit.id!r}"
        if unit.id in seen:
            errors.append(f"{where}: the unit id is used twice (first on line {seen[unit.id]})")
            continue
        seen[unit.id] = unit.line
        found, problems = _check(unit, rows.get(unit.id), source, target, where)
        edits.extend(found)
        errors.extend(problems)
    if errors:
        more = len(errors) - MAX_LISTED_ERRORS
        raise XliffImportError("\n".join(errors[:MAX_LISTED_ERRORS] + ([f"... and {more} more"] if more > 0 else [])))
    result = XliffImport(statement=statement, source=source, target=target, units=len(document.units))
    for segment, text in edits:
        try:
            segment_edit(segment=segment, text=text, by=user, revision=None)
        except OperationError as exc:
            raise XliffImportError(f"{name}, segment {segment.key}: {exc}") from None
        result.edited.append(segment.key)
    if result.edited:
        after_alignment_change(statement)
    if dry_run:
        transaction.set_rollback(True)
    return result
