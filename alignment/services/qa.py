"""QA findings of a statement's rows: recomputing them after edits, dismissing them.

Findings are derived data: ``qa_refresh`` recomputes them from the current
rows and writes only the difference, so the findings of untouched rows keep
their ids.  A dismissal refers to a finding's *fingerprint* (statement, check,
the row's segment keys and the stable subject of the finding), which survives
the recreation of rows (an editor operation that changes a row's segments
gives it a new id, and undo recreates rows); a dismissed finding is not
stored again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history

from alignment.models import (
    AlignmentUnit,
    ProblemReport,
    QADismissal,
    QAFinding,
    Segment,
    Statement,
    Version,
)
from alignment.quality.checks import Finding, RowInput, Seg, length_models, row_findings
from alignment.services.post_editing import VersionEffort, statement_post_editing


class QAError(ValueError):
    """A QA request that cannot be carried out; nothing was changed."""


@dataclass
class StatementRows:
    """The statement's rows as check input, with where each segment's predecessor lies."""

    unit_ids: list[int]  # in position order
    rows: list[RowInput]
    previous_rows: list[set[int]] = field(default_factory=list)  # row indices holding each row's predecessors


@dataclass
class RefreshResult:
    rows: int = 0
    created: int = 0
    deleted: int = 0
    kept: int = 0


def fingerprint(slug: str, check: str, keys: Iterable[str], subject: str) -> str:
    """Stable identity of a finding: the same problem in the same segments keeps its fingerprint
    when rows are recreated, so a dismissal still applies to it."""
    data = "\x1f".join([slug, check, ",".join(sorted(keys)), " ".join(subject.split())])
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def statement_rows(statement: Statement) -> StatementRows:
    """Load every row with its segments (three queries) and link each row to its neighbours."""
    return _rows_of({statement.pk: statement})[statement.pk]


def _rows_of(statements: dict[int, Statement]) -> dict[int, StatementRows]:
    """:func:`statement_rows` of several statements (by id) in the same three queries."""
    units: dict[int, list[tuple]] = {pk: [] for pk in statements}
    for statement_id, *unit in AlignmentUnit.objects.filter(statement_id__in=statements).order_by(
            "statement_id", "position").values_list("statement_id", "pk", "status", "score", "note"):
        units[statement_id].append(tuple(unit))
    versions: dict[int, list[tuple]] = {pk: [] for pk in statements}
    owner = {}
    in_batch = Version.objects.filter(statement_id__in=statements).order_by()
    for pk, statement_id, language_id, code in in_batch.values_list("pk", "statement_id", "language_id",
                                                                    "language__code"):
        versions[statement_id].append((pk, language_id, code))
        owner[pk] = statement_id
    segments: dict[int, list[tuple]] = {pk: [] for pk in statements}
    for row in Segment.objects.filter(version_id__in=owner).order_by("version_id", "position").values_list(
            "unit_id", "version_id", "key", "kind", "text"):
        segments[owner[row[1]]].append(row)
    return {pk: _rows_build(units[pk], versions[pk], segments[pk], statement.original_language_id)
            for pk, statement in statements.items()}


def _lock(pks) -> None:
    """Serialise refreshes of a statement, so two requests cannot store a finding twice."""
    list(Statement.objects.select_for_update().filter(pk__in=pks).order_by("pk").values_list("pk", flat=True))


def _dismissed(pks) -> dict[int, set[str]]:
    dismissed: dict[int, set[str]] = {pk: set() for pk in pks}
    for statement_id, mark in QADismissal.objects.filter(statement_id__in=pks).values_list(
            "statement_id", "fingerprint"):
        dismissed[statement_id].add(mark)
    return dismissed


def _rows_build(units: list[tuple], versions: list[tuple], segments: Iterable[tuple],
                original: int | None) -> StatementRows:
    """Rows from (id, status, score, note) in position order, versions as (id, language id,
    code), and segments as (row id, version id, key, kind, text) in version and position order."""

    def column(version: tuple[int, int, str]) -> tuple[bool, str]:
        # Columns in the editor's order: the original language (else English) first, then by code.
        _, language_id, code = version
        return (language_id != original if original else code != "en"), code

    codes = {pk: code for pk, _, code in sorted(versions, key=column)}
    index = {pk: i for i, (pk, *_) in enumerate(units)}
    rows = [RowInput({code: [] for code in codes.values()}, status=status, score=score, note=note)
            for _, status, score, note in units]
    sequence: dict[int, list[tuple[int, Seg]]] = {pk: [] for pk in codes}
    for unit_id, version_id, key, kind, text in segments:
        if unit_id not in index:
            continue
        seg = Seg(key, kind, text)
        rows[index[unit_id]].cells[codes[version_id]].append(seg)
        sequence[version_id].append((index[unit_id], seg))
    previous_rows: list[set[int]] = [set() for _ in units]
    for version_id, members in sequence.items():
        code = codes[version_id]
        for (row_before, seg_before), (row_after, seg_after) in zip(members, members[1:]):
            if row_before != row_after:
                rows[row_before].next_segments[code] = seg_after
                previous_rows[row_after].add(row_before)
    return StatementRows([pk for pk, *_ in units], rows, previous_rows)


def _targets(loaded: StatementRows, units: Sequence[AlignmentUnit] | None) -> list[int]:
    if units is None:
        return list(range(len(loaded.unit_ids)))
    index = {pk: i for i, pk in enumerate(loaded.unit_ids)}
    chosen = {index[unit.pk] for unit in units if unit.pk in index}
    # A row's own edit can make or unmake a broken-segmentation finding on the row before it.
    for i in list(chosen):
        chosen |= loaded.previous_rows[i]
    return sorted(chosen)


@transaction.atomic
def qa_refresh(*, statement: Statement, units: Sequence[AlignmentUnit] | None = None) -> RefreshResult:
    """Recompute the findings of ``units`` (and the rows just before them), or of every row.

    The checks run on the whole statement in memory (the length model is fitted
    on all its rows); only findings that appeared, vanished or changed are
    written.  A constant number of queries whatever the statement's size.
    """
    _lock([statement.pk])
    loaded = statement_rows(statement)
    targets = _targets(loaded, units)
    wanted = _wanted(statement, loaded, targets, _dismissed([statement.pk])[statement.pk])
    existing = QAFinding.objects.filter(statement=statement).order_by()
    if units is not None:
        existing = existing.filter(unit_id__in=[loaded.unit_ids[i] for i in targets])
    return _store(wanted, existing.values_list("pk", "unit_id", "fingerprint", "severity", "message"), len(targets))


@transaction.atomic
def qa_refresh_many(statements: Sequence[Statement], *, batch: int = 100) -> RefreshResult:
    """:func:`qa_refresh` of every row of many statements (after an import), reading and
    writing a batch of statements at a time: eight queries per batch, not per statement."""
    total = RefreshResult()
    for start in range(0, len(statements), batch):
        part = {statement.pk: statement for statement in statements[start:start + batch]}
        _lock(part)
        dismissed = _dismissed(part)
        wanted: dict[tuple[int, str], QAFinding] = {}
        rows = 0
        for pk, loaded in _rows_of(part).items():
            wanted.update(_wanted(part[pk], loaded, range(len(loaded.unit_ids)), dismissed[pk]))
            rows += len(loaded.unit_ids)
        stored = QAFinding.objects.filter(statement_id__in=part).order_by().values_list(
            "pk", "unit_id", "fingerprint", "severity", "message")
        result = _store(wanted, stored, rows)
        for name in ("rows", "created", "deleted", "kept"):
            setattr(total, name, getattr(total, name) + getattr(result, name))
    return total


def _wanted(statement: Statement, loaded: StatementRows, targets: Iterable[int],
            dismissed: set[str]) -> dict[tuple[int, str], QAFinding]:
    """The findings the checks make of the ``targets`` rows, less the dismissed ones."""
    models = length_models(loaded.rows)
    wanted: dict[tuple[int, str], QAFinding] = {}
    for i in targets:
        unit_id, row = loaded.unit_ids[i], loaded.rows[i]
        for found in row_findings(row, models):
            mark = fingerprint(statement.slug, found.check, row.keys, found.subject)
            if mark not in dismissed:
                wanted[(unit_id, mark)] = _finding(statement, unit_id, found, mark)
    return wanted


def _store(wanted: dict[tuple[int, str], QAFinding], stored: Iterable[tuple], rows: int) -> RefreshResult:
    """Keep the stored findings still wanted, delete the others, create the new ones."""
    stale, kept = [], 0
    for pk, unit_id, mark, severity, message in stored:
        new = wanted.get((unit_id, mark))
        if new is not None and (new.severity, new.message) == (severity, message) and new.pk is None:
            new.pk = pk  # unchanged: keep the stored one
            kept += 1
        else:
            stale.append(pk)
    if stale:
        QAFinding.objects.filter(pk__in=stale).delete()
    created = [finding for finding in wanted.values() if finding.pk is None]
    QAFinding.objects.bulk_create(created, batch_size=1000)
    return RefreshResult(rows=rows, created=len(created), deleted=len(stale), kept=kept)


def _finding(statement: Statement, unit_id: int, found: Finding, mark: str) -> QAFinding:
    return QAFinding(statement=statement, unit_id=unit_id, check_name=found.check, severity=found.severity,
                     message=found.message, fingerprint=mark)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise QAError("Give a reason for dismissing the finding(s); it is kept in the history.")
    return reason


@transaction.atomic
def qa_dismiss_many(*, findings: Sequence[QAFinding], reason: str, by) -> list[QADismissal]:
    """Dismiss several findings with one reason (all or nothing; a constant number of queries)."""
    reason = _reason(reason)
    findings = list(findings)
    if not findings:
        raise QAError("No finding was selected.")
    flagged = [f for f in findings if f.check_name == "flagged"]
    if flagged:
        raise QAError(f"{len(flagged)} of the selected findings are rows flagged by an editor: "
                      "clear the flag in the editor instead of dismissing it.")
    by_mark = {(f.statement_id, f.fingerprint): f for f in findings}
    already = set(QADismissal.objects.filter(fingerprint__in=[f.fingerprint for f in findings])
                  .values_list("statement_id", "fingerprint"))
    user = by if getattr(by, "pk", None) else None
    dismissals = [
        QADismissal(statement_id=f.statement_id, fingerprint=f.fingerprint, check_name=f.check_name,
                    message=f.message, reason=reason, dismissed_by=user)
        for key, f in by_mark.items() if key not in already
    ]
    for dismissal in dismissals:  # field checks only: no query per finding
        dismissal.clean_fields(exclude=["statement", "dismissed_by"])
    created = bulk_create_with_history(dismissals, QADismissal, default_user=user,
                                       default_change_reason=f"dismissed: {reason}"[:100])
    QAFinding.objects.filter(fingerprint__in=[f.fingerprint for f in findings],
                             statement_id__in={f.statement_id for f in findings}).delete()
    return created


def qa_dismiss(*, finding: QAFinding, reason: str, by) -> QADismissal | None:
    """Dismiss one finding: it stops being reported until the dismissal is removed."""
    created = qa_dismiss_many(findings=[finding], reason=reason, by=by)
    return created[0] if created else None


@transaction.atomic
def qa_undismiss(*, dismissal: QADismissal, by) -> RefreshResult:
    """Remove a dismissal (recorded in its history) and report the finding again if it still holds."""
    statement = dismissal.statement
    dismissal._history_user = by if getattr(by, "pk", None) else None
    dismissal.delete()
    return qa_refresh(statement=statement)


@transaction.atomic
def problem_reports_resolve(*, reports: Iterable[ProblemReport], resolved: bool = True) -> int:
    """Mark readers' problem reports as resolved (or open again)."""
    return ProblemReport.objects.filter(pk__in=[report.pk for report in reports]).update(resolved=resolved)


@dataclass
class StatementQA:
    """What ``qa_report`` prints for one statement."""

    statement: Statement
    findings: list[QAFinding]
    dismissed: int
    keys: dict[int, list[str]] = field(default_factory=dict)  # unit id -> segment keys
    effort: list[VersionEffort] = field(default_factory=list)


def qa_report_build(
    *, slugs: Sequence[str] | None = None, refresh: bool = True, checks: Sequence[str] | None = None,
    min_severity: int = QAFinding.Severity.INFO, effort: bool = True,
) -> list[StatementQA]:
    """Findings (refreshed first unless told not to) and post-editing effort per statement."""
    statements = Statement.objects.order_by("date_issued", "slug")
    statements = list(statements.filter(slug__in=slugs) if slugs else statements)
    unknown = sorted(set(slugs or ()) - {s.slug for s in statements})
    if unknown:
        raise QAError(f"Unknown statement(s): {', '.join(unknown)}.")
    reports = []
    for statement in statements:
        if refresh:
            qa_refresh(statement=statement)
        findings = QAFinding.objects.filter(statement=statement, severity__gte=min_severity).select_related("unit")
        if checks:
            findings = findings.filter(check_name__in=checks)
        keys: dict[int, list[str]] = {}
        for unit_id, key in Segment.objects.filter(version__statement=statement).values_list("unit_id", "key"):
            keys.setdefault(unit_id, []).append(key)
        reports.append(StatementQA(
            statement, list(findings.order_by("-severity", "unit__position", "check_name", "id")),
            QADismissal.objects.filter(statement=statement).count(), keys,
            statement_post_editing(statement) if effort else [],
        ))
    return reports
