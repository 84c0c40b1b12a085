"""Every editing operation of the alignment editor: atomic, validated against the statement's
revision, recorded in the operation log (undoable) and in each object's history.

Each function takes the row or segment it works on, the editor (``by``) and the revision
the editor's page showed; a stale revision raises :class:`StaleRevision`, an invalid
request raises :class:`OperationError`, and in both cases nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from alignment.models import AlignmentUnit, Segment, Statement, Version
from alignment.services.aligning import statement_align
from alignment.services.operations import OperationError, operation
from alignment.services.units import Row, positions_renumber, units_replace


def _rows(statement: Statement) -> tuple[list[AlignmentUnit], list[Row]]:
    """The statement's rows as editable Row objects (segments grouped by version)."""
    units = list(statement.units.order_by("position"))
    rows = {u.pk: Row({}, status=u.status, score=u.score, note=u.note, confirmed_by_id=u.confirmed_by_id,
                      confirmed_at=u.confirmed_at) for u in units}
    segments = Segment.objects.filter(version__statement=statement).order_by("version_id", "position")
    # Rows are regrouped, never rewritten here: the texts need not be loaded.
    for segment in segments.only("pk", "version_id", "unit_id", "position", "key"):
        rows[segment.unit_id].segments.setdefault(segment.version_id, []).append(segment)
    return units, [rows[u.pk] for u in units]


def _index(ids: list[int], unit: AlignmentUnit, statement: Statement) -> int:
    """Where ``unit`` is among the statement's row ids (in order)."""
    if unit.pk not in ids:
        raise OperationError(f"Row {unit.pk} does not belong to the statement {statement.slug!r}.")
    return ids.index(unit.pk)


def _auto(row: Row) -> Row:
    """A row whose content an editor changed is no longer confirmed."""
    row.status, row.confirmed_by_id, row.confirmed_at = AlignmentUnit.Status.AUTO, None, None
    row.score = None
    return row


def _store(context, rows: list[Row]) -> None:
    rows = [row for row in rows if any(row.segments.values())]
    units_replace(statement=context.statement, rows=rows, user=context.user, reason="editor")


def unit_merge(*, unit: AlignmentUnit, by, revision: int | None) -> None:
    """Merge a row with the next one."""
    with operation(unit.statement, kind="merge", user=by, revision=revision,
                   description=f"merge row {unit.position + 1} with the next") as context:
        units, rows = _rows(context.statement)
        index = _index([u.pk for u in units], unit, context.statement)
        if index + 1 >= len(rows):
            raise OperationError("The last row has no next row to merge with.")
        merged = rows[index]
        for version_id, segments in rows[index + 1].segments.items():
            merged.segments.setdefault(version_id, []).extend(segments)
        _auto(merged)
        _store(context, rows[:index + 1] + rows[index + 2:])


def unit_split(*, unit: AlignmentUnit, keep: dict[int, int], by, revision: int | None) -> None:
    """Split a row in two: ``keep`` says per version id how many segments stay in the upper row."""
    with operation(unit.statement, kind="split", user=by, revision=revision,
                   description=f"split row {unit.position + 1}") as context:
        units, rows = _rows(context.statement)
        index = _index([u.pk for u in units], unit, context.statement)
        row = rows[index]
        upper, lower = Row({}), Row({})
        for version_id, segments in row.segments.items():
            count = keep.get(version_id, len(segments))
            if not 0 <= count <= len(segments):
                raise OperationError(f"Cannot keep {count} of {len(segments)} segments in the upper row.")
            upper.segments[version_id] = segments[:count]
            lower.segments[version_id] = segments[count:]
        unknown = set(keep) - set(row.segments)
        if unknown:
            raise OperationError("The split names a column that has no segments in this row.")
        if not any(upper.segments.values()) or not any(lower.segments.values()):
            raise OperationError("A split must leave segments in both rows.")
        _store(context, rows[:index] + [_auto(upper), _auto(lower)] + rows[index + 1:])


def unit_shift(*, unit: AlignmentUnit, version: Version, direction: str, by, revision: int | None) -> None:
    """Move the column's first segment up into the previous row, or its last down into the next."""
    if direction not in ("up", "down"):
        raise OperationError("Shift direction must be 'up' or 'down'.")
    with operation(unit.statement, kind=f"shift-{direction}", user=by, revision=revision,
                   description=f"shift {version.language_id} {direction} from row {unit.position + 1}") as context:
        units, rows = _rows(context.statement)
        index = _index([u.pk for u in units], unit, context.statement)
        if version.statement_id != context.statement.pk:
            raise OperationError("That version belongs to another statement.")
        segments = rows[index].segments.get(version.pk, [])
        if not segments:
            raise OperationError("This cell is empty: there is nothing to shift.")
        target = index - 1 if direction == "up" else index + 1
        if not 0 <= target < len(rows):
            raise OperationError("There is no row to shift into." if direction == "down"
                                 else "The first row has no previous row.")
        moved = segments.pop(0) if direction == "up" else segments.pop()
        cell = rows[target].segments.setdefault(version.pk, [])
        cell.append(moved) if direction == "up" else cell.insert(0, moved)
        _auto(rows[index])
        _auto(rows[target])
        _store(context, rows)


def unit_insert_empty(*, unit: AlignmentUnit, version: Version, by, revision: int | None) -> None:
    """Leave this row's cell empty for ``version`` (an omission): its segments move to a new row below."""
    with operation(unit.statement, kind="insert-empty", user=by, revision=revision,
                   description=f"empty {version.language_id} cell in row {unit.position + 1}") as context:
        units, rows = _rows(context.statement)
        index = _index([u.pk for u in units], unit, context.statement)
        row = rows[index]
        moved = row.segments.get(version.pk)
        if not moved:
            raise OperationError("This cell is already empty.")
        if not any(segs for vid, segs in row.segments.items() if vid != version.pk):
            raise OperationError("The other cells of this row are empty: nothing would be left above.")
        below = Row({version.pk: moved})
        row.segments[version.pk] = []
        _store(context, rows[:index + 1] + [_auto(below)] + rows[index + 1:])


def _set_status(context, ids: Sequence[int], status: str, note: str | None = None) -> None:
    """Change the status of rows in place (their segments stay where they are)."""
    now = timezone.now()
    changed = list(AlignmentUnit.objects.filter(statement=context.statement, pk__in=ids))
    for unit in changed:
        unit.status = status
        if status == AlignmentUnit.Status.CONFIRMED:
            unit.confirmed_by_id, unit.confirmed_at = getattr(context.user, "pk", None), now
        elif status == AlignmentUnit.Status.AUTO:
            unit.confirmed_by_id, unit.confirmed_at = None, None
        if note is not None:
            unit.note = note
    bulk_update_with_history(changed, AlignmentUnit, ["status", "confirmed_by", "confirmed_at", "note"],
                             default_user=context.user if getattr(context.user, "pk", None) else None)


def _row_ids(context, unit: AlignmentUnit) -> tuple[list[int], int]:
    """The statement's row ids in order, and where ``unit`` is among them."""
    ids = list(context.statement.units.order_by("position").values_list("pk", flat=True))
    return ids, _index(ids, unit, context.statement)


def unit_confirm(*, unit: AlignmentUnit, by, revision: int | None) -> None:
    with operation(unit.statement, kind="confirm", user=by, revision=revision,
                   description=f"confirm row {unit.position + 1}") as context:
        ids, index = _row_ids(context, unit)
        _set_status(context, [ids[index]], AlignmentUnit.Status.CONFIRMED)


def units_confirm_above(*, unit: AlignmentUnit, by, revision: int | None) -> None:
    """Confirm every row from the first down to this one."""
    with operation(unit.statement, kind="confirm-above", user=by, revision=revision,
                   description=f"confirm rows 1-{unit.position + 1}") as context:
        ids, index = _row_ids(context, unit)
        _set_status(context, ids[:index + 1], AlignmentUnit.Status.CONFIRMED)


def unit_flag(*, unit: AlignmentUnit, note: str, by, revision: int | None) -> None:
    note = (note or "").strip()
    if not note:
        raise OperationError("Say why the row is flagged.")
    with operation(unit.statement, kind="flag", user=by, revision=revision,
                   description=f"flag row {unit.position + 1}") as context:
        ids, index = _row_ids(context, unit)
        _set_status(context, [ids[index]], AlignmentUnit.Status.FLAGGED, note[:2000])


def unit_unflag(*, unit: AlignmentUnit, by, revision: int | None) -> None:
    with operation(unit.statement, kind="unflag", user=by, revision=revision,
                   description=f"clear the flag of row {unit.position + 1}") as context:
        ids, index = _row_ids(context, unit)
        if not AlignmentUnit.objects.filter(pk=ids[index], status=AlignmentUnit.Status.FLAGGED).exists():
            raise OperationError("This row is not flagged.")
        _set_status(context, [ids[index]], AlignmentUnit.Status.AUTO, "")


def _segment_in(statement: Statement, segment: Segment) -> Segment:
    fresh = Segment.objects.select_related("version").filter(pk=segment.pk, version__statement=statement).first()
    if fresh is None:
        raise OperationError("That segment does not belong to this statement (or no longer exists).")
    return fresh


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise OperationError("A segment cannot be empty; merge it with a neighbour instead.")
    bad = next((char for char in text if ord(char) < 32 and char not in "\n\t"), None)
    if bad is not None:
        raise OperationError(f"The text contains a control character (U+{ord(bad):04X}) that XML cannot carry.")
    return text


def segment_edit(*, segment: Segment, text: str, by, revision: int | None) -> None:
    """Change a segment's text in place (a typo fix, a better translation)."""
    text = _clean_text(text)
    with operation(segment.version.statement, kind="edit", user=by, revision=revision, text_keys=[segment.key],
                   description=f"edit {segment.key}") as context:
        fresh = _segment_in(context.statement, segment)
        if fresh.text == text:
            raise OperationError("The text is unchanged.")
        fresh.text = text
        fresh._history_user = by
        fresh.save(update_fields=["text"])


def _next_key(version: Version) -> str:
    version = Version.objects.select_for_update().select_related("language").get(pk=version.pk)
    key = f"{version.language.code}-{version.next_key}"
    Version.objects.filter(pk=version.pk).update(next_key=version.next_key + 1)
    return key


def segment_split(*, segment: Segment, offset: int, by, revision: int | None) -> Segment:
    """Split a segment at ``offset``: the first part keeps the key, the second gets a new one."""
    with operation(segment.version.statement, kind="split-segment", user=by, revision=revision,
                   text_keys=[segment.key], description=f"split {segment.key}") as context:
        fresh = _segment_in(context.statement, segment)
        head, tail = fresh.text[:offset].strip(), fresh.text[offset:].strip()
        if not (0 < offset < len(fresh.text)) or not head or not tail:
            raise OperationError("Split inside the text: both parts must keep some text.")
        fresh.text = head
        fresh._history_user = by
        fresh.save(update_fields=["text"])
        siblings = list(fresh.version.segments.order_by("position"))
        new = Segment(version=fresh.version, position=2_000_000, key=_next_key(fresh.version), kind=fresh.kind,
                      text=tail, unit_id=fresh.unit_id)
        new._history_user = by
        new.save()
        siblings.insert(siblings.index(fresh) + 1, new)
        positions_renumber(Segment, siblings)
        return new


def segment_merge(*, segment: Segment, by, revision: int | None) -> None:
    """Merge a segment with the next segment of the same version; the merged one keeps the first key."""
    with operation(segment.version.statement, kind="merge-segments", user=by, revision=revision,
                   text_keys=[segment.key], description=f"merge {segment.key} with the next") as context:
        fresh = _segment_in(context.statement, segment)
        siblings = list(fresh.version.segments.order_by("position"))
        index = siblings.index(fresh)
        if index + 1 >= len(siblings):
            raise OperationError("The last segment of a version has no next segment to merge with.")
        following = siblings[index + 1]
        context.touch(following.key)
        separator = "\n" if fresh.kind == Segment.Kind.SIGNATURE else " "
        fresh.text = f"{fresh.text}{separator}{following.text}"
        fresh._history_user = by
        fresh.save(update_fields=["text"])
        following._history_user = by
        following.delete()
        positions_renumber(Segment, list(fresh.version.segments.order_by("position")))
        # The row that held the second segment may now be empty: store the rows without it.
        _store(context, _rows(context.statement)[1])


def statement_realign(*, statement: Statement, by, revision: int | None, method: str = "default",
                      pivot: str | None = None, keep_confirmed: bool = True) -> None:
    """Re-run the aligner as an undoable operation; confirmed rows are kept unless told not to."""
    with operation(statement, kind="realign", user=by, revision=revision,
                   description=f"re-align ({method})") as context:
        statement_align(statement=context.statement, method=method, pivot=pivot, keep_confirmed=keep_confirmed,
                        user=by, bump=False)


def version_approve(*, version: Version, by) -> Version:
    """Mark a version approved by a reviewer (recorded in the version's history)."""
    version.status = Version.Status.APPROVED
    version.approved_by = by
    version.approved_at = timezone.now()
    version._history_user = by
    version.save(update_fields=["status", "approved_by", "approved_at"])
    return version
