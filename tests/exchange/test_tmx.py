"""TMX 1.4b: the export is DTD-valid and read correctly by translate-toolkit; CAT-tool TMX imports."""

import datetime as dt
from io import BytesIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from lxml import etree
from translate.storage.tmx import tmxfile

from alignment.exchange.tmx import (
    XML_LANG,
    aligned_statements,
    cell_text,
    tmx_chunks,
    tmx_document_for,
)
from alignment.models import AlignmentUnit, Statement
from alignment.selectors import statement_aligned, statement_versions
from alignment.services.tmx import TmxImportError, statement_import_tmx
from alignment.services.units import invariants_check

from .exchange_state import db_state

DATA = Path(__file__).parent / "data"
DTD_PATH = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "tmx14.dtd"
HEADER_REQUIRED = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")


@pytest.fixture(scope="module")
def dtd():
    return etree.DTD(str(DTD_PATH))


def _valid(data: bytes, dtd) -> etree._Element:
    root = etree.fromstring(data)
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    return root


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_export_is_valid_tmx_with_a_tu_per_row(corpus_statement, dtd):
    aligned = statement_aligned(corpus_statement)
    root = _valid(tmx_document_for([aligned]), dtd)
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert all(header.get(name) for name in HEADER_REQUIRED)
    assert header.get("segtype") == "paragraph" and header.get("srclang") == "*all*"
    tus = root.findall("body/tu")
    assert len(tus) == len(aligned.rows)
    for tu, row in zip(tus, aligned.rows):
        props = {prop.get("type"): prop.text for prop in tu.findall("prop")}
        assert props == {"x-statement": corpus_statement.slug, "x-row": str(row.unit.position + 1),
                         "x-status": row.unit.status}
        for tuv in tu.findall("tuv"):
            version = aligned.version_for(tuv.get(XML_LANG))
            assert tuv.findtext("seg") == cell_text(row.cell(version))
            assert tuv.findtext("prop") == " ".join(s.key for s in row.cell(version))


def test_translate_toolkit_reads_every_language_of_every_row(corpus_statement):
    aligned = statement_aligned(corpus_statement, statement_versions(corpus_statement, ["en", "az", "ru"]))
    data = tmx_document_for([aligned], langs=["en", "az", "ru"])
    store = tmxfile(BytesIO(data), sourcelanguage="en", targetlanguage="az")
    assert len(store.units) == len(aligned.rows)
    en, az, ru = aligned.versions
    for unit, row in zip(store.units, aligned.rows):
        assert _flat(unit.source) == _flat(cell_text(row.cell(en)))
        assert _flat(unit.target) == _flat(cell_text(row.cell(az)))
        assert _flat(unit.gettarget("ru")) == _flat(cell_text(row.cell(ru)))
        assert unit.getid() == f"{corpus_statement.slug}/{row.anchor}"
    first = aligned.rows[2]
    assert _flat(store.translate(cell_text(first.cell(en)), "en", "ru")) == _flat(cell_text(first.cell(ru)))


def test_languages_filter_and_confirmed_only(corpus_statement, dtd):
    units = list(corpus_statement.units.order_by("position"))
    AlignmentUnit.objects.filter(pk__in=[units[1].pk, units[4].pk]).update(status="confirmed")
    aligned = statement_aligned(corpus_statement)
    root = _valid(tmx_document_for([aligned], langs=["ru", "en"], confirmed_only=True), dtd)
    assert root.find("header").get("srclang") == "ru"
    tus = root.findall("body/tu")
    assert [tu.findtext("prop[@type='x-row']") for tu in tus] == ["2", "5"]
    assert [[tuv.get(XML_LANG) for tuv in tu.findall("tuv")] for tu in tus] == [["ru", "en"], ["ru", "en"]]


def test_whole_corpus_streams_statement_by_statement(db, dtd, django_assert_max_num_queries):
    statements = Statement.objects.count()
    with django_assert_max_num_queries(4 * statements + 4):
        chunks = list(tmx_chunks(aligned_statements(), langs=["en", "az"]))
    assert len(chunks) == statements + 1
    root = _valid(b"".join(chunks), dtd)
    assert len({tu.findtext("prop[@type='x-statement']") for tu in root.iter("tu")}) == statements


def test_export_command_writes_the_file(corpus_statement, tmp_path, dtd):
    out = tmp_path / "corpus.tmx"
    call_command("export_tmx", "--all", "--langs", "AZ,en-GB", "--confirmed-only", "-o", str(out))
    assert _valid(out.read_bytes(), dtd).find("body/tu") is None  # nothing confirmed in the corpus
    call_command("export_tmx", corpus_statement.slug, "-o", str(out))
    assert len(_valid(out.read_bytes(), dtd).findall("body/tu")) == corpus_statement.units.count()
    assert not (tmp_path / "corpus.tmx.part").exists()


@pytest.mark.parametrize("args, message", [
    ([], "name one or more statements"),
    (["x", "--all"], "name one or more statements"),
    (["nope"], "no statement with the slug nope"),
    (["--all", "--langs", "az,xx"], "unknown language code 'xx'"),
])
def test_export_command_errors(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_tmx", *args, "-o", str(tmp_path / "x.tmx"))
    assert not list(tmp_path.iterdir())


def test_round_trip_through_import(corpus_statement, editor):
    aligned = statement_aligned(corpus_statement)
    data = tmx_document_for([aligned])
    result = statement_import_tmx(data=data, slug="copy", title="Copy", date_issued=dt.date(2007, 1, 19),
                                  user=editor)
    copy = statement_aligned(result.statement)
    invariants_check(result.statement)
    assert [v.language.code for v in copy.versions] == [v.language.code for v in aligned.versions]
    assert len(copy.rows) == len(aligned.rows)
    for new, old in zip(copy.rows, aligned.rows):
        assert new.unit.status == "confirmed" and new.unit.confirmed_by == editor
        for version in aligned.versions:
            twin = copy.version_for(version.language.code)
            assert _flat(cell_text(new.cell(twin))) == _flat(cell_text(old.cell(version)))
    assert tmx_document_for([copy]).count(b"<tu ") == data.count(b"<tu ")


def test_cat_tool_tmx_becomes_a_statement_with_confirmed_rows(db):
    result = statement_import_tmx(data=(DATA / "cat_tool.tmx").read_bytes(), slug="from-trados", name="cat_tool.tmx")
    statement = result.statement
    assert (result.rows, result.skipped, result.segments) == (3, 1, {"en": 3, "az": 2, "ru": 2})
    assert "3 confirmed rows" in result.summary() and "1 empty <tu> skipped" in result.summary()
    assert statement.original_language.code == "en" and statement.title == "from-trados"
    assert "SDL Language Platform" in statement.editorial_note
    aligned = statement_aligned(statement)
    table = [{v.language.code: cell_text(row.cell(v)) for v in aligned.versions if row.cell(v)} for row in aligned.rows]
    assert table == [
        {"en": "Statement of the Ombudsman", "az": "Ombudsmanın Bəyanatı", "ru": "Заявление Омбудсмена"},
        {"en": "Seventeen years have passed since that day.", "az": "O gündən on yeddi il ötür."},
        {"en": "Only in English & more.", "ru": "Только по-русски."},
    ]
    assert [s.key for s in aligned.version_for("az").segments.order_by("position")] == ["az-1", "az-2"]
    assert {row.unit.status for row in aligned.rows} == {"confirmed"}
    invariants_check(statement)


def _cat(replace: tuple[bytes, bytes] | None = None, cut: int | None = None) -> bytes:
    data = (DATA / "cat_tool.tmx").read_bytes()
    if replace:
        assert replace[0] in data
        data = data.replace(*replace)
    return data[:cut] if cut else data


@pytest.mark.parametrize("data, message", [
    (_cat((b"<tmx ", b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx ')),
     "x.tmx, line 2: documents with a DOCTYPE are refused (DTDs and entities are not allowed); TMX files "
     "from CAT tools often start with <!DOCTYPE tmx SYSTEM \"tmx14.dtd\">: delete that line"),
    (_cat((b'xml:lang="RU-ru"', b'xml:lang="de-DE"')), "x.tmx, line 12: unknown language code 'de-DE'"),
    (_cat((b'xml:lang="az_AZ"', b'xml:lang="en-GB"')), "x.tmx, line 17: a second <tuv> in 'en' ('en-GB') "
                                                      "in the <tu> of line 14"),
    (_cat((b'<tuv xml:lang="ru-RU">', b"<tuv>")), "x.tmx, line 23: <tuv> without xml:lang"),
    (_cat(cut=900), "x.tmx, line 17: not well-formed XML"),
    (_cat(("Заявление".encode(), "Заявление".encode("cp1251"))), "x.tmx, line 12: not well-formed XML"),
    (_cat((b'srclang="en-US"', b'srclang="tlh"')), "x.tmx, <header srclang>: unknown language code 'tlh'"),
    (_cat((b'version="1.4"', b'version="2.0"')), "x.tmx, line 2: TMX version '2.0' is not supported"),
    (b"<xliff/>", "x.tmx, line 1: the root element is <xliff>, not <tmx>"),
    (b'<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg/></tuv></tu></body></tmx>',
     "x.tmx: no <tu> with text: nothing to import"),
    (b"", "x.tmx: the file is empty"),
])
def test_bad_tmx_is_refused_and_changes_nothing(db, data, message):
    before = db_state()
    with pytest.raises(TmxImportError) as info:
        statement_import_tmx(data=data, slug="new-one", name="x.tmx")
    assert message in str(info.value)
    assert db_state() == before


def test_import_into_an_existing_slug_or_a_bad_slug_is_refused(corpus_statement):
    before = db_state()
    with pytest.raises(TmxImportError, match="slug '2007-01-19-ombudsman-17th-anniversary' exists already"):
        statement_import_tmx(data=_cat(), slug=corpus_statement.slug)
    with pytest.raises(TmxImportError, match="slug: Enter a valid “slug”"):
        statement_import_tmx(data=_cat(), slug="not a slug")
    assert db_state() == before


def test_import_command(db, capsys):
    path = str(DATA / "cat_tool.tmx")
    before = db_state()
    call_command("import_tmx", path, "--slug", "tm-1", "--dry-run")
    assert capsys.readouterr().out.startswith("[dry run] tm-1: 3 confirmed rows")
    assert db_state() == before
    call_command("import_tmx", path, "--slug", "tm-1", "--title", "From a TM", "--date", "2024-01-15")
    statement = Statement.objects.get(slug="tm-1")
    assert (statement.title, statement.date_issued) == ("From a TM", dt.date(2024, 1, 15))
    with pytest.raises(CommandError, match="exists already"):
        call_command("import_tmx", path, "--slug", "tm-1")


def test_admin_action_streams_a_tmx_download(corpus_statement, editor, dtd):
    from django.contrib import admin
    from django.test import RequestFactory

    from alignment.admin.exchange import export_tmx, export_tmx_confirmed

    request = RequestFactory().post("/admin/alignment/statement/")
    request.user = editor
    model_admin = admin.site._registry[Statement]
    queryset = Statement.objects.filter(pk=corpus_statement.pk)
    response = export_tmx(model_admin, request, queryset)
    assert response["Content-Type"] == "application/x-tmx+xml; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{corpus_statement.slug}.tmx"'
    root = _valid(b"".join(response.streaming_content), dtd)
    assert len(root.findall("body/tu")) == corpus_statement.units.count()
    confirmed = export_tmx_confirmed(model_admin, request, Statement.objects.all())
    assert confirmed["Content-Disposition"] == 'attachment; filename="statements.tmx"'
    assert _valid(b"".join(confirmed.streaming_content), dtd).find("body/tu") is None


def test_a_tmx_written_by_translate_toolkit_imports_once_its_doctype_line_is_removed(db):
    store = tmxfile(sourcelanguage="en-US")
    store.addtranslation("Statement of the Ombudsman", "en-US", "Ombudsmanın Bəyanatı", "az-AZ")
    store.addtranslation("Second paragraph.", "en-US", "Второй абзац.", "ru_RU")
    data = bytes(store)
    assert b"<!DOCTYPE tmx" in data
    before = db_state()
    with pytest.raises(TmxImportError, match="line 2: documents with a DOCTYPE are refused .* delete that line"):
        statement_import_tmx(data=data, slug="from-toolkit", name="toolkit.tmx")
    assert db_state() == before
    cleaned = b"\n".join(line for line in data.split(b"\n") if not line.startswith(b"<!DOCTYPE"))
    result = statement_import_tmx(data=cleaned, slug="from-toolkit", name="toolkit.tmx")
    assert result.segments == {"en": 2, "az": 1, "ru": 1} and result.rows == 2
    assert result.statement.original_language.code == "en"
