"""Importing TEI documents (``import_tei``, the admin upload, restoring a backup).

A document is the truth for the statements it holds: each is created or updated to match
it — metadata, versions (a version the document lacks is deleted), segments by key
(kept, changed, added or deleted) and rows.  Everything happens in one transaction: any
error rolls all of it back and names the file and line.  A dry run does the whole import
and then rolls it back, so its report is exactly what a real import would do.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from alignment.exchange.tei import TeiFormatError, TeiStatement, TeiVersion, tei_parse
from alignment.models import Language, Segment, Statement, Version
from alignment.services.common import fields_set
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
    InvariantError,
    Row,
    invariants_check,
    positions_renumber,
    revision_bump,
    units_replace,
)

REASON = "import_tei"
_NEW_POSITIONS = 3_000_000  # new segments wait here, clear of positions_renumber's parking range
_KEY_MAX = Segment._meta.get_field("key").max_length


class TeiImportError(ValueError):
    """The document was refused and nothing was changed; the message names file and line."""


@dataclass
class StatementOutcome:
    slug: str
    action: str = "unchanged"  # created, updated or unchanged
    versions: list[int] = field(default_factory=lambda: [0, 0, 0])  # created, updated, deleted
    segments: list[int] = field(default_factory=lambda: [0, 0, 0])
    rows: int = 0
    rows_replaced: bool = False

    def summary(self) -> str:
        if self.action == "unchanged":
            return f"{self.slug}: unchanged"
        rows = f"{self.rows} rows" + (" replaced" if self.action == "updated" and self.rows_replaced else "")
        return (f"{self.slug}: {self.action}; versions {self.versions[0]} created, {self.versions[1]} updated, "
                f"{self.versions[2]} deleted; segments {self.segments[0]} created, {self.segments[1]} updated, "
                f"{self.segments[2]} deleted; {rows}")


@dataclass
class TeiImportReport:
    name: str
    dry_run: bool
    statements: list[StatementOutcome] = field(default_factory=list)
    changed: list[Statement] = field(default_factory=list)  # created or changed, for their QA refresh

    def count(self, action: str) -> int:
        return sum(1 for outcome in self.statements if outcome.action == action)

    def summary(self) -> str:
        head = (f"{'[dry run, nothing saved] ' if self.dry_run else ''}{self.name}: "
                f"{len(self.statements)} statement(s), {self.count('created')} created, "
                f"{self.count('updated')} updated, {self.count('unchanged')} unchanged")
        return "\n".join([head] + [outcome.summary() for outcome in self.statements])


def tei_import(*, data: bytes, name: str, dry_run: bool = False, user=None,
               max_bytes: int | None = None, refresh_qa: bool = True) -> TeiImportReport:
    """Import every statement of a TEI document or teiCorpus; all or nothing.
    ``max_bytes`` (default: the WORKBENCH_MAX_IMPORT_BYTES setting) lets an operator
    restore a backup larger than the limit for uploads.  The QA findings of every statement
    created or changed are refreshed in the same transaction; ``refresh_qa=False`` leaves that
    to the caller (``report.changed``), e.g. to time the two apart."""
    try:
        records = tei_parse(data, name=name, max_bytes=max_bytes or settings.WORKBENCH_MAX_IMPORT_BYTES)
    except TeiFormatError as exc:
        raise TeiImportError(str(exc)) from None
    languages = {language.code: language for language in Language.objects.all()}
    for record in records:
        for code, line in [(record.original_language, record.line)] + [(v.language, v.line) for v in record.versions]:
            if code and code not in languages:
                raise TeiImportError(f"{name}, line {line}: unknown language {code!r}; add it in the admin first")
    report = TeiImportReport(name=name, dry_run=dry_run)
    with transaction.atomic():
        existing = set(Statement.objects.select_for_update().filter(
            slug__in=[record.slug for record in records]).values_list("slug", flat=True))
        fresh = [record for record in records if record.slug not in existing]
        plans = [_plan(record, languages, name) for record in fresh]
        changed = statements_create(plans, user=user, reason=REASON)
        outcomes = {record.slug: _created_outcome(record) for record in fresh}
        for record in records:
            if record.slug in existing:
                work = _StatementImport(record, languages, user, name)
                outcomes[record.slug] = work.run()
                if outcomes[record.slug].action != "unchanged":
                    changed.append(work.statement)
            report.statements.append(outcomes[record.slug])
        report.changed = changed
        if refresh_qa:  # the QA findings follow the imported text and rows
            after_statements_change(changed)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _statement_values(record: TeiStatement, languages: dict[str, Language]) -> dict:
    return {
        "title": record.title, "date_issued": record.date_issued, "issuer": record.issuer,
        "author": record.author, "occasion": record.occasion, "source": record.source,
        "source_url": record.source_url, "published": record.published, "editorial_note": record.editorial_note,
        "original_language": languages.get(record.original_language),
    }


def _version_values(record: TeiVersion) -> dict:
    return {"title": record.title, "origin": record.origin, "translator": record.translator,
            "source_url": record.source_url, "status": record.status}


def _plan(record: TeiStatement, languages: dict[str, Language], name: str) -> StatementPlan:
    """A statement the database lacks, checked and ready for the bulk writer."""
    plan = StatementPlan(
        Statement(slug=record.slug, **_statement_values(record, languages)),
        {v.language: VersionPlan(Version(language=languages[v.language], approved_at=v.approved_at,
                                         **_version_values(v)),
                                 [SegmentPlan(s.key, s.kind, s.text, s.line) for s in v.segments], v.line)
         for v in record.versions},
        [RowPlan(row.members, row.status, row.score, row.note, row.confirmed_at) for row in record.rows],
        record.line,
    )
    try:
        plan_check(plan)
    except PlanError as exc:
        raise TeiImportError(f"{name}, line {exc.line or record.line}: {record.slug}: {exc}") from None
    return plan


def _created_outcome(record: TeiStatement) -> StatementOutcome:
    segments = sum(len(version.segments) for version in record.versions)
    return StatementOutcome(record.slug, "created", [len(record.versions), 0, 0], [segments, 0, 0], len(record.rows),
                            rows_replaced=True)


class _StatementImport:
    """Brings one statement in line with its record."""

    def __init__(self, record: TeiStatement, languages: dict[str, Language], user, name: str):
        self.record, self.languages, self.user, self.name = record, languages, user, name
        self.outcome = StatementOutcome(record.slug)
        self.statement: Statement | None = None
        self.versions: dict[str, Version] = {}

    def refuse(self, line: int, message: str) -> TeiImportError:
        return TeiImportError(f"{self.name}, line {line}: {message}")

    def save(self, obj, line: int) -> None:
        obj._history_user = self.user
        obj._change_reason = REASON
        try:
            obj.full_clean()
        except ValidationError as exc:
            problems = "; ".join(f"{key}: {' '.join(messages)}" for key, messages in exc.message_dict.items())
            raise self.refuse(line, f"{self.record.slug}: {problems}") from None
        obj.save()

    def run(self) -> StatementOutcome:
        record = self.record
        values = _statement_values(record, self.languages)
        statement = Statement.objects.get(slug=record.slug)  # locked by tei_import
        if fields_set(statement, values):
            self.save(statement, record.line)
            self.outcome.action = "updated"
        self.statement = statement
        resegmented = self.versions_sync()
        realigned = self.rows_sync(force=resegmented)
        if resegmented or realigned:
            revision_bump(statement)
        if self.outcome.action == "unchanged" and (resegmented or realigned or any(self.outcome.versions)):
            self.outcome.action = "updated"
        try:
            invariants_check(statement)
        except InvariantError as exc:
            raise self.refuse(record.line, str(exc)) from None
        return self.outcome

    def versions_sync(self) -> bool:
        """Versions and segments as in the record; True when segments changed."""
        existing = {v.language.code: v for v in self.statement.versions.select_related("language")}
        wanted = {version.language for version in self.record.versions}
        changed = False
        for code in sorted(set(existing) - wanted):
            version = existing.pop(code)
            version.segments.all().delete()  # their rows are rebuilt below
            version._history_user = self.user
            version.delete()
            self.outcome.versions[2] += 1
            changed = True
        for record in self.record.versions:
            version = existing.get(record.language)
            values = _version_values(record)
            keep_approval = version is not None and record.status == "approved"
            values["approved_at"] = record.approved_at or (version.approved_at if keep_approval else None)
            if version is None:
                version = Version(statement=self.statement, language=self.languages[record.language], **values)
                self.save(version, record.line)
                self.outcome.versions[0] += 1
            elif fields_set(version, values):
                if not keep_approval:
                    version.approved_by = None
                self.save(version, record.line)
                self.outcome.versions[1] += 1
            changed = self.segments_sync(version, record) or changed
            self.versions[record.language] = version
        return changed

    def segments_sync(self, version: Version, record: TeiVersion) -> bool:
        old = list(version.segments.order_by("position"))
        by_key = {segment.key: segment for segment in old}
        wanted = {segment.key for segment in record.segments}
        gone = [segment for segment in old if segment.key not in wanted]
        if gone:
            Segment.objects.filter(pk__in=[segment.pk for segment in gone]).delete()
        created, updated, ordered = [], [], []
        for index, item in enumerate(record.segments):
            if len(item.key) > _KEY_MAX:
                raise self.refuse(item.line, f"the segment key {item.key!r} is longer than {_KEY_MAX} characters")
            segment = by_key.get(item.key)
            if segment is None:
                # A fresh version takes its final positions at once; others park new segments first.
                segment = Segment(version=version, position=index if not old else _NEW_POSITIONS + index, key=item.key,
                                  kind=item.kind, text=item.text)
                created.append(segment)
            elif fields_set(segment, {"text": item.text, "kind": item.kind}):
                updated.append(segment)
            ordered.append(segment)
        if updated:
            bulk_update_with_history(updated, Segment, ["text", "kind"], default_user=self.user,
                                     default_change_reason=REASON)
        if created:
            bulk_create_with_history(created, Segment, default_user=self.user, default_change_reason=REASON)
            if any(segment.pk is None for segment in created):  # backends that return no ids
                fresh = {s.key: s for s in version.segments.filter(key__in=[c.key for c in created])}
                ordered = [fresh[s.key] if s.pk is None else s for s in ordered]
        reordered = [s.key for s in old if s.key in wanted] != [s.key for s in ordered if s.key in by_key]
        positions_renumber(Segment, ordered)
        # Keys are never reused: the next new segment continues after the highest imported key.
        numbers = [int(s.key.rsplit("-", 1)[1]) for s in ordered if s.key.startswith(f"{version.language.code}-")]
        next_key = max([version.next_key] + [n + 1 for n in numbers])
        if next_key != version.next_key:
            Version.objects.filter(pk=version.pk).update(next_key=next_key)
            version.next_key = next_key
        counts = self.outcome.segments
        counts[0], counts[1], counts[2] = counts[0] + len(created), counts[1] + len(updated), counts[2] + len(gone)
        return bool(gone or created or updated or reordered)

    def rows_sync(self, *, force: bool) -> bool:
        """Rows as in the record; True when they were replaced.  A row that keeps its
        segments and status keeps who confirmed it (users are not part of the format)."""
        segments = {code: {s.key: s for s in version.segments.all()} for code, version in self.versions.items()}
        units = list(self.statement.units.order_by("position"))
        current: dict[int, set] = {unit.pk: set() for unit in units}
        for code, key, unit_id in Segment.objects.filter(version__statement=self.statement).values_list(
                "version__language__code", "key", "unit_id"):
            current.setdefault(unit_id, set()).add((code, key))
        by_membership = {frozenset(current[unit.pk]): unit for unit in units}
        rows, memberships = [], []
        for item in self.record.rows:
            membership = frozenset((code, key) for code, keys in item.members.items() for key in keys)
            old = by_membership.get(membership)
            keep = old is not None and old.status == item.status
            cells = {self.versions[code].pk: [segments[code][key] for key in keys]
                     for code, keys in item.members.items()}
            rows.append(Row(
                cells, status=item.status, score=item.score, note=item.note,
                confirmed_by_id=old.confirmed_by_id if keep else None,
                confirmed_at=item.confirmed_at or (old.confirmed_at if keep else None),
            ))
            memberships.append(membership)
        self.outcome.rows = len(rows)
        same = len(units) == len(rows) and all(
            current[unit.pk] == membership
            and (unit.status, unit.score, unit.note, unit.confirmed_at)
            == (row.status, row.score, row.note, row.confirmed_at)
            for unit, membership, row in zip(units, memberships, rows)
        )
        if same and not force:
            return False
        units_replace(statement=self.statement, rows=rows, user=self.user, reason=REASON)
        self.outcome.rows_replaced = True
        return True
