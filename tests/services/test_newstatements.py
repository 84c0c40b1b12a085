"""The bulk writer's checks: a plan that would break a constraint or an invariant is refused
with a message naming the place, before anything is written."""

import datetime as dt

import pytest

from alignment.models import Language, Segment, Statement, Version
from alignment.services.newstatements import (
    PlanError,
    RowPlan,
    SegmentPlan,
    StatementPlan,
    VersionPlan,
    plan_check,
    statements_create,
)


def _plan(rows=None, **segment_changes) -> StatementPlan:
    languages = {language.code: language for language in Language.objects.filter(code__in=["en", "az"])}
    versions = {}
    for code in ("en", "az"):
        segments = [SegmentPlan(f"{code}-{n}", "paragraph", f"Text {n} ({code})", line=10 * n) for n in (1, 2, 3)]
        for index, change in segment_changes.get(code, {}).items():
            for name, value in change.items():
                setattr(segments[index], name, value)
        versions[code] = VersionPlan(Version(language=languages[code], title=f"Title {code}"), segments, line=5)
    if rows is None:
        rows = [RowPlan({"en": [f"en-{n}"], "az": [f"az-{n}"]}) for n in (1, 2, 3)]
    return StatementPlan(Statement(slug="plan-test", title="Plan", date_issued=dt.date(2020, 1, 20)), versions,
                         rows, line=1)


@pytest.mark.django_db
def test_a_good_plan_is_written_with_rows_keys_and_history():
    plan = _plan(rows=[RowPlan({"en": ["en-1", "en-2"], "az": ["az-1"]}), RowPlan({"az": ["az-2"]}),
                       RowPlan({"en": ["en-3"], "az": ["az-3"]}, status="confirmed", score=0.5, note="n")])
    plan_check(plan)
    [statement] = statements_create([plan], reason="test")
    rows = list(statement.units.order_by("position").values_list("position", "status", "score", "note"))
    assert rows == [(0, "auto", None, ""), (1, "auto", None, ""), (2, "confirmed", 0.5, "n")]
    cells = {(s.key, s.unit.position, s.position) for s in Segment.objects.filter(version__statement=statement)}
    assert ("en-2", 0, 1) in cells and ("az-2", 1, 1) in cells and ("az-3", 2, 2) in cells
    assert set(statement.versions.values_list("next_key", flat=True)) == {4}
    assert Segment.history.filter(history_change_reason="test").count() == 6


@pytest.mark.parametrize("change, language, line, message", [
    ({"en": {1: {"text": ""}}}, "en", 20, "the segment en-2 has no text"),
    ({"az": {0: {"kind": "verse"}}}, "az", 10, "unknown kind 'verse'"),
    ({"az": {2: {"key": "az-" + "9" * 70}}}, "az", 30, "is longer than 64 characters"),
])
@pytest.mark.django_db
def test_bad_segments_are_refused_with_their_line(change, language, line, message):
    with pytest.raises(PlanError, match=message) as refused:
        plan_check(_plan(**change))
    assert (refused.value.language, refused.value.line) == (language, line)


@pytest.mark.parametrize("rows, message", [
    ([RowPlan({"en": ["en-2"], "az": ["az-1"]}), RowPlan({"en": ["en-1"], "az": ["az-2"]}),
      RowPlan({"en": ["en-3"], "az": ["az-3"]})], "crosses an earlier link"),
    ([RowPlan({"en": ["en-1", "en-2", "en-3"], "az": ["az-1", "az-2"]})], "in a row of another statement"),
    ([RowPlan({"en": ["en-1", "en-2", "en-3"], "az": ["az-1", "az-2", "az-3", "az-9"]})], "lack: az:az-9"),
    ([RowPlan({"en": ["en-1", "en-2", "en-3"], "az": ["az-1", "az-2", "az-3"]}), RowPlan({})], "1 empty row"),
])
@pytest.mark.django_db
def test_rows_that_break_an_invariant_are_refused(rows, message):
    with pytest.raises(PlanError, match=message):
        plan_check(_plan(rows=rows))


@pytest.mark.django_db
def test_field_errors_name_the_version():
    plan = _plan()
    plan.versions["az"].version.origin = "rumour"
    with pytest.raises(PlanError, match="origin: Value 'rumour' is not a valid choice") as refused:
        plan_check(plan)
    assert (refused.value.language, refused.value.line) == ("az", 5)
