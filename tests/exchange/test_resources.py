"""django-import-export resources: round trips in CSV, XLSX and JSON, formula escaping, and
bad files refused as a whole with errors named by row and column."""

import io

import openpyxl
import pytest
from django.contrib import admin
from django.test import RequestFactory
from hypothesis import given
from hypothesis import strategies as st
from import_export.admin import ImportExportMixin

from alignment.admin.exchange import ExchangeImportExportMixin
from alignment.exchange.resources import (
    AlignedRowsResource,
    ImportFileError,
    SafeCSV,
    SafeJSON,
    SafeXLSX,
    SegmentResource,
    StatementResource,
    VersionResource,
    formula_escape,
    formula_unescape,
    import_errors,
)
from alignment.models import (
    AlignmentUnit,
    Language,
    Operation,
    Segment,
    Statement,
    Version,
)

from .exchange_state import db_state

FORMATS = [SafeCSV, SafeXLSX, SafeJSON]


@given(st.text())
def test_formula_escaping_is_reversible(text):
    assert formula_unescape(formula_escape(text)) == text


@pytest.mark.parametrize("value, escaped", [
    ("=1+1", "'=1+1"), ("+7 994", "'+7 994"), ("-dash", "'-dash"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("'=x", "''=x"), ("plain", "plain"), ("-1.5", "-1.5"), ("", ""), (3, 3), (None, None),
])
def test_formula_escaping(value, escaped):
    assert formula_escape(value) == escaped


def _export(resource_class, fmt, queryset=None):
    return fmt().export_data(resource_class().export(queryset))


def _import(resource_class, fmt, data, **kwargs):
    return resource_class().import_data(fmt().create_dataset(data), **kwargs)


def _segments(statement):
    return Segment.objects.filter(version__statement=statement)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("resource_class", [StatementResource, VersionResource, SegmentResource])
def test_an_unchanged_export_imports_as_all_skipped(corpus_statement, resource_class, fmt):
    queryset = _segments(corpus_statement) if resource_class is SegmentResource else None
    data = _export(resource_class, fmt, queryset)
    before = db_state()
    result = _import(resource_class, fmt, data)
    assert import_errors(result) == []
    expected = queryset.count() if queryset is not None else resource_class._meta.model.objects.count()
    assert result.totals["skip"] == expected and result.totals["update"] == result.totals["new"] == 0
    assert db_state() == before


def test_statement_import_creates_and_updates_and_the_preview_changes_nothing(corpus_statement):
    csv = ("slug,title,date_issued,original_language,published\n"
           f"{corpus_statement.slug},New title,{corpus_statement.date_issued},en-GB,false\n"
           "new-statement,A new statement,2020-01-20,AZ,1\n")
    before = db_state()
    preview = _import(StatementResource, SafeCSV, csv, dry_run=True)
    assert (preview.totals["update"], preview.totals["new"]) == (1, 1) and db_state() == before
    result = _import(StatementResource, SafeCSV, csv)
    assert import_errors(result) == []
    corpus_statement.refresh_from_db()
    assert corpus_statement.title == "New title" and corpus_statement.original_language.code == "en"
    new = Statement.objects.get(slug="new-statement")
    assert (new.original_language.code, new.published, str(new.date_issued)) == ("az", True, "2020-01-20")
    assert corpus_statement.history.first().title == "New title"


def test_a_changed_segment_text_is_an_editor_edit(corpus_statement, editor):
    dataset = SegmentResource().export(_segments(corpus_statement))
    rows = dataset.dict
    target = next(row for row in rows if row["key"] == "az-2")
    target["text"] = "(19 yanvar 2007-ci il, yeni)"
    changed = SafeJSON().create_dataset(SafeJSON().export_data(_dataset(rows)))
    operations = Operation.objects.count()
    result = SegmentResource().import_data(changed, user=editor)
    assert import_errors(result) == [] and result.totals["update"] == 1
    segment = Segment.objects.get(version__statement=corpus_statement, key="az-2")
    assert segment.text == "(19 yanvar 2007-ci il, yeni)"
    assert Operation.objects.count() == operations + 1
    assert Operation.objects.latest("id").kind == "edit" and segment.history.first().history_user == editor


def _dataset(rows):
    import tablib

    dataset = tablib.Dataset(headers=list(rows[0]))
    for row in rows:
        dataset.append(list(row.values()))
    return dataset


def test_formula_like_cells_are_escaped_in_spreadsheets_and_restored_on_import(corpus_statement):
    Statement.objects.filter(pk=corpus_statement.pk).update(title="=HYPERLINK(\"http://x\",\"y\")")
    Segment.objects.filter(version__statement=corpus_statement, key="en-2").update(text="-dash and @mention")
    queryset = Statement.objects.filter(pk=corpus_statement.pk)
    csv = _export(StatementResource, SafeCSV, queryset)
    assert "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" in csv
    xlsx = _export(SegmentResource, SafeXLSX, _segments(corpus_statement))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    cells = {row[2].value: row[5] for row in sheet.iter_rows(min_row=2)}
    assert cells["en-2"].value == "'-dash and @mention" and cells["en-2"].data_type == "s"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    before = db_state()
    for resource_class, fmt, data in [(StatementResource, SafeCSV, csv), (SegmentResource, SafeXLSX, xlsx)]:
        result = _import(resource_class, fmt, data)
        assert import_errors(result) == [] and result.totals["update"] == 0
    assert db_state() == before


SLUG = "2007-01-19-ombudsman-17th-anniversary"
BAD_ROWS = [
    (StatementResource, "title,date_issued\nX,2020-01-01\n",
     ["file: missing column(s) slug (the file has: title, date_issued)"]),
    (StatementResource, "slug,titel\nx,X\n", ["file: unknown column(s) titel (known: slug, title, date_issued"]),
    (StatementResource, "slug,title,date_issued\na,A,2020-01-01\nb,B,2020-01-01\na,C,2020-01-01\n",
     ["file: rows 1 and 3 have the same key (slug 'a')"]),
    (StatementResource, "slug,title,date_issued\na,A,yesterday\n",
     ["row 1, column date_issued: expected a date as YYYY-MM-DD, got 'yesterday'"]),
    (StatementResource, f"slug,published\n{SLUG},maybe\n",
     ["row 1, column published: expected true or false (1 or 0), got 'maybe'"]),
    (StatementResource, f"slug,original_language\n{SLUG},xx\n",
     ["row 1, column original_language: unknown language code 'xx' (known: az, en, ru"]),
    (StatementResource, "slug,title,date_issued\nok-one,A,2020-01-01\nnot a slug,,2020-01-01\n",
     ["row 2, column slug: Enter a valid “slug”", "row 2, column title: This field cannot be blank."]),
    (VersionResource, "statement,language,title\nnope,az,T\n",
     ["row 1, column statement: no statement with the slug 'nope'"]),
    (VersionResource, f"statement,language,title\n{SLUG},az,T\n{SLUG},az-AZ,U\n",
     [f"file: rows 1 and 2 have the same key (statement '{SLUG}', language 'az')"]),
    (VersionResource, f"statement,language,status\n{SLUG},ru,approved\n",
     ["row 1, column status: read-only in this import (it is 'draft')"]),
    (VersionResource, f"statement,language,origin\n{SLUG},ru,stolen\n",
     ["row 1, column origin: Value 'stolen' is not a valid choice."]),
    (SegmentResource, f"statement,language,text\n{SLUG},az,x\n",
     ["file: missing column(s) key (the file has: statement, language, text)"]),
    (SegmentResource, f"statement,language,key,kind,text\n{SLUG},az,az-2,heading,x\n",
     ["row 1, column kind: read-only in this import (it is 'dateline')"]),
    (SegmentResource, f"statement,language,key,text\n{SLUG},az,az-999,x\n",
     [f"row 1, column key: no segment az-999 in the az version of {SLUG}: segments are added by importing"]),
    (SegmentResource, f"statement,language,key,text\n{SLUG},az,az-3,Changed.\n{SLUG},az,az-2,\"  \"\n",
     ["row 2, column text: A segment cannot be empty; merge it with a neighbour instead."]),
]


@pytest.mark.parametrize("resource_class, csv, errors", BAD_ROWS)
def test_bad_rows_refuse_the_whole_file(db, resource_class, csv, errors):
    before = db_state()
    result = _import(resource_class, SafeCSV, csv)
    reported = import_errors(result)
    for expected in errors:
        assert any(line.startswith(expected) for line in reported), reported
    assert db_state() == before


def test_a_new_version_is_refused(db):
    Language.objects.create(code="de", name="German", native_name="Deutsch")
    before = db_state()
    result = _import(VersionResource, SafeJSON, f'[{{"statement": "{SLUG}", "language": "de-AT", "title": "T"}}]')
    assert import_errors(result) == [f"row 1, column language: {SLUG} has no de version: add translations with "
                                     "“Add or replace a translation” or import_text"]
    assert db_state() == before


@pytest.mark.parametrize("fmt, data, message", [
    (SafeCSV, 'slug,title\na,"unterminated\n', "line 2: unexpected end of data (a truncated file?)"),
    (SafeCSV, "slug,title,date_issued\na,A,2020-01-01\nb,B\n", "row 2 (line 3) has 2 cells, the header has 3"),
    (SafeCSV, "slug,title\nа,Заявление\n".encode("cp1251"), "line 2: not valid UTF-8"),
    (SafeCSV, "\n\n", "the file is empty"),
    (SafeJSON, '[{"slug": "a", "title": "A"}, {"slug": "b", "ti',
     "not valid JSON (line 1, column 45: Unterminated string"),
    (SafeJSON, '{"slug": "a"}', "expected a JSON list of objects, one per row"),
    (SafeJSON, '[{"slug": "a", "title": "A"}, {"slug": "b"}]',
     "row 2: its keys differ from the first row's (missing: title; extra: none)"),
    (SafeJSON, '[{"slug": "a", "title": ["A"]}]', "row 1, column title: expected text, a number or true/false"),
    (SafeXLSX, b"PK\x03\x04 truncated", "not a readable XLSX workbook (truncated, or another format)"),
])
def test_unreadable_files_are_refused(fmt, data, message):
    with pytest.raises(ImportFileError) as info:
        fmt().create_dataset(data)
    assert message in str(info.value)


def test_truncated_xlsx_export_is_refused(corpus_statement):
    data = _export(StatementResource, SafeXLSX)
    with pytest.raises(ImportFileError, match="not a readable XLSX workbook"):
        SafeXLSX().create_dataset(data[: len(data) // 2])


def test_json_objects_are_matched_by_key_not_by_order():
    dataset = SafeJSON().create_dataset('[{"slug": "a", "title": "A"}, {"title": "B", "slug": "b"}]')
    assert dataset.dict == [{"slug": "a", "title": "A"}, {"slug": "b", "title": "B"}]


def test_aligned_rows_one_row_per_unit_one_column_per_language(corpus_statement, django_assert_max_num_queries):
    units = AlignmentUnit.objects.filter(statement=corpus_statement)
    with django_assert_max_num_queries(6):
        dataset = AlignedRowsResource().export(units)
    assert dataset.headers == ["statement", "row", "anchor", "status", "score", "note", "az", "en", "ru"]
    assert len(dataset) == units.count()
    for unit, row in zip(units.order_by("position"), dataset.dict):
        assert row["row"] == unit.position + 1
        for code in ("az", "en", "ru"):
            cell = unit.segments.filter(version__language__code=code).order_by("position")
            assert row[code] == "\n\n".join(cell.values_list("text", flat=True))
    xlsx = SafeXLSX().export_data(dataset)
    assert openpyxl.load_workbook(io.BytesIO(xlsx)).active.max_row == units.count() + 1
    with pytest.raises(ImportFileError, match="aligned rows are export only"):
        AlignedRowsResource().import_data(dataset)


def test_admin_mixin_exports_what_the_filters_show_and_imports_all_or_nothing(db, superuser):
    model_admin = admin.site._registry[Statement]
    assert isinstance(model_admin, ExchangeImportExportMixin) and isinstance(model_admin, ImportExportMixin)
    Statement.objects.update(published=True)
    Statement.objects.filter(slug=SLUG).update(published=False)
    request = RequestFactory().get("/admin/alignment/statement/export/", {"published__exact": "0"})
    request.user = superuser
    assert list(model_admin.get_export_queryset(request).values_list("slug", flat=True)) == [SLUG]
    assert model_admin.get_export_formats() == [SafeCSV, SafeXLSX, SafeJSON]
    assert model_admin.get_import_data_kwargs(request=request)["rollback_on_validation_errors"] is True


@pytest.mark.parametrize("resource_class, queryset", [
    (StatementResource, Statement.objects.all), (VersionResource, Version.objects.all),
    (SegmentResource, Segment.objects.all),
])
def test_exports_cost_a_constant_number_of_queries(db, resource_class, queryset, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        dataset = resource_class().export(queryset())
    assert len(dataset) == queryset().count()


# The real import-export admin pages of the project's admin ------------

def _upload(client, model: str, content: bytes, fmt: str = "0"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(f"/admin/alignment/{model}/import/", {
        "format": fmt, "resource": "0", "import_file": SimpleUploadedFile("upload.csv", content)})


def test_admin_import_previews_then_commits_all_or_nothing(client, superuser, corpus_statement):
    client.force_login(superuser)
    page = client.get("/admin/alignment/statement/").content.decode()
    assert "/admin/alignment/statement/import/" in page and "Export TMX (all rows)" in page
    listed = client.get("/admin/alignment/segment/import/").content.decode()
    assert "<code>statement, language, key, text</code>" in listed
    before = db_state()
    bad = _upload(client, "segment", f"statement,language,key,text\n{SLUG},az,az-3,Changed.\n{SLUG},az,az-2,\"  \"\n"
                  .encode())
    assert "A segment cannot be empty" in bad.content.decode() and "confirm_form" not in bad.context
    unreadable = _upload(client, "statement", "slug,title\nа,Заявление\n".encode("cp1251"))
    assert "The file was refused: it is not valid UTF-8 (byte 0xe0 at position 11)" in unreadable.content.decode()
    preview = _upload(client, "segment", f"statement,language,key,text\n{SLUG},az,az-3,Changed.\n".encode())
    assert preview.status_code == 200 and db_state() == before  # the preview was rolled back
    confirmed = client.post("/admin/alignment/segment/process_import/", preview.context["confirm_form"].initial)
    assert confirmed.status_code == 302
    segment = Segment.objects.get(version__statement=corpus_statement, key="az-3")
    assert segment.text == "Changed." and segment.history.first().history_user == superuser


def test_admin_import_needs_the_change_permission(client, viewer, editor):
    client.force_login(viewer)
    assert client.get("/admin/alignment/statement/import/").status_code == 403
    assert client.get("/admin/alignment/statement/export/").status_code == 200
    client.force_login(editor)
    assert client.get("/admin/alignment/statement/import/").status_code == 200


def test_admin_export_follows_the_changelist_filters(client, superuser, corpus_statement):
    client.force_login(superuser)
    fields = {f"alignedrowsresource_{name}": "on" for name in
              ("statement", "row", "anchor", "status", "score", "note", "az", "en", "ru")}
    response = client.post(f"/admin/alignment/alignmentunit/export/?statement__id__exact={corpus_statement.pk}",
                           {"format": "1", "resource": "0", **fields})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == [
        "statement", "row", "anchor", "status", "score", "note", "az", "en", "ru"]
    assert sheet.max_row == corpus_statement.units.count() + 1
    assert {row[0].value for row in sheet.iter_rows(min_row=2)} == {SLUG}
