"""Cross-language search over segments (a read, so it lives beside the selectors).

Matching is by word prefix on folded text (see textfold): PostgreSQL uses its full-text
search over ``wb_fold(text)`` with the 'simple' configuration (no stemming, so no
language guesses), backed by a GIN index; SQLite matches the same folded words
with LIKE.  Both return the same hits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, Func, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from alignment.models import Segment
from alignment.textfold import fold, query_terms


@dataclass
class SearchHit:
    segment: Segment
    counterparts: list[Segment] = field(default_factory=list)
    highlighted: SafeString = mark_safe("")


def segments_matching(terms: list[str], *, language: str | None = None, statement: str | None = None) -> QuerySet:
    """Published segments with a word starting with each term (folded): prefixes find the
    inflected forms Azerbaijani and Russian use (Sumqayıt, Sumqayıtda; Азербайджан, Азербайджана)."""
    queryset = Segment.objects.filter(version__statement__published=True)
    if language:
        queryset = queryset.filter(version__language__code=language)
    if statement:
        queryset = queryset.filter(version__statement__slug=statement)
    if connection.vendor == "postgresql":
        # Exactly the indexed expression (SearchVector would wrap the column in COALESCE,
        # which the GIN index on to_tsvector('simple', folded) cannot serve).
        vector = Func(F("folded"), function="to_tsvector", output_field=SearchVectorField(),
                      template="to_tsvector('simple'::regconfig, %(expressions)s)")
        query = SearchQuery(" & ".join(f"{term}:*" for term in terms), config="simple", search_type="raw")
        queryset = queryset.annotate(search=vector).filter(search=query)
    else:
        for term in terms:
            queryset = queryset.filter(folded__contains=f" {term}")
    return queryset


MAX_HITS = 1000


def search_hits_capped(matches: QuerySet) -> tuple[list[int], bool]:
    """The ids of at most MAX_HITS hits, newest statement first, and whether there were more.

    A frequent word can match hundreds of thousands of segments: counting and sorting them
    all would take seconds, so the first MAX_HITS the index yields are taken and only those
    are sorted.  No ORDER BY in SQL on purpose: with one, PostgreSQL may walk the primary key
    and test every row, which is slow exactly for rare words."""
    ids = list(matches.order_by().values_list("pk", flat=True)[: MAX_HITS + 1])
    # Sort keys in a second query on the ids alone: joined into the first one, they lead the
    # planner away from the full-text index.
    rows = list(Segment.objects.filter(pk__in=ids).values_list(
        "pk", "version__statement__date_issued", "version__statement__slug", "unit__position",
        "version__language__code"))
    truncated = len(ids) > MAX_HITS
    kept = set(ids[:MAX_HITS])
    rows = [row for row in rows if row[0] in kept]
    rows.sort(key=lambda row: (-row[1].toordinal(), row[2], row[3] if row[3] is not None else -1, row[4]))
    return [row[0] for row in rows], truncated


def hits_load(ids: list[int]) -> list[Segment]:
    """The segments of one page of hits, in the page's order."""
    found = Segment.objects.select_related("version__language", "version__statement").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def highlight(text: str, terms: list[str]) -> SafeString:
    """Escape the text and wrap each word whose folded form is a term in <mark>."""
    wanted = set(terms)
    out = []
    word = []

    def flush() -> None:
        if word:
            chunk = "".join(word)
            folded = fold(chunk).strip()
            hit = any(folded.startswith(term) for term in wanted)
            out.append(f"<mark>{escape(chunk)}</mark>" if hit else escape(chunk))
            word.clear()

    for char in text:
        if fold(char).strip():
            word.append(char)
        else:
            flush()
            out.append(escape(char))
    flush()
    return mark_safe("".join(out))


def hits_with_counterparts(segments: list[Segment], terms: list[str]) -> list[SearchHit]:
    """Attach the other segments of each hit's row (one query for the whole page)."""
    unit_ids = {segment.unit_id for segment in segments}
    others: dict[int, list[Segment]] = {}
    related = (Segment.objects.filter(unit_id__in=unit_ids).select_related("version__language")
               .order_by("version__language__code", "position"))
    for segment in related:
        others.setdefault(segment.unit_id, []).append(segment)
    return [
        SearchHit(segment, [o for o in others.get(segment.unit_id, []) if o.version_id != segment.version_id],
                  highlight(segment.text, terms))
        for segment in segments
    ]


__all__ = ["SearchHit", "hits_load", "hits_with_counterparts", "query_terms", "search_hits_capped", "segments_matching"]
