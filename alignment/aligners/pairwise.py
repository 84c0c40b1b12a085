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

from .costs import BeadCost, PairInput, SpanSimilarity
from .dp import BandTooNarrow, Span, band_around, band_around_path, search, touches_edge
from .evidence import EvidenceModel
from .guide import anchor_points, blocked
from .lengthmodel import LengthModel, initial_model, refit

FIRST_WIDTH = 40
SECOND_WIDTH = 12
COARSE_LIMIT = 800
COARSE_BLOCKS = 300


def banded_search(cost: BeadCost, n: int, m: int, lo: list[int], hi: list[int], width: int) -> list[Span]:
    """Search, widening the band around the best path while that path runs along its edge."""
    while True:
        try:
            path = search(n, m, cost.shapes, cost.row, lo, hi, [cost.shape_cost[s] for s in cost.shapes])
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
    extra: SpanSimilarity | None = None,
) -> tuple[list[Span], BeadCost]:
    """Align two texts; return the path of bead spans and the cost model that scored it.

    Pass one searches a wide band around a guide (shared rare keys for short
    texts, an alignment of blocks of segments for long ones) with beads of at
    most two segments a side for long texts; pass two refits the length model on pass one's
    1-1 beads and searches a narrow band around its path with all shapes.
    """
    n, m = len(a.lengths), len(b.lengths)
    model = initial_model(a.lengths, b.lengths)
    if n == 0 or m == 0:
        cost = BeadCost(a, b, model, None, max_bead=max(max_bead, 1))
        return [(i, i + 1, 0, 0) for i in range(n)] + [(0, 0, j, j + 1) for j in range(m)], cost
    long_texts = max(n, m) > COARSE_LIMIT
    if long_texts:
        points, width = coarse_guide(a, b, evidence, model)
    else:
        points, width = anchor_points(a, b, evidence), max(FIRST_WIDTH, abs(n - m) // 20)
    first = BeadCost(a, b, model, evidence, max_bead=min(max_bead, 2) if long_texts else max_bead, extra=extra)
    path = banded_search(first, n, m, *band_around(points, n, m, width), width)
    ones = [(a.prefix[i1] - a.prefix[i0], b.prefix[j1] - b.prefix[j0]) for i0, i1, j0, j1 in path
            if i1 - i0 == 1 and j1 - j0 == 1]
    cost = BeadCost(a, b, refit(ones, model), evidence, max_bead=max_bead, extra=extra)
    return banded_search(cost, n, m, *band_around_path(path, n, m, SECOND_WIDTH), SECOND_WIDTH), cost


def coarse_guide(
    a: PairInput, b: PairInput, evidence: EvidenceModel | None, model: LengthModel,
) -> tuple[list[tuple[float, float]], int]:
    """Guide points for long texts: align COARSE_BLOCKS blocks of consecutive segments per text.

    Both texts are cut into the same number of blocks, so block i of A holds
    roughly what block i of B holds and the block alignment stays near its
    diagonal; its path, mapped back to segment positions, guides the fine search.
    """
    blocks = COARSE_BLOCKS
    n, m = len(a.lengths), len(b.lengths)
    cuts_a = [round(t * n / blocks) for t in range(blocks + 1)]
    cuts_b = [round(t * m / blocks) for t in range(blocks + 1)]
    block_a, block_b = blocked(a, cuts_a, evidence), blocked(b, cuts_b, evidence)
    cost = BeadCost(block_a, block_b, model, evidence, max_bead=2)
    points, width = anchor_points(block_a, block_b, evidence), FIRST_WIDTH
    path = banded_search(cost, blocks, blocks, *band_around(points, blocks, blocks, width), width)
    guide = [(0.0, 0.0)] + [(float(cuts_a[i1]), float(cuts_b[j1])) for _, i1, _, j1 in path]
    return guide, int(1.5 * max(n, m) / blocks) + 8


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
