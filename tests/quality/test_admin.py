"""The review queue, the dismissal flow, readers' reports, MT scoring and post-editing effort in the admin."""

import importlib
import sys

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import clear_url_caches, reverse

import alignment.admin.quality  # noqa: F401  (registers the ModelAdmins; a no-op once alignment/admin imports it)
from alignment.models import (
    ProblemReport,
    QADismissal,
    QAFinding,
    Segment,
    Statement,
    Version,
)
from alignment.selectors import statement_aligned
from alignment.services import editing
from alignment.services.mt_scoring import mt_rows
from alignment.services.qa import qa_refresh

QUEUE = "admin:alignment_qafinding_changelist"


@pytest.fixture(scope="module", autouse=True)
def admin_urls():
    """Rebuild the admin URLs in case the URLconf was loaded before the module above registered."""
    if settings.ROOT_URLCONF in sys.modules:
        importlib.reload(sys.modules[settings.ROOT_URLCONF])
    clear_url_caches()


@pytest.fixture
def su_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def refreshed(db):
    for statement in Statement.objects.all():
        qa_refresh(statement=statement)
    return QAFinding.objects.count()


def dump() -> tuple:
    return (sorted(QAFinding.objects.values_list("pk", "fingerprint")),
            sorted(QADismissal.objects.values_list("fingerprint", "reason")))


def test_the_queue_has_no_query_per_row(su_client, refreshed, django_assert_max_num_queries):
    units = list(Statement.objects.get(slug="2011-01-19-ombudsman-21th-anniversary").units.all())
    QAFinding.objects.bulk_create(
        QAFinding(statement_id=unit.statement_id, unit=unit, check_name="large_bead", severity=10,
                  message=f"crafted {unit.pk}", fingerprint=f"crafted-{unit.pk}-{n}")
        for unit in units for n in range(4)
    )
    assert QAFinding.objects.count() > 100
    with django_assert_max_num_queries(15):
        response = su_client.get(reverse(QUEUE))
    assert response.status_code == 200 and len(response.context["cl"].result_list) == 100
    assert 'class="qa-badge qa-warning"' in response.content.decode()


def test_the_queue_filters_by_check_severity_and_statement_and_sorts_by_severity(su_client, refreshed):
    statement = Statement.objects.get(slug="2007-01-19-ombudsman-17th-anniversary")
    assert su_client.get(reverse(QUEUE), {"check": "broken_segmentation"}).context["cl"].result_count == 4
    response = su_client.get(reverse(QUEUE), {"statement__id__exact": statement.pk})
    assert {f.statement_id for f in response.context["cl"].result_list} == {statement.pk}
    assert su_client.get(reverse(QUEUE), {"severity__exact": 30}).context["cl"].result_count == 0
    severities = [f.severity for f in su_client.get(reverse(QUEUE)).context["cl"].result_list]
    assert severities == sorted(severities, reverse=True) and len(severities) == refreshed


def test_dismissing_goes_through_a_confirmation_page_with_a_reason(su_client, superuser, refreshed):
    chosen = list(QAFinding.objects.filter(check_name="broken_segmentation").values_list("pk", flat=True)[:2])
    data = {"action": "dismiss_selected", "_selected_action": chosen}
    page = su_client.post(reverse(QUEUE), data)
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    assert "merge candidate" in page.content.decode()
    before = dump()
    refused = su_client.post(reverse(QUEUE), {**data, "post": "yes", "reason": "  "})
    assert refused.status_code == 200 and "This field is required" in refused.content.decode()
    assert dump() == before
    done = su_client.post(reverse(QUEUE), {**data, "post": "yes", "reason": "The source breaks here too."})
    assert done.status_code == 302
    assert QADismissal.objects.filter(reason="The source breaks here too.", dismissed_by=superuser).count() == 2
    assert not QAFinding.objects.filter(pk__in=chosen).exists()
    # A refresh does not bring them back.
    su_client.post(reverse("admin:alignment_qafinding_refresh"))
    assert QAFinding.objects.filter(check_name="broken_segmentation").count() == 2


def test_without_the_dismissal_permission_the_queue_is_read_only(client, viewer, refreshed):
    assert client.get(reverse(QUEUE)).status_code == 302  # not logged in: the login page
    client.force_login(viewer)
    viewer.user_permissions.add(Permission.objects.get(codename="view_qafinding"))
    response = client.get(reverse(QUEUE))
    assert response.status_code == 200 and "dismiss_selected" not in response.content.decode()
    before = dump()
    finding = QAFinding.objects.first()
    client.post(reverse(QUEUE), {"action": "dismiss_selected", "_selected_action": [finding.pk], "post": "yes",
                                 "reason": "no"})
    assert dump() == before


def test_deleting_a_dismissal_reports_the_finding_again(su_client, superuser, refreshed):
    finding = QAFinding.objects.filter(check_name="broken_segmentation").first()
    su_client.post(reverse(QUEUE), {"action": "dismiss_selected", "_selected_action": [finding.pk], "post": "yes",
                                    "reason": "fine"})
    dismissal = QADismissal.objects.get()
    assert su_client.get(reverse("admin:alignment_qadismissal_changelist")).status_code == 200
    response = su_client.post(reverse("admin:alignment_qadismissal_delete", args=[dismissal.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert QAFinding.objects.filter(fingerprint=finding.fingerprint).exists()
    assert [h.history_type for h in QADismissal.history.order_by("history_id")] == ["+", "-"]


def test_problem_reports_are_listed_and_resolved(su_client, corpus_statement):
    reports = ProblemReport.objects.bulk_create(
        ProblemReport(statement=corpus_statement, segment_key=f"ru-{n}", note=f"typo {n}") for n in range(1, 4))
    response = su_client.get(reverse("admin:alignment_problemreport_changelist"))
    assert response.status_code == 200 and "typo 2" in response.content.decode()
    su_client.post(reverse("admin:alignment_problemreport_changelist"),
                   {"action": "mark_resolved", "_selected_action": [r.pk for r in reports[:2]]})
    assert sorted(ProblemReport.objects.values_list("resolved", flat=True)) == [False, True, True]


def test_scoring_an_upload_against_the_approved_english(su_client):
    url = reverse("admin:alignment_qafinding_score_mt")
    assert su_client.get(url).status_code == 200
    statement = Statement.objects.get(slug="2007-01-19-ombudsman-17th-anniversary")
    references = [row.reference for row in mt_rows(lang="en", statements=[statement.slug])]
    upload = SimpleUploadedFile("hyp.en.txt", "\n".join(references).encode("utf-8"))
    response = su_client.post(url, {"lang": "en", "hyp": upload, "statements": [statement.pk]})
    scores = {score.name: round(score.score, 6) for score in response.context["result"].scores}
    assert scores == {"BLEU": 100.0, "chrF++": 100.0, "TER": 0.0}
    assert "tok:intl" in response.content.decode()
    short = SimpleUploadedFile("hyp.en.txt", "\n".join(references[:-1]).encode("utf-8"))
    response = su_client.post(url, {"lang": "en", "hyp": short, "statements": [statement.pk]})
    assert response.context["result"] is None
    assert f"has {len(references) - 1} lines but the test set has {len(references)} rows" in response.content.decode()
    export = su_client.post(url, {"lang": "en", "source": "az", "_export": "1", "statements": [statement.pk]})
    assert export["Content-Type"].startswith("text/plain")
    assert len(export.content.decode().splitlines()) == len(references)


def test_post_editing_effort_on_the_version_page(su_client, corpus_statement, editor, monkeypatch):
    segment = Segment.objects.get(version__statement=corpus_statement, key="ru-5")
    editing.segment_edit(segment=segment, text=segment.text + " Это дополнение.", by=editor, revision=None)
    version_admin = admin.site._registry[Version]
    monkeypatch.setattr(version_admin, "readonly_fields",
                        [*version_admin.readonly_fields, alignment.admin.quality.post_editing_effort])
    response = su_client.get(reverse("admin:alignment_version_change", args=[segment.version_id]))
    content = response.content.decode()
    assert response.status_code == 200 and "post-editing effort" in content.lower()
    assert "1 of 20 segments changed" in content and "<td>ru-5</td>" in content


def test_badges_for_the_editor_rows(corpus_statement):
    qa_refresh(statement=corpus_statement)
    rows = [row for row in statement_aligned(corpus_statement, with_findings=True).rows if row.findings]
    html = render_to_string("admin/alignment/quality/finding_badges.html", {"findings": rows[0].findings})
    assert html.count('class="qa-badge qa-warning"') == 1 and "broken_segmentation" in html
    assert "merge candidate" in html  # the message is the badge's tooltip
