"""XLIFF 2.1: export for a CAT tool, edit with translate-toolkit's XLIFF 2 store, import back."""

import re
from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from alignment.exchange.xliff import (
    MDA_NS,
    XLIFF_NS,
    cell_parts,
    unit_id,
    xliff_document_for,
)
from alignment.models import AlignmentUnit, Language, Operation, Segment
from alignment.selectors import statement_aligned, statement_versions
from alignment.services.editing import unit_insert_empty, unit_merge
from alignment.services.qa import qa_refresh
from alignment.services.units import invariants_check
from alignment.services.xliff import XliffImportError, statement_import_xliff

from .exchange_state import db_state

NS = {"x": XLIFF_NS, "mda": MDA_NS}
SLUG = "2007-01-19-ombudsman-17th-anniversary"


def _export(statement, source="en", target="az"):
    versions = statement_versions(statement, [source, target])
    aligned = statement_aligned(statement, versions)
    return aligned, versions, xliff_document_for(aligned, *versions)


def _multi_row(aligned, version):
    return next(row for row in aligned.rows if len(row.cell(version)) > 1)


def test_export_has_a_unit_per_row_with_state_and_keys(corpus_statement):
    units = list(corpus_statement.units.order_by("position"))
    AlignmentUnit.objects.filter(pk=units[0].pk).update(status="confirmed")
    AlignmentUnit.objects.filter(pk=units[1].pk).update(status="flagged", note="check")
    aligned, (en, az), data = _export(corpus_statement)
    root = etree.fromstring(data)
    assert (root.get("version"), root.get("srcLang"), root.get("trgLang")) == ("2.1", "en", "az")
    assert root.find("x:file", NS).get("original") == corpus_statement.slug
    xml_units = root.findall("x:file/x:unit", NS)
    assert len(xml_units) == len(aligned.rows)
    states = [u.find("x:segment", NS).get("state") for u in xml_units]
    assert states[:3] == ["final", "initial", "translated"]
    for element, row in zip(xml_units, aligned.rows):
        assert element.get("id") == unit_id(row, en, az)
        assert element.findtext("x:segment/x:source", namespaces=NS) == cell_parts(row.cell(en))
        meta = {m.get("type"): m.text or "" for m in element.iterfind(".//mda:meta", NS)}
        assert meta["target-keys"] == " ".join(s.key for s in row.cell(az))
        assert meta["status"] == row.unit.status
        if not row.cell(az):
            assert element.find("x:segment/x:target", NS) is None and states[aligned.rows.index(row)] == "initial"


def test_translate_toolkit_reads_the_export(corpus_statement):
    AlignmentUnit.objects.filter(pk=corpus_statement.units.order_by("position")[0].pk).update(status="confirmed")
    aligned, (en, az), data = _export(corpus_statement)
    store = Xliff2File(BytesIO(data))
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "az"
    assert len(store.units) == len(aligned.rows)
    for unit, row in zip(store.units, aligned.rows):
        assert unit.getid() == unit_id(row, en, az)
        assert unit.source == cell_parts(row.cell(en))
        assert (unit.target or "") == cell_parts(row.cell(az))
    assert store.units[0].isapproved() and not store.units[1].isapproved()
    multi = _multi_row(aligned, en)
    assert "\n\n" in store.findid(unit_id(multi, en, az)).source  # blank-line separated parts survive


def test_edits_made_in_translate_toolkit_come_back_as_segment_edits(corpus_statement, editor):
    unit_merge(unit=corpus_statement.units.order_by("position")[3], by=editor, revision=None)
    aligned, (en, az), data = _export(corpus_statement)
    single = aligned.rows[1]
    double = _multi_row(aligned, az)
    first, second = double.cell(az)
    store = Xliff2File(BytesIO(data))
    store.findid(unit_id(single, en, az)).target = "  (19 yanvar 2007)  "
    store.findid(unit_id(double, en, az)).target = f"{first.text}\n\nYeni ikinci abzas."
    operations = Operation.objects.count()

    result = statement_import_xliff(data=bytes(store), user=editor, name="edited.xlf")

    assert result.edited == [single.cell(az)[0].key, second.key]
    assert result.summary().endswith(f"{len(aligned.rows)} units read, 2 segments changed")
    assert Segment.objects.get(pk=single.cell(az)[0].pk).text == "(19 yanvar 2007)"
    assert Segment.objects.get(pk=second.pk).text == "Yeni ikinci abzas."
    assert Segment.objects.get(pk=first.pk).text == first.text
    assert Operation.objects.count() == operations + 2
    assert Operation.objects.filter(kind="edit", user=editor).count() == 2
    changed = Segment.history.filter(id=second.pk).order_by("-history_id")
    assert changed[0].history_user == editor and changed[1].text == second.text
    invariants_check(corpus_statement)
    refreshed = qa_refresh(statement=corpus_statement)  # the import left the QA findings current
    assert refreshed.created == refreshed.deleted == 0


def test_an_unchanged_file_changes_nothing(corpus_statement):
    _, _, data = _export(corpus_statement, "az", "ru")
    before = db_state()
    result = statement_import_xliff(data=bytes(Xliff2File(BytesIO(data))), name="same.xlf")
    assert result.edited == [] and db_state() == before


def _edited(statement, change) -> bytes:
    _, _, data = _export(statement)
    root = etree.fromstring(data)
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _unit(root, n):
    return root.findall("x:file/x:unit", NS)[n]


def _set(root, n, tag, text):
    _unit(root, n).find(f"x:segment/x:{tag}", NS).text = text


def _bad_cases():
    def unknown_id(root):
        _set(root, 1, "target", "Dəyişdi")
        _unit(root, 2).set("id", "en-999")

    def source_changed(root):
        _set(root, 1, "target", "Dəyişdi")
        _set(root, 2, "source", "Something else entirely")

    def paragraphs(root):
        _set(root, 2, "target", "Bir.\n\nİki.")

    def duplicate(root):
        _unit(root, 3).set("id", _unit(root, 2).get("id"))

    def empty(root):
        _set(root, 2, "target", "   ")

    def several(root):
        _unit(root, 2).set("id", "en-998")
        _unit(root, 4).set("id", "en-999")

    return [
        (unknown_id, "x.xlf, line 36, unit 'en-999': unknown unit id 'en-999'"),
        (source_changed, "x.xlf, line 36, unit 'en-3': the source text differs from the statement's en text"),
        (paragraphs, "x.xlf, line 36, unit 'en-3': the target has 2 paragraph(s) separated by blank lines, "
                     "the row holds 1 az segments"),
        (duplicate, "x.xlf, line 52, unit 'en-3': the unit id is used twice (first on line 36)"),
        (empty, "x.xlf, line 36, unit 'en-3': an empty target; a segment cannot be empty"),
        (several, "unit 'en-998': unknown unit id 'en-998' (no row of the statement starts with that segment)\n"
                  "x.xlf, line 66, unit 'en-999': unknown unit id"),
    ]


@pytest.mark.parametrize("change, message", _bad_cases())
def test_bad_units_refuse_the_whole_file(corpus_statement, change, message):
    data = _edited(corpus_statement, change)
    before = db_state()
    with pytest.raises(XliffImportError) as info:
        statement_import_xliff(data=data, name="x.xlf")
    assert message in str(info.value)
    assert db_state() == before


def test_rows_changed_since_the_export_are_reported(corpus_statement, editor):
    aligned, (en, az), data = _export(corpus_statement)
    unit_merge(unit=aligned.rows[1].unit, by=editor, revision=None)
    before = db_state()
    with pytest.raises(XliffImportError) as info:
        statement_import_xliff(data=data, name="x.xlf")
    assert str(info.value).split("\n") == [
        "x.xlf, line 22, unit 'en-2': the source text differs from the statement's en text (the statement "
        "changed since the export, or the source was edited)",
        "x.xlf, line 36, unit 'en-3': unknown unit id 'en-3' (no row of the statement starts with that segment)",
    ]
    assert db_state() == before


def test_target_for_an_empty_cell_is_refused(corpus_statement, editor):
    ru = corpus_statement.versions.get(language__code="ru")
    unit_insert_empty(unit=corpus_statement.units.order_by("position")[2], version=ru, by=editor, revision=None)
    aligned, (en, ru), data = _export(corpus_statement, "en", "ru")
    empty = next((n, row) for n, row in enumerate(aligned.rows) if not row.cell(ru))
    assert _unit(etree.fromstring(data), empty[0]).find("x:segment", NS).get("state") == "initial"
    root = etree.fromstring(data)
    segment = _unit(root, empty[0]).find("x:segment", NS)
    etree.SubElement(segment, f"{{{XLIFF_NS}}}target").text = "Новый текст"
    before = db_state()
    with pytest.raises(XliffImportError, match="the row has no ru segment to change; add the text in the editor"):
        statement_import_xliff(data=etree.tostring(root), name="x.xlf")
    assert db_state() == before


def _bytes_cases():
    def doc(statement):
        return _export(statement)[2]

    return [
        (lambda s: doc(s)[:1500], "x.xlf, line 2"),
        (lambda s: doc(s)[:1500], "not well-formed XML"),
        (lambda s: doc(s).replace(b"<xliff ", b"<!DOCTYPE xliff>\n<xliff ", 1),
         "x.xlf, line 2: documents with a DOCTYPE are refused"),
        (lambda s: doc(s).replace("ü".encode(), "ü".encode("latin-1"), 1),
         "x.xlf, line 19: not well-formed XML (Invalid bytes in character encoding"),
        (lambda s: doc(s).replace(b'version="2.1"', b'version="1.2"'), "XLIFF version '1.2' is not 2.x"),
        (lambda s: b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"/>',
         "x.xlf, line 1: not an XLIFF 2 document (root <xliff> in urn:oasis:names:tc:xliff:document:1.2"),
        (lambda s: doc(s).replace(s.slug.encode(), b"no-such-statement"),
         "x.xlf: no statement with the slug 'no-such-statement' (<file original>)"),
        (lambda s: doc(s).replace(b'trgLang="az"', b'trgLang="de-DE"'), "x.xlf, trgLang: unknown language code"),
        (lambda s: doc(s).replace(b'trgLang="az"', b'trgLang="en-US"'), "srcLang and trgLang denote the same"),
        (lambda s: doc(s).replace(b' trgLang="az"', b""), "x.xlf, line 2: <xliff> has no trgLang"),
        (lambda s: doc(s).replace(b'<file id="f1" ', b'<file id="f2"/><file id="f1" '),
         "x.xlf: expected one <file> (one statement), found 2"),
        (lambda s: doc(s).replace(b"<source ", b'<source><cp hex="zz"/></source><source ', 1),
         "x.xlf, line 18: <cp hex='zz'> is not a code point"),
    ]


@pytest.mark.parametrize("make, message", _bytes_cases())
def test_bad_files_are_refused_and_change_nothing(corpus_statement, make, message):
    data = make(corpus_statement)
    before = db_state()
    with pytest.raises(XliffImportError) as info:
        statement_import_xliff(data=data, name="x.xlf")
    assert message in str(info.value)
    assert db_state() == before


def test_commands_round_trip(corpus_statement, tmp_path, capsys):
    path = tmp_path / "az.xlf"
    call_command("export_xliff", corpus_statement.slug, "--target", "AZ", "-o", str(path))
    store = Xliff2File(BytesIO(path.read_bytes()))
    store.units[0].target = "Yeni başlıq"
    path.write_bytes(bytes(store))
    before = db_state()
    call_command("import_xliff", str(path), "--dry-run")
    assert "[dry run]" in capsys.readouterr().out and db_state() == before
    call_command("import_xliff", str(path))
    assert "changed: az-1" in capsys.readouterr().out
    assert Segment.objects.get(version__statement=corpus_statement, key="az-1").text == "Yeni başlıq"
    path.write_bytes(path.read_bytes().replace(b'id="en-2"', b'id="en-200"'))
    with pytest.raises(CommandError, match="unit 'en-200': unknown unit id"):
        call_command("import_xliff", str(path))


@pytest.mark.parametrize("args, message", [
    (["nope", "--target", "az"], "no statement with the slug 'nope'"),
    ([SLUG, "--target", "xx"], "unknown language code 'xx'"),
    ([SLUG, "--target", "de"], "needs versions in en and de (it has en, az, ru)"),
])
def test_export_command_errors(db, tmp_path, args, message):
    Language.objects.create(code="de", name="German", native_name="Deutsch")
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("export_xliff", *args, "-o", str(tmp_path / "x.xlf"))
    assert not list(tmp_path.iterdir())
