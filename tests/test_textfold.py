"""Search folding: the fast fold equals its definition, the database's wb_fold() equals both,
and every way a segment's text is written keeps its stored ``folded`` column in step."""

from io import BytesIO

import pytest
from django.db import connection
from django.db.models import F
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment.exchange.tei import aligned_statements, tei_corpus_write
from alignment.models import Segment, Statement
from alignment.services.editing import segment_edit, segment_merge, segment_split
from alignment.services.operations import operation_undo
from alignment.services.tei import tei_import
from alignment.textfold import fold, fold_reference

ALPHABET = "AaZzİIıiƏəŞşÇçĞğÖöÜüЁёЯяÉéñ09 -,.'\u00a0\u2014\u212a\u0307\t\n\x1c"


@given(st.text(alphabet=st.sampled_from(ALPHABET) | st.characters(), max_size=60)
       | st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
@settings(max_examples=400, deadline=None)
def test_the_chunked_fold_equals_the_definition(text):
    assert fold(text) == fold_reference(text)


TRICKY = ["İlham Əliyev", "BAKI, ŞUŞA", "Ёлка и ель", "a\u00a0b\u2014c", "\u212aelvin", "x\x1cy", "  ", "Ⅻ 20-ci"]


@pytest.mark.django_db
@pytest.mark.parametrize("text", TRICKY)
def test_the_database_function_folds_like_python(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT wb_fold(%s)", [text])
        assert cursor.fetchone()[0] == fold(text)


def _stale() -> list[str]:
    """Keys of segments whose stored folding is not the folding of their text."""
    return [key for key, text, folded in Segment.objects.values_list("key", "text", "folded") if folded != fold(text)]


@pytest.fixture
def segment(corpus_statement) -> Segment:
    return Segment.objects.filter(version__statement=corpus_statement, version__language__code="az").first()


def test_the_loaded_corpus_is_folded(db):
    assert Segment.objects.exists() and _stale() == []


def test_save_and_bulk_writes_keep_the_folding(segment):
    segment.text = "Şəhidlər Xiyabanı"
    segment.save(update_fields=["text"])
    assert Segment.objects.get(pk=segment.pk).folded == " sehidler xiyabani "
    segment.text = "ÇOX"
    Segment.objects.bulk_update([segment], ["text"])
    assert Segment.objects.get(pk=segment.pk).folded == " cox "
    Segment.objects.filter(pk=segment.pk).update(text="Ёж")
    assert Segment.objects.get(pk=segment.pk).folded == " еж "
    clone = Segment(version=segment.version, position=9999, key="az-9999", kind="note", text="Üçüncü", unit=segment.unit)
    Segment.objects.bulk_create([clone])
    assert Segment.objects.get(key="az-9999", version=segment.version).folded == " ucuncu "
    assert _stale() == []


def test_a_bulk_update_from_an_expression_is_refused(segment):
    with pytest.raises(TypeError, match="plain string"):
        Segment.objects.filter(pk=segment.pk).update(text=F("key"))
    assert _stale() == []


def test_editor_operations_and_undo_keep_the_folding(segment, editor):
    statement = segment.version.statement
    segment_edit(segment=segment, text="Yeni mətn İçərişəhər", by=editor, revision=None)
    new = segment_split(segment=Segment.objects.get(pk=segment.pk), offset=5, by=editor, revision=None)
    assert Segment.objects.get(pk=new.pk).folded == " metn iceriseher "
    segment_merge(segment=Segment.objects.get(pk=segment.pk), by=editor, revision=None)
    for _ in range(3):
        operation_undo(statement=statement, user=editor, revision=None)
    assert Segment.objects.get(pk=segment.pk).text == segment.text
    assert _stale() == []


def test_a_tei_import_that_creates_statements_folds_their_text(db):
    statement = Statement.objects.order_by("slug").first()
    buffer = BytesIO()
    tei_corpus_write(aligned_statements([statement.slug]), buffer)
    statement.delete()
    tei_import(data=buffer.getvalue(), name="one.xml")
    assert Segment.objects.filter(version__statement__slug=statement.slug).exists()
    assert _stale() == []
