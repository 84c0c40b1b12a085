"""Property-based fuzzing of every importer: whatever bytes arrive, the importer either
succeeds or refuses with its own clear error, and a refusal leaves the database exactly as
it was (a dump of every table compared before and after)."""

import pytest
from django.core.management import CommandError
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment import selectors
from alignment.exchange.tei import tei_document_for
from alignment.exchange.tmx import tmx_document_for
from alignment.exchange.xliff import xliff_document_for
from alignment.models import Statement
from alignment.services.tei import TeiImportError, tei_import
from alignment.services.tmx import TmxImportError, statement_import_tmx
from alignment.services.translations import TranslationImportError, version_import_text
from alignment.services.xliff import XliffImportError, statement_import_xliff
from tests.exchange.exchange_state import db_state

SLUG = "1990-01-21-supreme-council"
FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])


@st.composite
def mutated(draw, document: bytes) -> bytes:
    """A valid document damaged the ways files get damaged: truncated, overwritten, spliced."""
    kind = draw(st.sampled_from(["truncate", "overwrite", "insert", "duplicate", "noise"]))
    if kind == "noise":
        return draw(st.binary(max_size=400))
    at = draw(st.integers(0, len(document)))
    if kind == "truncate":
        return document[:at]
    junk = draw(st.sampled_from([b"<", b">", b"&", b"\x00", b"\xff\xfe", b"]]>", b"<!DOCTYPE x>", b"&xxe;",
                                 "İ\u202e".encode(), b"<p xml:id='dup'/>", b"</TEI>"]) | st.binary(max_size=12))
    if kind == "overwrite":
        return document[:at] + junk + document[at + len(junk):]
    if kind == "insert":
        return document[:at] + junk + document[at:]
    end = draw(st.integers(at, min(len(document), at + 200)))
    return document[:end] + document[at:end] + document[end:]


def _refused_cleanly(call, errors) -> None:
    before = db_state()
    try:
        with transaction.atomic():
            call()
            transaction.set_rollback(True)  # accepted: undo it, the next example starts clean
    except errors as exc:
        assert str(exc).strip()
        assert db_state() == before


def _aligned():
    statement = Statement.objects.get(slug=SLUG)
    return statement, selectors.statement_aligned(statement)


@pytest.fixture
def tei_bytes(db):
    return tei_document_for(_aligned()[1])


@pytest.fixture
def tmx_bytes(db):
    return tmx_document_for([_aligned()[1]])


@pytest.fixture
def xliff_bytes(db):
    statement, aligned = _aligned()
    return xliff_document_for(aligned, aligned.version_for("en"), aligned.version_for("az"))


@FUZZ
@given(data=st.data())
def test_tei_import_fuzz(tei_bytes, data):
    damaged = data.draw(mutated(tei_bytes))
    _refused_cleanly(lambda: tei_import(data=damaged, name="fuzz.xml"), TeiImportError)


@FUZZ
@given(data=st.data())
def test_tmx_import_fuzz(tmx_bytes, data):
    damaged = data.draw(mutated(tmx_bytes))
    _refused_cleanly(lambda: statement_import_tmx(data=damaged, slug="fuzzed", name="fuzz.tmx"), TmxImportError)


@FUZZ
@given(data=st.data())
def test_xliff_import_fuzz(xliff_bytes, data):
    damaged = data.draw(mutated(xliff_bytes))
    _refused_cleanly(lambda: statement_import_xliff(data=damaged, name="fuzz.xlf"), XliffImportError)


@FUZZ
@given(text=st.binary(max_size=600) | st.text(max_size=600).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_plain_text_import_fuzz(db, text):
    statement = Statement.objects.get(slug=SLUG)
    _refused_cleanly(lambda: version_import_text(statement=statement, language_code="ru", text=text, name="fuzz.txt"),
                     TranslationImportError)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=300), lang=st.text(max_size=40), page=st.text(max_size=12))
def test_public_pages_never_fail_on_odd_parameters(db, query, lang, page):
    client = Client()
    for url, params in (("/search/", {"q": query, "lang": lang, "page": page}), ("/", {"year": page, "language": lang}),
                        (f"/statements/{SLUG}/", {"lang": lang})):
        assert client.get(url, params).status_code < 500


def test_import_commands_report_bad_files_as_command_errors(db, tmp_path):
    from django.core.management import call_command

    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>")
    before = db_state()
    for command, args in (("import_tei", [str(bad)]), ("import_tmx", [str(bad), "--slug", "x"]),
                          ("import_xliff", [str(bad)])):
        with pytest.raises(CommandError, match="DOCTYPE|entit"):
            call_command(command, *args)
    assert db_state() == before
