import datetime as dt

import pytest

from alignment.exchange.seedtext import (
    SeedFormatError,
    classify_block,
    parse_seed,
    seed_write_corpus,
)
from tests.conftest import SEED

# Counted by hand from the seed: heading + parenthesised date + body blocks.
EXPECTED_SEGMENTS = {
    "1990-01-21-supreme-council": 7,
    "2007-01-19-ombudsman-17th-anniversary": 22,
    "2011-01-19-ombudsman-21th-anniversary": 31,
    "2012-01-19-ombudsman-22th-anniversary": 27,
    "2016-01-15-ombudsman-26th-anniversary": 9,
    "2016-01-30-us-congressman-26th-anniversary": 7,
    "2016-02-04-us-congressman-january-20-and-khojaly": 6,
    "2017-01-12-ombudsman-27th-anniversary": 20,
    "2018-01-15-ombudsman-28th-anniversary": 15,
    "2019-01-11-ombudsman-29th-anniversary": 21,
    "2020-01-15-ombudsman-30th-anniversary": 15,
    "2020-01-15-us-congressman-30th-anniversary": 7,
    "2021-01-19-ombudsman-31st-anniversary": 18,
    "2022-01-19-ombudsman-32nd-anniversary": 16,
    "2023-01-19-ombudsman-33rd-anniversary": 16,
    "2024-01-19-ombudsman-34th-anniversary": 10,
    "2025-01-17-ombudsman-35th-anniversary": 11,
}


@pytest.fixture(scope="module")
def statements():
    return parse_seed(SEED.read_text(encoding="utf-8"))


def test_every_statement_of_the_table_of_contents_is_found(statements):
    assert {s.slug: len(s.segments) for s in statements} == EXPECTED_SEGMENTS
    assert statements[0].date_issued == dt.date(1990, 1, 21)
    assert [s.date_issued for s in statements] == sorted(s.date_issued for s in statements)


def test_kinds_of_the_1990_statement(statements):
    kinds = [(s.kind, s.text[:22]) for s in statements[0].segments]
    assert kinds == [
        ("heading", "The Statement of the C"),
        ("signature", "E.Gafarova"),
        ("dateline", "(January 21, 1990)"),
        ("paragraph", "On behalf of the Azerb"),
        ("paragraph", "I state with all respo"),
        ("paragraph", "The Azerbaijani people"),
        ("dateline", "Baku. January 21, 1990"),
    ]


def test_text_is_kept_verbatim_without_markup(statements):
    by_slug = {s.slug: s for s in statements}
    s2011 = by_slug["2011-01-19-ombudsman-21th-anniversary"]
    assert s2011.segments[0].text.startswith("The statement Commissioner for Human Rights")  # seed's own wording
    assert "**" not in "".join(seg.text for s in statements for seg in s.segments)
    s2012 = by_slug["2012-01-19-ombudsman-22th-anniversary"]
    assert s2012.segments[-1].kind == "note"
    assert s2012.segments[-1].text == "http://www.ombudsman.gov.az/view.php?lang=en&menu=95&id=1025"
    # Paragraphs broken mid-sentence stay two segments.
    s2007 = by_slug["2007-01-19-ombudsman-17th-anniversary"]
    assert s2007.segments[2].text == "Seventeen years have passed since the terrible day which was"
    assert s2007.segments[3].text.startswith("the part of the genocide policy")


def test_metadata(statements):
    by_slug = {s.slug: s.metadata for s in statements}
    assert by_slug["1990-01-21-supreme-council"]["author"] == "E. Gafarova"
    assert by_slug["2016-01-15-ombudsman-26th-anniversary"]["source"] == "APA"
    assert by_slug["2016-01-30-us-congressman-26th-anniversary"]["author"] == "Steve Cohen"
    assert by_slug["2016-02-04-us-congressman-january-20-and-khojaly"]["author"] == "Donald Payne"
    assert by_slug["2020-01-15-us-congressman-30th-anniversary"]["author"] == "Paul Gosar"
    assert by_slug["2025-01-17-ombudsman-35th-anniversary"]["author"] == "Sabina Aliyeva"
    assert by_slug["2011-01-19-ombudsman-21th-anniversary"]["author"] == "Elmira Suleymanova"
    assert by_slug["2012-01-19-ombudsman-22th-anniversary"]["source"] == "ombudsman.gov.az"
    assert by_slug["2023-01-19-ombudsman-33rd-anniversary"]["source"] == "AZERTAC"
    assert by_slug["2023-01-19-ombudsman-33rd-anniversary"]["occasion"] == "33rd anniversary of the January 20 tragedy"
    assert "incomplete" in by_slug["2017-01-12-ombudsman-27th-anniversary"]["editorial_note"]
    assert sum(1 for meta in by_slug.values() if meta["editorial_note"]) == 1


def test_classify_block():
    assert classify_block(["E.Suleymanova", "Commissioner for Human Rights (Ombudsman)", "of the Republic"])[0] == "signature"
    assert classify_block(["19.01.2011"]) == ("dateline", "19.01.2011")
    assert classify_block(["AZERTAC"]) == ("note", "AZERTAC")
    assert classify_block(["Seventeen years have passed since the terrible day which was"])[0] == "paragraph"


GOOD = """

STATEMENTS

- First statement (January 1, 2020)
- Second statement (February 2, 2021)

First statement (January 1, 2020)

Text one.

**Second statement
(February 2, 2021)**

Text two.
"""


def test_minimal_seed_parses():
    statements = parse_seed(GOOD)
    assert [len(s.segments) for s in statements] == [3, 3]
    assert statements[1].segments[0].text == "Second statement"


@pytest.mark.parametrize(
    "text, message",
    [
        ("Hello\n", "line 1: the seed must open with a STATEMENTS"),
        ("STATEMENTS\n\n- Undated statement\n", "line 3: table-of-contents entry without"),
        (GOOD.replace("First statement (January 1, 2020)\n\nText", "Other heading\n\nText"),
         "line 8: expected the heading of the first statement"),
        (GOOD.replace("**Second statement\n(February 2, 2021)**\n\nText two.\n", ""),
         "statement 'Second statement' listed but not found"),
        (GOOD.replace("Text two.", "").rstrip() + "\n", "has no paragraphs"),
    ],
)
def test_malformed_seed_names_the_line(text, message):
    with pytest.raises(SeedFormatError, match=message):
        parse_seed(text)


def test_bad_seed_writes_nothing(tmp_path):
    with pytest.raises(SeedFormatError):
        seed_write_corpus("STATEMENTS\n\n- Undated\n", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_import_seed_reproduces_the_committed_english_files(tmp_path):
    seed_write_corpus(SEED.read_text(encoding="utf-8"), tmp_path)
    from tests.conftest import CORPUS

    for slug in EXPECTED_SEGMENTS:
        for name in ("statement.json", "en.txt"):
            assert (tmp_path / slug / name).read_text() == (CORPUS / slug / name).read_text(), (slug, name)
