"""The Gale–Church length model, with its parameters estimated from the texts.

Gale & Church (1993) model the length of a translation as proportional to the
length of its source, lb ≈ c·la, with a variance that grows with the length.
The published c and s² were fitted to English–French Hansard text; here both
are estimated from the texts being aligned (first from their total lengths,
then from a first alignment), so any language pair and script works.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

# -log P(bead shape).  Gale–Church's Hansard priors, with a little more room
# for the larger shapes that paragraph-level translations show.
SHAPE_COST: dict[tuple[int, int], float] = {
    (1, 1): 0.12, (1, 0): 3.0, (0, 1): 3.0, (1, 2): 2.5, (2, 1): 2.5, (2, 2): 4.5,
    (1, 3): 4.6, (3, 1): 4.6, (2, 3): 6.0, (3, 2): 6.0, (3, 3): 7.5,
}
DEFAULT_S2 = 6.8
RELATIVE = 0.1
MAX_COST = 40.0
_SQRT2 = math.sqrt(2.0)


def shapes(max_bead: int) -> list[tuple[int, int]]:
    """Bead shapes with at most ``max_bead`` segments per side, cheapest first."""
    extra = {(a, b): 3.0 * (a + b) for a in range(max_bead + 1) for b in range(max_bead + 1)}
    chosen = [
        (a, b) for a in range(max_bead + 1) for b in range(max_bead + 1)
        if (a or b) and ((a and b) or a + b == 1)
    ]
    return sorted(chosen, key=lambda shape: SHAPE_COST.get(shape, extra[shape]))


def shape_cost(shape: tuple[int, int]) -> float:
    a, b = shape
    return SHAPE_COST.get(shape, 3.0 * (a + b))


def two_sided_tail(z: float) -> float:
    """P(|Z| >= z) for a standard normal Z."""
    return math.erfc(abs(z) / _SQRT2)


def tail_cost(z: float) -> float:
    """-log P(|Z| >= z), capped at MAX_COST so one bad length cannot outweigh everything."""
    tail = two_sided_tail(z)
    return MAX_COST if tail <= 1e-17 else min(MAX_COST, -math.log(tail))


# tail_cost on a grid of 0.01 up to z = 8, rounded down: the search looks costs up here.
TAIL_TABLE = [tail_cost(k / 100.0) for k in range(802)]


def fast_tail_cost(z: float) -> float:
    z = abs(z)
    return TAIL_TABLE[int(z * 100.0)] if z < 8.0 else tail_cost(z)


@dataclass
class LengthModel:
    """Length ratio ``c`` (text B over text A) and variance ``s2`` per unit length."""

    c: float = 1.0
    s2: float = DEFAULT_S2

    def delta(self, la: float, lb: float) -> float:
        """Standardised length difference, symmetric in the two texts.

        The variance is Gale–Church's s²·c·l plus a relative term (RELATIVE·c·l)²:
        long paragraphs vary in proportion to their length, not only with its root.
        """
        mean = max((la + lb / self.c) / 2.0, 1.0)
        return (lb - self.c * la) / math.sqrt(self.c * mean * (self.s2 + RELATIVE * RELATIVE * self.c * mean))

    def cost(self, la: float, lb: float) -> float:
        """-log of the two-sided tail probability of the length difference (from a 0.01 grid)."""
        return fast_tail_cost(self.delta(la, lb))

    def probability(self, la: float, lb: float) -> float:
        return two_sided_tail(self.delta(la, lb))


def segment_length(text: str) -> int:
    """Characters without repeated spaces: a length that tokenisation barely changes."""
    return len(" ".join(text.split()))


def initial_model(lengths_a: Sequence[int], lengths_b: Sequence[int]) -> LengthModel:
    """The ratio of total lengths and Gale–Church's variance: a start for any language pair."""
    total_a = sum(lengths_a) or 1
    total_b = sum(lengths_b) or 1
    return LengthModel(c=total_b / total_a, s2=DEFAULT_S2)


def refit(pairs: Iterable[tuple[float, float]], fallback: LengthModel) -> LengthModel:
    """Re-estimate c and s² from presumed 1-1 translations, robustly.

    c is the ratio of summed lengths over the pairs whose own ratio is within
    a factor 1.5 of the median ratio; s² comes from the median squared
    standardised residual (divided by 0.455, the median of a χ²₁ variable), so
    a few wrong pairs cannot inflate it.  Too few pairs keep the fallback.
    """
    pairs = [(la, lb) for la, lb in pairs if la > 0 and lb > 0]
    if len(pairs) < 12:
        return fallback
    ratios = sorted(lb / la for la, lb in pairs)
    median = ratios[len(ratios) // 2]
    typical = [(la, lb) for la, lb in pairs if median / 1.5 <= lb / la <= median * 1.5] or pairs
    c = sum(lb for _, lb in typical) / sum(la for la, _ in typical)
    residuals = sorted(
        (lb - c * la) ** 2 / (c * max((la + lb / c) / 2.0, 1.0)) for la, lb in pairs
    )
    s2 = residuals[len(residuals) // 2] / 0.455
    return LengthModel(c=c, s2=min(max(s2, 1.0), 60.0))
