"""Aligning two texts: bead costs, the two-pass banded search, and confidence scores.

The cost of a bead adds three things, all non-negative so the search can prune:
the shape's prior, the Gale–Church length cost (skipped for 1-0 and 0-1), and
the weight of translation-invariant keys the bead leaves unmatched (see
``evidence``).  Over a whole alignment the unmatched weight equals a constant
minus the matched weight, so the search maximises shared evidence while the
length model keeps it honest where there is none.  Segment kinds, when given,
add a penalty for linking a heading to a paragraph and the like.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import accumulate
from typing import Protocol, Sequence

from .dp import Span, BandTooNarrow, band_around, band_around_path, search, touches_edge
from .evidence import EvidenceModel, TextEvidence
from .lengthmodel import LengthModel, initial_model, refit, shape_cost, shapes

EVIDENCE_WEIGHT = 0.5
KIND_PENALTY = 3.0
FIRST_WIDTH = 40
SECOND_WIDTH = 12
NULL_PER_MEAN = 1.5


class SpanSimilarity(Protocol):
    """Extra evidence (e.g. sentence embeddings): a cost >= 0 for linking two spans."""

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> float: ...


@dataclass
class PairInput:
    """One side of a pairwise alignment: segment lengths, key sets and kinds."""

    lengths: list[int]
    evidence: TextEvidence | None
    kinds: list[str] | None

    def __post_init__(self) -> None:
        self.prefix = [0, *accumulate(self.lengths)]
        totals = self.evidence.totals if self.evidence else [0.0] * len(self.lengths)
        self.total_prefix = [0.0, *accumulate(totals)]


class BeadCost:
    """The cost of one bead between texts A and B under the current models."""

    def __init__(
        self, a: PairInput, b: PairInput, length: LengthModel, evidence: EvidenceModel | None,
        *, max_bead: int, evidence_weight: float | None = None, extra: SpanSimilarity | None = None,
    ) -> None:
        self.a, self.b, self.length, self.evidence = a, b, length, evidence
        self.shapes = shapes(max_bead)
        self.shape_cost = {shape: shape_cost(shape) for shape in self.shapes}
        self.weight = (EVIDENCE_WEIGHT if evidence_weight is None else evidence_weight) if evidence else 0.0
        self.extra = extra
        self.mean_a = max(a.prefix[-1] / max(len(a.lengths), 1), 1.0)
        self.mean_b = max(b.prefix[-1] / max(len(b.lengths), 1), 1.0)

    def keys(self, side: PairInput, start: int, stop: int) -> frozenset[int]:
        sets = side.evidence.keys  # type: ignore[union-attr]
        if stop - start == 1:
            return sets[start]
        return frozenset().union(*sets[start:stop])

    def parts(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float, float, float]:
        """Length cost, unmatched and total evidence weight, kind penalty of a bead."""
        a, b = self.a, self.b
        total = (a.total_prefix[i1] - a.total_prefix[i0] + b.total_prefix[j1] - b.total_prefix[j0]) / 2.0
        if i0 == i1:
            return NULL_PER_MEAN * min((b.prefix[j1] - b.prefix[j0]) / self.mean_b, 4.0), total, total, 0.0
        if j0 == j1:
            return NULL_PER_MEAN * min((a.prefix[i1] - a.prefix[i0]) / self.mean_a, 4.0), total, total, 0.0
        length = self.length.cost(a.prefix[i1] - a.prefix[i0], b.prefix[j1] - b.prefix[j0])
        unmatched = total
        if total and self.evidence is not None:
            unmatched -= self.evidence.matched(self.keys(a, i0, i1), self.keys(b, j0, j1))
        kind = 0.0
        if a.kinds is not None and b.kinds is not None:
            special_a = {k for k in a.kinds[i0:i1] if k != "paragraph"}
            special_b = {k for k in b.kinds[j0:j1] if k != "paragraph"}
            kind = KIND_PENALTY * len(special_a ^ special_b)
        return length, max(unmatched, 0.0), total, kind

    def __call__(self, i0: int, i1: int, j0: int, j1: int) -> float:
        length, unmatched, _, kind = self.parts(i0, i1, j0, j1)
        cost = self.shape_cost[(i1 - i0, j1 - j0)] + length + self.weight * unmatched + kind
        if self.extra is not None:
            cost += self.extra.cost(i0, i1, j0, j1)
        return cost


def anchor_points(a: PairInput, b: PairInput, evidence: EvidenceModel | None) -> list[tuple[float, float]]:
    """Points (i+½, j+½) where a key occurs once in each text, filtered to a monotone chain."""
    n, m = len(a.lengths), len(b.lengths)
    points: list[tuple[float, float]] = [(0.0, 0.0)]
    if evidence is not None and a.evidence and b.evidence:
        where_a = _unique_positions(a.evidence.keys)
        where_b = _unique_positions(b.evidence.keys)
        pairs = sorted((i, where_b[key]) for key, i in where_a.items() if key in where_b)
        points.extend((i + 0.5, j + 0.5) for i, j in _longest_chain(pairs))
    points.append((float(n), float(m)))
    return points


def _unique_positions(sets: Sequence[frozenset[int]]) -> dict[int, int]:
    seen: dict[int, int] = {}
    for index, keys in enumerate(sets):
        for key in keys:
            seen[key] = -1 if key in seen else index
    return {key: index for key, index in seen.items() if index >= 0}


def _longest_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain strictly increasing in both coordinates (patience sorting)."""
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(pairs)
    # Sort by i ascending and j descending so equal i never chain.
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], -pairs[k][1]))
    for k in order:
        j = pairs[k][1]
        slot = bisect.bisect_left(tails, j)
        if slot == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[slot] = j
            tail_index[slot] = k
        parent[k] = tail_index[slot - 1] if slot else -1
    chain = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    return chain[::-1]


def banded_search(cost: BeadCost, n: int, m: int, lo: list[int], hi: list[int], width: int) -> list[Span]:
    """Search, widening the band around the best path while that path runs along its edge."""
    while True:
        try:
            path = search(n, m, cost.shapes, cost, lo, hi)
        except BandTooNarrow:
            path = []
        full = all(l == 0 and h == m for l, h in zip(lo, hi))
        if full or (path and not touches_edge(path, lo, hi, m)):
            return path
        width *= 2
        if path:
            lo, hi = band_around_path(path, n, m, width)
        else:
            lo, hi = band_around([(0.0, 0.0), (float(n), float(m))], n, m, max(width, abs(n - m)))


def align_pair(
    a: PairInput, b: PairInput, evidence: EvidenceModel | None, *, max_bead: int = 3,
    use_evidence: bool = True, extra: SpanSimilarity | None = None,
) -> tuple[list[Span], BeadCost]:
    """Two passes: a wide band around the anchors, then a narrow one with refitted length parameters."""
    n, m = len(a.lengths), len(b.lengths)
    if n == 0 or m == 0:
        cost = BeadCost(a, b, initial_model(a.lengths, b.lengths), None, max_bead=max(max_bead, 1))
        return [(i, i + 1, 0, 0) for i in range(n)] + [(0, 0, j, j + 1) for j in range(m)], cost
    chosen = evidence if use_evidence else None
    model = initial_model(a.lengths, b.lengths)
    cost = BeadCost(a, b, model, chosen, max_bead=max_bead, extra=extra)
    width = max(FIRST_WIDTH, abs(n - m) // 20)
    lo, hi = band_around(anchor_points(a, b, chosen), n, m, width)
    path = banded_search(cost, n, m, lo, hi, width)
    ones = [(a.prefix[i1] - a.prefix[i0], b.prefix[j1] - b.prefix[j0]) for i0, i1, j0, j1 in path
            if i1 - i0 == 1 and j1 - j0 == 1]
    cost.length = refit(ones, model)
    lo, hi = band_around_path(path, n, m, SECOND_WIDTH)
    return banded_search(cost, n, m, lo, hi, SECOND_WIDTH), cost


def confidence(cost: BeadCost, span: Span) -> float:
    """A score in [0, 1] that is high for beads whose length and shared keys agree."""
    i0, i1, j0, j1 = span
    length, unmatched, total, kind = cost.parts(i0, i1, j0, j1)
    if i0 == i1 or j0 == j1:
        return 0.3 if total < 3.0 else 0.15
    shape = cost.shape_cost[(i1 - i0, j1 - j0)]
    z = 1.2 - 0.45 * length - 0.25 * (shape - 0.12) - 0.4 * kind
    if cost.evidence is not None and total > 0:
        matched = total - unmatched
        z += 4.0 * (matched / total) - 1.0 + 0.08 * min(matched, 20.0)
    return 1.0 / (1.0 + math.exp(-z))
