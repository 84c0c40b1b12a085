"""Low-level writes on a statement's rows shared by every service: rebuilding rows from
beads, renumbering, bumping the revision, and checking the invariants of DESIGN.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import F
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from alignment.models import AlignmentUnit, Segment, Statement, Version


class InvariantError(AssertionError):
    """The alignment of a statement broke one of the four invariants."""


@dataclass
class Row:
    """A row to be stored: segments per version id, with status and score."""

    segments: dict[int, list[Segment]]
    status: str = AlignmentUnit.Status.AUTO
    score: float | None = None
    note: str = ""
    confirmed_by_id: int | None = None
    confirmed_at: object = None


def revision_bump(statement: Statement) -> int:
    """Increment the optimistic-locking revision without writing a history row."""
    Statement.objects.filter(pk=statement.pk).update(alignment_revision=F("alignment_revision") + 1)
    statement.refresh_from_db(fields=["alignment_revision"])
    return statement.alignment_revision


def rows_from_beads(
    beads: Sequence, versions: Sequence[Version], segments_by_version: dict[int, list[Segment]], *,
    status: str = AlignmentUnit.Status.AUTO, with_scores: bool = True,
) -> list[Row]:
    """Turn beads (one index list per version, in ``versions`` order) into rows."""
    rows = []
    for bead in beads:
        members = {
            version.pk: [segments_by_version[version.pk][i] for i in side]
            for version, side in zip(versions, bead.sides)
            if side
        }
        rows.append(Row(members, status=status, score=round(bead.score, 4) if with_scores else None))
    return rows


_ROW_FIELDS = ("status", "score", "note", "confirmed_by_id", "confirmed_at")


def units_replace(*, statement: Statement, rows: Sequence[Row], user=None, reason: str = "") -> list[AlignmentUnit]:
    """Make the statement's rows equal ``rows``.

    A row holding exactly the segments of an existing row keeps that row (its id and
    history); only new, changed and vanished rows are written, so an edit of one row of a
    long statement costs a few writes, not one per row."""
    existing = {unit.pk: unit for unit in statement.units.all()}
    members: dict[int, set[int]] = {}
    for unit_id, segment_id in Segment.objects.filter(version__statement=statement).values_list("unit_id", "pk"):
        members.setdefault(unit_id, set()).add(segment_id)
    by_members = {frozenset(ids): existing[unit_id] for unit_id, ids in members.items() if unit_id in existing}
    park = max((unit.position for unit in existing.values()), default=0) + 1
    units: list[AlignmentUnit] = []
    created: list[AlignmentUnit] = []
    updated: list[AlignmentUnit] = []
    for row in rows:
        values = {name: getattr(row, name) for name in _ROW_FIELDS}
        unit = by_members.pop(frozenset(s.pk for cell in row.segments.values() for s in cell), None)
        if unit is None:
            unit = AlignmentUnit(statement=statement, position=park + len(created), **values)
            created.append(unit)
        elif any(getattr(unit, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(unit, name, value)
            updated.append(unit)
        units.append(unit)
    if created:
        bulk_create_with_history(created, AlignmentUnit, default_user=user, default_change_reason=reason)
    if updated:
        bulk_update_with_history(updated, AlignmentUnit, [n.replace("_id", "") for n in _ROW_FIELDS],
                                 default_user=user, default_change_reason=reason)
    # Re-point the segments that change rows: one plain UPDATE per receiving row. Which row a
    # segment is in is recorded by the operation log and the rows' own history.
    moved: dict[int, list[int]] = {}
    for unit, row in zip(units, rows):
        for cell in row.segments.values():
            for segment in cell:
                if segment.unit_id != unit.pk:
                    segment.unit_id = unit.pk
                    moved.setdefault(unit.pk, []).append(segment.pk)
    _segments_repoint(moved)
    kept = {unit.pk for unit in units}
    stale = [pk for pk in existing if pk not in kept]
    if stale:
        AlignmentUnit.objects.filter(pk__in=stale).delete()
    positions_renumber(AlignmentUnit, units)
    return units


def _segments_repoint(moved: dict[int, list[int]], chunk: int = 400) -> None:
    """Set ``unit_id`` of the given segments: a plain UPDATE per row when few rows receive
    segments (an editor operation), one ``CASE`` UPDATE per chunk when many do (a new
    statement), written out directly because building it with ORM expressions costs more
    than running it."""
    if len(moved) <= 4:
        for unit_id, segment_ids in moved.items():
            Segment.objects.filter(pk__in=segment_ids).update(unit_id=unit_id)
        return
    pairs = [(segment_id, unit_id) for unit_id, segment_ids in moved.items() for segment_id in segment_ids]
    table = connection.ops.quote_name(Segment._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), chunk):
            part = pairs[start:start + chunk]
            whens = " ".join("WHEN %s THEN %s" for _ in part)
            marks = ", ".join("%s" for _ in part)
            cursor.execute(f"UPDATE {table} SET unit_id = CASE id {whens} END WHERE id IN ({marks})",
                           [value for pair in part for value in pair] + [segment_id for segment_id, _ in part])


def positions_renumber(model, objects: Sequence) -> None:
    """Give ``objects`` positions 0..n-1 in the given order (two passes keep uniqueness)."""
    moved = [obj for index, obj in enumerate(objects) if obj.position != index]
    if not moved:
        return
    # Park the moved ones above every current position, then give the final ones.
    offset = max(obj.position for obj in objects) + 1
    for obj in moved:
        obj.position += offset
    model.objects.bulk_update(moved, ["position"])
    for index, obj in enumerate(objects):
        obj.position = index
    model.objects.bulk_update(moved, ["position"])


def invariants_check(statement: Statement) -> None:
    """Raise InvariantError unless the statement's alignment keeps the four invariants."""
    units = list(statement.units.order_by("position").values_list("pk", "position"))
    cells = {
        version.language_id: list(version.segments.order_by("position").values_list("position", "unit_id", "key"))
        for version in statement.versions.all()
    }
    invariants_verify(statement.slug, units, cells)


def invariants_verify(slug: str, units: Sequence[tuple[int, int]], cells: dict) -> None:
    """The invariants on plain data: ``units`` is (id, position) in position order, ``cells``
    maps each version to its segments' (position, unit id, key) in position order."""
    unit_index = {pk: index for index, (pk, _) in enumerate(units)}
    if [position for _, position in units] != list(range(len(units))):
        raise InvariantError(f"{slug}: row positions are not 0..n-1")
    used = set()
    keys = set()
    for label, rows in cells.items():
        if [position for position, _, _ in rows] != list(range(len(rows))):
            raise InvariantError(f"{slug} [{label}]: segment positions have gaps")
        previous = -1
        for position, unit_id, key in rows:
            if unit_id not in unit_index:
                raise InvariantError(f"{slug}: segment {key} is in a row of another statement")
            if unit_index[unit_id] < previous:
                raise InvariantError(f"{slug}: segment {key} crosses an earlier link")
            previous = unit_index[unit_id]
            used.add(unit_id)
            if key in keys:
                raise InvariantError(f"{slug}: duplicate key {key}")
            keys.add(key)
    empty = set(unit_index) - used
    if empty:
        raise InvariantError(f"{slug}: {len(empty)} empty row(s)")
