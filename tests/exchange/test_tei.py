"""TEI export: validity (official tei_all and the workbench profile), pointers, content,
streaming, and the export_tei command."""

import datetime as dt
import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from alignment.exchange.tei import (
    TEI_NS,
    aligned_statements,
    dangling_pointers,
    divisions,
    ids_index,
    profile_schema,
    tei_corpus_write,
    tei_document_for,
    tei_parse,
)
from alignment.exchange.tei_model import XML_ID, XML_LANG, key_from_id
from alignment.models import AlignmentUnit, Language, Statement, Version
from alignment.selectors import statement_aligned

TEI_ALL = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "tei_all.rng"
NS = {"t": TEI_NS}


@pytest.fixture(scope="session")
def tei_all() -> etree.RelaxNG:
    """The official TEI P5 schema, loaded once per session (it takes several seconds)."""
    if not TEI_ALL.exists():
        pytest.skip(f"{TEI_ALL} is absent (it ships with the project's shared schemas; CI always has it)")
    return etree.RelaxNG(etree.parse(str(TEI_ALL)))


def assert_valid(schema: etree.RelaxNG, root: etree._Element) -> None:
    assert schema.validate(root), [f"line {e.line}: {e.message}" for e in schema.error_log][:5]


def assert_pointers_resolve(root: etree._Element) -> None:
    ids = ids_index(root, "export")  # raises on a duplicate id
    assert dangling_pointers(root, ids) == []
    for link in root.iter(f"{{{TEI_NS}}}link", f"{{{TEI_NS}}}join"):
        assert len(link.get("target").split()) >= 2
    for ptr in root.iterfind(".//t:linkGrp/t:ptr", NS):
        assert len(ptr.get("target").split()) == 1


def export(statement: Statement) -> etree._Element:
    return etree.fromstring(tei_document_for(statement_aligned(statement)))


@pytest.mark.django_db
def test_every_statement_is_valid_tei_and_follows_the_profile(tei_all):
    statements = list(Statement.objects.all())
    assert len(statements) == 17
    for statement in statements:
        root = export(statement)
        assert_valid(tei_all, root)
        assert_valid(profile_schema(), root)
        assert_pointers_resolve(root)


@pytest.mark.django_db
def test_the_corpus_is_one_valid_tei_corpus_with_unique_ids(tei_all):
    out = io.BytesIO()
    assert tei_corpus_write(aligned_statements(), out) == 17
    root = etree.fromstring(out.getvalue())
    assert root.tag == f"{{{TEI_NS}}}teiCorpus"
    assert len(root.findall("t:TEI", NS)) == 17
    assert_valid(tei_all, root)
    assert_valid(profile_schema(), root)
    assert_pointers_resolve(root)  # ids are unique across the whole corpus


@pytest.mark.django_db
def test_the_header_describes_the_statement(corpus_statement):
    root = export(corpus_statement)
    header = root.find("t:teiHeader", NS)
    titles = header.findall("t:fileDesc/t:titleStmt/t:title", NS)
    assert titles[0].get("type") == "main" and titles[0].text == corpus_statement.title
    assert {t.get(XML_LANG) for t in titles[1:]} == {"en", "az", "ru"}
    assert header.findtext("t:fileDesc/t:titleStmt/t:author", namespaces=NS) == "E. Suleymanova"
    assert header.find("t:fileDesc/t:titleStmt/t:author[@role='issuer']", NS).text == corpus_statement.issuer
    resps = {r.get("corresp").rsplit(".", 1)[1]: r.findtext("t:resp", namespaces=NS)
             for r in header.findall(".//t:respStmt", NS)}
    assert resps["az"].startswith("unofficial draft translation into Azerbaijani")
    assert resps["en"] == "English text as published"
    publication = header.find("t:fileDesc/t:publicationStmt", NS)
    assert publication.findtext("t:idno[@type='slug']", namespaces=NS) == corpus_statement.slug
    assert publication.find("t:availability", NS).get("status") == "free"
    assert header.find(".//t:sourceDesc/t:bibl/t:date", NS).get("when") == "2007-01-19"
    assert [lang.get("ident") for lang in header.findall(".//t:langUsage/t:language", NS)] == ["en", "az", "ru"]
    assert "linkGrp" in "".join(header.find("t:encodingDesc", NS).itertext())
    changes = header.findall("t:revisionDesc/t:change", NS)
    assert [(c.get("status"), c.text) for c in changes] == [
        ("approved", "English version: approved"), ("draft", "Azerbaijani version: draft"),
        ("draft", "Russian version: draft")]


@pytest.mark.django_db
def test_texts_segments_and_links_mirror_the_rows(corpus_statement):
    aligned = statement_aligned(corpus_statement)
    root = export(corpus_statement)
    texts = root.findall("t:text/t:group/t:text", NS)
    assert [(t.get(XML_LANG), t.get("type"), t.get("subtype")) for t in texts] == [
        ("en", "translation", "published"), ("az", "translation", "draft"), ("ru", "translation", "draft")]
    for text, version in zip(texts, aligned.versions):
        segments = [e for e in text.iter() if e.get(XML_ID) and e is not text]
        expected = [s for row in aligned.rows for s in row.cell(version)]
        assert [key_from_id(e.get(XML_ID)) for e in segments] == [s.key for s in expected]
        assert [e.text for e in segments] == [s.text for s in expected]
        assert etree.QName(segments[0]).localname == "head"
    links = list(root.find("t:standOff/t:linkGrp[@type='alignment']", NS))
    assert len(links) == len(aligned.rows)
    assert all(link.get("type") == "auto" for link in links)
    # gold row 3 is [2,3]:[2]:[2]: the two English segments are joined
    join_id = links[2].get("target").split()[0][1:]
    join = root.find(f".//t:join[@xml:id='{join_id}']", {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
    assert [key_from_id(p[1:]) for p in join.get("target").split()] == ["en-3", "en-4"]


@pytest.mark.django_db
def test_a_row_only_one_language_fills_is_a_ptr():
    checked = 0
    for statement in Statement.objects.all():
        aligned = statement_aligned(statement)
        single = {n for n, row in enumerate(aligned.rows) if len(row.cells) == 1}
        links = list(export(statement).find("t:standOff/t:linkGrp", NS))
        assert {n for n, link in enumerate(links) if etree.QName(link).localname == "ptr"} == single
        checked += len(single)
    assert checked >= 1, "the corpus has a row only English fills (gold bead [26]:[]:[])"


@pytest.mark.django_db
def test_status_score_note_confirmation_and_approval_are_written(corpus_statement):
    units = list(corpus_statement.units.order_by("position"))
    moment = dt.datetime(2025, 3, 1, 9, 30, 15, 123456, tzinfo=dt.timezone.utc)
    AlignmentUnit.objects.filter(pk=units[0].pk).update(status="confirmed", score=0.8731, confirmed_at=moment)
    AlignmentUnit.objects.filter(pk=units[1].pk).update(status="flagged", score=0.0001, note="Check the date.")
    Version.objects.filter(statement=corpus_statement, language__code="az").update(
        status="approved", approved_at=moment + dt.timedelta(days=1))
    root = export(corpus_statement)
    links = list(root.find("t:standOff/t:linkGrp", NS))
    assert (links[0].get("type"), links[0].get("cert")) == ("confirmed", "0.8731")
    assert (links[1].get("type"), links[1].get("cert")) == ("flagged", "0.0001")
    note = root.find("t:standOff/t:note[@type='flag']", NS)
    assert note.text == "Check the date." and note.get("target") == "#" + links[1].get(XML_ID)
    changes = [(c.get("when"), c.get("target").rsplit(".", 2)[-2:], c.text)
               for c in root.findall("t:teiHeader/t:revisionDesc/t:change", NS)]
    assert changes[:2] == [("2025-03-02T09:30:15Z", ["text", "az"], "Azerbaijani version: approved"),
                           ("2025-03-01T09:30:15Z", ["row", "1"], "Row 1 confirmed")]


@pytest.mark.django_db
def test_original_language_source_and_unpublished_state(tei_all):
    statement = Statement.objects.filter(original_language__isnull=False).first()
    Statement.objects.filter(pk=statement.pk).update(published=False, source="APA", source_url="https://apa.az/x",
                                                     editorial_note="Kept as found.")
    Version.objects.filter(statement=statement, language__code="en").update(source_url="https://example.org/en")
    statement.refresh_from_db()
    root = export(statement)
    assert_valid(tei_all, root)
    assert_valid(profile_schema(), root)
    english = root.find("t:text/t:group/t:text[1]", NS)
    assert (english.get(XML_LANG), english.get("type"), english.get("source")) == (
        "en", "original", "https://example.org/en")
    bibl = root.find(".//t:sourceDesc/t:bibl", NS)
    assert bibl.findtext("t:publisher", namespaces=NS) == "APA"
    assert bibl.find("t:ptr", NS).get("target") == "https://apa.az/x"
    assert bibl.find("t:textLang", NS).get("mainLang") == "en"
    assert root.find(".//t:availability", NS).get("status") == "restricted"
    assert root.findtext(".//t:notesStmt/t:note[@type='editorial']", namespaces=NS) == "Kept as found."


@pytest.mark.django_db
def test_a_statement_without_versions_is_still_valid(tei_all):
    statement = Statement.objects.create(slug="no-versions-yet", title="Draft", date_issued=dt.date(2024, 1, 1))
    root = export(statement)
    assert_valid(tei_all, root)
    assert_valid(profile_schema(), root)
    assert root.find("t:standOff", NS) is None


def test_the_profile_refuses_what_tei_all_leaves_to_schematron(tei_all):
    """Negative controls: the checks above can fail."""
    aligned = _synthetic(["heading", "paragraph", "paragraph"], rows=[[0, 1], [2]], codes=("en", "az"))
    good = etree.fromstring(tei_document_for(aligned))
    assert_valid(profile_schema(), good)
    for xpath, attribute, value in [
        (".//t:linkGrp/t:link", "target", "#sx.en-1"),  # a link with one target
        (".//t:linkGrp/t:link", "cert", "1.5"),  # a score outside [0, 1]
        (".//t:linkGrp/t:link", "type", "maybe"),  # an unknown status
    ]:
        bad = etree.fromstring(tei_document_for(aligned))
        bad.find(xpath, NS).set(attribute, value)
        assert not profile_schema().validate(bad), (attribute, value)
    bad = etree.fromstring(tei_document_for(aligned))
    del bad.find(".//t:body//t:p", NS).attrib[XML_ID]
    assert not profile_schema().validate(bad)
    bad = etree.fromstring(tei_document_for(aligned))
    paragraph = bad.find(".//t:body//t:p", NS)
    paragraph.getparent().append(bad.find(".//t:body//t:head", NS))  # a head after a paragraph
    assert not tei_all.validate(bad)


def _synthetic(kinds: list[str], rows: list[list[int]] | None = None, codes=("en",)) -> SimpleNamespace:
    """An AlignedStatement-like object (no database): each language has the same kinds,
    and row n holds the segments ``rows[n]`` of every language."""
    versions = [SimpleNamespace(pk=pk, language=SimpleNamespace(code=code, name=code.upper()), title="T",
                                origin="published", translator="", source_url="", status="approved", approved_at=None)
                for pk, code in enumerate(codes, 1)]
    segments = {v.pk: [SimpleNamespace(key=f"{v.language.code}-{i + 1}", kind=kind, text=f"text {i}")
                       for i, kind in enumerate(kinds)] for v in versions}
    statement = SimpleNamespace(slug="x", title="T", date_issued=dt.date(2020, 1, 1), issuer="", author="",
                                occasion="", source="", source_url="", published=True, editorial_note="",
                                original_language=None)
    unit = SimpleNamespace(status="auto", score=None, note="", confirmed_at=None)
    groups = rows or [[i] for i in range(len(kinds))]
    return SimpleNamespace(statement=statement, versions=versions, rows=[
        SimpleNamespace(unit=unit, cells={v.pk: [segments[v.pk][i] for i in group] for v in versions})
        for group in groups])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["heading", "paragraph", "dateline", "signature", "note"]), max_size=12))
def test_any_order_of_segment_kinds_is_valid_tei(tei_all, kinds):
    root = etree.fromstring(tei_document_for(_synthetic(kinds)))
    assert_valid(tei_all, root)
    assert sum(len(group) for group in divisions(kinds)) == len(kinds)


def test_the_corpus_writer_streams_one_statement_at_a_time():
    out = io.BytesIO()
    seen = []

    def statements():
        for index in range(3):
            # when statement n is asked for, statement n - 1 is already written out
            seen.append(out.getvalue().count(b"</TEI>"))
            yield _synthetic(["paragraph"] * 3)

    with pytest.raises(ValueError, match="no statements to export"):
        tei_corpus_write(iter(()), io.BytesIO())
    tei_corpus_write(statements(), out)
    assert seen == [0, 1, 2]


@pytest.mark.django_db
def test_export_command_writes_a_document_or_a_corpus(tmp_path, corpus_statement):
    one = tmp_path / "one.xml"
    call_command("export_tei", corpus_statement.slug, "-o", str(one), stderr=io.StringIO())
    assert one.read_bytes() == tei_document_for(statement_aligned(corpus_statement))
    every = tmp_path / "all.xml"
    call_command("export_tei", "--all", "-o", str(every), stderr=io.StringIO())
    assert len(etree.parse(str(every)).getroot().findall("t:TEI", NS)) == 17
    stdout = io.StringIO()
    call_command("export_tei", corpus_statement.slug, stdout=stdout)
    assert stdout.getvalue().encode() == one.read_bytes()
    Statement.objects.filter(slug=corpus_statement.slug).update(published=False)
    call_command("export_tei", "--all", "--published-only", "-o", str(every), stderr=io.StringIO())
    assert len(etree.parse(str(every)).getroot().findall("t:TEI", NS)) == 16
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.django_db
def test_export_command_errors(tmp_path):
    with pytest.raises(CommandError, match="slugs, or use --all"):
        call_command("export_tei")
    with pytest.raises(CommandError, match="No statement with the slug nope"):
        call_command("export_tei", "nope", "-o", str(tmp_path / "x.xml"))
    assert not (tmp_path / "x.xml").exists()


@pytest.mark.django_db
def test_languages_are_written_with_their_english_names():
    Language.objects.create(code="az-Cyrl", name="Azerbaijani (Cyrillic)", native_name="Азәрбајҹан")
    statement = Statement.objects.get(slug="2007-01-19-ombudsman-17th-anniversary")
    version = Version.objects.get(statement=statement, language__code="ru")
    version.language = Language.objects.get(code="az-Cyrl")
    version.save()
    root = export(statement)
    assert "Azerbaijani (Cyrillic)" in [lang.text for lang in root.iterfind(".//t:langUsage/t:language", NS)]
    assert_valid(profile_schema(), root)


@st.composite
def aligned_statements_st(draw):
    """Random alignments: 1-3 languages, rows of 0-2 segments per language (never empty),
    random kinds, texts, statuses, scores and notes."""
    codes = draw(st.lists(st.sampled_from(["en", "az", "ru"]), min_size=1, max_size=3, unique=True))
    versions = [SimpleNamespace(pk=pk, language=SimpleNamespace(code=code, name=code.upper()), title=f"T {code}",
                                origin=draw(st.sampled_from(["published", "draft", "machine"])),
                                translator=draw(st.sampled_from(["", "A. Translator"])), source_url="",
                                status=draw(st.sampled_from(["draft", "in_review", "approved"])), approved_at=None)
                for pk, code in enumerate(codes, 1)]
    xml_chars = st.characters(blacklist_categories=["Cs"], blacklist_characters=[
        chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF)])  # not allowed in XML 1.0
    text = st.text(xml_chars, min_size=1, max_size=20).map(str.strip).filter(bool)
    counters = {v.pk: 0 for v in versions}
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        sizes = {v.pk: draw(st.integers(0, 2)) for v in versions}
        if not any(sizes.values()):
            sizes[versions[0].pk] = 1
        cells = {}
        for version in versions:
            for _ in range(sizes[version.pk]):
                counters[version.pk] += 1
                cells.setdefault(version.pk, []).append(SimpleNamespace(
                    key=f"{version.language.code}-{counters[version.pk]}", text=draw(text),
                    kind=draw(st.sampled_from(["heading", "paragraph", "dateline", "signature", "note"]))))
        unit = SimpleNamespace(status=draw(st.sampled_from(["auto", "confirmed", "flagged"])),
                               score=draw(st.none() | st.floats(0, 1)), note=draw(st.just("") | text),
                               confirmed_at=None)
        rows.append(SimpleNamespace(unit=unit, cells=cells))
    original = versions[-1].language if draw(st.booleans()) else None
    statement = SimpleNamespace(slug="2020-01-01-x", title="T", date_issued=dt.date(2020, 1, 1), issuer="I",
                                author="", occasion="O", source="", source_url="", published=draw(st.booleans()),
                                editorial_note="", original_language=original)
    return SimpleNamespace(statement=statement, versions=versions, rows=rows)


@settings(max_examples=60, deadline=None)
@given(aligned_statements_st())
def test_the_reader_reverses_the_writer(aligned):
    [record] = tei_parse(tei_document_for(aligned), name="x.xml")
    statement = aligned.statement
    read = (record.slug, record.title, record.issuer, record.occasion, record.published, record.original_language)
    assert read == (statement.slug, statement.title, statement.issuer, statement.occasion, statement.published,
                    statement.original_language.code if statement.original_language else "")
    assert [(v.language, v.title, v.origin, v.status, v.translator) for v in record.versions] == [
        (v.language.code, v.title, v.origin, v.status, v.translator) for v in aligned.versions]
    for version, read in zip(aligned.versions, record.versions):
        written = [s for row in aligned.rows for s in row.cells.get(version.pk, ())]
        assert [(s.key, s.kind, s.text) for s in read.segments] == [(s.key, s.kind, s.text) for s in written]
    codes = {v.pk: v.language.code for v in aligned.versions}
    assert [(r.members, r.status, r.score, r.note) for r in record.rows] == [
        ({codes[pk]: [s.key for s in cell] for pk, cell in row.cells.items()}, row.unit.status, row.unit.score,
         row.unit.note) for row in aligned.rows]


def test_a_text_xml_cannot_carry_is_named_not_written():
    aligned = _synthetic(["paragraph", "paragraph"])
    aligned.rows[1].cells[1][0].text = "pasted from Word\x0b"
    with pytest.raises(ValueError, match=r"^x: segment en-2 contains a control character"):
        tei_document_for(aligned)
