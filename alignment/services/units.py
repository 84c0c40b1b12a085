"""Low-level writes on a statement's rows shared by every service: rebuilding rows from
beads, renumbering, bumping the revision, and checking the invariants of DESIGN.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from alignment.models import AlignmentUnit, Segment, Statement, Version

# Positions are moved out of the way first so unique (version, position) holds at every step.
_PARKING_OFFSET = 1_000_000


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


def units_replace(*, statement: Statement, rows: Sequence[Row], user=None, reason: str = "") -> list[AlignmentUnit]:
    """Replace every row of the statement by ``rows`` (segments are re-pointed, old rows deleted)."""
    old_ids = list(statement.units.values_list("pk", flat=True))
    units = [
        AlignmentUnit(
            statement=statement, position=_PARKING_OFFSET + index, status=row.status, score=row.score,
            note=row.note, confirmed_by_id=row.confirmed_by_id, confirmed_at=row.confirmed_at,
        )
        for index, row in enumerate(rows)
    ]
    units = bulk_create_with_history(units, AlignmentUnit, default_user=user, default_change_reason=reason)
    if any(unit.pk is None for unit in units):  # backends that do not return ids
        units = list(statement.units.filter(position__gte=_PARKING_OFFSET).order_by("position"))
    changed = []
    for unit, row in zip(units, rows):
        for members in row.segments.values():
            for segment in members:
                if segment.unit_id != unit.pk:
                    segment.unit_id = unit.pk
                    changed.append(segment)
    if changed:
        bulk_update_with_history(changed, Segment, ["unit"], default_user=user, default_change_reason=reason)
    AlignmentUnit.objects.filter(pk__in=old_ids).delete()
    for index, unit in enumerate(units):
        unit.position = index
    AlignmentUnit.objects.bulk_update(units, ["position"])
    return units


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
    unit_index = {pk: index for index, (pk, _) in enumerate(units)}
    if [position for _, position in units] != list(range(len(units))):
        raise InvariantError(f"{statement.slug}: row positions are not 0..n-1")
    used = set()
    keys = set()
    for version in statement.versions.all():
        rows = list(version.segments.order_by("position").values_list("position", "unit_id", "key"))
        if [position for position, _, _ in rows] != list(range(len(rows))):
            raise InvariantError(f"{statement.slug} [{version.language_id}]: segment positions have gaps")
        previous = -1
        for position, unit_id, key in rows:
            if unit_id not in unit_index:
                raise InvariantError(f"{statement.slug}: segment {key} is in a row of another statement")
            if unit_index[unit_id] < previous:
                raise InvariantError(f"{statement.slug}: segment {key} crosses an earlier link")
            previous = unit_index[unit_id]
            used.add(unit_id)
            if key in keys:
                raise InvariantError(f"{statement.slug}: duplicate key {key}")
            keys.add(key)
    empty = set(unit_index) - used
    if empty:
        raise InvariantError(f"{statement.slug}: {len(empty)} empty row(s)")
