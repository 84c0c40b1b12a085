"""Whole-corpus exports (``export_tei --all``, ``export_tmx --all``) read rows and segments as
values (``selectors.corpus_export_aligned``) and write exactly the bytes the model-based read
(``selectors.statement_aligned``) gives; the TMX writer streams each ``<tu>`` exactly as lxml
pretty-prints its element tree."""

import datetime as dt
import io
import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from alignment.exchange import tei, tmx
from alignment.models import AlignmentUnit, Language, Segment, Statement, Version
from alignment.selectors import (
    AlignedRow,
    AlignedStatement,
    SegmentValues,
    UnitValues,
    corpus_statements,
    statement_aligned,
    statement_versions,
)
from alignment.services.units import Row, units_replace

ODD = "a <&> \"quoted\" 'single' ]]> tab\there\r\nline – Ağ Дж 😀 &amp;"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def edge_statement(db) -> Statement:
    """2-1, 1-0 and 0-2 rows, a row holding nothing, a segment in no row, a version without
    segments, odd text everywhere, a flagged row with a note, confirmations; and a statement
    without versions."""
    languages = {language.code: language for language in Language.objects.filter(code__in=["en", "az", "ru"])}
    statement = Statement.objects.create(slug="zz-edge", title=f"Edge {ODD}", date_issued=dt.date(2001, 2, 3),
                                         author=ODD, occasion=ODD, editorial_note=ODD, published=False,
                                         original_language=languages["az"])
    versions = {code: Version.objects.create(statement=statement, language=languages[code], title=f"{code} {ODD}",
                                             origin=origin, status=status, translator=ODD if code == "az" else "")
                for code, origin, status in (("en", "published", "approved"), ("az", "draft", "in_review"),
                                             ("ru", "machine", "draft"))}
    kinds = ["heading", "dateline", "paragraph", "note", "paragraph", "signature", "paragraph"]
    en, az = ([Segment.objects.create(version=versions[code], position=i, key=f"{code}-{i + 1}", kind=kinds[i],
                                      text=f"{code}{i} {ODD}" if i % 2 else f"{code} {i}") for i in range(count)]
              for code, count in (("en", 7), ("az", 5)))
    now, e, a = timezone.now(), versions["en"].pk, versions["az"].pk
    units_replace(statement=statement, rows=[
        Row({e: [en[0]], a: [az[0]]}, score=0.5),
        Row({e: [en[1], en[2]], a: [az[1]]}, score=1 / 3),
        Row({e: [en[3]]}, status="flagged", note=ODD),
        Row({a: [az[2], az[3]]}, status="confirmed", confirmed_at=now, score=0.0),
        Row({e: [en[4]], a: [az[4]]}, status="confirmed", confirmed_at=now - dt.timedelta(days=1), score=1.0),
        Row({e: [en[5]]}, status="flagged", note="x", score=0.123456789),
    ])  # en[6] is in no row
    AlignmentUnit.objects.create(statement=statement, position=99)
    Statement.objects.create(slug="zz-empty", title="Empty", date_issued=dt.date(2001, 2, 4), published=True)
    return statement


def _tei(statements) -> bytes:
    out = io.BytesIO()
    tei.tei_corpus_write(statements, out)
    return out.getvalue()


def _model_based(slugs, *, langs=None, published_only=False):
    """The reference: each statement read through statement_aligned, as model instances."""
    for statement in corpus_statements(slugs, published_only=published_only):
        yield statement_aligned(statement, statement_versions(statement, langs))


def _tmx(statements, **options) -> bytes:
    out = io.BytesIO()
    tmx.tmx_write(out, statements, **options)
    return re.sub(rb'creationdate="\w+"', b"", out.getvalue())


@pytest.mark.parametrize("slugs, published_only", [(None, False), (None, True), (["zz-edge", "zz-empty"], False)])
def test_tei_corpus_reads_values_and_writes_the_same_bytes(edge_statement, slugs, published_only):
    data = _tei(tei.aligned_statements(slugs, published_only=published_only))
    assert data == _tei(_model_based(slugs, published_only=published_only))
    assert (b"zz-edge" in data) is not published_only


def test_tei_standoff_of_the_edge_rows(edge_statement):
    data = _tei(tei.aligned_statements(["zz-edge"]))
    for fragment in (
        b'<p xml:id="szz-edge.en-3">en 2</p>',
        b'<join xml:id="szz-edge.join.2.en" target="#szz-edge.en-2 #szz-edge.en-3"></join>',
        b'<link xml:id="szz-edge.row.2" target="#szz-edge.az-2 #szz-edge.join.2.en" type="auto" '
        b'cert="0.3333333333333333"></link>',
        b'<ptr xml:id="szz-edge.row.3" target="#szz-edge.en-4" type="flagged"></ptr>',
        b'<ptr xml:id="szz-edge.row.4" target="#szz-edge.join.4.az" type="confirmed" cert="0.0"></ptr>',
        "<note type=\"flag\" target=\"#szz-edge.row.3\">a &lt;&amp;&gt; \"quoted\" 'single' ]]&gt; tab\there"
        "&#13;\nline – Ağ Дж 😀 &amp;amp;</note>".encode(),
    ):
        assert fragment in data
    assert b"en-7" not in data and b"row.7" not in data  # the segment in no row, the row holding nothing


@pytest.mark.parametrize("langs, confirmed_only, published_only", [
    (None, False, False), (["en", "az"], False, False), (["ru", "en"], False, True), (["az", "en"], True, False)])
def test_tmx_reads_values_and_writes_the_same_bytes(edge_statement, langs, confirmed_only, published_only):
    data = _tmx(tmx.aligned_statements(None, langs=langs, published_only=published_only), langs=langs,
                confirmed_only=confirmed_only)
    assert data == _tmx(_model_based(None, langs=langs, published_only=published_only), langs=langs,
                        confirmed_only=confirmed_only)
    assert (b'tuid="zz-edge/az-3"' in data) is (not published_only and langs != ["ru", "en"])


def test_the_corpus_is_read_as_values_in_four_queries(db, django_assert_num_queries):
    for aligned_statements in (tei.aligned_statements, tmx.aligned_statements):
        with django_assert_num_queries(4):  # the statements, then versions, units and segments per 100
            statements = list(aligned_statements())
        assert len(statements) == 17
        row = statements[0].rows[0]
        assert isinstance(row.unit, UnitValues)
        assert all(isinstance(segment, SegmentValues) for cell in row.cells.values() for segment in cell)


def _tu_tree(slug: str, row: AlignedRow, versions) -> etree._Element | None:
    """A ``<tu>`` as an element tree: how the writer built it before it streamed it."""
    tu = etree.Element("tu", tuid=f"{slug}/{row.anchor}")
    for kind, value in (("x-statement", slug), ("x-row", str(row.unit.position + 1)), ("x-status", row.unit.status)):
        etree.SubElement(tu, "prop", type=kind).text = value
    for version in versions:
        if segments := row.cell(version):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: version.language.code})
            etree.SubElement(tuv, "prop", type="x-keys").text = " ".join(s.key for s in segments)
            etree.SubElement(tuv, "seg").text = tmx.cell_text(segments)
    return tu if tu.find("tuv") is not None else None


XML_TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters=[
    chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF)]), max_size=12)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(st.lists(XML_TEXT, max_size=2), min_size=3, max_size=3), max_size=5),
       st.sampled_from(["auto", "confirmed", "flagged"]), st.sampled_from([None, ["ru", "en"], ["az"]]))
def test_tmx_streams_each_tu_as_lxml_pretty_prints_it(cells, status, langs):
    codes = ("en", "az", "ru")
    versions = [SimpleNamespace(pk=pk, language=SimpleNamespace(code=code)) for pk, code in enumerate(codes)]
    rows = []
    for position, texts in enumerate(cells):
        segments = {version.pk: [SimpleNamespace(key=f"{version.language.code}-{position}{n}", text=text)
                                 for n, text in enumerate(texts[version.pk])] for version in versions}
        rows.append(AlignedRow(SimpleNamespace(position=position, status=status), segments,
                               columns=[(version, segments[version.pk]) for version in versions]))
    aligned = AlignedStatement(SimpleNamespace(slug="s<&>\""), versions, rows)
    chosen = [version for code in langs for version in versions if version.language.code == code] if langs else versions
    expected = io.BytesIO()
    with etree.xmlfile(expected, encoding="utf-8") as xf, xf.element("body"):
        for row in rows:
            if (tu := _tu_tree(aligned.statement.slug, row, chosen)) is not None:
                xf.write(tu, pretty_print=True)
    data = tmx.tmx_document_for([aligned], langs=langs)
    assert data[data.index(b"<body>"):data.index(b"</body>") + 7] == expected.getvalue()
