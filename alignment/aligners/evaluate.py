"""Alignment accuracy as Vecalign and Bertalign report it: strict and lax precision, recall, F1.

Per document, predicted and gold beads become sets of links (source ids,
target ids).  Precision runs over every predicted link: a strict hit is the
identical link in the gold; a lax hit is a gold link sharing at least one
source and one target id (a link with an empty side can only hit strictly).
Recall drops links with an empty side from both sets and asks the same
questions with the roles swapped.  Counts are summed over documents before
the ratios are taken.

N-way beads are evaluated per language pair after ``project``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .beads import Bead

Link = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class Counts:
    """Hit counts that can be summed over documents."""

    predicted: int = 0
    gold: int = 0
    precision_strict: int = 0
    precision_lax: int = 0
    recall_strict: int = 0
    recall_lax: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(x + y for x, y in zip(self.astuple(), other.astuple())))

    def astuple(self) -> tuple[int, ...]:
        return (self.predicted, self.gold, self.precision_strict, self.precision_lax,
                self.recall_strict, self.recall_lax)


@dataclass
class Figures:
    """Precision, recall and F1, strict and lax."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    counts: Counts = field(default_factory=Counts)


def _links(beads: Iterable[Bead]) -> list[Link]:
    links = []
    for bead in beads:
        if bead.arity != 2:
            raise ValueError(f"score() compares 2-text beads; got {bead.arity} sides (use project())")
        source, target = bead.sides
        if source or target:
            links.append((tuple(source), tuple(target)))
    return links


def _lax_hits(links: Sequence[Link], against: Sequence[Link]) -> int:
    """Links of ``links`` that share a source and a target id with some link of ``against``."""
    source_of: dict[int, set[int]] = {}
    for number, (source, target) in enumerate(against):
        if source and target:
            for s in source:
                source_of.setdefault(s, set()).add(number)
    target_of: dict[int, set[int]] = {}
    for number, (source, target) in enumerate(against):
        if source and target:
            for t in target:
                target_of.setdefault(t, set()).add(number)
    hits = 0
    for source, target in links:
        if not source or not target:
            continue
        with_source = set().union(*(source_of.get(s, ()) for s in source))
        if with_source and any(with_source & target_of.get(t, set()) for t in target):
            hits += 1
    return hits


def score(predicted: Sequence[Bead], gold: Sequence[Bead]) -> Counts:
    """Hit counts of one document's predicted beads against its gold beads (two texts)."""
    predicted_links = _links(predicted)
    gold_links = _links(gold)
    gold_set = set(gold_links)
    strict_precision = sum(1 for link in predicted_links if link in gold_set)
    lax_precision = _lax_hits(predicted_links, gold_links)
    lax_precision += sum(1 for link in predicted_links if (not link[0] or not link[1]) and link in gold_set)
    predicted_full = [link for link in predicted_links if link[0] and link[1]]
    gold_full = [link for link in gold_links if link[0] and link[1]]
    predicted_set = set(predicted_full)
    return Counts(
        predicted=len(predicted_links),
        gold=len(gold_full),
        precision_strict=strict_precision,
        precision_lax=lax_precision,
        recall_strict=sum(1 for link in gold_full if link in predicted_set),
        recall_lax=_lax_hits(gold_full, predicted_full),
    )


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def figures(counts: Counts) -> Figures:
    """Turn summed counts into precision, recall and F1."""
    ps = counts.precision_strict / counts.predicted if counts.predicted else 0.0
    pl = counts.precision_lax / counts.predicted if counts.predicted else 0.0
    rs = counts.recall_strict / counts.gold if counts.gold else 0.0
    rl = counts.recall_lax / counts.gold if counts.gold else 0.0
    return Figures(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl), counts)


def aggregate(documents: Iterable[tuple[Sequence[Bead], Sequence[Bead]]]) -> Figures:
    """Figures over several (predicted, gold) documents, counts summed first."""
    total = Counts()
    for predicted, gold in documents:
        total = total + score(predicted, gold)
    return figures(total)


def project(beads: Sequence[Bead], i: int, j: int) -> list[Bead]:
    """The 2-text alignment of texts ``i`` and ``j`` implied by n-way beads.

    Each bead keeps its sides ``i`` and ``j`` and beads empty on both are
    dropped.  A bead linked on both sides is already maximal: the beads form a
    partition, so no other bead holds a segment linked to it.  A bead with one
    side empty is split into one null bead per segment, the convention of
    Vecalign-style gold files, so a row that a third text merged or split
    compares fairly; predicted and gold n-way beads must both be projected.
    """
    pairs = [(bead.sides[i], bead.sides[j], bead.score) for bead in beads if bead.sides[i] or bead.sides[j]]
    result: list[Bead] = []
    for source, target, bead_score in pairs:
        if source and target:
            result.append(Bead(sides=(tuple(source), tuple(target)), score=bead_score))
        else:
            result.extend(Bead(sides=((s,), ()), score=bead_score) for s in source)
            result.extend(Bead(sides=((), (t,)), score=bead_score) for t in target)
    return result
