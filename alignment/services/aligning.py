"""Running the automatic aligner on stored statements.

The aligner package never touches the database: this module feeds it the
texts of each stretch between confirmed rows and stores the beads it returns.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from alignment import aligners, selectors
from alignment.models import AlignmentUnit, Segment, Statement, Version
from alignment.services.units import (
    Row,
    invariants_check,
    revision_bump,
    rows_from_beads,
    units_replace,
)


def versions_in_order(statement: Statement, pivot: str | None = None) -> list[Version]:
    """Versions with the pivot (or the original language, or English) first, then by code."""
    versions = selectors.statement_versions(statement)
    if not pivot:
        return versions
    first = [version for version in versions if version.language.code == pivot]
    if not first:
        raise ValueError(f"{statement.slug} has no version in the pivot language {pivot!r}")
    return first + sorted((v for v in versions if v is not first[0]), key=lambda v: v.language.code)


def rows_align(
    versions: Sequence[Version], segments: dict[int, list[Segment]], *, method: str = "default"
) -> list[Row]:
    """Align whole versions (lists of segments) into rows with status ``auto``."""
    present = [v for v in versions if segments[v.pk]]
    if not present:
        return []
    if len(present) == 1:
        only = present[0]
        return [Row({only.pk: [segment]}, score=None) for segment in segments[only.pk]]
    beads = aligners.align(
        [[s.text for s in segments[v.pk]] for v in present],
        kinds=[[s.kind for s in segments[v.pk]] for v in present],
        method=method,
    )
    return rows_from_beads(beads, present, segments)


def _kept(unit: AlignmentUnit, members: dict[int, list[Segment]]) -> Row:
    return Row(members, status=unit.status, score=unit.score, note=unit.note,
               confirmed_by_id=unit.confirmed_by_id, confirmed_at=unit.confirmed_at)


@transaction.atomic
def statement_align(
    *, statement: Statement, method: str = "default", pivot: str | None = None,
    keep_confirmed: bool = True, user=None, bump: bool = True,
) -> list[AlignmentUnit]:
    """Re-align the statement; confirmed rows stay as they are unless ``keep_confirmed`` is off,
    and only the stretches between them are aligned again."""
    statement = Statement.objects.select_for_update().get(pk=statement.pk)
    versions = versions_in_order(statement, pivot)
    units = list(statement.units.order_by("position"))
    if Segment.objects.filter(version__statement=statement, unit__isnull=True).exists():
        # A freshly imported version is in no row yet: there is no stretch to put it in,
        # so the whole statement is aligned again (the previous rows stay in the history).
        keep_confirmed = False
    by_unit: dict[int, dict[int, list[Segment]]] = {unit.pk: {} for unit in units}
    for version in versions:
        for segment in version.segments.order_by("position"):
            by_unit.setdefault(segment.unit_id, {}).setdefault(version.pk, []).append(segment)
    rows: list[Row] = []
    stretch: dict[int, list[Segment]] = {v.pk: [] for v in versions}

    def flush() -> None:
        if any(stretch.values()):
            rows.extend(rows_align(versions, stretch, method=method))
        for members in stretch.values():
            members.clear()

    for unit in units:
        members = by_unit.get(unit.pk, {})
        if keep_confirmed and unit.status == AlignmentUnit.Status.CONFIRMED:
            flush()
            rows.append(_kept(unit, members))
        else:
            for version_id, segments in members.items():
                stretch[version_id].extend(segments)
    for version_id, segments in by_unit.get(None, {}).items():
        stretch[version_id].extend(segments)
    flush()
    result = units_replace(statement=statement, rows=rows, user=user, reason=f"align ({method})")
    if bump:  # inside an editor operation the operation log bumps the revision itself
        revision_bump(statement)
        invariants_check(statement)
    return result
