"""Every editing operation: what it does, what it refuses, and that undo restores the
exact previous state (checked with the four invariants after every step)."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment.models import AlignmentUnit, Operation, Segment
from alignment.services import editing
from alignment.services.operations import (
    OperationError,
    StaleRevision,
    operation_redo,
    operation_undo,
    state_capture,
)
from alignment.services.units import invariants_check


def full_state(statement):
    keys = Segment.objects.filter(version__statement=statement).values_list("key", flat=True)
    state = state_capture(statement, keys)
    for row in state["rows"]:
        row.pop("confirmed_at")
    return state


def cells(statement, position):
    unit = statement.units.get(position=position)
    return {s.version.language.code: [x.key for x in unit.segments.filter(version=s.version).order_by("position")]
            for s in unit.segments.select_related("version__language")}


def rev(statement):
    statement.refresh_from_db()
    return statement.alignment_revision


def unit_at(statement, position):
    return statement.units.get(position=position)


def version(statement, code):
    return statement.versions.get(language__code=code)


def test_merge_then_undo_restores_everything(corpus_statement, editor):
    before = full_state(corpus_statement)
    count = corpus_statement.units.count()
    editing.unit_merge(unit=unit_at(corpus_statement, 0), by=editor, revision=rev(corpus_statement))
    assert corpus_statement.units.count() == count - 1
    assert cells(corpus_statement, 0)["en"] == ["en-1", "en-2"]
    invariants_check(corpus_statement)
    operation_undo(statement=corpus_statement, user=editor, revision=rev(corpus_statement))
    assert full_state(corpus_statement) == before
    operation_redo(statement=corpus_statement, user=editor, revision=rev(corpus_statement))
    assert corpus_statement.units.count() == count - 1


def test_split_keeps_chosen_segments_up(corpus_statement, editor):
    unit = unit_at(corpus_statement, 2)  # en-3 + en-4 against one az and one ru paragraph
    en, az, ru = (version(corpus_statement, code) for code in ("en", "az", "ru"))
    editing.unit_split(unit=unit, keep={en.pk: 1, az.pk: 1, ru.pk: 1}, by=editor, revision=rev(corpus_statement))
    assert cells(corpus_statement, 2) == {"en": ["en-3"], "az": ["az-3"], "ru": ["ru-3"]}
    assert cells(corpus_statement, 3) == {"en": ["en-4"]}
    invariants_check(corpus_statement)


def test_shift_up_and_down(corpus_statement, editor):
    en = version(corpus_statement, "en")
    editing.unit_shift(unit=unit_at(corpus_statement, 3), version=en, direction="up", by=editor,
                       revision=rev(corpus_statement))
    assert cells(corpus_statement, 2)["en"] == ["en-3", "en-4", "en-5"]
    editing.unit_shift(unit=unit_at(corpus_statement, 2), version=en, direction="down", by=editor,
                       revision=rev(corpus_statement))
    assert cells(corpus_statement, 3)["en"] == ["en-5"]
    invariants_check(corpus_statement)


def test_insert_empty_cell_makes_an_omission(corpus_statement, editor):
    ru = version(corpus_statement, "ru")
    count = corpus_statement.units.count()
    editing.unit_insert_empty(unit=unit_at(corpus_statement, 4), version=ru, by=editor, revision=rev(corpus_statement))
    assert "ru" not in cells(corpus_statement, 4) and cells(corpus_statement, 5) == {"ru": ["ru-5"]}
    assert corpus_statement.units.count() == count + 1
    invariants_check(corpus_statement)


def test_confirm_flag_and_unflag(corpus_statement, reviewer):
    editing.unit_confirm(unit=unit_at(corpus_statement, 1), by=reviewer, revision=rev(corpus_statement))
    unit = unit_at(corpus_statement, 1)
    assert unit.status == "confirmed" and unit.confirmed_by == reviewer and unit.confirmed_at
    editing.units_confirm_above(unit=unit_at(corpus_statement, 5), by=reviewer, revision=rev(corpus_statement))
    assert list(corpus_statement.units.filter(position__lte=5).values_list("status", flat=True)) == ["confirmed"] * 6
    assert corpus_statement.units.get(position=6).status == "auto"
    editing.unit_flag(unit=unit_at(corpus_statement, 6), note="numbers differ", by=reviewer,
                      revision=rev(corpus_statement))
    assert unit_at(corpus_statement, 6).note == "numbers differ"
    with pytest.raises(OperationError, match="Say why"):
        editing.unit_flag(unit=unit_at(corpus_statement, 6), note="  ", by=reviewer, revision=rev(corpus_statement))
    editing.unit_unflag(unit=unit_at(corpus_statement, 6), by=reviewer, revision=rev(corpus_statement))
    assert unit_at(corpus_statement, 6).status == "auto"


def test_changing_a_confirmed_row_unconfirms_it(corpus_statement, reviewer):
    editing.unit_confirm(unit=unit_at(corpus_statement, 0), by=reviewer, revision=rev(corpus_statement))
    editing.unit_merge(unit=unit_at(corpus_statement, 0), by=reviewer, revision=rev(corpus_statement))
    assert unit_at(corpus_statement, 0).status == "auto"


def test_text_edit_split_and_merge_keep_keys(corpus_statement, editor):
    segment = Segment.objects.get(version__statement=corpus_statement, key="en-5")
    original = segment.text
    editing.segment_edit(segment=segment, text=original + " (fixed)", by=editor, revision=rev(corpus_statement))
    assert Segment.objects.get(pk=segment.pk).text.endswith("(fixed)")
    new = editing.segment_split(segment=segment, offset=40, by=editor, revision=rev(corpus_statement))
    first = Segment.objects.get(pk=segment.pk)
    assert first.key == "en-5" and new.key == "en-23" and new.unit_id == first.unit_id
    assert first.text + " " + new.text == (original + " (fixed)")[:40].strip() + " " + (original + " (fixed)")[40:].strip()
    editing.segment_merge(segment=first, by=editor, revision=rev(corpus_statement))
    merged = Segment.objects.get(pk=segment.pk)
    assert merged.key == "en-5" and not Segment.objects.filter(pk=new.pk).exists()
    invariants_check(corpus_statement)
    assert Segment.history.filter(key="en-5").count() >= 4  # every change is in the history


def test_merging_segments_of_two_rows_removes_the_emptied_row(corpus_statement, editor):
    count = corpus_statement.units.count()
    last_of_row_0 = Segment.objects.get(version__statement=corpus_statement, key="az-1")
    editing.segment_merge(segment=last_of_row_0, by=editor, revision=rev(corpus_statement))
    assert corpus_statement.units.count() == count  # row 2 still has en and ru
    invariants_check(corpus_statement)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda s, u: editing.unit_merge(unit=s.units.order_by("position").last(), by=u, revision=rev(s)),
         "last row has no next row"),
        (lambda s, u: editing.unit_split(unit=unit_at(s, 0), keep={version(s, "en").pk: 1, version(s, "az").pk: 1,
                                                                     version(s, "ru").pk: 1}, by=u, revision=rev(s)),
         "segments in both rows"),
        (lambda s, u: editing.unit_shift(unit=unit_at(s, 0), version=version(s, "en"), direction="up", by=u,
                                         revision=rev(s)), "first row has no previous row"),
        (lambda s, u: editing.segment_split(segment=Segment.objects.get(version__statement=s, key="en-2"), offset=0,
                                            by=u, revision=rev(s)), "both parts must keep some text"),
        (lambda s, u: editing.segment_edit(segment=Segment.objects.get(version__statement=s, key="en-2"), text=" ",
                                           by=u, revision=rev(s)), "cannot be empty"),
        (lambda s, u: editing.unit_shift(unit=unit_at(s, 3), by=u, revision=rev(s), direction="up",
                                         version=AlignmentUnit.objects.exclude(statement=s).first().segments.first().version),
         "belongs to another statement"),
        (lambda s, u: editing.unit_unflag(unit=unit_at(s, 0), by=u, revision=rev(s)), "not flagged"),
    ],
)
def test_invalid_operations_change_nothing(corpus_statement, editor, call, message):
    before = full_state(corpus_statement), rev(corpus_statement), Operation.objects.count()
    with pytest.raises(OperationError, match=message):
        call(corpus_statement, editor)
    assert (full_state(corpus_statement), rev(corpus_statement), Operation.objects.count()) == before


def test_stale_revision_is_refused(corpus_statement, editor):
    old = rev(corpus_statement)
    editing.unit_confirm(unit=unit_at(corpus_statement, 0), by=editor, revision=old)
    before = full_state(corpus_statement)
    with pytest.raises(StaleRevision, match="changed by someone else"):
        editing.unit_merge(unit=unit_at(corpus_statement, 1), by=editor, revision=old)
    assert full_state(corpus_statement) == before


def test_undo_works_across_users_and_redo_is_cleared_by_a_new_operation(corpus_statement, editor, reviewer):
    editing.unit_merge(unit=unit_at(corpus_statement, 0), by=editor, revision=rev(corpus_statement))
    operation_undo(statement=corpus_statement, user=reviewer, revision=rev(corpus_statement))
    editing.unit_confirm(unit=unit_at(corpus_statement, 3), by=reviewer, revision=rev(corpus_statement))
    with pytest.raises(OperationError, match="Nothing to redo"):
        operation_redo(statement=corpus_statement, user=editor, revision=rev(corpus_statement))


def test_realign_keeps_confirmed_rows(corpus_statement, reviewer):
    editing.unit_confirm(unit=unit_at(corpus_statement, 2), by=reviewer, revision=rev(corpus_statement))
    confirmed = cells(corpus_statement, 2)
    editing.statement_realign(statement=corpus_statement, by=reviewer, revision=rev(corpus_statement))
    invariants_check(corpus_statement)
    kept = corpus_statement.units.get(status="confirmed")
    assert cells(corpus_statement, kept.position) == confirmed
    assert corpus_statement.units.exclude(status="confirmed").filter(score__isnull=True).count() == 0


OPS = st.sampled_from(["merge", "split", "shift-up", "shift-down", "insert-empty", "confirm", "edit",
                       "split-segment", "merge-segments", "undo", "redo"])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(OPS, st.integers(0, 10_000), st.integers(0, 2)), min_size=1, max_size=8))
def test_random_operation_sequences_keep_the_invariants_and_undo_exactly(corpus_statement, editor, steps):
    # Each example starts from the loaded corpus: its changes are rolled back afterwards.
    with transaction.atomic():
        _run_steps(corpus_statement, editor, steps)
        transaction.set_rollback(True)


def _run_steps(statement, editor, steps):
    statement.refresh_from_db()
    versions = list(statement.versions.order_by("language__code"))
    for name, pick, column in steps:
        units = list(statement.units.order_by("position"))
        unit = units[pick % len(units)]
        chosen = versions[column % len(versions)]
        segments = list(chosen.segments.order_by("position"))
        segment = segments[pick % len(segments)]
        before = full_state(statement)
        try:
            if name == "merge":
                editing.unit_merge(unit=unit, by=editor, revision=rev(statement))
            elif name == "split":
                keep = {v.pk: (1 if unit.segments.filter(version=v).count() > 1 else 0) for v in versions}
                editing.unit_split(unit=unit, keep=keep, by=editor, revision=rev(statement))
            elif name in ("shift-up", "shift-down"):
                editing.unit_shift(unit=unit, version=chosen, direction=name[6:], by=editor, revision=rev(statement))
            elif name == "insert-empty":
                editing.unit_insert_empty(unit=unit, version=chosen, by=editor, revision=rev(statement))
            elif name == "confirm":
                editing.unit_confirm(unit=unit, by=editor, revision=rev(statement))
            elif name == "edit":
                editing.segment_edit(segment=segment, text=segment.text + " x", by=editor, revision=rev(statement))
            elif name == "split-segment":
                editing.segment_split(segment=segment, offset=len(segment.text) // 2, by=editor, revision=rev(statement))
            elif name == "merge-segments":
                editing.segment_merge(segment=segment, by=editor, revision=rev(statement))
            elif name == "undo":
                operation_undo(statement=statement, user=editor, revision=rev(statement))
                invariants_check(statement)
                continue
            else:
                operation_redo(statement=statement, user=editor, revision=rev(statement))
                invariants_check(statement)
                continue
        except OperationError:
            assert full_state(statement) == before
            continue
        invariants_check(statement)
        after = full_state(statement)
        operation_undo(statement=statement, user=editor, revision=rev(statement))
        assert full_state(statement) == before
        operation_redo(statement=statement, user=editor, revision=rev(statement))
        assert full_state(statement) == after
