"""Search folding: case- and diacritic-insensitive in the ways az, ru and en need.

One mapping is used both in Python and in the database (a SQL function ``wb_fold``
created by a migration on PostgreSQL, a registered function on SQLite), so both
back ends find exactly the same words.  It never relies on locale-dependent
``lower()``: Azerbaijani İ/I/ı all fold to ``i`` (Python's ``"İ".lower()`` gives
``"i̇"``), Russian ё folds to е, and Latin diacritics and the Azerbaijani letters
ə ş ç ğ ö ü fold to their base letters, so "Aliyev" finds "Əliyev" too.
"""

from __future__ import annotations

import re

from django.db.models import Func, TextField

_PAIRS = {
    **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
    **{chr(c): chr(c + 32) for c in range(ord("А"), ord("Я") + 1)},
    "Ё": "е", "ё": "е", "İ": "i", "ı": "i", "Ə": "e", "ə": "e", "Ş": "s", "ş": "s", "Ç": "c", "ç": "c",
    "Ğ": "g", "ğ": "g", "Ö": "o", "ö": "o", "Ü": "u", "ü": "u",
    "Á": "a", "á": "a", "À": "a", "à": "a", "Â": "a", "â": "a", "Ä": "a", "ä": "a", "Ã": "a", "ã": "a",
    "É": "e", "é": "e", "È": "e", "è": "e", "Ê": "e", "ê": "e", "Ë": "e", "ë": "e",
    "Í": "i", "í": "i", "Ì": "i", "ì": "i", "Î": "i", "î": "i", "Ï": "i", "ï": "i",
    "Ó": "o", "ó": "o", "Ò": "o", "ò": "o", "Ô": "o", "ô": "o", "Õ": "o", "õ": "o",
    "Ú": "u", "ú": "u", "Ù": "u", "ù": "u", "Û": "u", "û": "u", "Ñ": "n", "ñ": "n",
}
SOURCE = "".join(_PAIRS)
TARGET = "".join(_PAIRS.values())
_TABLE = str.maketrans(SOURCE, TARGET)
_OTHER = re.compile(r"[^0-9a-zа-я]+")
MAX_QUERY_LENGTH = 200


def fold(text: str) -> str:
    """`` word word `` : folded words separated by single spaces, padded for whole-word LIKE.

    Folding is per character and whitespace always separates words, so the text is folded
    chunk by chunk (split at whitespace) through a cache: texts share most of their words, and
    ``str.translate`` with a mapping is slow on non-ASCII text (see :func:`fold_reference`)."""
    if not text:
        return "  "
    if text.isascii():  # the table maps A-Z to a-z and leaves the rest of ASCII alone, as lower() does
        return " " + _OTHER.sub(" ", text.lower()).strip() + " "
    words = []
    for chunk in text.split():
        folded = _CHUNKS.get(chunk)
        if folded is None:
            if len(_CHUNKS) >= _CHUNKS_MAX:
                _CHUNKS.clear()
            folded = _CHUNKS[chunk] = _OTHER.sub(" ", chunk.translate(_TABLE)).strip()
        if folded:
            words.append(folded)
    return " " + " ".join(words) + " "


def fold_reference(text: str) -> str:
    """The definition :func:`fold` must equal (and what wb_fold does in SQL)."""
    return " " + _OTHER.sub(" ", (text or "").translate(_TABLE)).strip() + " "


_CHUNKS: dict[str, str] = {}
_CHUNKS_MAX = 200_000


def query_terms(query: str) -> list[str]:
    """The distinct folded words of a search query, in order."""
    seen: dict[str, None] = {}
    for word in fold(query).split():
        seen.setdefault(word, None)
    return list(seen)


def postgres_function_sql() -> str:
    """The SQL definition of wb_fold, generated from the same table as :func:`fold`."""
    source = SOURCE.replace("'", "''")
    target = TARGET.replace("'", "''")
    return (
        "CREATE OR REPLACE FUNCTION wb_fold(t text) RETURNS text AS $$ "
        "SELECT ' ' || btrim(regexp_replace(translate(coalesce(t, ''), "
        f"'{source}', '{target}'), '[^0-9a-zа-я]+', ' ', 'g')) || ' ' "
        "$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE"
    )


class Fold(Func):
    """``wb_fold(expression)`` in SQL: the database side of :func:`fold`."""

    function = "wb_fold"
    output_field = TextField()
