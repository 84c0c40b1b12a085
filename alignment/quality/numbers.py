"""Numbers and dates in a form that is the same in every language of the corpus.

Translations write numbers and dates by different conventions: ``1,000`` /
``1 000`` / ``1.000``, ``19-20`` / ``19–20``, ``January 20, 1990`` /
``20 yanvar 1990-cı il`` / ``20 января 1990 года`` / ``20.01.1990``.  This
module brings them to one form so a QA check (and the corpus tests) can
compare the cells of a row:

- ``number_atoms(text, lang)``: the set of atoms a cell mentions — numbers in
  normal form (``"1000"``, ``"3.5"``) and months as ``"M01"``..``"M12"``.
  A date contributes its day, month and year as separate atoms, so a date
  that a translation rephrases or splits ("1990-cı il yanvarın 20-də") still
  matches "January 20, 1990".
- ``dates(text, lang)``: the dates themselves in ISO form (``1990-01-20``,
  ``1990-01`` for month and year, ``--01-20`` for day and month).

Separator rule: a comma, dot or (narrow) space followed by exactly three
digits groups thousands (``3,500`` is 3500 in every language); otherwise a
comma or dot is a decimal mark (``3,5`` = ``3.5``).
"""

from __future__ import annotations

import re

from .textnorm import base_language, casefold

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")

# Month words per language, matched on text case-folded by that language's rules.
# Each entry: (month, pattern, needs_date_context).  Words that are also common
# words elsewhere (English "may", "march", abbreviations) count only next to a number.
_MONTH_WORDS: dict[str, list[tuple[int, str, bool]]] = {
    "en": [
        (1, r"january", False), (2, r"february", False), (3, r"march", True), (4, r"april", False),
        (5, r"may", True), (6, r"june", False), (7, r"july", False), (8, r"august", False),
        (9, r"september", False), (10, r"october", False), (11, r"november", False), (12, r"december", False),
        (1, r"jan\.?", True), (2, r"feb\.?", True), (4, r"apr\.?", True), (8, r"aug\.?", True),
        (9, r"sept?\.?", True), (10, r"oct\.?", True), (11, r"nov\.?", True), (12, r"dec\.?", True),
    ],
    # Azerbaijani months take case endings (yanvarın, yanvarda, yanvaradək).
    "az": [
        (1, r"yanvar\w*", False), (2, r"fevral\w*", False), (3, r"mart\w*", False), (4, r"aprel\w*", False),
        (5, r"may(?:ın\w*|da\w*|dan|ı|adək)?", False), (6, r"iyun\w*", False), (7, r"iyul\w*", False),
        (8, r"avqust\w*", False), (9, r"sentyabr\w*", False), (10, r"oktyabr\w*", False),
        (11, r"noyabr\w*", False), (12, r"dekabr\w*", False),
    ],
    # Russian stems cover the cases and the adjectives (января, январе, январские).
    "ru": [
        (1, r"январ\w*", False), (2, r"феврал\w*", False), (3, r"март\w*", False), (4, r"апрел\w*", False),
        (5, r"ма(?:й|я|е|ю|ем|йск\w*)", False), (6, r"июн\w*", False), (7, r"июл\w*", False),
        (8, r"август\w*", False), (9, r"сентябр\w*", False), (10, r"октябр\w*", False),
        (11, r"ноябр\w*", False), (12, r"декабр\w*", False),
    ],
}
# One scan per text: an alternation with a group per entry (full names come before the
# abbreviations, so the longer word wins at a position), tried only where one of the words'
# first letters is (every pattern starts with a literal letter).
_MONTH_RE = {
    lang: re.compile("(?=[" + "".join(sorted({pattern[0] for _, pattern, _ in words})) + "])(?<!\\w)(?:"
                     + "|".join(f"(?P<m{i}>{pattern})" for i, (_, pattern, _) in enumerate(words)) + ")(?!\\w)")
    for lang, words in _MONTH_WORDS.items()
}

# Numeric dates first (dd.mm.yyyy, yyyy-mm-dd), so their parts are not read as numbers.
_DIGIT = re.compile(r"\d")
_DATE_HINT = re.compile(r"\d[.-]\d")
# Each digit pattern opens with (?=\d): re then only tries where a digit is (with a lookbehind
# first, it tries every position of the text; four times slower).
_DOTTED_DATE = re.compile(r"(?=\d)(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d]|[.,]\d)")
_ISO_DATE = re.compile(r"(?=\d)(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d])")
_NUMBER = re.compile(
    r"(?=\d)(?<![\d])(?:"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"                 # 1,000 / 1,000.5
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"                # 1.000 / 1.000,5
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?"  # 1 000 / 1 000,5
    r"|\d+(?:[.,]\d+)?"                             # 1000 / 3,5 / 3.5
    r")(?![\d])"
)
_GROUPED = re.compile(r"(\d{1,3}(?:([,. \u00a0\u202f])\d{3})+)(?:([.,])(\d+))?")
_YEAR = r"(?P<year>\d{4})"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|-?(?:ci|cı|cu|cü|si|sı|su|sü|də|da|dan|dən|nə|na|го|е|й|я))?"
_RANGE = r"(?:(?P<first>\d{1,2})\s*[-–—]\s*)?"
_ANY_DAYS = r"(?:\d{1,2}\s*[-–—]\s*)?\d{1,2}\w*"
_NUM_CONTEXT_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?[\s,]*(?:of\s+)?$")
_NUM_CONTEXT_AFTER = re.compile(r"^\.?,?\s*\d")


def normalise_number(raw: str) -> str:
    """One spelling of a number: thousands separators dropped, decimal comma made a dot."""
    grouped = _GROUPED.fullmatch(raw)
    if grouped and grouped.group(3) != grouped.group(2):
        return _tidy(re.sub(r"\D", "", grouped.group(1)), grouped.group(4) or "")
    integer, _, fraction = raw.replace(",", ".").partition(".")
    return _tidy(integer, fraction)


def _tidy(integer: str, fraction: str) -> str:
    integer = str(int(integer)) if integer else "0"
    fraction = fraction.rstrip("0")
    return f"{integer}.{fraction}" if fraction else integer


def month_atom(month: int) -> str:
    return f"M{month:02d}"


def atom_label(atom: str) -> str:
    """How an atom is shown in a message: months by their English name."""
    if re.fullmatch(r"M\d\d", atom):
        return MONTH_NAMES[int(atom[1:]) - 1]
    return atom


def has_month_words(lang: str) -> bool:
    """Whether month names of ``lang`` are recognised (otherwise only digits count)."""
    return base_language(lang) in _MONTH_RE


def _months(folded: str, lang: str) -> list[tuple[int, int, int]]:
    """(start, end, month) of every month word in a case-folded text."""
    base = base_language(lang)
    pattern = _MONTH_RE.get(base)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(folded):
        month, _, needs_context = _MONTH_WORDS[base][int(match.lastgroup[1:])]
        if needs_context and not (
            _NUM_CONTEXT_BEFORE.search(folded[max(0, match.start() - 12):match.start()])
            or _NUM_CONTEXT_AFTER.match(folded[match.end():match.end() + 6])
        ):
            continue
        found.append((match.start(), match.end(), month))
    return found


def _numeric_dates(text: str) -> tuple[list[tuple[int, int, int]], str]:
    """(day, month, year) of dd.mm.yyyy and yyyy-mm-dd dates, and the text with them blanked."""
    found: list[tuple[int, int, int]] = []
    if not _DATE_HINT.search(text):  # no digit next to a dot or hyphen: no numeric date
        return found, text

    def blanked(match: re.Match, *groups: int) -> str:
        """A real date (``groups``: where day, month and year are) is taken and blanked; anything else stays."""
        day, month, year = (int(match.group(group)) for group in groups)
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append((day, month, year))
            return " " * len(match.group(0))
        return match.group(0)

    dotted = _DOTTED_DATE.sub(lambda match: blanked(match, 1, 2, 3), text)
    return found, _ISO_DATE.sub(lambda match: blanked(match, 3, 2, 1), dotted)


def number_atoms(text: str, lang: str, *, months: bool = True) -> frozenset[str]:
    """Numbers (normal form) and months (``M01``..) that ``text`` mentions; ``lang`` is a BCP 47 code."""
    atoms: set[str] = set()
    rest = text
    if _DIGIT.search(text):  # most paragraphs hold no number: skip the date and number patterns
        numeric, rest = _numeric_dates(text)
        atoms = {atom for day, month, year in numeric for atom in (str(day), month_atom(month), str(year))}
        atoms.update(normalise_number(match.group(0)) for match in _NUMBER.finditer(rest))
    if months:
        atoms.update(month_atom(month) for _, _, month in _months(casefold(rest, lang), lang))
    return frozenset(atoms)


def dates(text: str, lang: str) -> list[str]:
    """Dates mentioned in ``text`` in ISO form: ``1990-01-20``, ``1990-01``, ``--01-20``.

    Understood: numeric dates; ``20 January 1990``, ``January 20, 1990``,
    ``19-20 January``; ``20 yanvar 1990-cı il``, ``1990-cı il yanvarın 20-də``;
    ``20 января 1990 года``; month and year alone (``January 1990``).
    """
    numeric, rest = _numeric_dates(text)
    found = [(0, f"{y:04d}-{m:02d}-{d:02d}") for d, m, y in numeric]
    folded = casefold(rest, lang)
    for start, end, month in _months(folded, lang):
        before, after = folded[max(0, start - 40):start], folded[end:end + 40]
        day_before = re.search(rf"(?<!\d){_RANGE}{_DAY}[\s,]*(?:of\s+)?$", before)
        day_after = re.match(rf"\.?\s+{_RANGE}{_DAY}(?!\d)", after)
        year_after = re.match(rf"(?:\.?\s+{_ANY_DAYS})?,?\s+{_YEAR}(?!\d)", after)
        year_before = re.search(rf"{_YEAR}-?\w*\s+(?:il\w*\s+)$", before)
        day = day_before or day_after
        year = year_after or year_before
        if year and not 1000 <= int(year.group("year")) <= 2999:
            year = None
        days = [int(day.group(name)) for name in ("first", "day") if day and day.group(name)]
        days = [number for number in days if 1 <= number <= 31]
        if not days and not year:
            continue
        prefix = f"{year.group('year')}-{month:02d}" if year else f"-{month:02d}"
        if not days:
            found.append((start, prefix))
        found.extend((start + index, f"{prefix}-{number:02d}" if year else f"-{prefix}-{number:02d}")
                     for index, number in enumerate(days, 1))
    return [date for _, date in sorted(found)]
