"""Typography of a segment: how it ends and begins, its quotes and brackets, its script."""

from __future__ import annotations

import re

from .textnorm import base_language

_FINAL = ".!?…:;"
_CLOSERS = "\"'»”’)]}›"
_OPENERS = "\"'«“„‘([{‹"


def ends_open(text: str) -> bool:
    """True when a segment does not end like a sentence (trailing quotes and brackets ignored)."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] not in _FINAL


def starts_lower(text: str) -> bool:
    """True when a segment begins with a lower-case letter (leading quotes and brackets ignored)."""
    stripped = text.lstrip().lstrip(_OPENERS)
    return bool(stripped) and stripped[0].isalpha() and stripped[0].islower()


BRACKETS = {"(": ")", "[": "]", "{": "}"}
_MARKS = re.compile(r'[()\[\]{}«»„“”"]')


def balance(text: str) -> dict[str, int]:
    """Opening minus closing marks per kind: 'quotes' (double quotes of every style) and each bracket."""
    counts = {"quotes": 0, **{opener: 0 for opener in BRACKETS}}
    closing = {closer: opener for opener, closer in BRACKETS.items()}
    low_open = 0  # „ waiting for its “ (the Russian and German inner quotes)
    for mark in _MARKS.finditer(text):
        index, ch = mark.start(), mark.group()
        if ch in BRACKETS:
            counts[ch] += 1
        elif ch in closing:
            counts[closing[ch]] -= 1
        elif ch in "«„":
            counts["quotes"] += 1
            low_open += ch == "„"
        elif ch == "“" and low_open:
            counts["quotes"] -= 1
            low_open -= 1
        elif ch == "“":
            counts["quotes"] += 1
        elif ch in "»”":
            counts["quotes"] -= 1
        elif ch == '"':
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            opening = (before.isspace() or before in "([{—–-") and not after.isspace()
            counts["quotes"] += 1 if opening else -1
    return counts


_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "bg", "mk", "kk", "ky", "tg", "mn"})


def expected_script(lang: str) -> str | None:
    """The script a language is written in, where we know it: "cyrillic" or "latin"."""
    if lang.lower().endswith("-cyrl") or base_language(lang) in _CYRILLIC_LANGUAGES:
        return "cyrillic"
    if lang.lower().endswith("-latn") or base_language(lang) in {"az", "en", "tr", "de", "fr", "es", "it", "uz"}:
        return "latin"
    return None


LETTER = re.compile(r"[^\W\d_]")
# Runs, not single letters: findall then makes a string per word instead of one per letter.
_LETTERS = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile("[\u0400-\u052f]+")


def script_share(text: str, script: str) -> tuple[int, float]:
    """How many letters the text has, and the share of them in ``script``."""
    letters = sum(map(len, _LETTERS.findall(text)))
    if not letters:
        return 0, 1.0
    cyrillic = sum(map(len, _CYRILLIC.findall(text))) / letters
    return letters, cyrillic if script == "cyrillic" else 1 - cyrillic
