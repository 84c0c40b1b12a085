"""Plain-text translations: splitting, strict decoding, and the import service and command."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from alignment.exchange.plaintext import PlainTextError, text_segments
from alignment.models import AlignmentUnit, Language, Segment, Version
from alignment.services.translations import (
    TranslationImportError,
    version_import_text,
    version_text_as_of,
)
from alignment.services.units import invariants_check

from .exchange_state import db_state

DATA = Path(__file__).parent / "data"


def test_blocks_become_segments_with_kinds_and_line_numbers():
    segments = text_segments((DATA / "az_replacement.txt").read_bytes())
    assert [(s.kind, s.line) for s in segments] == [("heading", 1), ("paragraph", 4), ("paragraph", 6),
                                                    ("signature", 9)]
    assert segments[2].text == "İkinci abzas, iki sətirdə\nyazılmış."
    assert segments[3].text == "Elmira Süleymanova"


def test_one_segment_per_line_and_normalised_whitespace():
    segments = text_segments("\ufeff  One \t two  \r\n\r\nThree\rFour\n", one_per_line=True)
    assert [s.text for s in segments] == ["One two", "Three", "Four"]
    assert [s.line for s in segments] == [1, 3, 4]


@pytest.mark.parametrize("data, message", [
    ("\n \n\t\n", "text: the text is empty"),
    ("[chapter]\nText", "text, line 1: unknown segment kind [chapter]"),
    ("ok\n\n[heading]\n", "text, line 3: [heading] marks an empty segment"),
    (b"ok\n\xff\xfe broken", "text, line 2: not valid UTF-8 (byte 0xff: invalid start byte); save the file as UTF-8"),
    ("ok\n\nbell\x07", "text, line 3: control character U+0007"),
    ("ok".encode("utf-16"), "text: the file is UTF-16; save it as UTF-8"),
    (b"ab\x00cd", "text, line 1: binary data (NUL byte)"),
])
def test_bad_text_is_refused_with_the_line(data, message):
    with pytest.raises(PlainTextError) as info:
        text_segments(data)
    assert message in str(info.value)


def test_replacing_a_translation_keeps_the_old_text_in_history(corpus_statement, editor):
    version = Version.objects.get(statement=corpus_statement, language__code="az")
    old_texts = list(version.segments.order_by("position").values_list("text", flat=True))
    old_keys = set(version.segments.values_list("key", flat=True))
    next_key = version.next_key
    Version.objects.filter(pk=version.pk).update(status=Version.Status.APPROVED)
    before = timezone.now()

    result = version_import_text(statement=corpus_statement, language_code="az-AZ",
                                 text=(DATA / "az_replacement.txt").read_bytes(), user=editor)

    assert (result.created, result.segments, result.replaced) == (False, 4, len(old_texts))
    segments = list(version.segments.order_by("position"))
    assert [s.key for s in segments] == [f"az-{next_key + i}" for i in range(4)]
    assert not old_keys & {s.key for s in segments}
    assert segments[0].kind == "heading" and segments[3].kind == "signature"
    version.refresh_from_db()
    assert version.status == Version.Status.DRAFT and version.next_key == next_key + 4
    # The replaced text is recoverable, and the history says who replaced it.
    assert version_text_as_of(version, before) == old_texts
    deleted = Segment.history.filter(version_id=version.pk, history_type="-")
    assert sorted(deleted.values_list("text", flat=True)) == sorted(old_texts)
    assert set(deleted.values_list("history_user", flat=True)) == {editor.pk}
    # The new version was aligned: every segment is in a row, rows are auto.
    invariants_check(corpus_statement)
    assert not Segment.objects.filter(version__statement=corpus_statement, unit__isnull=True).exists()
    assert set(AlignmentUnit.objects.filter(statement=corpus_statement).values_list("status", flat=True)) == {"auto"}
    assert result.rows == corpus_statement.units.count()


def test_a_new_language_creates_the_version_and_aligns_it(corpus_statement):
    Language.objects.create(code="de", name="German", native_name="Deutsch")
    en = Version.objects.get(statement=corpus_statement, language__code="en")
    english = "\n\n".join(en.segments.order_by("position").values_list("text", flat=True))
    result = version_import_text(statement=corpus_statement, language_code="DE_de", text=english, title="Erklärung")
    assert result.created and result.version.language.code == "de" and result.version.title == "Erklärung"
    assert result.version.origin == Version.Origin.DRAFT
    assert [s.key for s in result.version.segments.order_by("position")][:2] == ["de-1", "de-2"]
    invariants_check(corpus_statement)
    # Identical texts align one to one.
    for unit in corpus_statement.units.all():
        cells = {}
        for segment in unit.segments.select_related("version__language"):
            cells.setdefault(segment.version.language.code, []).append(segment.text)
        assert cells.get("de") == cells.get("en")


def test_the_same_text_again_changes_nothing(corpus_statement):
    version = Version.objects.get(statement=corpus_statement, language__code="ru")
    blocks = []
    for segment in version.segments.order_by("position"):
        blocks.append(("" if segment.kind == "paragraph" else f"[{segment.kind}]\n") + segment.text)
    before = db_state()
    result = version_import_text(statement=corpus_statement, language_code="ru", text="\n\n".join(blocks))
    assert result.unchanged and "unchanged" in result.summary()
    assert db_state() == before


@pytest.mark.parametrize("code, text, message", [
    ("xx", "Some text", "unknown language code 'xx' (known: az, en, ru"),
    ("az-Cyrl", "Some text", "unknown language code 'az-Cyrl'"),
    ("az", "   \n\n ", "text: the text is empty"),
    ("ru", (DATA / "ru_cp1251.txt").read_bytes(), "text, line 1: not valid UTF-8"),
])
def test_refused_imports_change_nothing(corpus_statement, code, text, message):
    before = db_state()
    with pytest.raises(TranslationImportError) as info:
        version_import_text(statement=corpus_statement, language_code=code, text=text)
    assert message in str(info.value)
    assert db_state() == before


def test_command_imports_and_reports(corpus_statement, capsys):
    call_command("import_text", corpus_statement.slug, "az", str(DATA / "az_replacement.txt"))
    out = capsys.readouterr().out
    assert f"{corpus_statement.slug} [az]: replaced" in out and "4 segments" in out
    assert Version.objects.get(statement=corpus_statement, language__code="az").segments.count() == 4


def test_command_dry_run_and_errors_change_nothing(corpus_statement, capsys):
    before = db_state()
    call_command("import_text", corpus_statement.slug, "az", str(DATA / "az_replacement.txt"), "--dry-run")
    assert capsys.readouterr().out.startswith("[dry run] ")
    with pytest.raises(CommandError, match=r"ru_cp1251.txt, line 1: not valid UTF-8"):
        call_command("import_text", corpus_statement.slug, "ru", str(DATA / "ru_cp1251.txt"))
    with pytest.raises(CommandError, match="no statement with the slug 'nope'"):
        call_command("import_text", "nope", "ru", str(DATA / "az_replacement.txt"))
    with pytest.raises(CommandError, match="missing.txt: No such file"):
        call_command("import_text", corpus_statement.slug, "ru", str(DATA / "missing.txt"))
    assert db_state() == before


# The admin form "Add or replace a translation" -------------------------------------------

def _admin_request(user, data=None):
    from django.contrib import admin
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    from alignment.models import Statement

    factory = RequestFactory()
    request = factory.post("/admin/translation/", data) if data is not None else factory.get("/admin/translation/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return admin.site._registry[Statement], request


def test_admin_form_renders(corpus_statement, editor):
    from alignment.admin.exchange import translation_import_view

    model_admin, request = _admin_request(editor)
    response = translation_import_view(model_admin, request, str(corpus_statement.pk))
    html = response.render().content.decode()
    assert "Add or replace a translation" in html and 'enctype="multipart/form-data"' in html
    assert "<strong>az</strong>" in html


def test_admin_form_adds_a_translation_and_opens_the_result(corpus_statement, editor):
    from django.contrib.admin.models import LogEntry
    from django.core.files.uploadedfile import SimpleUploadedFile

    from alignment.admin.exchange import translation_import_view

    de = Language.objects.create(code="de", name="German", native_name="Deutsch")
    upload = SimpleUploadedFile("de.txt", "Erklärung\n\nZweiter Absatz.\n".encode())
    model_admin, request = _admin_request(editor, {"language": de.pk, "file": upload, "title": ""})
    response = translation_import_view(model_admin, request, str(corpus_statement.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/admin/alignment/statement/{corpus_statement.pk}/")
    version = Version.objects.get(statement=corpus_statement, language=de)
    texts = list(version.segments.order_by("position").values_list("text", flat=True))
    assert texts == ["Erklärung", "Zweiter Absatz."]
    assert version.title == "Erklärung"
    assert LogEntry.objects.filter(object_id=str(corpus_statement.pk), user=editor,
                                   change_message__contains="Translation imported").exists()
    invariants_check(corpus_statement)


@pytest.mark.parametrize("fields, field, message", [
    ({"text": "Yeni mətn"}, "replace", "The statement already has a az version"),
    ({"text": "Yeni mətn", "replace": "on", "upload": True}, "__all__",
     "Paste a text or upload a file (one of the two)."),
    ({"text": "  ", "replace": "on"}, "__all__", "Paste a text or upload a file (one of the two)."),
    ({"replace": "on", "upload": "cp1251"}, "file", "ru_cp1251.txt, line 1: not valid UTF-8"),
    ({"text": "[chapter]\nYeni", "replace": "on"}, "text", "the pasted text, line 1: unknown segment kind [chapter]"),
])
def test_admin_form_errors_change_nothing(corpus_statement, editor, fields, field, message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from alignment.admin.exchange import translation_import_view

    data = {"language": Language.objects.get(code="az").pk, **fields}
    upload = data.pop("upload", None)
    if upload:
        data["file"] = SimpleUploadedFile("ru_cp1251.txt", (DATA / "ru_cp1251.txt").read_bytes())
    before = db_state()
    model_admin, request = _admin_request(editor, data)
    response = translation_import_view(model_admin, request, str(corpus_statement.pk))
    assert response.status_code == 200
    errors = response.context_data["form"].errors
    assert any(message in error for error in errors[field]), errors
    assert db_state() == before


def test_admin_form_needs_change_permission(corpus_statement, viewer):
    from django.core.exceptions import PermissionDenied

    from alignment.admin.exchange import translation_import_view

    model_admin, request = _admin_request(viewer)
    with pytest.raises(PermissionDenied):
        translation_import_view(model_admin, request, str(corpus_statement.pk))
