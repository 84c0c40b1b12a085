"""The Vecalign/Bertalign metric on hand-made examples, and n-way projection."""

import pytest

from alignment.aligners import Bead, aggregate, figures, project, score


def beads(*links):
    return [Bead(sides=tuple(tuple(side) for side in link)) for link in links]


def test_identical_alignments_score_one():
    gold = beads(([0], [0]), ([1, 2], [1]), ([], [2]), ([3], [3, 4]))
    result = aggregate([(gold, gold)])
    assert (result.precision_strict, result.recall_strict, result.f1_strict) == (1.0, 1.0, 1.0)
    assert result.f1_lax == 1.0


def test_strict_and_lax_differ_on_a_near_miss():
    gold = beads(([0], [0]), ([1, 2], [1]), ([3], [2]))
    predicted = beads(([0], [0]), ([1], [1]), ([2], []), ([3], [2]))
    counts = score(predicted, gold)
    assert (counts.predicted, counts.gold) == (4, 3)
    assert counts.precision_strict == 2  # [0]:[0] and [3]:[2]
    assert counts.precision_lax == 3  # [1]:[1] overlaps [1,2]:[1]; the null link only counts strictly
    assert counts.recall_strict == 2
    assert counts.recall_lax == 3
    result = figures(counts)
    assert result.precision_strict == pytest.approx(0.5)
    assert result.recall_lax == pytest.approx(1.0)
    assert result.f1_lax == pytest.approx(2 * 0.75 / 1.75)


def test_null_links_count_for_precision_only():
    gold = beads(([0], [0]), ([], [1]), ([1], [2]))
    right_null = beads(([0], [0]), ([], [1]), ([1], [2]))
    wrong_null = beads(([0], [0, 1]), ([1], []), ([], [2]))
    assert score(right_null, gold).gold == 2  # gold nulls are not recalled
    assert score(right_null, gold).precision_strict == 3
    counts = score(wrong_null, gold)
    assert counts.precision_strict == 0
    assert counts.precision_lax == 1  # [0]:[0,1] shares ids with [0]:[0]; the nulls cannot hit laxly
    assert counts.recall_strict == 0 and counts.recall_lax == 1


def test_counts_are_summed_over_documents_before_ratios():
    gold = beads(([0], [0]), ([1], [1]))
    good = beads(([0], [0]), ([1], [1]))
    bad = beads(([0, 1], [0, 1]))
    result = aggregate([(good, gold), (bad, gold)])
    assert result.counts.predicted == 3 and result.counts.precision_strict == 2
    assert result.precision_strict == pytest.approx(2 / 3)
    assert result.recall_strict == pytest.approx(2 / 4)
    assert result.recall_lax == 1.0


def test_score_refuses_nway_beads():
    with pytest.raises(ValueError):
        score(beads(([0], [0], [0])), beads(([0], [0], [0])))


def test_project_keeps_pair_links_drops_empty_and_splits_nulls():
    rows = [
        Bead(sides=((0,), (0,), (0,)), score=0.9),
        Bead(sides=((1, 2), (), (1,)), score=0.5),
        Bead(sides=((), (1, 2), ()), score=0.2),
        Bead(sides=((3,), (3,), ()), score=0.7),
    ]
    assert [b.sides for b in project(rows, 0, 1)] == [
        ((0,), (0,)), ((1,), ()), ((2,), ()), ((), (1,)), ((), (2,)), ((3,), (3,)),
    ]
    assert [b.sides for b in project(rows, 0, 2)] == [((0,), (0,)), ((1, 2), (1,)), ((3,), ())]
    assert [b.sides for b in project(rows, 2, 0)] == [((0,), (0,)), ((1,), (1, 2)), ((), (3,))]
    assert project(rows, 0, 2)[1].score == 0.5
