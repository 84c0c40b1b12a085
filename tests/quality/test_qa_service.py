"""Refreshing, dismissing and un-dismissing findings; post-editing effort from the history."""

import pytest
from sacrebleu.metrics import CHRF, TER

from alignment.models import AlignmentUnit, QADismissal, QAFinding, Segment, Statement
from alignment.services import editing
from alignment.services.operations import operation_undo
from alignment.services.post_editing import statement_post_editing, version_post_editing
from alignment.services.qa import (
    QAError,
    qa_dismiss,
    qa_dismiss_many,
    qa_refresh,
    qa_undismiss,
)

SMALL = "2016-02-04-us-congressman-january-20-and-khojaly"


def ru_segment(statement, needle: str) -> Segment:
    return Segment.objects.get(version__statement=statement, version__language__code="ru", text__contains=needle)


def findings(statement, check=None) -> list[QAFinding]:
    queryset = QAFinding.objects.filter(statement=statement).select_related("unit")
    return list(queryset.filter(check_name=check) if check else queryset)


def dump() -> tuple:
    return (sorted(QAFinding.objects.values_list("unit_id", "fingerprint", "severity", "message")),
            sorted(QADismissal.objects.values_list("fingerprint", "reason")))


def test_the_corpus_with_its_gold_alignment_has_no_number_findings(db):
    for statement in Statement.objects.all():
        qa_refresh(statement=statement)
    assert QAFinding.objects.filter(check_name="numbers").count() == 0
    broken = QAFinding.objects.filter(check_name="broken_segmentation")
    assert sorted(broken.values_list("statement__slug", flat=True)) == [
        "2007-01-19-ombudsman-17th-anniversary", "2007-01-19-ombudsman-17th-anniversary",
        "2017-01-12-ombudsman-27th-anniversary", "2019-01-11-ombudsman-29th-anniversary",
    ]


def test_an_edited_number_is_found_and_only_that_row_changes(corpus_statement, editor):
    qa_refresh(statement=corpus_statement)
    before = {f.pk: f.unit_id for f in findings(corpus_statement)}
    segment = ru_segment(corpus_statement, "свыше 130")
    editing.segment_edit(segment=segment, text=segment.text.replace("свыше 130", "свыше 310"), by=editor, revision=None)
    result = qa_refresh(statement=corpus_statement, units=[segment.unit])
    [finding] = findings(corpus_statement, "numbers")
    assert finding.unit_id == segment.unit_id and finding.severity == QAFinding.Severity.ERROR
    assert "130 in en, az but not in ru" in finding.message and "310 in ru but not in en, az" in finding.message
    assert result.created == 1 and result.deleted == 0
    assert {f.pk: f.unit_id for f in findings(corpus_statement) if f.check_name != "numbers"} == before
    # Nothing changed since: a full refresh writes nothing.
    again = qa_refresh(statement=corpus_statement)
    assert (again.created, again.deleted) == (0, 0) and again.kept == len(before) + 1


def test_a_refresh_costs_the_same_queries_for_a_small_and_a_large_statement(corpus_statement,
                                                                             django_assert_num_queries):
    small = Statement.objects.get(slug=SMALL)
    AlignmentUnit.objects.filter(statement=small, position=1).update(score=0.2)  # one finding there too
    qa_refresh(statement=small)
    qa_refresh(statement=corpus_statement)
    QAFinding.objects.all().delete()
    # savepoint, lock, units, versions, segments, dismissals, findings, insert, release
    with django_assert_num_queries(9):
        qa_refresh(statement=small)
    with django_assert_num_queries(9):
        qa_refresh(statement=corpus_statement)


def test_a_dismissal_survives_the_recreation_of_rows(corpus_statement, editor):
    qa_refresh(statement=corpus_statement)
    first = findings(corpus_statement, "broken_segmentation")[0]
    assert first.unit.position == 2
    dismissal = qa_dismiss(finding=first, reason="The source really breaks here.", by=editor)
    assert dismissal.history.first().history_user == editor
    assert first.fingerprint not in {f.fingerprint for f in findings(corpus_statement)}
    # Splitting the row changes its segments: the finding is new and reported again...
    en, az, ru = (corpus_statement.versions.get(language__code=code).pk for code in ("en", "az", "ru"))
    editing.unit_split(unit=first.unit, keep={en: 1, az: 1, ru: 1}, by=editor, revision=None)
    qa_refresh(statement=corpus_statement)
    assert [f.unit.position for f in findings(corpus_statement, "broken_segmentation")] == [2, 17]
    # ...and undoing the split recreates the row (a new id, the same segments): dismissed again.
    operation_undo(statement=corpus_statement, user=editor, revision=None)
    qa_refresh(statement=corpus_statement)
    assert corpus_statement.units.get(position=2).pk != first.unit_id
    assert [f.unit.position for f in findings(corpus_statement, "broken_segmentation")] == [16]
    # Un-dismissing brings it back, and the history keeps both steps with the reason.
    qa_undismiss(dismissal=dismissal, by=editor)
    assert [f.fingerprint for f in findings(corpus_statement, "broken_segmentation")][0] == first.fingerprint
    history = QADismissal.history.filter(fingerprint=first.fingerprint).order_by("history_id")
    assert [(h.history_type, h.reason) for h in history] == [("+", "The source really breaks here."),
                                                            ("-", "The source really breaks here.")]


def test_a_merge_changes_the_fingerprint_so_the_old_dismissal_no_longer_applies(corpus_statement, editor):
    qa_refresh(statement=corpus_statement)
    [broken, _] = findings(corpus_statement, "broken_segmentation")
    qa_dismiss(finding=broken, reason="checked", by=editor)
    editing.unit_merge(unit=broken.unit, by=editor, revision=None)  # the row now holds other keys
    qa_refresh(statement=corpus_statement)
    assert len(findings(corpus_statement, "broken_segmentation")) == 2


def test_bad_dismissals_change_nothing(corpus_statement, editor):
    qa_refresh(statement=corpus_statement)
    unit = corpus_statement.units.get(position=5)
    editing.unit_flag(unit=unit, note="wrong paragraph", by=editor, revision=None)
    qa_refresh(statement=corpus_statement)
    before = dump()
    with pytest.raises(QAError, match="reason"):
        qa_dismiss(finding=findings(corpus_statement)[0], reason="   ", by=editor)
    with pytest.raises(QAError, match="clear the flag in the editor"):
        qa_dismiss_many(findings=findings(corpus_statement), reason="all fine", by=editor)
    with pytest.raises(QAError, match="No finding"):
        qa_dismiss_many(findings=[], reason="all fine", by=editor)
    assert dump() == before


def test_flagged_and_low_confidence_rows_are_in_the_queue(corpus_statement, editor):
    editing.unit_flag(unit=corpus_statement.units.get(position=4), note="wrong paragraph", by=editor, revision=None)
    AlignmentUnit.objects.filter(statement=corpus_statement, position=6).update(score=0.2)
    qa_refresh(statement=corpus_statement)
    [flagged] = findings(corpus_statement, "flagged")
    [low] = findings(corpus_statement, "low_confidence")
    assert flagged.unit.position == 4 and "wrong paragraph" in flagged.message
    assert low.unit.position == 6 and "0.20" in low.message


def test_post_editing_effort_compares_the_first_and_the_current_text(corpus_statement, editor):
    segment = ru_segment(corpus_statement, "свыше 130")
    first = segment.text
    editing.segment_edit(segment=segment, text=first.replace("мирных жителей", "гражданских лиц"), by=editor,
                         revision=None)
    efforts = {effort.version.language.code: effort for effort in statement_post_editing(corpus_statement)}
    assert efforts["en"].distance.chrf == 100.0 and efforts["en"].distance.ter == 0.0 and not efforts["en"].changed
    [changed] = efforts["ru"].changed
    current = Segment.objects.get(pk=segment.pk).text
    assert changed.key == segment.key and (changed.first, changed.current) == (first, current)
    assert changed.distance.chrf == pytest.approx(CHRF(word_order=2).sentence_score(first, [current]).score)
    assert changed.distance.ter == pytest.approx(TER(case_sensitive=True).sentence_score(first, [current]).score)
    assert 0 < efforts["ru"].distance.ter < changed.distance.ter  # one edited segment of twenty
    assert version_post_editing(efforts["ru"].version).distance == efforts["ru"].distance


def test_refreshing_one_row_also_rechecks_the_row_before_it(corpus_statement, editor):
    qa_refresh(statement=corpus_statement)
    upper, lower = (Segment.objects.get(version__statement=corpus_statement, version__language__code="en",
                                        unit__position=position) for position in (5, 6))
    editing.segment_edit(segment=upper, text=upper.text.rstrip(".") + ",", by=editor, revision=None)
    editing.segment_edit(segment=lower, text=lower.text[0].lower() + lower.text[1:], by=editor, revision=None)
    result = qa_refresh(statement=corpus_statement, units=[lower.unit])
    assert result.rows == 2
    [broken] = [f for f in findings(corpus_statement, "broken_segmentation") if f.unit.position == 5]
    assert f"{upper.key} ends without final punctuation and {lower.key} begins in lower case" in broken.message
