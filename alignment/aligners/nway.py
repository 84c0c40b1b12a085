"""N-way alignment by a pivot: merge pairwise alignments (pivot, other) into rows.

Every other text is aligned to the pivot.  A row boundary is a pivot position
where every pairwise alignment has a bead boundary; between two such
positions, a row holds the pivot's segments and, for each other text, the
segments linked to them.  A segment the pivot has no counterpart for (a 0-1
bead) that lies on a row boundary gets a row of its own, so extra material
in one translation does not swell the neighbouring rows.  Each text's beads
are monotone, so the rows are a monotone partition of every text.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Mapping, Sequence

from .beads import Bead


def _cut_positions(beads: Sequence[Bead], pivot_length: int) -> set[int]:
    """Pivot positions no bead of this pairwise alignment straddles."""
    straddled: set[int] = set()
    for bead in beads:
        side = bead.sides[0]
        if len(side) > 1:
            straddled.update(range(side[0] + 1, side[-1] + 1))
    return set(range(pivot_length + 1)) - straddled


def merge_pivot_alignments(
    pairwise: Mapping[int, Sequence[Bead]], pivot: int, lengths: Sequence[int],
) -> list[Bead]:
    """Rows over all texts from (pivot, other) beads; a row's score is its weakest link's."""
    n = lengths[pivot]
    cuts = set(range(n + 1))
    for beads in pairwise.values():
        cuts &= _cut_positions(beads, n)
    ordered_cuts = sorted(cuts)
    row_of_cut = {cut: number for number, cut in enumerate(ordered_cuts)}
    # rows[k]: the row starting at ordered_cuts[k]; boundary[k]: null-only rows placed at that cut.
    rows: list[dict[int, list[int]]] = [{} for _ in ordered_cuts]
    row_scores: list[list[float]] = [[] for _ in ordered_cuts]
    boundary: list[list[Bead]] = [[] for _ in ordered_cuts]
    for text, beads in pairwise.items():
        position = 0
        for bead in beads:
            pivot_side, other_side = bead.sides
            position += len(pivot_side)
            if not pivot_side:
                if position in row_of_cut:
                    sides = [() for _ in lengths]
                    sides[text] = tuple(other_side)
                    boundary[row_of_cut[position]].append(Bead(sides=tuple(sides), score=bead.score))
                    continue
                number = _row_containing(ordered_cuts, position)
            else:
                number = _row_containing(ordered_cuts, pivot_side[0])
            rows[number].setdefault(text, []).extend(other_side)
            row_scores[number].append(bead.score)
    result: list[Bead] = []
    for number, start in enumerate(ordered_cuts):
        result.extend(boundary[number])
        if number + 1 == len(ordered_cuts):
            break
        stop = ordered_cuts[number + 1]
        sides = [tuple(sorted(rows[number].get(t, ()))) for t in range(len(lengths))]
        sides[pivot] = tuple(range(start, stop))
        score = min(row_scores[number]) if row_scores[number] else 0.0
        result.append(Bead(sides=tuple(sides), score=score))
    return result


def _row_containing(ordered_cuts: Sequence[int], position: int) -> int:
    """Index of the row [cut_k, cut_k+1) that holds a pivot position."""
    return max(bisect_right(ordered_cuts, position) - 1, 0)

