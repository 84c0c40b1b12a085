"""QA checks on one row of a parallel text, across all its languages at once (no Django here).

A row is given as :class:`RowInput`: per language code the row's segments as
``(key, kind, text)``, the next segment of each version (which may lie in a
later row; the broken-segmentation check needs it), and the row's status and
aligner score.  Every check returns :class:`Finding` objects; ``subject`` is
the stable part of a finding (what is wrong, not how badly), from which the
service builds the fingerprint that dismissals refer to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from alignment.aligners.lengthmodel import (
    LengthModel,
    initial_model,
    refit,
    segment_length,
)

from .numbers import atom_label, has_month_words, number_atoms
from .textnorm import squash_spaces
from .typography import (
    BRACKETS,
    LETTER,
    balance,
    ends_open,
    expected_script,
    script_share,
    starts_lower,
)

INFO, WARNING, ERROR = 10, 20, 30

# |z| of the Gale–Church length statistic above which a row is reported.  On the
# 17 gold-aligned statements (754 language pairs of rows) |z| > 3 occurs once and
# |z| > 3.5 never; a row shifted by one paragraph exceeds 3 in most cases.
LENGTH_Z_WARNING = 3.0
LENGTH_Z_ERROR = 6.0
LOW_CONFIDENCE = 0.5
LARGE_BEAD = 3
UNTRANSLATED_MIN_WORDS = 3
UNTRANSLATED_ERROR_WORDS = 8

CHECK_NAMES = {
    "numbers": "numbers and dates differ",
    "length_ratio": "improbable length ratio",
    "empty": "empty cell",
    "untranslated": "untranslated text",
    "broken_segmentation": "broken paragraph (merge candidate)",
    "balance": "unbalanced quotes or brackets",
    "large_bead": "large bead",
    "low_confidence": "low aligner confidence",
    "flagged": "flagged by an editor",
}


class Seg(NamedTuple):
    key: str
    kind: str
    text: str


@dataclass
class RowInput:
    """One row: segments per language (an empty list for an empty cell) and its context."""

    cells: dict[str, list[Seg]]
    next_segments: dict[str, Seg | None] = field(default_factory=dict)
    status: str = "auto"
    score: float | None = None
    note: str = ""
    lengths: dict[str, int] = field(default_factory=dict, repr=False, compare=False)  # filled by length()

    def text(self, lang: str) -> str:
        return " ".join(segment.text for segment in self.cells.get(lang, []))

    def filled(self) -> list[str]:
        return [lang for lang, segments in self.cells.items() if segments]

    def length(self, lang: str) -> int:
        """The length model's measure of the cell (computed once: the models read every row)."""
        if lang not in self.lengths:
            self.lengths[lang] = sum(segment_length(segment.text) for segment in self.cells.get(lang, []))
        return self.lengths[lang]

    @property
    def keys(self) -> list[str]:
        return sorted(segment.key for segments in self.cells.values() for segment in segments)


@dataclass(frozen=True)
class Finding:
    check: str
    severity: int
    message: str
    languages: tuple[str, ...]
    subject: str


LengthModels = dict[tuple[str, str], LengthModel]


def length_models(rows: Sequence[RowInput]) -> LengthModels:
    """The aligner's Gale–Church model per language pair, fitted on the statement's own rows:
    the ratio of total lengths first, then c and s² refitted robustly on its 1-1 rows."""
    languages = sorted({lang for row in rows for lang in row.cells})
    models: LengthModels = {}
    for a, b in combinations(languages, 2):
        both = [row for row in rows if row.cells.get(a) and row.cells.get(b)]
        if not both:
            continue
        start = initial_model([row.length(a) for row in both], [row.length(b) for row in both])
        ones = [(row.length(a), row.length(b)) for row in both if len(row.cells[a]) == len(row.cells[b]) == 1]
        models[(a, b)] = refit(ones, start)
    return models


def check_numbers(row: RowInput, models: LengthModels) -> list[Finding]:
    """A number, date or month present in some cells and not in the others."""
    filled = row.filled()
    months = all(has_month_words(lang) for lang in filled)
    atoms = {lang: number_atoms(row.text(lang), lang, months=months) for lang in filled}
    if len(filled) < 2 or len(set(atoms.values())) == 1:
        return []
    groups: dict[tuple[str, ...], list[str]] = {}
    for atom in sorted(frozenset().union(*atoms.values()), key=_atom_order):
        holders = tuple(lang for lang in filled if atom in atoms[lang])
        if len(holders) < len(filled):
            groups.setdefault(holders, []).append(atom)
    lacking = {lang for holders in groups for lang in filled if lang not in holders}
    having_own = {lang for holders in groups for lang in holders}
    different = bool(lacking & having_own)
    parts = [
        f"{', '.join(atom_label(atom) for atom in group)} in {', '.join(holders)} "
        f"but not in {', '.join(lang for lang in filled if lang not in holders)}"
        for holders, group in groups.items()
    ]
    subject = "|".join(f"{'+'.join(holders)}:{','.join(group)}" for holders, group in sorted(groups.items()))
    return [Finding("numbers", ERROR if different else WARNING, "Numbers or dates differ: " + "; ".join(parts) + ".",
                    tuple(filled), subject)]


def _atom_order(atom: str) -> tuple[int, str]:
    return (1 if atom.startswith("M") else 0, atom.rjust(12))


def check_length_ratio(row: RowInput, models: LengthModels) -> list[Finding]:
    findings = []
    for (a, b), model in models.items():
        if not row.cells.get(a) or not row.cells.get(b):
            continue
        la, lb = row.length(a), row.length(b)
        z = model.delta(la, lb)
        if abs(z) <= LENGTH_Z_WARNING:
            continue
        longer = b if z > 0 else a
        findings.append(Finding(
            "length_ratio", ERROR if abs(z) > LENGTH_Z_ERROR else WARNING,
            f"Improbable {a}/{b} length ratio: {a} {la} and {b} {lb} characters where {b} ≈ {model.c:.2f} × {a} "
            f"is expected (z = {z:+.1f}); the {longer} text is too long or the other too short.",
            (a, b), f"{a}/{b}",
        ))
    return findings


def check_empty(row: RowInput, models: LengthModels) -> list[Finding]:
    empty = sorted(lang for lang, segments in row.cells.items() if not segments)
    filled = row.filled()
    if not empty or not filled:
        return []
    verb = "has" if len(filled) == 1 else "have"
    return [Finding("empty", WARNING, f"No {', '.join(empty)} text in this row ({', '.join(filled)} {verb} text).",
                    tuple(empty), ",".join(empty))]


def check_untranslated(row: RowInput, models: LengthModels) -> list[Finding]:
    findings = []
    filled = row.filled()
    texts = {lang: squash_spaces(row.text(lang)) for lang in filled}
    copied: set[str] = set()
    for a, b in combinations(filled, 2):
        if texts[a] != texts[b] or "://" in texts[a]:
            continue
        words = [word for word in texts[a].split() if LETTER.search(word)]
        if len(words) < UNTRANSLATED_MIN_WORDS:
            continue
        copied.update((a, b))
        severity = ERROR if len(words) >= UNTRANSLATED_ERROR_WORDS else WARNING
        findings.append(Finding("untranslated", severity, f"The {a} and {b} texts are identical ({len(words)} words).",
                                (a, b), f"same:{a}={b}"))
    for lang in filled:
        script = expected_script(lang)
        letters, share = script_share(texts[lang], script) if script else (0, 1.0)
        if lang not in copied and letters >= 20 and share < 0.5:
            message = f"The {lang} text is mostly not in {script.title()} script ({share:.0%} of letters)."
            findings.append(Finding("untranslated", WARNING, message, (lang,), f"script:{lang}"))
    return findings


def check_broken_segmentation(row: RowInput, models: LengthModels) -> list[Finding]:
    findings = []
    for lang, segments in row.cells.items():
        following = [*segments[1:], row.next_segments.get(lang)]
        for segment, after in zip(segments, following):
            if after is not None and ends_open(segment.text) and starts_lower(after.text):
                findings.append(Finding(
                    "broken_segmentation", WARNING,
                    f"{segment.key} ends without final punctuation and {after.key} begins in lower case: "
                    f"probably one paragraph broken in two (merge candidate).",
                    (lang,), f"{segment.key}+{after.key}",
                ))
    return findings


def check_balance(row: RowInput, models: LengthModels) -> list[Finding]:
    """Marks left open or closed in some languages but not in the others.  When every language
    leaves the same mark open (a quotation running over several paragraphs) nothing is reported."""
    filled = row.filled()
    counts = {lang: balance(row.text(lang)) for lang in filled}
    findings = []
    for mark in ("quotes", *BRACKETS):
        deltas = {lang: counts[lang][mark] for lang in filled}
        if not any(deltas.values()) or (len(filled) > 1 and len(set(deltas.values())) == 1):
            continue
        name = "quotation marks" if mark == "quotes" else f"brackets {mark}{BRACKETS[mark]}"
        off = [lang for lang, delta in deltas.items() if delta]
        described = "; ".join(
            f"{lang} opens {delta} more than it closes" if delta > 0 else f"{lang} closes {-delta} more than it opens"
            for lang, delta in deltas.items() if delta
        )
        findings.append(Finding("balance", WARNING, f"Unbalanced {name}: {described}.", tuple(off),
                                f"{mark}:" + ",".join(f"{lang}{deltas[lang]:+d}" for lang in off)))
    return findings


def check_large_bead(row: RowInput, models: LengthModels) -> list[Finding]:
    large = {lang: len(segments) for lang, segments in row.cells.items() if len(segments) >= LARGE_BEAD}
    if not large:
        return []
    shape = "-".join(str(len(row.cells[lang])) for lang in row.cells)
    described = ", ".join(f"{count} {lang} segments" for lang, count in large.items())
    return [Finding("large_bead", INFO, f"A large bead ({shape}): {described} in one row deserve a look.",
                    tuple(large), ",".join(sorted(large)))]


def check_low_confidence(row: RowInput, models: LengthModels) -> list[Finding]:
    if row.score is None or row.score >= LOW_CONFIDENCE or row.status == "confirmed":
        return []
    return [Finding("low_confidence", WARNING, f"The aligner's confidence in this row is {row.score:.2f} "
                    f"(below {LOW_CONFIDENCE}).", tuple(row.filled()), "score")]


def check_flagged(row: RowInput, models: LengthModels) -> list[Finding]:
    if row.status != "flagged":
        return []
    return [Finding("flagged", WARNING, f"Flagged: {row.note or '(no note)'}", tuple(row.filled()), "flag")]


CHECKS: dict[str, Callable[[RowInput, LengthModels], list[Finding]]] = {
    "numbers": check_numbers,
    "length_ratio": check_length_ratio,
    "empty": check_empty,
    "untranslated": check_untranslated,
    "broken_segmentation": check_broken_segmentation,
    "balance": check_balance,
    "large_bead": check_large_bead,
    "low_confidence": check_low_confidence,
    "flagged": check_flagged,
}


def row_findings(row: RowInput, models: LengthModels) -> list[Finding]:
    """Every check on one row."""
    return [finding for check in CHECKS.values() for finding in check(row, models)]


def statement_findings(rows: Sequence[RowInput], models: LengthModels | None = None) -> list[list[Finding]]:
    """Findings per row of a whole statement (the length models fitted on these rows unless given)."""
    models = length_models(rows) if models is None else models
    return [row_findings(row, models) for row in rows]
