"""Creating whole statements in bulk: what imports do with statements the database lacks.

An import that restores a backup creates thousands of statements; going through the ORM one
object at a time (validation queries, renumbering, re-pointing segments to rows, a history
row per save) managed under a thousand segments a second.  Here the caller hands over plans
that are complete and checked (each statement with its versions, their segments in order and
the rows linking them), and everything is written at its final place in a handful of bulk
writes per model, history rows included.  The four invariants are verified on the plans
before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from alignment.models import AlignmentUnit, Segment, Statement, Version
from alignment.services.bulk import rows_insert
from alignment.services.units import InvariantError, invariants_verify
from alignment.textfold import fold


class PlanError(ValueError):
    """A plan cannot be written.  The message does not name the statement; ``line`` (0 when
    unknown) and ``language`` (None for the statement itself) say where the problem is."""

    def __init__(self, message: str, line: int = 0, language: str | None = None):
        super().__init__(message)
        self.line, self.language = line, language


@dataclass
class SegmentPlan:
    key: str
    kind: str
    text: str
    line: int = 0


@dataclass
class VersionPlan:
    version: Version  # unsaved; its statement is set when written
    segments: list[SegmentPlan]
    line: int = 0


@dataclass
class RowPlan:
    members: dict[str, list[str]]  # language code -> segment keys, in text order
    status: str = AlignmentUnit.Status.AUTO
    score: float | None = None
    note: str = ""
    confirmed_at: dt.datetime | None = None


@dataclass
class StatementPlan:
    statement: Statement  # unsaved
    versions: dict[str, VersionPlan]  # by language code
    rows: list[RowPlan] = field(default_factory=list)
    line: int = 0


_STATEMENT = ("slug", "title", "date_issued", "issuer", "author", "occasion", "source", "source_url",
              "original_language_id", "published", "editorial_note", "alignment_revision", "created_at", "updated_at")
_VERSION = ("statement_id", "language_id", "title", "origin", "translator", "source_url", "status", "approved_by_id",
            "approved_at", "next_key")
_UNIT = ("statement_id", "position", "status", "score", "note", "confirmed_by_id", "confirmed_at")
_SEGMENT = ("version_id", "position", "key", "kind", "text", "unit_id", "folded")
_MANY = 5000  # segments: from here on an import is a bulk load for the full-text index
_RESOLVED = ["statement", "language", "original_language", "approved_by"]
_KINDS = frozenset(Segment.Kind.values)
_KEY_MAX = Segment._meta.get_field("key").max_length


def _validate(obj, line: int, language: str | None = None) -> None:
    """Field validation without queries: the caller resolved the foreign keys, and uniqueness
    and constraints are the database's to enforce."""
    try:
        obj.full_clean(exclude=_RESOLVED, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        problems = "; ".join(f"{key}: {' '.join(messages)}" for key, messages in exc.message_dict.items())
        raise PlanError(problems, line, language) from None


def plan_check(plan: StatementPlan) -> None:
    """Everything that can be wrong with a plan, before anything is written."""
    slug = plan.statement.slug
    _validate(plan.statement, plan.line)
    for code, version_plan in plan.versions.items():
        _validate(version_plan.version, version_plan.line, code)
        for segment in version_plan.segments:
            problem = (f"the segment key {segment.key!r} is longer than {_KEY_MAX} characters"
                       if len(segment.key) > _KEY_MAX else f"the segment {segment.key} has no text" if not segment.text
                       else f"the segment {segment.key} has an unknown kind {segment.kind!r}"
                       if segment.kind not in _KINDS else None)
            if problem:
                raise PlanError(problem, segment.line, code)
    row_of: dict[tuple[str, str], int] = {}
    for index, row in enumerate(plan.rows):
        for code, keys in row.members.items():
            for key in keys:
                row_of[(code, key)] = index
    cells = {
        code: [(position, row_of.get((code, segment.key)), segment.key)
               for position, segment in enumerate(version_plan.segments)]
        for code, version_plan in plan.versions.items()
    }
    known = {(code, s.key) for code, v in plan.versions.items() for s in v.segments}
    strays = [f"{code}:{key}" for code, key in row_of if (code, key) not in known]
    try:
        if strays:
            raise InvariantError(f"{slug}: rows name segments the versions lack: {', '.join(sorted(strays)[:5])}")
        invariants_verify(slug, [(index, index) for index in range(len(plan.rows))], cells)
    except InvariantError as exc:
        raise PlanError(str(exc).removeprefix(f"{slug}: "), plan.line) from None


def statements_create(plans: Sequence[StatementPlan], *, user=None, reason: str = "",
                      history: bool = True) -> list[Statement]:
    """Write checked plans (see :func:`plan_check`) with their history (unless ``history`` is
    False: synthetic data); call inside a transaction."""
    now = timezone.now()
    statements = [plan.statement for plan in plans]
    for statement in statements:
        statement.alignment_revision, statement.created_at, statement.updated_at = 1, now, now
    _assign(statements, rows_insert(Statement, _STATEMENT, [_values(s, _STATEMENT) for s in statements],
                                    user=user, reason=reason, history=history))
    versions = []
    for plan in plans:
        for code, version_plan in plan.versions.items():
            version = version_plan.version
            version.statement = plan.statement
            numbers = [int(s.key.rsplit("-", 1)[1]) for s in version_plan.segments if s.key.startswith(f"{code}-")]
            version.next_key = max([version.next_key or 1] + [n + 1 for n in numbers])
            versions.append(version)
    _assign(versions, rows_insert(Version, _VERSION, [_values(v, _VERSION) for v in versions],
                                  user=user, reason=reason, history=history))
    units = [(plan.statement.pk, position, row.status, row.score, row.note, None, row.confirmed_at)
             for plan in plans for position, row in enumerate(plan.rows)]
    unit_ids = iter(rows_insert(AlignmentUnit, _UNIT, units, user=user, reason=reason, history=history))
    segments = []
    for plan in plans:
        row_ids = [next(unit_ids) for _ in plan.rows]
        unit_of = {(code, key): row_ids[index]
                   for index, row in enumerate(plan.rows) for code, keys in row.members.items() for key in keys}
        for code, version_plan in plan.versions.items():
            version_id = version_plan.version.pk
            segments.extend((version_id, position, s.key, s.kind, s.text, unit_of[(code, s.key)], fold(s.text))
                            for position, s in enumerate(version_plan.segments))
    if len(segments) >= _MANY:
        _bulk_load_mode()
    rows_insert(Segment, _SEGMENT, segments, user=user, reason=reason, history=history)
    return statements


def _bulk_load_mode() -> None:
    """The full-text index takes new rows into its pending list and merges them into the
    index when the list is full; a large list lets the merge happen later, in autovacuum,
    instead of inside the import (searches read the pending list meanwhile)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL gin_pending_list_limit = '64MB'")


def _values(obj, names: Sequence[str]) -> tuple:
    return tuple(getattr(obj, name) for name in names)


def _assign(objects: Sequence, ids: Sequence[int]) -> None:
    for obj, pk in zip(objects, ids):
        obj.pk = pk
        obj._state.adding = False
