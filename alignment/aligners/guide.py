"""Where to search: anchor points from shared rare keys, and blocks of segments for long texts."""

from __future__ import annotations

from bisect import bisect_left
from typing import Sequence

from .costs import PairInput
from .evidence import EvidenceModel, TextEvidence


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
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(pairs)
    # Sort by i ascending and j descending so equal i never chain.
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], -pairs[k][1]))
    for k in order:
        j = pairs[k][1]
        slot = bisect_left(tails, j)
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


def blocked(side: PairInput, cuts: Sequence[int], evidence: EvidenceModel | None) -> PairInput:
    """A coarse text whose segments are the blocks between consecutive ``cuts``."""
    lengths = [side.prefix[stop] - side.prefix[start] for start, stop in zip(cuts, cuts[1:])]
    if evidence is None or side.evidence is None:
        return PairInput(lengths, None, None)
    keys = [side.span_keys(start, stop) if stop > start else frozenset() for start, stop in zip(cuts, cuts[1:])]
    return PairInput(lengths, TextEvidence(keys=keys, totals=[evidence.total(k) for k in keys]), None)
