"""Banded dynamic programming over bead shapes, in memory linear in the text length.

The search only visits, for each position ``i`` of text A, the positions of
text B between ``lo[i]`` and ``hi[i]`` (a band around a guessed path).  Costs
are kept for the last few rows only; back-pointers take one byte per visited
cell, so 20,000 × 20,000 segments with a band of ±40 need about 2 MB.
"""

from __future__ import annotations

from array import array
from typing import Callable, Sequence

Span = tuple[int, int, int, int]  # i0, i1, j0, j1: segments i0..i1-1 of A with j0..j1-1 of B
RowCost = Callable[[int], Callable[[int, int, int], float]]
_INF = float("inf")


class BandTooNarrow(Exception):
    """The end of the texts cannot be reached inside the band."""


def search(
    n: int, m: int, shape_list: Sequence[tuple[int, int]], row_cost: RowCost,
    lo: Sequence[int], hi: Sequence[int], priors: Sequence[float] | None = None,
) -> list[Span]:
    """The cheapest monotone path of beads from (0, 0) to (n, m) inside the band.

    ``row_cost(i)`` gives ``cost(a, b, j)``, the non-negative cost of the bead
    made of A[i-a:i] and B[j-b:j]; ``priors``, lower bounds of each shape's
    cost, let the search skip shapes that cannot win.
    """
    bounds = list(priors) if priors is not None else [0.0] * len(shape_list)
    moves = [(a, b, bound) for (a, b), bound in zip(shape_list, bounds)]
    depth = max(a for a, _ in shape_list)
    rows: list[list[float]] = []
    back: list[array] = []
    for i in range(n + 1):
        low, high = lo[i], hi[i]
        width = high - low + 1
        current = [_INF] * width
        pointers = array("b", [-1]) * width
        if i == 0 and low == 0:
            current[0] = 0.0
        cost = row_cost(i)
        for j in range(low, high + 1):
            best = current[j - low]
            best_shape = -1
            for index, (a, b, bound) in enumerate(moves):
                pi = i - a
                pj = j - b
                if pi < 0 or pj < 0:
                    continue
                if a:
                    if pi < i - len(rows) or pj < lo[pi] or pj > hi[pi]:
                        continue
                    base = rows[pi - i][pj - lo[pi]]
                else:
                    if pj < low:
                        continue
                    base = current[pj - low]
                if base + bound >= best:
                    continue
                total = base + cost(a, b, j)
                if total < best:
                    best = total
                    best_shape = index
            current[j - low] = best
            pointers[j - low] = best_shape
        rows.append(current)
        if len(rows) > depth:
            del rows[0]
        back.append(pointers)
    if m < lo[n] or m > hi[n] or rows[-1][m - lo[n]] == _INF:
        raise BandTooNarrow(f"no path reaches ({n}, {m}) inside the band")
    path: list[Span] = []
    i, j = n, m
    while i or j:
        index = back[i][j - lo[i]]
        if index < 0:
            raise BandTooNarrow(f"broken back-pointer at ({i}, {j})")
        a, b = shape_list[index]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path


def band_around(points: Sequence[tuple[float, float]], n: int, m: int, width: int) -> tuple[list[int], list[int]]:
    """A band of ±``width`` around the piecewise-linear line through ``points`` (sorted, from (0,0) to (n,m))."""
    lo_raw = [0] * (n + 1)
    hi_raw = [0] * (n + 1)
    centre_low = [float(m)] * (n + 1)
    centre_high = [0.0] * (n + 1)
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        start, stop = int(x0), int(x1 + 0.999999)
        for i in range(max(start, 0), min(stop, n) + 1):
            if x1 > x0:
                t = min(max((i - x0) / (x1 - x0), 0.0), 1.0)
                low_y = high_y = y0 + t * (y1 - y0)
            else:
                low_y, high_y = min(y0, y1), max(y0, y1)
            centre_low[i] = min(centre_low[i], low_y)
            centre_high[i] = max(centre_high[i], high_y)
    for i in range(n + 1):
        if centre_low[i] > centre_high[i]:
            centre_low[i] = centre_high[i] = i * m / max(n, 1)
        lo_raw[i] = max(0, int(centre_low[i]) - width)
        hi_raw[i] = min(m, int(centre_high[i] + 0.999999) + width)
    return monotone_band(lo_raw, hi_raw, m)


def band_around_path(path: Sequence[Span], n: int, m: int, width: int) -> tuple[list[int], list[int]]:
    """A band of ±``width`` around every cell an earlier path went through."""
    points = [(0.0, 0.0)]
    for i0, i1, j0, j1 in path:
        points.append((float(i1), float(j1)))
    return band_around(points, n, m, width)


def monotone_band(lo_raw: list[int], hi_raw: list[int], m: int) -> tuple[list[int], list[int]]:
    """Make lo and hi non-decreasing, start at 0, end at m and overlap row to row."""
    n = len(lo_raw) - 1
    lo = list(lo_raw)
    hi = list(hi_raw)
    for i in range(n - 1, -1, -1):
        lo[i] = min(lo[i], lo[i + 1])
    for i in range(1, n + 1):
        hi[i] = max(hi[i], hi[i - 1])
    lo[0] = 0
    hi[n] = m
    for i in range(n + 1):
        lo[i] = min(lo[i], hi[i])
    return lo, hi


def touches_edge(path: Sequence[Span], lo: Sequence[int], hi: Sequence[int], m: int, margin: int = 2) -> bool:
    """True when the path runs along the band's edge, i.e. the band may have cut off a better path."""
    for i0, i1, j0, j1 in path:
        for i, j in ((i0, j0), (i1, j1)):
            if (lo[i] > 0 and j - lo[i] < margin) or (hi[i] < m and hi[i] - j < margin):
                return True
    return False
