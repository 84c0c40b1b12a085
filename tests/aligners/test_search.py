"""The banded search and its cost: the fast per-row cost equals the plain one; long texts stay linear."""

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from alignment.aligners import align, check_partition
from alignment.aligners.costs import BeadCost, PairInput
from alignment.aligners.dp import band_around, monotone_band, search
from alignment.aligners.evidence import build_evidence
from alignment.aligners.lengthmodel import LengthModel, refit, segment_length

from .helpers import sample

words = st.sampled_from(["Baku", "Баку", "1990", "January", "января", "(UN)", "«quote»", "the", "и", "?", "Azərbaycan"])
segments = st.lists(st.lists(words, max_size=8).map(" ".join), min_size=1, max_size=8)
kinds = st.sampled_from(["paragraph", "heading", "dateline", "note"])


@settings(max_examples=40, deadline=None)
@given(segments, segments, st.data())
def test_row_cost_equals_the_plain_bead_cost(a, b, data):
    evidence = build_evidence([a, b])
    kinds_a = data.draw(st.lists(kinds, min_size=len(a), max_size=len(a)))
    kinds_b = data.draw(st.lists(kinds, min_size=len(b), max_size=len(b)))
    side_a = PairInput([segment_length(s) for s in a], evidence.texts[0], kinds_a)
    side_b = PairInput([segment_length(s) for s in b], evidence.texts[1], kinds_b)
    cost = BeadCost(side_a, side_b, LengthModel(c=1.3, s2=5.0), evidence, max_bead=3)
    for i in range(len(a) + 1):
        row = cost.row(i)
        for j in range(len(b) + 1):
            for shape_a, shape_b in cost.shapes:
                if shape_a <= i and shape_b <= j:
                    plain = cost(i - shape_a, i, j - shape_b, j)
                    assert plain >= 0.0
                    assert abs(row(shape_a, shape_b, j) - plain) < 1e-9


def test_search_finds_the_diagonal_inside_a_band():
    n = 50
    lo, hi = band_around([(0.0, 0.0), (float(n), float(n))], n, n, 3)
    assert lo[0] == 0 and hi[-1] == n and all(l <= h for l, h in zip(lo, hi))

    def row(i):
        return lambda a, b, j: 0.0 if (a, b) == (1, 1) and j == i else 5.0

    path = search(n, n, [(1, 1), (1, 0), (0, 1)], row, lo, hi)
    assert path == [(k, k + 1, k, k + 1) for k in range(n)]


def test_monotone_band_is_non_decreasing_and_spans_the_texts():
    lo, hi = monotone_band([3, 0, 5, 2, 9], [4, 2, 6, 3, 9], 9)
    assert lo == [0, 0, 2, 2, 9] and hi == [4, 4, 6, 6, 9]


def test_length_model_refit_is_robust_to_outliers():
    generator = random.Random(1)
    pairs = [(la, la * 1.2 + generator.gauss(0, 2)) for la in (generator.randint(40, 200) for _ in range(200))]
    pairs += [(10, 300)] * 10
    model = refit(pairs, LengthModel())
    assert abs(model.c - 1.2) < 0.1
    assert model.s2 < 1.0 + 0.5


def test_long_texts_take_linear_time():
    en, ru = sample("en"), sample("ru")
    generator = random.Random(7)
    order = [generator.randrange(len(en)) for _ in range(1500)]
    a = [f"{k}. {en[i]}" for k, i in enumerate(order)]
    b = [f"{k}. {ru[i]}" for k, i in enumerate(order)]
    del b[700:705]
    start = time.process_time()
    beads = align([a, b])
    elapsed = time.process_time() - start
    check_partition(beads, [len(a), len(b)])
    one_to_one = sum(1 for bead in beads if bead.shape() == "1-1")
    assert one_to_one >= len(b) - 10
    assert elapsed < 20
