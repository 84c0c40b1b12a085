"""Sample texts for the aligner tests (files beside the tests; the dev set from ../shared)."""

from __future__ import annotations

from pathlib import Path

from alignment.aligners import Bead, read_beads

DATA = Path(__file__).resolve().parent / "data"
DEV = Path(__file__).resolve().parents[3] / "shared" / "align-dev" / "textberg"
CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


def lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def sample(language: str) -> list[str]:
    """A 9-paragraph statement, parallel 1-1 in en, az and ru."""
    return lines(f"sample.{language}.txt")


def statement() -> tuple[list[list[str]], list[list[str]], list[Bead]]:
    """A 31-paragraph statement in en, az, ru with kinds and its gold alignment (with 2-1 and 1-2 beads)."""
    languages = ("en", "az", "ru")
    texts = [lines(f"statement.{code}.txt") for code in languages]
    kinds = [lines(f"statement.{code}.kinds") for code in languages]
    gold = read_beads((DATA / "statement.gold").read_text(encoding="utf-8").splitlines(), arity=3)
    return texts, kinds, gold


def links(beads: list[Bead]) -> set[tuple[tuple[int, ...], ...]]:
    return {bead.sides for bead in beads}
