"""The cost of a bead between two texts: the quantity the search minimises.

A bead's cost adds four non-negative terms (non-negative so the search can
prune): the shape's prior; the Gale–Church length cost, or for a 1-0/0-1
bead a cost growing with the length of what is left out; the weight of
translation-invariant keys (see ``evidence``) that the bead leaves unmatched;
and, when segment kinds are given, a penalty per special kind (heading,
dateline, ...) found on one side only.  Over a whole alignment the unmatched
weight is a constant minus the matched weight, so the search maximises shared
evidence while the length model decides where there is none.  Keys left
unmatched inside a link cost (1 + LINK_UNMATCHED) times what they cost in a
1-0/0-1 bead: a segment merged into a link where its names and numbers find
no partner is likelier to be an omission than part of that link.

``parts`` computes the terms plainly; ``row`` returns the same cost as a
closure specialised for one row of the search, which is what makes the pure
Python search fast enough for long texts.
"""

from __future__ import annotations

import math
from itertools import accumulate
from typing import Callable, Protocol

from .evidence import EvidenceModel, TextEvidence
from .lengthmodel import (
    RELATIVE,
    TAIL_TABLE,
    LengthModel,
    shape_cost,
    shapes,
    tail_cost,
)

EVIDENCE_WEIGHT = 0.5
KIND_PENALTY = 3.0
NULL_PER_MEAN = 1.5
NULL_CAP = 4.0
LINK_UNMATCHED = 1.0
_KIND_BITS = {"heading": 1, "dateline": 2, "signature": 4, "note": 8}
class SpanSimilarity(Protocol):
    """Extra evidence (e.g. sentence embeddings): a cost >= 0 for linking two spans."""

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> float: ...


class PairInput:
    """One side of a pairwise alignment: segment lengths, key sets and kinds, with prefix sums."""

    def __init__(self, lengths: list[int], evidence: TextEvidence | None, kinds: list[str] | None) -> None:
        self.lengths = lengths
        self.evidence = evidence
        self.kinds = kinds
        self.prefix = [0, *accumulate(lengths)]
        totals = evidence.totals if evidence else [0.0] * len(lengths)
        self.total_prefix = [0.0, *accumulate(totals)]
        self.keys: list[frozenset[int]] = evidence.keys if evidence else [frozenset()] * len(lengths)
        self.kind_bits = [_KIND_BITS.get(kind, 0) for kind in kinds] if kinds is not None else None

    def span_keys(self, start: int, stop: int) -> frozenset[int]:
        if stop - start == 1:
            return self.keys[start]
        return frozenset().union(*self.keys[start:stop])

    def span_kinds(self, start: int, stop: int) -> int:
        bits = 0
        for value in self.kind_bits[start:stop] if self.kind_bits else ():
            bits |= value
        return bits


class BeadCost:
    """The cost of one bead between texts A and B under the current length model."""

    def __init__(
        self, a: PairInput, b: PairInput, length: LengthModel, evidence: EvidenceModel | None,
        *, max_bead: int, extra: SpanSimilarity | None = None,
    ) -> None:
        self.a, self.b, self.length, self.evidence = a, b, length, evidence
        self.shapes = shapes(max_bead)
        self.shape_cost = {shape: shape_cost(shape) for shape in self.shapes}
        self.weight = EVIDENCE_WEIGHT if evidence is not None else 0.0
        self.extra = extra
        self.mean_a = max(a.prefix[-1] / max(len(a.lengths), 1), 1.0)
        self.mean_b = max(b.prefix[-1] / max(len(b.lengths), 1), 1.0)

    def parts(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float, float, float]:
        """Length cost, unmatched and total evidence weight, and kind penalty of a bead."""
        a, b = self.a, self.b
        total = (a.total_prefix[i1] - a.total_prefix[i0] + b.total_prefix[j1] - b.total_prefix[j0]) / 2.0
        if i0 == i1:
            return NULL_PER_MEAN * min((b.prefix[j1] - b.prefix[j0]) / self.mean_b, NULL_CAP), total, total, 0.0
        if j0 == j1:
            return NULL_PER_MEAN * min((a.prefix[i1] - a.prefix[i0]) / self.mean_a, NULL_CAP), total, total, 0.0
        length = self.length.cost(a.prefix[i1] - a.prefix[i0], b.prefix[j1] - b.prefix[j0])
        unmatched = total
        if total and self.evidence is not None:
            unmatched -= self.evidence.matched(a.span_keys(i0, i1), b.span_keys(j0, j1))
        kind = 0.0
        if a.kind_bits is not None and b.kind_bits is not None:
            kind = KIND_PENALTY * bin(a.span_kinds(i0, i1) ^ b.span_kinds(j0, j1)).count("1")
        return length, max(unmatched, 0.0), total, kind

    def __call__(self, i0: int, i1: int, j0: int, j1: int) -> float:
        length, unmatched, _, kind = self.parts(i0, i1, j0, j1)
        weight = self.weight if i0 == i1 or j0 == j1 else self.weight * (1.0 + LINK_UNMATCHED)
        cost = self.shape_cost[(i1 - i0, j1 - j0)] + length + weight * unmatched + kind
        if self.extra is not None:
            cost += self.extra.cost(i0, i1, j0, j1)
        return cost

    def row(self, i: int) -> Callable[[int, int, int], float]:
        """``cost(a, b, j)`` of the bead A[i-a:i] with B[j-b:j]; equal to ``self(i-a, i, j-b, j)``."""
        a_in, b_in = self.a, self.b
        depth = min(max(s for s, _ in self.shapes), i)
        span_len = [a_in.prefix[i] - a_in.prefix[i - k] for k in range(depth + 1)]
        span_total = [(a_in.total_prefix[i] - a_in.total_prefix[i - k]) / 2.0 for k in range(depth + 1)]
        span_keys = [a_in.span_keys(i - k, i) if k else frozenset() for k in range(depth + 1)]
        use_kinds = a_in.kind_bits is not None and b_in.kind_bits is not None
        span_kind = [a_in.span_kinds(i - k, i) for k in range(depth + 1)] if use_kinds else None
        prefix_b, total_b, keys_b, kinds_b = b_in.prefix, b_in.total_prefix, b_in.keys, b_in.kind_bits
        priors = {shape: value for shape, value in self.shape_cost.items()}
        weight, extra = self.weight, self.extra
        link_weight = weight * (1.0 + LINK_UNMATCHED)
        key_weights = self.evidence.weights if self.evidence else {}
        c, inverse_c = self.length.c, 1.0 / self.length.c
        s2, relative = self.length.s2, RELATIVE * RELATIVE * self.length.c
        null_a = 1.0 / self.mean_a
        null_b = 1.0 / self.mean_b
        table, sqrt = TAIL_TABLE, math.sqrt

        def cost(a: int, b: int, j: int) -> float:
            j0 = j - b
            total = span_total[a] + (total_b[j] - total_b[j0]) * 0.5
            if not a or not b:
                value = priors[(a, b)] + weight * total
            else:
                value = priors[(a, b)] + link_weight * total
            if not a:
                value += NULL_PER_MEAN * min((prefix_b[j] - prefix_b[j0]) * null_b, NULL_CAP)
            elif not b:
                value += NULL_PER_MEAN * min(span_len[a] * null_a, NULL_CAP)
            else:
                la = span_len[a]
                lb = prefix_b[j] - prefix_b[j0]
                mean = (la + lb * inverse_c) * 0.5
                if mean < 1.0:
                    mean = 1.0
                z = (lb - c * la) / sqrt(c * mean * (s2 + relative * mean))
                if z < 0.0:
                    z = -z
                value += table[int(z * 100.0)] if z < 8.0 else tail_cost(z)
                if total:
                    keys = keys_b[j0] if b == 1 else frozenset().union(*keys_b[j0:j])
                    if keys:
                        common = span_keys[a] & keys
                        if common:
                            shared = 0.0
                            for key in common:
                                shared += key_weights[key]
                            value -= link_weight * (shared if shared < total else total)
                if span_kind is not None:
                    bits = 0
                    for k in range(j0, j):
                        bits |= kinds_b[k]  # type: ignore[index]
                    value += KIND_PENALTY * bin(span_kind[a] ^ bits).count("1")
                if extra is not None:
                    value += extra.cost(i - a, i, j0, j)
                return value
            if extra is not None:
                value += extra.cost(i - a, i, j0, j)
            return value

        return cost
