"""alignment/search.py: both ways of finding hits agree, the cap keeps the newest hits, and
highlighting marks the words a query finds."""

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignment import search
from alignment.models import Segment, Statement
from alignment.textfold import fold, query_terms

QUERIES = ["January", "января", "Baku", "Баку", "the", "Сумгайыт", "ilham aliyev", "Azərbaycan", "президент", "1990", "20 января", "qwertyzzz"]


def all_hits(terms, **filters):
    """Every hit in the page's order, straight from the definition."""
    matching = [segment for segment in Segment.objects.filter(version__statement__published=True)
                .select_related("version__statement", "version__language", "unit")
                if all(f" {term}" in fold(segment.text) for term in terms)
                and (not filters.get("language") or segment.version.language.code == filters["language"])
                and (not filters.get("statement") or segment.version.statement.slug == filters["statement"])]
    matching.sort(key=lambda s: (-s.version.statement.date_issued.toordinal(), s.version.statement.slug,
                                 s.unit.position if s.unit else -1, s.version.language.code, s.position, s.pk))
    return [segment.pk for segment in matching]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("filters", [{}, {"language": "ru"}, {"statement": "1990-01-21-supreme-council"}])
def test_the_scan_and_the_index_find_the_same_hits_in_the_same_order(db, monkeypatch, query, filters):
    terms = query_terms(query)
    expected = all_hits(terms, **filters)
    assert search._hits_from_index(terms, **{"language": None, "statement": None, **filters}) == (expected, False)
    monkeypatch.setattr(search, "PROBE_STATEMENTS", 100)  # the scan covers every statement
    assert search.search_hits(terms, **filters) == (expected, False)


def test_a_frequent_word_shows_exactly_the_first_hits(db, monkeypatch):
    terms = query_terms("the")
    expected = all_hits(terms)
    monkeypatch.setattr(search, "MAX_HITS", 30)
    monkeypatch.setattr(search, "PROBE_STATEMENTS", 2)
    assert len(expected) > 100
    assert search.search_hits(terms) == (expected[:30], True)


def test_a_rarer_word_goes_through_the_index_and_says_there_are_more(db, monkeypatch):
    terms = query_terms("January")
    expected = all_hits(terms)
    monkeypatch.setattr(search, "MAX_HITS", 5)
    monkeypatch.setattr(search, "WINDOW_STATEMENTS", 1)  # never scan beyond the probe
    monkeypatch.setattr(search, "PROBE_STATEMENTS", 1)
    ids, truncated = search.search_hits(terms)
    assert truncated and len(ids) == 5 and set(ids) <= set(expected)
    assert ids == [pk for pk in expected if pk in ids]  # in the page's order


def test_unpublished_statements_are_never_searched(db, monkeypatch):
    terms = query_terms("January")
    hidden = Statement.objects.get(slug="1990-01-21-supreme-council")
    before = set(all_hits(terms))
    Statement.objects.filter(pk=hidden.pk).update(published=False)
    remaining = set(all_hits(terms))
    assert remaining < before
    for probe in (1, 100):
        monkeypatch.setattr(search, "PROBE_STATEMENTS", probe)
        monkeypatch.setattr(search, "WINDOW_STATEMENTS", probe)
        assert set(search.search_hits(terms)[0]) == remaining


def reference_highlight(text, terms):
    """Character by character, as highlighting was first written."""
    out, word = [], []

    def flush():
        if word:
            chunk = "".join(word)
            hit = any(fold(chunk).strip().startswith(term) for term in terms)
            out.append(f"<mark>{html.escape(chunk)}</mark>" if hit else html.escape(chunk))
            word.clear()

    for char in text:
        if fold(char).strip():
            word.append(char)
        else:
            flush()
            out.append(html.escape(char))
    flush()
    return "".join(out)


LETTERS = "abcXYZ İıƏəŞşÇçĞğÖöÜüЁёАБВабвéÉñ0123<>&\"' \n\t-.,«»\u0307"


@given(st.text(alphabet=LETTERS, max_size=40), st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=3), max_size=3))
def test_highlight_marks_every_word_the_query_finds(text, words):
    terms = query_terms(" ".join(words)) or ["a"]
    assert search.highlight(text, terms) == reference_highlight(text, terms)


def test_highlight_escapes_and_marks_every_term():
    assert search.highlight("<b>Bakı</b> & Baku, Sumqayıtda", ["baki", "sumqayit"]) == (
        "&lt;b&gt;<mark>Bakı</mark>&lt;/b&gt; &amp; Baku, <mark>Sumqayıtda</mark>")
