"""Script-independent normal forms of words and numbers.

Evidence that survives translation (names, cognates, numbers) only shows up
when words in different scripts and spelling systems are brought to one form:
Cyrillic is transliterated, Azerbaijani and other diacritics are folded, and a
few spelling variants that differ only by convention (``kh``/``x``,
``dzh``/``j``/Azerbaijani ``c``, ``y``/``i``) are merged into a skeleton.
"""

from __future__ import annotations

import re
import unicodedata

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ә": "e", "ғ": "g", "қ": "k",
    "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "ҹ": "j", "ј": "y",
}
_GREEK = {
    "α": "a", "β": "b", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "kh", "ψ": "ps", "ω": "o",
}
# Letters that Unicode decomposition does not fold to ASCII.
_SPECIAL = {
    "ə": "e", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d",
    "ð": "d", "þ": "th", "ŋ": "n", "ĳ": "ij",
}
_TABLE = str.maketrans({**_CYRILLIC, **_GREEK, **_SPECIAL})
# Azerbaijani Latin: c is the sound spelled j in English and дж in Russian,
# ç and ş are ch and sh, x is kh.
_AZ_TABLE = str.maketrans({"c": "j", "ç": "ch", "ş": "sh", "x": "kh"})
_AZ_MARKERS = re.compile("[əğı]")
_SKELETON_RULES = (
    ("dzh", "j"), ("tch", "c"), ("dj", "j"), ("kh", "x"), ("zh", "j"), ("sh", "s"),
    ("ch", "c"), ("ts", "c"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("q", "k"),
    ("w", "v"), ("y", "i"),
)
_DOUBLE = re.compile(r"(.)\1+")

_NUMBER = re.compile(
    r"(?<![\d])(\d{1,3}(?:[,.'’\u00a0\u202f ]\d{3})+(?![\d])|\d+(?:[.,]\d+)?)"
)
_THOUSANDS = re.compile(r"[,.'’\u00a0\u202f ]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def looks_azerbaijani(text: str) -> bool:
    """True when a text uses the Azerbaijani letters ə, ğ, ı often enough to be Azerbaijani Latin."""
    sample = text[:20000].lower()
    letters = sum(1 for ch in sample if ch.isalpha())
    return letters > 0 and len(_AZ_MARKERS.findall(sample)) >= max(3, letters // 400)


def to_ascii(text: str, *, azerbaijani: bool = False) -> str:
    """Lower-case, transliterate and strip diacritics, keeping the text's shape."""
    lowered = text.lower()
    if azerbaijani:
        lowered = lowered.translate(_AZ_TABLE)
    folded = unicodedata.normalize("NFKD", lowered.translate(_TABLE))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def skeleton(word: str) -> str:
    """Merge spelling conventions so that one name written in several systems matches."""
    for old, new in _SKELETON_RULES:
        if old in word:
            word = word.replace(old, new)
    return _DOUBLE.sub(r"\1", word)


def normalise_number(raw: str) -> str:
    """``1,000``, ``1 000``, ``1.000`` and ``1'000`` all become ``1000``; ``3,5`` becomes ``3.5``."""
    if len(raw) > 4 and re.fullmatch(r"\d{1,3}(?:[,.'’\u00a0\u202f ]\d{3})+", raw):
        return _THOUSANDS.sub("", raw)
    return raw.replace(",", ".").lstrip("0") or "0"


def numbers(text: str) -> list[str]:
    """The numbers in a text in normal form; ``19-20`` and ``1990–1992`` give both ends."""
    return [normalise_number(match) for match in _NUMBER.findall(text)]


def words(ascii_text: str) -> list[str]:
    """Alphabetic words of an already transliterated text."""
    return _WORD.findall(ascii_text)
