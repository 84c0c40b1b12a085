"""Aligning two texts: where to search, the two passes, and confidence scores.

The search itself (``dp``) is generic; this module decides the band it runs
in.  Short texts get a wide band around anchors (keys found once in each
text); long ones are first aligned as blocks of segments, recursively, so the
work stays linear in the length.  A second pass refits the length model on
the first pass's 1-1 beads and searches a narrow band around its path.  Bead
costs are in ``costs``.
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
BLOCK_SIZE = 8
NULL_SCORE = 0.3


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

    Pass one searches a wide band around a guide (see ``guided_search``);
    pass two refits the length model on pass one's 1-1 beads and searches a
    narrow band around its path with all shapes.
    """
    n, m = len(a.lengths), len(b.lengths)
    model = initial_model(a.lengths, b.lengths)
    if n == 0 or m == 0:
        cost = BeadCost(a, b, model, None, max_bead=max(max_bead, 1))
        return [(i, i + 1, 0, 0) for i in range(n)] + [(0, 0, j, j + 1) for j in range(m)], cost
    path = guided_search(a, b, evidence, model, max_bead=max_bead, extra=extra)
    ones = [(a.prefix[i1] - a.prefix[i0], b.prefix[j1] - b.prefix[j0]) for i0, i1, j0, j1 in path
            if i1 - i0 == 1 and j1 - j0 == 1]
    cost = BeadCost(a, b, refit(ones, model), evidence, max_bead=max_bead, extra=extra)
    return banded_search(cost, n, m, *band_around_path(path, n, m, SECOND_WIDTH), SECOND_WIDTH), cost


def guided_search(
    a: PairInput, b: PairInput, evidence: EvidenceModel | None, model: LengthModel, *,
    max_bead: int, extra: SpanSimilarity | None = None,
) -> list[Span]:
    """Search a band around a guide: shared rare keys for short texts, blocks for long ones.

    Long texts are cut into blocks of about BLOCK_SIZE segments, the same
    number of blocks for both texts so that block i of A holds roughly what
    block i of B holds; the blocks are aligned first (recursively, so any
    length works), and that path, mapped back to segment positions, guides a
    search with beads of at most two segments a side.
    """
    n, m = len(a.lengths), len(b.lengths)
    if max(n, m) <= COARSE_LIMIT:
        points, width = anchor_points(a, b, evidence), max(FIRST_WIDTH, abs(n - m) // 20)
    else:
        blocks = -(-max(n, m) // BLOCK_SIZE)
        cuts_a = [round(t * n / blocks) for t in range(blocks + 1)]
        cuts_b = [round(t * m / blocks) for t in range(blocks + 1)]
        block_a, block_b = blocked(a, cuts_a, evidence), blocked(b, cuts_b, evidence)
        coarse = guided_search(block_a, block_b, evidence, model, max_bead=2)
        points = [(0.0, 0.0)] + [(float(cuts_a[i1]), float(cuts_b[j1])) for _, i1, _, j1 in coarse]
        width = int(1.5 * max(n, m) / blocks) + 8
        max_bead = min(max_bead, 2)
    cost = BeadCost(a, b, model, evidence, max_bead=max_bead, extra=extra)
    return banded_search(cost, n, m, *band_around(points, n, m, width), width)


def confidence(cost: BeadCost, span: Span) -> float:
    """A score in [0, 1], high for beads whose shared keys and lengths agree.

    A logistic function of the bead's features, with coefficients fitted on
    right and wrong beads of held-out alignments (the Text+Berg dev set,
    shuffled texts) and rounded: the share of evidence matched counts most;
    without evidence, the length cost and the shape decide.  1-0 and 0-1
    beads get a low fixed score, lower when they leave keys unmatched, so
    reviewers look at them.
    """
    i0, i1, j0, j1 = span
    length, unmatched, total, kind = cost.parts(i0, i1, j0, j1)
    if i0 == i1 or j0 == j1:
        return NULL_SCORE if total < 3.0 else NULL_SCORE - 0.1
    shape = cost.shape_cost[(i1 - i0, j1 - j0)] - cost.shape_cost[(1, 1)]
    if cost.evidence is not None and total > 0:
        matched = total - unmatched
        z = -0.8 + 3.8 * matched / total + 0.06 * min(matched, 20.0) - 0.5 * shape - 0.15 * length
    else:
        z = 1.6 - 0.3 * length - 0.45 * shape
    return 1.0 / (1.0 + math.exp(-(z - kind / 3.0)))
