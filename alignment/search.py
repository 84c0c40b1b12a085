"""Cross-language search over segments (a read, so it lives beside the selectors).

Matching is by word prefix on folded text (see textfold): PostgreSQL matches prefix
queries against ``folded::tsvector`` (the folded words as they are: no stemming, no
language guesses), backed by a GIN index; SQLite matches the same folded words with LIKE.
Both return the same hits.

Hits are shown newest statement first, at most MAX_HITS of them.  How they are found
depends on how frequent the words are (see :func:`search_hits`): a frequent word is
looked for with a plain LIKE in the newest statements only, which yields the newest hits
in a few milliseconds, where the index would first gather hundreds of thousands of rows;
a rarer one goes through the index.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import BooleanField, F, Func, Prefetch, QuerySet, Value
from django.utils.safestring import SafeString, mark_safe

from alignment.models import AlignmentUnit, Segment, Statement, Version
from alignment.textfold import SOURCE, fold, query_terms

MAX_HITS = 1000
# The newest statements first searched without the index, to measure how frequent the words
# are, and the most that are searched that way before the index is cheaper (each statement
# of 3 x 50 paragraphs costs ~0.3 ms to scan; the index costs ~0.6 µs per matching row).
PROBE_STATEMENTS = 10
WINDOW_STATEMENTS = 200
# The page's order: newest statement first, then row by row, then language.
HIT_ORDER = (F("version__statement__date_issued").desc(), "version__statement__slug",
             F("unit__position").asc(nulls_first=True), "version__language__code", "position", "pk")


@dataclass
class SearchHit:
    segment: Segment
    counterparts: list[Segment] = field(default_factory=list)
    highlighted: SafeString = mark_safe("")


def _published(language: str | None, statement: str | None) -> QuerySet:
    queryset = Segment.objects.filter(version__statement__published=True)
    if language:
        queryset = queryset.filter(version__language__code=language)
    if statement:
        queryset = queryset.filter(version__statement__slug=statement)
    return queryset


def _scanned(queryset: QuerySet, terms: list[str]) -> QuerySet:
    """The rows with a word starting with each term, tested row by row (``folded`` is
    `` word word ``, so a word starts with the term where `` term`` occurs)."""
    for term in terms:
        queryset = queryset.filter(folded__contains=f" {term}")
    return queryset


def segments_matching(terms: list[str], *, language: str | None = None, statement: str | None = None) -> QuerySet:
    """Published segments with a word starting with each term (folded), through the index:
    prefixes find the inflected forms Azerbaijani and Russian use (Sumqayıt, Sumqayıtda;
    Азербайджан, Азербайджана)."""
    queryset = _published(language, statement)
    if connection.vendor != "postgresql":
        return _scanned(queryset, terms)
    # Exactly the indexed expression, folded::tsvector: the folded words are the lexemes, and
    # the query is a tsquery literal of prefixes (terms are folded words: no quoting needed),
    # so no text-search parser is involved on either side.
    words = _WordsMatch(F("folded"), Value(" & ".join(f"'{term}':*" for term in terms)))
    # The same test again as LIKE, which finds the same rows: when the planner walks the rows
    # instead of the index (a frequent word in a language it is rare in), PostgreSQL runs the
    # cheap LIKE first and the tsvector test only on the rows it lets through.
    return _scanned(queryset.filter(words), terms)


class _WordsMatch(Func):
    """``(folded::tsvector @@ 'term':* & ...::tsquery)``: the GIN index's expression, matched."""

    template = "(%(expressions)s::tsquery)"
    arg_joiner = "::tsvector @@ "
    output_field = BooleanField()


def search_hits(terms: list[str], *, language: str | None = None, statement: str | None = None
                ) -> tuple[list[int], bool]:
    """The ids of at most MAX_HITS hits in the page's order, and whether there were more.

    The newest PROBE_STATEMENTS published statements are scanned first.  Where the words
    are frequent, a window of newest statements just large enough to hold MAX_HITS hits is
    scanned next: when it holds more, its first MAX_HITS are exactly the first MAX_HITS of
    the whole corpus, since every hit outside the window comes later in the order.  Rarer
    words go through the index (:func:`_hits_from_index`)."""
    newest = list(Statement.objects.filter(published=True, **({"slug": statement} if statement else {}))
                  .order_by("-date_issued", "slug").values_list("pk", flat=True)[: 2 * WINDOW_STATEMENTS + 1])
    published = _scanned(_published(language, statement), terms)
    # The index reads the whole list of rows of every word, the scan reads each row once
    # whatever the number of words: with two words or more, a larger window still pays.
    window = WINDOW_STATEMENTS * min(len(terms), 2)
    size = PROBE_STATEMENTS
    for _ in range(3):
        ids = list(published.filter(version__statement_id__in=newest[:size]).order_by(*HIT_ORDER)
                   .values_list("pk", flat=True)[: MAX_HITS + 1])
        if len(ids) > MAX_HITS:
            return ids[:MAX_HITS], True
        if len(newest) <= size:  # the window held every published statement
            return ids, False
        wanted = math.ceil(1.3 * MAX_HITS * size / len(ids)) if ids else math.inf
        if wanted > window:
            break
        size = wanted
    return _hits_from_index(terms, language=language, statement=statement)


def _hits_from_index(terms: list[str], *, language: str | None, statement: str | None) -> tuple[list[int], bool]:
    """Hits through the index; when there are more than MAX_HITS, the first MAX_HITS it
    yields are sorted and shown (sorting them all would mean reading every matching row)."""
    hits = (segments_matching(terms, language=language, statement=statement)
            .order_by().values_list("pk", "version_id", "unit_id", "position")[: MAX_HITS + 1])
    if connection.vendor == "postgresql":
        # With the LIKE in segments_matching the planner expects few rows, so the plan's
        # whole cost counts and can pass jit_above_cost: compiling it then takes longer
        # (~25 ms) than running it.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            rows = list(hits)
    else:
        rows = list(hits)
    return _sorted_ids(rows[:MAX_HITS]), len(rows) > MAX_HITS


def _sorted_ids(rows: list[tuple[int, int, int | None, int]]) -> list[int]:
    """HIT_ORDER applied in Python to (id, version id, unit id, position) rows.  The keys are
    read by primary key in two small queries: joined to the hits, they make PostgreSQL hash
    the whole version table for a thousand rows."""
    keys = (Version.objects.filter(pk__in={row[1] for row in rows}).order_by()
            .values_list("pk", "statement__date_issued", "statement__slug", "language__code"))
    versions = {pk: (-date.toordinal(), slug, code) for pk, date, slug, code in keys}
    units = dict(AlignmentUnit.objects.filter(pk__in={row[2] for row in rows if row[2] is not None})
                 .order_by().values_list("pk", "position"))

    def key(row):
        date, slug, code = versions[row[1]]
        return date, slug, units.get(row[2], -1), code, row[3], row[0]

    rows = sorted(rows, key=key)
    return [row[0] for row in rows]


def _with_versions(segments: QuerySet) -> QuerySet:
    # The versions by primary key in a second query (see _sorted_ids for why not a join);
    # no default ordering either, which would join the versions and statements again.
    versions = Version.objects.select_related("language", "statement").order_by()
    return segments.order_by().prefetch_related(Prefetch("version", versions))


def hits_load(ids: list[int]) -> list[Segment]:
    """The segments of one page of hits, in the page's order."""
    found = {segment.pk: segment for segment in _with_versions(Segment.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]


# A run of characters that fold to a letter or digit (see textfold): one word of the text.
_WORD = re.compile("[0-9a-zа-я" + re.escape(SOURCE) + "]+")


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape the text and wrap each word whose folded form starts with a term in <mark>."""
    wanted = tuple(terms)
    out = []
    end = 0
    for match in _WORD.finditer(text):
        word = match.group()
        out.append(html.escape(text[end:match.start()]))
        out.append(f"<mark>{html.escape(word)}</mark>" if fold(word).strip().startswith(wanted) else html.escape(word))
        end = match.end()
    out.append(html.escape(text[end:]))
    return mark_safe("".join(out))


def hits_with_counterparts(segments: list[Segment], terms: list[str]) -> list[SearchHit]:
    """Attach the other segments of each hit's row (two queries for the whole page)."""
    unit_ids = {segment.unit_id for segment in segments}
    others: dict[int, list[Segment]] = {}
    related = _with_versions(Segment.objects.filter(unit_id__in=unit_ids))
    for segment in sorted(related, key=lambda segment: (segment.version.language.code, segment.position)):
        others.setdefault(segment.unit_id, []).append(segment)
    return [
        SearchHit(segment, [o for o in others.get(segment.unit_id, []) if o.version_id != segment.version_id],
                  highlight(segment.text, terms))
        for segment in segments
    ]


__all__ = ["SearchHit", "hits_load", "hits_with_counterparts", "query_terms", "search_hits", "segments_matching"]
