"""Beads: the unit of an alignment, and the text format aligners and gold files share.

A bead is one index list per aligned text plus a score, e.g. ``([0, 1], [0])``
for a 2-1 link.  On disk a bead is written ``[0,1]:[0]:0.873`` (the format of
vecalign and bertalign, with the score appended); gold files omit the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence


class BeadFormatError(ValueError):
    """A bead line that cannot be read; the message names the line."""


@dataclass(frozen=True)
class Bead:
    sides: tuple[tuple[int, ...], ...]
    score: float = 1.0

    @property
    def arity(self) -> int:
        return len(self.sides)

    def is_null(self) -> bool:
        """True when fewer than two sides hold segments (an insertion or omission)."""
        return sum(1 for side in self.sides if side) < 2

    def shape(self) -> str:
        return "-".join(str(len(side)) for side in self.sides)


_LIST = re.compile(r"^\[\s*(\d+(?:\s*,\s*\d+)*)?\s*\]$")


def _parse_list(field: str, where: str) -> tuple[int, ...]:
    match = _LIST.match(field.strip())
    if not match:
        raise BeadFormatError(f"{where}: {field.strip()!r} is not an index list like [0,1] or []")
    if not match.group(1):
        return ()
    return tuple(int(part) for part in match.group(1).split(","))


def parse_bead(line: str, *, arity: int | None = None, where: str = "line") -> Bead:
    """Read ``[0,1]:[0]`` or ``[0,1]:[0]:0.87``; ``arity`` is the expected number of sides."""
    fields = line.strip().split(":")
    score = 1.0
    if fields and not fields[-1].strip().startswith("["):
        try:
            score = float(fields.pop())
        except ValueError:
            raise BeadFormatError(f"{where}: the score {fields[-1]!r} is not a number") from None
        if not 0.0 <= score <= 1.0:
            raise BeadFormatError(f"{where}: the score {score} is outside [0, 1]")
    sides = tuple(_parse_list(field, where) for field in fields)
    if arity is not None and len(sides) != arity:
        raise BeadFormatError(f"{where}: expected {arity} index lists, found {len(sides)}")
    if len(sides) < 2:
        raise BeadFormatError(f"{where}: a bead needs at least two index lists")
    if not any(sides):
        raise BeadFormatError(f"{where}: every index list is empty")
    return Bead(sides=sides, score=score)


def format_bead(bead: Bead, *, with_score: bool = True) -> str:
    text = ":".join("[" + ",".join(str(i) for i in side) + "]" for side in bead.sides)
    return f"{text}:{bead.score:.3f}" if with_score else text


def check_partition(beads: Sequence[Bead], lengths: Sequence[int]) -> None:
    """Raise ValueError unless the beads cover 0..n-1 of every text once, in order."""
    expected = [0] * len(lengths)
    for number, bead in enumerate(beads, 1):
        if bead.arity != len(lengths):
            raise ValueError(f"bead {number}: {bead.arity} sides for {len(lengths)} texts")
        if not any(bead.sides):
            raise ValueError(f"bead {number}: empty bead")
        for text_index, side in enumerate(bead.sides):
            for index in side:
                if index != expected[text_index]:
                    raise ValueError(
                        f"bead {number}: text {text_index + 1} has index {index} "
                        f"where {expected[text_index]} was expected (not a monotone partition)"
                    )
                expected[text_index] += 1
    for text_index, (seen, total) in enumerate(zip(expected, lengths)):
        if seen != total:
            raise ValueError(f"text {text_index + 1}: beads cover {seen} of {total} segments")


def read_beads(lines: Iterable[str], *, arity: int | None = None, source: str = "") -> list[Bead]:
    """Read bead lines, skipping blanks and ``#`` comments; errors name the line number."""
    beads = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        beads.append(parse_bead(line, arity=arity, where=f"{source}line {number}"))
    return beads
