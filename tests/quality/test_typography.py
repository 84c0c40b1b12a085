"""How segments end and begin, their quotes and brackets, their script."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment.quality.typography import (
    balance,
    ends_open,
    expected_script,
    script_share,
    starts_lower,
)


@pytest.mark.parametrize("text, expected", [
    ("the terrible day which was", True), ("violated the ceasefire,", True), ("as follows:", False),
    ("It was so.", False), ("«Qara Yanvar»", True), ("(January 19, 2007)", True), ("He said: “Never.”", False),
    ("Really?!", False), ("and so on…", False),
])
def test_ends_open(text, expected):
    assert ends_open(text) is expected


@pytest.mark.parametrize("text, expected", [
    ("the part of", True), ("«и вот", True), ("İnsan", False), ("ıslah", True), ("1990-cı il", False),
    ("— и", False), ("The", False),
])
def test_starts_lower(text, expected):
    assert starts_lower(text) is expected


def test_balance_counts_every_quote_style_and_bracket():
    assert balance('He said "yes" (twice) [sic]') == {"quotes": 0, "(": 0, "[": 0, "{": 0}
    assert balance("«Шехиды „20 Января“»") == {"quotes": 0, "(": 0, "[": 0, "{": 0}
    assert balance("The statement reads: “It has been")["quotes"] == 1
    assert balance('as it was." Then (more')["quotes"] == -1
    assert balance("(19 января")["("] == 1


def test_scripts():
    assert expected_script("ru") == expected_script("az-Cyrl") == "cyrillic"
    assert expected_script("az") == expected_script("en") == "latin" and expected_script("ka") is None
    assert script_share("Это текст", "cyrillic") == (8, 1.0)
    assert script_share("This text", "cyrillic") == (8, 0.0)
    assert script_share("2007", "latin") == (0, 1.0)


@given(st.text(alphabet=st.sampled_from(list("abcİıəЖжёЁ 1_-,.\u0301\u0400\u052f")) | st.characters(), max_size=50))
@settings(max_examples=300, deadline=None)
def test_script_share_counts_every_letter_once(text):
    letters = len(re.findall(r"[^\W\d_]", text))
    cyrillic = len(re.findall("[\u0400-\u052f]", text))
    expected = (0, 1.0) if not letters else (letters, cyrillic / letters)
    assert script_share(text, "cyrillic") == expected
