"""Building and updating the database from the corpus folders (``load_corpus``)."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from alignment.exchange.corpusfiles import (
    CorpusFormatError,
    StatementFolder,
    VersionText,
    read_corpus_dir,
)
from alignment.models import Language, Segment, Statement, Version
from alignment.services.common import fields_set, save_validated
from alignment.services.hooks import after_statements_change
from alignment.services.newstatements import (
    PlanError,
    RowPlan,
    SegmentPlan,
    StatementPlan,
    VersionPlan,
    plan_check,
    statements_create,
)
from alignment.services.units import (
    invariants_check,
    positions_renumber,
    revision_bump,
    rows_from_beads,
    units_replace,
)

_PARKED = 1_000_000  # where new segments wait before renumbering
STATEMENT_FIELDS = ("title", "issuer", "author", "occasion", "source", "source_url", "published", "editorial_note")


@dataclass
class LoadReport:
    statements_created: int = 0
    statements_updated: int = 0
    versions_created: int = 0
    versions_updated: int = 0
    segments_created: int = 0
    segments_updated: int = 0
    segments_deleted: int = 0
    realigned: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"statements: {self.statements_created} created, {self.statements_updated} updated; "
            f"versions: {self.versions_created} created, {self.versions_updated} updated; "
            f"segments: {self.segments_created} created, {self.segments_updated} updated, "
            f"{self.segments_deleted} deleted; rows rebuilt for {len(self.realigned)} statement(s)"
        )


def _statement_values(folder: StatementFolder, languages: dict[str, Language]) -> dict:
    meta = folder.metadata
    where = f"{folder.slug}/statement.json"
    try:
        date_issued = dt.date.fromisoformat(meta["date_issued"])
    except (TypeError, ValueError):
        raise CorpusFormatError(f"{where}: date_issued {meta['date_issued']!r} is not YYYY-MM-DD") from None
    original = meta.get("original_language") or ""
    if original and original not in languages:
        raise CorpusFormatError(f"{where}: unknown original_language {original!r}")
    values = {name: meta.get(name, "") for name in STATEMENT_FIELDS}
    values["published"] = bool(meta.get("published", False))
    values["date_issued"] = date_issued
    values["original_language"] = languages.get(original)
    return values


def _version_values(text: VersionText) -> dict:
    header = text.header
    origin = header.get("origin", Version.Origin.DRAFT)
    if origin not in Version.Origin.values:
        raise CorpusFormatError(f"{text.language}.txt: unknown origin {origin!r}")
    return {
        "title": header["title"], "origin": origin,
        "translator": header.get("credit", ""), "source_url": header.get("source_url", ""),
    }


def _sync_segments(version: Version, text: VersionText, report: LoadReport, user) -> bool:
    """Make the version's segments equal the file's; keep keys where a segment survives.
    Returns True when segmentation changed (segments added or removed)."""
    old = list(version.segments.order_by("position"))
    new = text.segments
    matcher = difflib.SequenceMatcher(a=[s.text for s in old], b=[s.text for s in new], autojunk=False)
    keep: list[Segment | None] = [None] * len(new)
    deleted: list[Segment] = []
    updated: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for old_seg, j in zip(old[i1:i2], range(j1, j2)):
                keep[j] = old_seg
                if fields_set(old_seg, {"text": new[j].text, "kind": new[j].kind}):
                    updated.append(old_seg)
        else:
            deleted.extend(old[i1:i2])
    if deleted:
        Segment.objects.filter(pk__in=[s.pk for s in deleted]).delete()
        report.segments_deleted += len(deleted)
    if updated:
        bulk_update_with_history(updated, Segment, ["text", "kind"], default_user=user)
        report.segments_updated += len(updated)
    created = []
    for j, seg in enumerate(keep):
        if seg is None:
            key = f"{version.language.code}-{version.next_key}"
            version.next_key += 1
            # A fresh version takes its final positions at once; others park new segments first.
            seg = Segment(version=version, position=j if not old else _PARKED + j, key=key, kind=new[j].kind,
                          text=new[j].text)
            created.append(seg)
            keep[j] = seg
    if created:
        Version.objects.filter(pk=version.pk).update(next_key=version.next_key)
        bulk_create_with_history(created, Segment, default_user=user)
        if any(seg.pk is None for seg in created):  # backends that return no ids
            by_key = {seg.key: seg for seg in version.segments.filter(key__in=[c.key for c in created])}
            keep = [by_key.get(seg.key, seg) if seg.pk is None else seg for seg in keep]
        report.segments_created += len(created)
    positions_renumber(Segment, keep)
    return bool(deleted or created)


def _language(folder: StatementFolder, code: str, languages: dict[str, Language]) -> Language:
    if code not in languages:
        raise CorpusFormatError(f"{folder.slug}/{code}.txt: unknown language {code!r}; add it in the admin first")
    return languages[code]


def _new_version(folder: StatementFolder, code: str, text: VersionText, language: Language) -> Version:
    """An unsaved version from its file (the status is only read when the version is created)."""
    status = text.header.get("status", Version.Status.DRAFT)
    if status not in Version.Status.values:
        raise CorpusFormatError(f"{folder.slug}/{code}.txt: unknown status {status!r}")
    return Version(language=language, status=status, **_version_values(text))


def _plan(folder: StatementFolder, languages: dict[str, Language]) -> StatementPlan | None:
    """A statement the database lacks, for the bulk writer: only when its reference alignment
    covers every version (otherwise the aligner builds its rows, on the one-by-one path)."""
    if not folder.gold or set(folder.gold[0]) != set(folder.versions):
        return None
    versions = {}
    for code, text in folder.versions.items():
        version = _new_version(folder, code, text, _language(folder, code, languages))
        segments = [SegmentPlan(f"{code}-{n}", segment.kind, segment.text)
                    for n, segment in enumerate(text.segments, start=1)]
        versions[code] = VersionPlan(version, segments)
    codes, beads = folder.gold
    rows = [RowPlan({code: [f"{code}-{i + 1}" for i in side] for code, side in zip(codes, bead.sides) if side})
            for bead in beads]
    plan = StatementPlan(Statement(slug=folder.slug, **_statement_values(folder, languages)), versions, rows)
    try:
        plan_check(plan)
    except PlanError as exc:
        where = "statement.json" if exc.language is None else f"{exc.language}.txt"
        raise CorpusFormatError(f"{folder.slug}/{where}: {exc}") from None
    return plan


def statement_load(folder: StatementFolder, languages: dict[str, Language], report: LoadReport, user=None) -> Statement:
    values = _statement_values(folder, languages)
    statement = Statement.objects.filter(slug=folder.slug).first()
    if statement is None:
        statement = Statement(slug=folder.slug, **values)
        save_validated(statement, user)
        report.statements_created += 1
    elif fields_set(statement, values):
        save_validated(statement, user)
        report.statements_updated += 1
    resegmented = False
    touched = False
    versions = {v.language.code: v for v in statement.versions.select_related("language")}
    for code, text in folder.versions.items():
        language = _language(folder, code, languages)
        version = versions.get(code)
        version_values = _version_values(text)
        if version is None:
            version = _new_version(folder, code, text, language)
            version.statement = statement
            save_validated(version, user)
            versions[code] = version
            report.versions_created += 1
        elif fields_set(version, version_values):
            save_validated(version, user)
            report.versions_updated += 1
        before = report.segments_updated
        resegmented |= _sync_segments(version, text, report, user)
        touched |= report.segments_updated != before
    if resegmented or not statement.units.exists():
        _rows_rebuild(statement, folder, versions, user)
        report.realigned.append(statement.slug)
    if resegmented or touched:
        revision_bump(statement)
    invariants_check(statement)
    return statement


def _rows_rebuild(statement: Statement, folder: StatementFolder, versions: dict[str, Version], user) -> None:
    """Rows from the reference alignment when it covers every version, else from the aligner."""
    segments = {v.pk: list(v.segments.order_by("position")) for v in versions.values()}
    if folder.gold and set(folder.gold[0]) == set(versions):
        ordered = [versions[code] for code in folder.gold[0]]
        rows = rows_from_beads(folder.gold[1], ordered, segments, with_scores=False)
    else:
        from alignment.services.aligning import rows_align

        rows = rows_align(list(versions.values()), segments)
    units_replace(statement=statement, rows=rows, user=user, reason="load_corpus")


@transaction.atomic
def corpus_load(*, root: Path, user=None, dry_run: bool = False) -> LoadReport:
    """Load every statement folder under ``root``; all or nothing."""
    folders = read_corpus_dir(Path(root))
    languages = {language.code: language for language in Language.objects.all()}
    report = LoadReport()
    existing = set(Statement.objects.filter(slug__in=[f.slug for f in folders]).values_list("slug", flat=True))
    plans = {folder.slug: _plan(folder, languages) for folder in folders if folder.slug not in existing}
    created = statements_create([plan for plan in plans.values() if plan], user=user, reason="load_corpus")
    for plan in filter(None, plans.values()):
        report.statements_created += 1
        report.versions_created += len(plan.versions)
        report.segments_created += sum(len(version.segments) for version in plan.versions.values())
        report.realigned.append(plan.statement.slug)
    for folder in folders:
        if not plans.get(folder.slug):
            created.append(statement_load(folder, languages, report, user))
    after_statements_change(created)  # every statement loaded: its QA findings follow its rows
    if dry_run:
        transaction.set_rollback(True)
    return report

