"""Every import leaves the QA findings current: refreshing right after it changes nothing."""

import pytest
from lxml import etree

from alignment.exchange.tei import tei_document_for
from alignment.exchange.tmx import tmx_document_for
from alignment.models import QAFinding, Segment, Statement
from alignment.selectors import statement_aligned
from alignment.services.qa import qa_dismiss, qa_refresh, qa_refresh_many
from alignment.services.tei import tei_import
from alignment.services.tmx import statement_import_tmx
from alignment.services.translations import version_import_text

pytestmark = pytest.mark.django_db
TEI = "{http://www.tei-c.org/ns/1.0}"


def _marks(statement) -> list[str]:
    return sorted(QAFinding.objects.filter(statement=statement).values_list("fingerprint", flat=True))


def _current(statement) -> bool:
    result = qa_refresh(statement=statement)
    return result.created == result.deleted == 0


def test_a_restored_statement_gets_its_findings_back(corpus_statement):
    before = _marks(corpus_statement)
    assert before  # this statement has findings in the gold alignment
    data = tei_document_for(statement_aligned(corpus_statement))
    Segment.objects.filter(version__statement=corpus_statement).delete()
    corpus_statement.delete()
    tei_import(data=data, name="restore.xml")
    restored = Statement.objects.get(slug=corpus_statement.slug)
    assert _marks(restored) == before and _current(restored)


def test_a_tei_update_brings_new_findings(corpus_statement):
    root = etree.fromstring(tei_document_for(statement_aligned(corpus_statement)))
    english = root.find(f".//{TEI}text[@{{http://www.w3.org/XML/1998/namespace}}lang='en']//{TEI}p")
    english.text = english.text + " In 1999, 4,321 people."
    tei_import(data=etree.tostring(root, xml_declaration=True, encoding="UTF-8"), name="edited.xml")
    assert QAFinding.objects.filter(statement=corpus_statement, check_name="numbers").exists()
    assert _current(corpus_statement)


def test_a_tmx_import_and_a_text_import_leave_current_findings(corpus_statement, editor):
    data = tmx_document_for([statement_aligned(corpus_statement)])
    created = statement_import_tmx(data=data, slug="from-tmx", user=editor).statement
    assert _current(created)
    en = "\n\n".join(corpus_statement.versions.get(language__code="en").segments.order_by("position")
                     .values_list("text", flat=True))
    version_import_text(statement=corpus_statement, language_code="ru", text=en.replace("1990", "1991"), user=editor)
    assert QAFinding.objects.filter(statement=corpus_statement).exists() and _current(corpus_statement)


def _stored() -> list[tuple]:
    return sorted(QAFinding.objects.values_list("statement_id", "unit_id", "check_name", "severity", "message",
                                                "fingerprint"))


def test_refreshing_many_statements_at_once_equals_one_by_one(editor, django_assert_max_num_queries):
    statements = list(Statement.objects.order_by("slug"))
    one_by_one = _stored()
    assert one_by_one
    dismissed = QAFinding.objects.order_by("pk").first()
    qa_dismiss(finding=dismissed, reason="a known difference", by=editor)
    QAFinding.objects.all().delete()
    with django_assert_max_num_queries(20):  # a few queries per batch of statements, not per statement
        result = qa_refresh_many(statements, batch=10)
    assert _stored() == [row for row in one_by_one if row[-1] != dismissed.fingerprint]
    assert result.created == len(one_by_one) - 1 and result.rows == sum(s.units.count() for s in statements)
    assert all(_current(statement) for statement in statements)
    again = qa_refresh_many(statements)
    assert (again.created, again.deleted, again.kept) == (0, 0, len(one_by_one) - 1)
