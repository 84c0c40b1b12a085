"""TEI import: round trips, backup and restore, updates, dry runs, refused documents (each
leaving the database untouched), hostile files, the command and the admin pages."""

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree

from alignment.exchange.tei import (
    TEI_NS,
    aligned_statements,
    tei_corpus_write,
    tei_document_for,
)
from alignment.exchange.tei_model import XML_ID
from alignment.models import AlignmentUnit, Operation, Segment, Statement, Version
from alignment.selectors import statement_aligned
from alignment.services.tei import TeiImportError, tei_import
from alignment.services.units import invariants_check

DATA = Path(__file__).resolve().parent / "data"
NS = {"t": TEI_NS, "xml": "http://www.w3.org/XML/1998/namespace"}
SLUG = "2007-01-19-ombudsman-17th-anniversary"
PREFIX = f"s{SLUG}"


def export(slug: str = SLUG) -> bytes:
    return tei_document_for(statement_aligned(Statement.objects.get(slug=slug)))


def edit(data: bytes, change) -> bytes:
    root = etree.fromstring(data)
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def by_id(root, local: str):
    return root.find(f".//*[@xml:id='{PREFIX}.{local}']", NS)


def line_of(data: bytes, local: str) -> int:
    return by_id(etree.fromstring(data), local).sourceline


def wipe() -> None:
    Segment.objects.all().delete()  # segments first: rows are protected while segments point at them
    Statement.objects.all().delete()


def dump() -> list:
    """Everything a backup must restore, by natural keys (no database ids)."""
    result = []
    for statement in Statement.objects.order_by("slug").select_related("original_language"):
        versions = [
            (v.language.code, v.title, v.origin, v.status, v.translator, v.source_url, v.approved_at,
             list(v.segments.order_by("position").values_list("position", "key", "kind", "text")))
            for v in statement.versions.select_related("language").order_by("language__code")
        ]
        members: dict[int, list[str]] = {}
        for unit_id, key in Segment.objects.filter(version__statement=statement).values_list("unit_id", "key"):
            members.setdefault(unit_id, []).append(key)
        rows = [(u.position, u.status, u.score, u.note, u.confirmed_at, sorted(members[u.pk]))
                for u in statement.units.order_by("position")]
        result.append((statement.slug, statement.title, statement.date_issued, statement.issuer, statement.author,
                       statement.occasion, statement.source, statement.source_url,
                       statement.original_language.code if statement.original_language else None,
                       statement.published, statement.editorial_note, versions, rows))
    return result


def state() -> tuple:
    """The dump plus what any write would move: revisions, key counters, history, operations."""
    return (dump(), list(Statement.objects.order_by("slug").values_list("slug", "alignment_revision")),
            list(Version.objects.order_by("pk").values_list("pk", "next_key")),
            list(Segment.objects.order_by("pk").values_list("pk", "unit_id")),
            [model.history.count() for model in (Statement, Version, Segment, AlignmentUnit)],
            Operation.objects.count())


@pytest.fixture
def reviewed(db):
    """The corpus plus review work the plain corpus lacks: statuses, scores, notes, dates."""
    moment = dt.datetime(2025, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)
    statement = Statement.objects.get(slug=SLUG)
    units = list(statement.units.order_by("position"))
    AlignmentUnit.objects.filter(pk=units[0].pk).update(status="confirmed", score=0.91, confirmed_at=moment)
    AlignmentUnit.objects.filter(pk=units[1].pk).update(status="flagged", score=0.125, note="Dates differ.")
    AlignmentUnit.objects.filter(pk=units[2].pk).update(status="confirmed", confirmed_at=moment)
    AlignmentUnit.objects.filter(pk=units[3].pk).update(score=1e-05)
    Version.objects.filter(statement=statement, language__code="az").update(
        status="approved", approved_at=moment - dt.timedelta(days=2), translator="A. Translator")
    Version.objects.filter(statement=statement, language__code="ru").update(status="in_review", translator="")
    Version.objects.filter(statement=statement, language__code="en").update(source_url="https://example.org/en")
    Statement.objects.filter(pk=statement.pk).update(
        published=False, source="AZERTAC", source_url="https://azertac.az/x", editorial_note="Kept as found.")
    return statement


@pytest.mark.django_db
def test_every_statement_round_trips_through_an_empty_database(reviewed):
    first = {s.slug: export(s.slug) for s in Statement.objects.all()}
    before = dump()
    wipe()
    assert Statement.objects.count() == Segment.objects.count() == AlignmentUnit.objects.count() == 0
    for slug, data in first.items():
        report = tei_import(data=data, name=f"{slug}.xml")
        assert [(o.slug, o.action) for o in report.statements] == [(slug, "created")]
    for statement in Statement.objects.all():
        invariants_check(statement)
        assert export(statement.slug) == first[statement.slug]  # byte-identical
    assert dump() == before


@pytest.mark.django_db
def test_created_statements_get_one_creation_history_row_per_object(reviewed, editor):
    data = export()
    Segment.objects.filter(version__statement__slug=SLUG).delete()
    Statement.objects.filter(slug=SLUG).delete()
    tei_import(data=data, name="one.xml", user=editor)
    statement = Statement.objects.get(slug=SLUG)
    assert statement.alignment_revision == 1
    objects = {Statement: [statement], Version: list(statement.versions.all()), AlignmentUnit: list(statement.units.all()),
               Segment: list(Segment.objects.filter(version__statement=statement))}
    for model, rows in objects.items():
        history = list(model.history.filter(id__in=[row.pk for row in rows], history_type="+"))
        assert sorted(h.id for h in history) == sorted(row.pk for row in rows), model
        assert {(h.history_user_id, h.history_change_reason) for h in history} == {(editor.pk, "import_tei")}
    segment = objects[Segment][0]
    assert segment.history.earliest().text == segment.text and segment.history.earliest().unit_id == segment.unit_id


@pytest.mark.django_db
def test_backup_and_restore_the_whole_corpus_with_the_commands(reviewed, tmp_path):
    backup = tmp_path / "backup.xml"
    call_command("export_tei", "--all", "-o", str(backup), stderr=io.StringIO())
    before = dump()
    wipe()
    out = io.StringIO()
    call_command("import_tei", str(backup), stdout=out)
    assert "17 statement(s), 17 created, 0 updated, 0 unchanged" in out.getvalue()
    assert dump() == before
    again = tmp_path / "again.xml"
    call_command("export_tei", "--all", "-o", str(again), stderr=io.StringIO())
    assert again.read_bytes() == backup.read_bytes()


@pytest.mark.django_db
def test_importing_the_current_export_changes_nothing(reviewed):
    data = export()
    before = state()
    report = tei_import(data=data, name="same.xml")
    assert [o.action for o in report.statements] == ["unchanged"]
    assert state() == before


def _edited(root) -> None:
    by_id(root, "en-5").text = "A corrected English paragraph."
    new = etree.Element(f"{{{TEI_NS}}}p", {XML_ID: f"{PREFIX}.az-99"})
    new.text = "A new Azerbaijani paragraph."
    az3 = by_id(root, "az-3")
    az3.addnext(new)
    link3 = by_id(root, "row.3")
    ptr = etree.Element(f"{{{TEI_NS}}}ptr", target=f"#{PREFIX}.az-99", type="auto")
    link3.addnext(ptr)
    by_id(root, "ru-2").getparent().remove(by_id(root, "ru-2"))
    link2 = by_id(root, "row.2")
    link2.set("target", link2.get("target").replace(f" #{PREFIX}.ru-2", ""))
    link1 = by_id(root, "row.1")
    link1.set("type", "confirmed")
    link1.set("cert", "0.75")


@pytest.mark.django_db
def test_an_edited_document_updates_the_statement_in_place(corpus_statement, editor):
    data = edit(export(), _edited)
    kept = {s.key: s.pk for s in Segment.objects.filter(version__statement=corpus_statement)}
    revision = corpus_statement.alignment_revision
    report = tei_import(data=data, name="edited.xml", user=editor)
    outcome = report.statements[0]
    assert (outcome.action, outcome.segments, outcome.rows_replaced) == ("updated", [1, 1, 1], True)
    corpus_statement.refresh_from_db()
    invariants_check(corpus_statement)
    assert corpus_statement.alignment_revision == revision + 1
    segments = {s.key: s for s in Segment.objects.filter(version__statement=corpus_statement)}
    assert segments["en-5"].text == "A corrected English paragraph." and segments["en-5"].pk == kept["en-5"]
    assert "ru-2" not in segments
    assert segments["az-99"].position == segments["az-3"].position + 1
    assert segments["az-4"].pk == kept["az-4"]  # keys and rows of untouched segments survive
    assert Version.objects.get(statement=corpus_statement, language__code="az").next_key == 100
    first = corpus_statement.units.get(position=0)
    assert (first.status, first.score) == ("confirmed", 0.75)
    assert Segment.history.filter(key="en-5").latest().history_user == editor
    assert tei_import(data=export(), name="again.xml").statements[0].action == "unchanged"


@pytest.mark.django_db
def test_a_version_title_alone_updates_the_version(corpus_statement):
    data = edit(export(), lambda r: r.find(".//t:titleStmt/t:title[@xml:lang='ru']", NS).__setattr__("text", "Новое"))
    revision = corpus_statement.alignment_revision
    outcome = tei_import(data=data, name="title.xml").statements[0]
    assert (outcome.action, outcome.versions, outcome.rows_replaced) == ("updated", [0, 1, 0], False)
    assert Version.objects.get(statement=corpus_statement, language__code="ru").title == "Новое"
    corpus_statement.refresh_from_db()
    assert corpus_statement.alignment_revision == revision  # segmentation and rows are untouched


def _without_russian(root) -> None:
    doomed = [*root.iterfind(".//*[@xml:lang='ru']", NS), *root.iterfind(".//t:langUsage/t:language[@ident='ru']", NS),
              *(e for e in root.iterfind(".//t:titleStmt/t:respStmt", NS) if e.get("corresp").endswith(".text.ru")),
              *(e for e in root.iterfind(".//t:revisionDesc/t:change", NS) if e.get("target").endswith(".text.ru"))]
    for element in doomed:
        element.getparent().remove(element)
    for link in root.iterfind(".//t:linkGrp/*", NS):
        link.set("target", " ".join(t for t in link.get("target").split() if ".ru-" not in t))


@pytest.mark.django_db
def test_a_version_the_document_lacks_is_deleted(corpus_statement):
    russian = Segment.objects.filter(version__statement=corpus_statement, version__language__code="ru").count()
    outcome = tei_import(data=edit(export(), _without_russian), name="no-ru.xml").statements[0]
    assert (outcome.action, outcome.versions, outcome.segments) == ("updated", [0, 0, 1], [0, 0, 0])
    assert outcome.rows_replaced and russian > 0
    assert not Version.objects.filter(statement=corpus_statement, language__code="ru").exists()
    invariants_check(corpus_statement)
    assert export().count(b"<link ") == corpus_statement.units.count()


@pytest.mark.django_db
def test_a_dry_run_reports_and_changes_nothing(corpus_statement, tmp_path):
    data = edit(export(), _edited)
    before = state()
    report = tei_import(data=data, name="edited.xml", dry_run=True)
    assert report.dry_run and report.statements[0].action == "updated"
    assert report.summary().startswith("[dry run, nothing saved] edited.xml: 1 statement(s), 0 created, 1 updated")
    assert state() == before
    path = tmp_path / "edited.xml"
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import_tei", str(path), "--dry-run", stdout=out)
    assert "[dry run, nothing saved]" in out.getvalue() and f"{SLUG}: updated" in out.getvalue()
    assert state() == before


def _hand_edited(root) -> None:
    """What a person might do in an editor: no divisions, comments, re-wrapped text,
    a join written out as a link's targets."""
    for division in root.iterfind(".//t:body/t:div", NS):
        body = division.getparent()
        for segment in list(division):
            body.append(segment)
        body.remove(division)
    for segment in root.iterfind(".//t:body/t:p", NS):
        segment.text = "\n        " + segment.text + "\n      "
        segment.insert(0, etree.Comment(" checked "))
    join = root.find(".//t:standOff/t:join", NS)
    for link in root.iterfind(".//t:linkGrp/t:link", NS):
        link.set("target", link.get("target").replace("#" + join.get(XML_ID), join.get("target")))
    join.getparent().remove(join)
    root.find(".//t:linkGrp", NS).insert(0, etree.Comment(" one element per row "))


@pytest.mark.django_db
def test_a_hand_edited_variant_imports_to_the_same_statement(reviewed):
    original = export()
    data = edit(original, _hand_edited)
    wipe()
    tei_import(data=data, name="hand.xml")
    assert export() == original


def _link_of(root, key: str):
    pointer = f"#{PREFIX}.{key}"
    return next(link for link in root.iterfind(".//t:linkGrp/*", NS) if pointer in link.get("target").split())


def _set_target(root, key: str, old: str, new: str) -> None:
    link = _link_of(root, key)
    link.set("target", link.get("target").replace(f"#{PREFIX}.{old}", f"#{PREFIX}.{new}"))


def _drop_target(root, key: str) -> None:
    link = _link_of(root, key)
    link.set("target", " ".join(t for t in link.get("target").split() if t != f"#{PREFIX}.{key}"))


def _swap_az_6_and_7(root) -> None:
    _set_target(root, "az-6", "az-6", "TMP")
    _set_target(root, "az-7", "az-7", "az-6")
    _set_target(root, "TMP", "TMP", "az-7")


REFUSED = {
    "malformed": (lambda d: d.replace(b"(January 19, 2007)", b"(January 19 & 2007)"),
                  lambda d: d.split(b"(January 19 & 2007)")[0].count(b"\n") + 1, r"not well-formed XML"),
    "unknown language": (lambda d: d.replace(b'xml:lang="ru"', b'xml:lang="xx"'),
                         lambda d: etree.fromstring(d).find(".//t:group/t:text[@xml:lang='xx']", NS).sourceline,
                         r"unknown language 'xx'; add it in the admin first"),
    "dangling pointer": (lambda d: edit(d, lambda r: _set_target(r, "az-5", "az-5", "az-500")),
                         lambda d: line_of(d, "row.5"),
                         r"the pointer '#s2007-01-19-ombudsman-17th-anniversary.az-500' leads to no xml:id"),
    # libxml2 itself refuses a second xml:id (XML ID validity) while parsing
    "duplicate id": (lambda d: edit(d, lambda r: by_id(r, "az-2").set(XML_ID, f"{PREFIX}.az-1")),
                     lambda d: d[:d.rindex(f'xml:id="{PREFIX}.az-1"'.encode())].count(b"\n") + 1,
                     r"ID s2007-01-19-ombudsman-17th-anniversary\.az-1 already defined"),
    "segment in two links": (lambda d: edit(d, lambda r: _set_target(r, "az-2", "az-2", "az-1")),
                             lambda d: line_of(d, "row.2"), r"'.*az-1' is already in the link on line \d+"),
    "crossing links": (lambda d: edit(d, _swap_az_6_and_7),
                       lambda d: line_of(d, "row.6"), r"this link crosses the link on line \d+"),
    "segment in no row": (lambda d: edit(d, lambda r: _drop_target(r, "ru-3")),
                          lambda d: line_of(d, "ru-3"), r"is in no row of the alignment"),
    "link to a text": (lambda d: edit(d, lambda r: _set_target(r, "en-1", "en-1", "text.en")),
                       lambda d: line_of(d, "row.1"),
                       r"'#.*\.text\.en' points at a <text>, not at a segment or a join"),
    "original without mainLang": (lambda d: d.replace(b'type="translation" subtype="published"',
                                                      b'type="original" subtype="published"'),
                                  lambda d: line_of(d, "text.en"),
                                  r"the text in 'en' has type='original' but the source's original language "
                                  r"\(textLang/@mainLang\) is 'not given'"),
    "link with one target": (lambda d: edit(d, lambda r: by_id(r, "row.1").set("target", f"#{PREFIX}.en-1")),
                             lambda d: line_of(d, "row.1"), r"not in the workbench TEI profile"),
    "score out of range": (lambda d: edit(d, lambda r: by_id(r, "row.1").set("cert", "1.5")),
                           lambda d: line_of(d, "row.1"), r"not in the workbench TEI profile"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", REFUSED)
@pytest.mark.parametrize("fresh", [False, True], ids=["update", "create"])
def test_a_refused_document_names_the_line_and_changes_nothing(corpus_statement, case, fresh):
    """Both paths: updating a statement in place, and creating one the database lacks (the bulk writer)."""
    mutate, expected_line, message = REFUSED[case]
    data = mutate(export())
    if fresh:
        Segment.objects.filter(version__statement=corpus_statement).delete()
        corpus_statement.delete()
    before = state()
    with pytest.raises(TeiImportError) as refused:
        tei_import(data=data, name="bad.xml")
    assert re.search(rf"^bad\.xml, line {expected_line(data)}: .*{message}", str(refused.value)), str(refused.value)
    assert state() == before


@pytest.mark.django_db
def test_all_or_nothing_across_a_corpus(reviewed, tmp_path):
    """The first statement would be updated; the second fails validation: nothing is saved."""
    out = io.BytesIO()
    tei_corpus_write(aligned_statements([SLUG, "1990-01-21-supreme-council"]), out)
    data = edit(out.getvalue(), lambda r: (
        r.find(".//t:TEI[@xml:id='s1990-01-21-supreme-council']//t:body//t:p", NS).__setattr__("text", "Changed."),
        r.find(f".//t:TEI[@xml:id='{PREFIX}']//t:sourceDesc/t:bibl/t:ptr", NS).set("target", "notaurl")))
    before = state()
    with pytest.raises(TeiImportError, match=rf"line \d+: {SLUG}: source_url: Enter a valid URL"):
        tei_import(data=data, name="corpus.xml")
    assert state() == before


@pytest.mark.django_db
def test_all_or_nothing_when_a_new_statement_is_invalid(reviewed):
    """A statement the database lacks goes through the bulk writer: its field errors name the line too."""
    out = io.BytesIO()
    tei_corpus_write(aligned_statements([SLUG, "1990-01-21-supreme-council"]), out)
    data = edit(out.getvalue(), lambda r: (
        r.find(".//t:TEI[@xml:id='s1990-01-21-supreme-council']//t:body//t:p", NS).__setattr__("text", "Changed."),
        r.find(f".//t:TEI[@xml:id='{PREFIX}']//t:sourceDesc/t:bibl/t:ptr", NS).set("target", "notaurl")))
    Segment.objects.filter(version__statement__slug=SLUG).delete()
    Statement.objects.filter(slug=SLUG).delete()
    before = state()
    line = etree.fromstring(data).find(f".//t:TEI[@xml:id='{PREFIX}']", NS).sourceline
    with pytest.raises(TeiImportError, match=rf"^corpus\.xml, line {line}: {SLUG}: source_url: Enter a valid URL"):
        tei_import(data=data, name="corpus.xml")
    assert state() == before


@pytest.mark.django_db
def test_a_link_may_not_point_into_another_statement_of_the_corpus():
    out = io.BytesIO()
    tei_corpus_write(aligned_statements([SLUG, "1990-01-21-supreme-council"]), out)
    data = edit(out.getvalue(), lambda r: by_id(r, "row.5").set(
        "target", by_id(r, "row.5").get("target").replace(f"#{PREFIX}.az-5", "#s1990-01-21-supreme-council.az-1")))
    before = state()
    with pytest.raises(TeiImportError, match=rf"line {line_of(data, 'row.5')}: the pointer "
                                             r"'#s1990-01-21-supreme-council.az-1' leads outside"):
        tei_import(data=data, name="corpus.xml")
    assert state() == before


HOSTILE = {
    "tei_xxe.xml": r"line 2: documents with a DOCTYPE are refused",
    "tei_billion_laughs.xml": r"line 2: documents with a DOCTYPE are refused",
    "tei_external_dtd.xml": r"line 2: documents with a DOCTYPE are refused",
    "tei_deep.xml": r"elements nested more than 64 deep",
    "tei_truncated.xml": r"line \d+: not well-formed XML",
    "tei_wrong_namespace.xml": r"line 2: the root element is <TEI> in namespace http://www.tei-c.org/ns/2.0",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_files_are_refused(name):
    before = state()
    with pytest.raises(TeiImportError, match=HOSTILE[name]) as refused:
        tei_import(data=(DATA / name).read_bytes(), name=name)
    assert "root:" not in str(refused.value)  # nothing of /etc/passwd leaks into the message
    assert state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("data, message", [
    (b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><p>' + b"a" * 11_000_000 + b"</p></TEI>", r"Text node too long"),
    (b"<TEI>" * 10_000 + b"</TEI>" * 10_000, r"not well-formed XML \(Excessive depth"),
    (b"<TEI/>" + b" " * (21 * 1024 * 1024), r"over the limit"),
    ((DATA / "tei_xxe.xml").read_text().replace("UTF-8", "UTF-16").encode("utf-16"), r"DOCTYPE are refused"),
    (b"", r"the file is empty"),
])
def test_huge_deep_oversized_utf16_and_empty_inputs_are_refused(data, message):
    before = state()
    with pytest.raises(TeiImportError, match=message):
        tei_import(data=data, name="upload.xml")
    assert state() == before


@pytest.mark.django_db
def test_import_command_errors(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_tei", str(tmp_path / "missing.xml"))
    with pytest.raises(CommandError, match="documents with a DOCTYPE are refused"):
        call_command("import_tei", str(DATA / "tei_xxe.xml"))
    path = tmp_path / "one.xml"
    path.write_bytes(export())
    with pytest.raises(CommandError, match=r"bytes is over the limit of 10,485 bytes \(raise it with --max-mb\)"):
        call_command("import_tei", str(path), "--max-mb", "0.01")
    out = io.StringIO()
    call_command("import_tei", str(path), "--max-mb", "1", stdout=out)
    assert f"{SLUG}: unchanged" in out.getvalue()


# Admin: these need StatementAdmin wired with export_tei_action and tei_import_urls(self).

def _changelist_action(client, statements):
    return client.post(reverse("admin:alignment_statement_changelist"),
                       {"action": "export_tei_action", "_selected_action": [s.pk for s in statements]})


@pytest.mark.django_db
def test_admin_export_action_downloads_a_document_or_a_zip(client, superuser, corpus_statement):
    client.force_login(superuser)
    response = _changelist_action(client, [corpus_statement])
    assert response["Content-Type"] == "application/tei+xml; charset=utf-8"
    assert response.content == export()
    two = [corpus_statement, Statement.objects.get(slug="1990-01-21-supreme-council")]
    response = _changelist_action(client, two)
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert names == ["1990-01-21-supreme-council.tei.xml", f"{SLUG}.tei.xml"]


@pytest.mark.django_db
def test_admin_import_previews_then_imports(client, superuser, corpus_statement):
    client.force_login(superuser)
    url = reverse("admin:alignment_statement_tei_import")
    assert client.get(url).status_code == 200
    upload = io.BytesIO(edit(export(), _edited))
    upload.name = "edited.xml"
    before = state()
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200 and b"Confirm import" in preview.content and SLUG.encode() in preview.content
    assert state() == before  # the preview saved nothing
    token = preview.context["token"]
    done = client.post(url, {"token": token})
    assert done.status_code == 302 and done["Location"] == reverse("admin:alignment_statement_changelist")
    assert Segment.objects.filter(version__statement=corpus_statement, key="az-99").exists()
    assert client.post(url, {"token": token}).status_code == 302  # a token works once
    assert Segment.objects.filter(key="az-99").count() == 1


@pytest.mark.django_db
def test_admin_import_shows_errors_and_changes_nothing(client, superuser, viewer):
    client.force_login(superuser)
    url = reverse("admin:alignment_statement_tei_import")
    upload = io.BytesIO((DATA / "tei_xxe.xml").read_bytes())
    upload.name = "tei_xxe.xml"
    before = state()
    response = client.post(url, {"file": upload})
    assert b"The file was refused" in response.content and b"DOCTYPE" in response.content
    assert "token" not in response.context
    assert state() == before
    client.force_login(viewer)
    assert client.get(url).status_code == 403
