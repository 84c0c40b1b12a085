"""The operation log: every editing operation is recorded with the state before and after,
so it can be undone and redone as a whole, across reloads and users.

A state is compact: the row structure (segment keys per row and version, row status)
plus the text of the segments the operation touched.  Restoring a state makes the
database match it again; the history package records each object's change on the way.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction
from django.utils.dateparse import parse_datetime
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from alignment.models import Operation, Segment, Statement
from alignment.services.units import (
    InvariantError,
    Row,
    invariants_verify,
    positions_renumber,
    revision_bump,
    units_replace,
)


class OperationError(ValueError):
    """An editing operation that is not valid; nothing was changed."""


class StaleRevision(OperationError):
    """The statement changed since the editor loaded it."""

    def __init__(self, current: int, given: int | None):
        self.current = current
        super().__init__(
            f"This statement was changed by someone else in the meantime (revision {current}, "
            f"your page showed revision {given}). Nothing was changed; the grid has been reloaded."
        )


_recorded = threading.local()
REPLAYS = ("undo", "redo")  # operations that replay others; not themselves undone


def statement_lock(statement: Statement, revision: int | None) -> Statement:
    """Lock the statement row for the transaction and check the editor's revision."""
    locked = Statement.objects.select_for_update().get(pk=statement.pk)
    if revision is not None and locked.alignment_revision != revision:
        raise StaleRevision(locked.alignment_revision, revision)
    return locked


def state_capture(statement: Statement, text_keys: Iterable[str] = ()) -> dict:
    """The statement's rows (status and segment keys per version) and the texts of ``text_keys``."""
    return _capture(statement, set(text_keys)).state


@dataclass
class _Capture:
    state: dict
    units: list[tuple[int, int]]  # (id, position) in position order
    cells: dict[int, list[tuple[int, int, str]]]  # version id -> (position, unit id, key) in position order


def _capture(statement: Statement, text_keys: set[str], new_since: dict | None = None) -> _Capture:
    """Two queries for the rows, one for the texts: the texts of ``text_keys`` and, with
    ``new_since``, of every segment that state did not have."""
    units = list(statement.units.order_by("position").values_list(
        "pk", "position", "status", "score", "note", "confirmed_by_id", "confirmed_at"))
    index = {unit[0]: i for i, unit in enumerate(units)}
    rows = [
        {"status": status, "score": score, "note": note, "confirmed_by": confirmed_by,
         "confirmed_at": confirmed_at.isoformat() if confirmed_at else None, "cells": {}}
        for _, _, status, score, note, confirmed_by, confirmed_at in units
    ]
    segments = Segment.objects.filter(version__statement=statement).order_by("version_id", "position")
    cells: dict[int, list[tuple[int, int, str]]] = {}
    for version_id, position, key, unit_id in segments.values_list("version_id", "position", "key", "unit_id"):
        cells.setdefault(version_id, []).append((position, unit_id, key))
        if unit_id in index:
            rows[index[unit_id]]["cells"].setdefault(str(version_id), []).append(key)
    if new_since is not None:
        known = {ref.split(":", 1)[1] for ref in _all_keys(new_since)}
        text_keys = text_keys | {key for layout in cells.values() for _, _, key in layout if key not in known}
    texts = {
        f"{version_id}:{key}": [kind, text]
        for version_id, key, kind, text in segments.filter(key__in=text_keys).values_list(
            "version_id", "key", "kind", "text")
    } if text_keys else {}
    return _Capture({"rows": rows, "texts": texts}, [(unit[0], unit[1]) for unit in units], cells)


def _all_keys(state: dict) -> set[str]:
    return {f"{vid}:{key}" for row in state["rows"] for vid, keys in row["cells"].items() for key in keys}


def state_restore(statement: Statement, state: dict, *, user=None, reason: str = "") -> None:
    """Make the statement's segments and rows equal ``state``."""
    versions = {str(v.pk): v for v in statement.versions.select_related("language")}
    existing = {f"{s.version_id}:{s.key}": s for s in Segment.objects.filter(version__statement=statement)}
    wanted = _all_keys(state)
    missing = wanted - set(existing)
    unknown = [key for key in missing if key not in state["texts"]]
    if unknown:
        raise OperationError("Cannot restore: the statement was changed outside the editor since then.")
    doomed = [existing[key] for key in set(existing) - wanted]
    updates = []
    for ref, (kind, text) in state["texts"].items():
        segment = existing.get(ref)
        if segment is not None and (segment.kind, segment.text) != (kind, text):
            segment.kind, segment.text = kind, text
            updates.append(segment)
    if updates:
        bulk_update_with_history(updates, Segment, ["kind", "text"], default_user=user, default_change_reason=reason)
    created = []
    for ref in sorted(missing):
        version_id, key = ref.split(":", 1)
        kind, text = state["texts"][ref]
        created.append(Segment(version=versions[version_id], key=key, kind=kind, text=text,
                               position=2_000_000 + len(created)))
    if doomed:
        Segment.objects.filter(pk__in=[s.pk for s in doomed]).delete()
    if created:
        bulk_create_with_history(created, Segment, default_user=user, default_change_reason=reason)
        for segment in created:
            existing[f"{segment.version_id}:{segment.key}"] = segment
    rows = []
    for row in state["rows"]:
        members = {int(vid): [existing[f"{vid}:{key}"] for key in keys] for vid, keys in row["cells"].items()}
        confirmed_at = parse_datetime(row["confirmed_at"]) if row["confirmed_at"] else None
        rows.append(Row(members, status=row["status"], score=row["score"], note=row["note"],
                        confirmed_by_id=row["confirmed_by"], confirmed_at=confirmed_at))
    units_replace(statement=statement, rows=rows, user=user, reason=reason)
    for version_id in versions:
        ordered = [existing[f"{version_id}:{key}"] for row in state["rows"] for key in row["cells"].get(version_id, [])]
        positions_renumber(Segment, ordered)


@dataclass
class OperationContext:
    statement: Statement
    user: object
    text_keys: set[str]
    before: dict | None = None

    def touch(self, *keys: str) -> None:
        """Declare more segments whose text the operation changes; call it before changing them."""
        self.text_keys.update(keys)
        for segment in Segment.objects.filter(version__statement=self.statement, key__in=keys):
            self.before["texts"].setdefault(f"{segment.version_id}:{segment.key}", [segment.kind, segment.text])


@contextmanager
def operation(statement: Statement, *, kind: str, user, revision: int | None, description: str = "",
              text_keys: Iterable[str] = ()):
    """Run an editing operation atomically: lock, check the revision, record before/after."""
    with transaction.atomic():
        locked = statement_lock(statement, revision)
        context = OperationContext(locked, user, set(text_keys))
        before = context.before = _capture(locked, context.text_keys).state
        revision_before = locked.alignment_revision
        yield context
        captured = _capture(locked, context.text_keys, new_since=before)
        after = captured.state
        try:
            invariants_verify(locked.slug, captured.units, captured.cells)
        except InvariantError as exc:  # a defect of the operation, never the editor's input
            raise InvariantError(f"{kind}: {exc}") from None
        revision_after = revision_bump(locked)
        if kind not in REPLAYS:
            Operation.objects.filter(statement=locked, undone=True, discarded=False).update(discarded=True)
        _recorded.changed_units = _changed_units(captured, before)
        _recorded.operation = Operation.objects.create(
            statement=locked, user=user if getattr(user, "pk", None) else None, kind=kind,
            description=description[:300], revision_before=revision_before, revision_after=revision_after,
            state_before=before, state_after=after,
        )
        statement.alignment_revision = revision_after


def forget_recorded() -> None:
    _recorded.operation = None
    _recorded.changed_units = None


def last_changed_units() -> list[int] | None:
    """Ids of the rows the last recorded operation created or changed (for QA refreshes)."""
    return getattr(_recorded, "changed_units", None)


def _changed_units(captured: _Capture, before: dict) -> list[int]:
    def signature(row: dict) -> tuple:
        return (*(row[name] for name in ("status", "score", "note", "confirmed_by", "confirmed_at")),
                tuple(sorted((vid, tuple(keys)) for vid, keys in row["cells"].items())))

    known = {signature(row) for row in before["rows"]}
    return [pk for (pk, _), row in zip(captured.units, captured.state["rows"]) if signature(row) not in known]


def last_recorded() -> Operation | None:
    """The operation this thread recorded last (what a view acknowledges to its client)."""
    return getattr(_recorded, "operation", None)


def _undo_target(statement: Statement) -> Operation | None:
    return (Operation.objects.filter(statement=statement, undone=False).exclude(kind__in=REPLAYS)
            .order_by("-id").first())


def _redo_target(statement: Statement) -> Operation | None:
    """The operation undone most recently: undos go backwards, so the lowest undone id."""
    return (Operation.objects.filter(statement=statement, undone=True, discarded=False)
            .exclude(kind__in=REPLAYS).order_by("id").first())


def undo_available(statement: Statement) -> tuple[Operation | None, Operation | None]:
    return _undo_target(statement), _redo_target(statement)


def _replay(statement: Statement, *, user, revision: int | None, redo: bool) -> Operation:
    with transaction.atomic():
        locked = statement_lock(statement, revision)
        target = _redo_target(locked) if redo else _undo_target(locked)
        if target is None:
            raise OperationError("Nothing to redo." if redo else "Nothing to undo.")
        state = target.state_after if redo else target.state_before
        keys = {ref.split(":", 1)[1] for ref in state["texts"]}
        with operation(locked, kind="redo" if redo else "undo", user=user, revision=None,
                       description=f"{'redo' if redo else 'undo'}: {target.description or target.kind}",
                       text_keys=keys | {ref.split(":", 1)[1] for ref in target.state_after["texts"]}):
            state_restore(locked, state, user=user, reason=f"{'redo' if redo else 'undo'} #{target.pk}")
        target.undone = not redo
        target.save(update_fields=["undone"])
        statement.alignment_revision = locked.alignment_revision
        return target


def operation_undo(*, statement: Statement, user, revision: int | None) -> Operation:
    """Undo the latest operation not yet undone (of any user)."""
    return _replay(statement, user=user, revision=revision, redo=False)


def operation_redo(*, statement: Statement, user, revision: int | None) -> Operation:
    """Redo the operation undone most recently, unless a new operation came after it."""
    return _replay(statement, user=user, revision=revision, redo=True)


