"""Numbers and dates in the formats each language uses, brought to one form."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment.quality import numbers
from alignment.quality.numbers import atom_label, dates, normalise_number, number_atoms
from alignment.quality.textnorm import squash_spaces


@pytest.mark.parametrize("raw, normal", [
    ("1,000", "1000"), ("1 000", "1000"), ("1.000", "1000"), ("1\u00a0000", "1000"), ("1\u202f000", "1000"),
    ("23,000,000", "23000000"), ("3,5", "3.5"), ("3.5", "3.5"), ("2.50", "2.5"), ("1,000.5", "1000.5"),
    ("1.000,5", "1000.5"), ("007", "7"), ("0", "0"),
])
def test_number_separators_are_normalised(raw, normal):
    assert normalise_number(raw) == normal


def test_thousands_written_three_ways_are_one_number():
    assert number_atoms("1,000 people", "en") == number_atoms("1 000 человек", "ru") == \
        number_atoms("1.000 nəfər", "az") == {"1000"}


def test_ranges_with_hyphen_or_dash_give_both_ends():
    assert number_atoms("19-20", "en") == number_atoms("19–20", "ru") == number_atoms("19—20", "az") == {"19", "20"}


@pytest.mark.parametrize("text, lang", [
    ("20 January 1990", "en"), ("January 20, 1990", "en"), ("20 yanvar 1990", "az"),
    ("20 yanvar 1990-cı il", "az"), ("1990-cı il yanvarın 20-də", "az"), ("20 января 1990", "ru"),
    ("20-го января 1990 года", "ru"), ("20.01.1990", "ru"), ("1990-01-20", "en"),
])
def test_one_date_in_every_format(text, lang):
    assert dates(text, lang) == ["1990-01-20"]
    assert number_atoms(text, lang) == {"20", "M01", "1990"}


def test_partial_dates_and_date_ranges():
    assert dates("January 1990", "en") == dates("yanvar 1990", "az") == dates("январь 1990", "ru") == ["1990-01"]
    assert dates("January 20", "en") == dates("20 Yanvar", "az") == dates("20 Января", "ru") == ["--01-20"]
    assert dates("January 19-20, 1990", "en") == dates("19–20 января 1990 года", "ru") == ["1990-01-19", "1990-01-20"]


def test_ordinals_and_suffixes_keep_only_the_number():
    assert number_atoms("17th", "en") == number_atoms("17-ci", "az") == number_atoms("17-й", "ru") == {"17"}


def test_months_are_atoms_in_every_language_and_case():
    assert number_atoms("Black January", "en") == number_atoms("Qara Yanvar", "az") == \
        number_atoms("Черный январь", "ru") == number_atoms("январские события", "ru") == {"M01"}
    assert atom_label("M01") == "January"


def test_azerbaijani_capital_dotted_i_is_folded_correctly():
    # str.lower would give "i̇yun" (i + combining dot) and miss the month.
    assert number_atoms("İyun 15", "az") == {"15", "M06"}
    assert number_atoms("İYUL", "az") == {"M07"}


def test_ambiguous_english_month_words_need_a_number():
    assert number_atoms("May God rest their souls; they march on", "en") == frozenset()
    assert number_atoms("on 28 May 1918", "en") == {"28", "M05", "1918"}
    assert number_atoms("on March 31", "en") == {"31", "M03"}


def test_months_can_be_left_out():
    assert number_atoms("20 January 1990", "en", months=False) == {"20", "1990"}


def test_a_different_number_is_a_different_atom_set():
    assert number_atoms("147 people", "en") != number_atoms("174 человека", "ru")
    assert number_atoms("20 January", "en") != number_atoms("20 февраля", "ru")


def _plain(pattern: str) -> re.Pattern:
    """The pattern without its leading lookahead (which only tells re where to try)."""
    return re.compile(re.sub(r"^\(\?=\[?[^)]*\]?\)", "", pattern))


@given(st.text(alphabet=st.sampled_from(list("0123456789 .,-\u00a0\u202fjanmyayвмаяAM")), max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_patterns_find_what_they_find_without_their_leading_lookahead(text):
    patterns = [numbers._NUMBER, numbers._DOTTED_DATE, numbers._ISO_DATE, *numbers._MONTH_RE.values()]
    for pattern in patterns:
        plain = _plain(pattern.pattern)
        assert plain.pattern != pattern.pattern
        assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


@given(st.text(max_size=40) | st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u2028\u3000ab")),
                                      max_size=20))
@settings(max_examples=300, deadline=None)
def test_squashing_spaces_is_the_regular_expression_s(text):
    assert squash_spaces(text) == re.sub(r"\s+", " ", text).strip()


@given(st.text(alphabet=st.sampled_from(list("0123456789.-/ ab")), max_size=30))
@settings(max_examples=300, deadline=None)
def test_the_date_hint_never_hides_a_numeric_date(text):
    hinted = numbers._numeric_dates(text)
    hint, numbers._DATE_HINT = numbers._DATE_HINT, re.compile("")  # a hint that lets every text through
    try:
        assert numbers._numeric_dates(text) == hinted
    finally:
        numbers._DATE_HINT = hint
