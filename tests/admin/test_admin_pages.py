"""Every admin list and change page renders, with a bounded number of queries."""

import pytest
from django.urls import reverse

from alignment.models import AlignmentUnit, Language, Segment, Statement, Version

MODELS = [Statement, Version, Segment, AlignmentUnit, Language]


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser)
    return client


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_has_no_query_per_row(admin_client_, model, django_assert_max_num_queries):
    url = reverse(f"admin:alignment_{model._meta.model_name}_changelist")
    # A list page of 100 rows with a query per row would need far more than this.
    with django_assert_max_num_queries(15):
        response = admin_client_.get(url, {"all": ""})
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_change_page_renders(admin_client_, model, django_assert_max_num_queries):
    obj = model.objects.order_by("pk").first()
    url = reverse(f"admin:alignment_{model._meta.model_name}_change", args=[obj.pk])
    with django_assert_max_num_queries(40):
        response = admin_client_.get(url)
    assert response.status_code == 200


def test_version_change_page_lists_its_segments_in_order(admin_client_):
    version = Version.objects.get(statement__slug="2007-01-19-ombudsman-17th-anniversary", language__code="ru")
    response = admin_client_.get(reverse("admin:alignment_version_change", args=[version.pk]))
    content = response.content.decode()
    positions = [content.index(key) for key in ("ru-1", "ru-2", "ru-3")]
    assert positions == sorted(positions)


def test_statement_list_filters_and_search(admin_client_):
    url = reverse("admin:alignment_statement_changelist")
    response = admin_client_.get(url, {"q": "Gosar"})
    assert response.context["cl"].result_count == 1
    response = admin_client_.get(url, {"date_issued__year": "2016"})
    assert response.context["cl"].result_count == 3
    response = admin_client_.get(reverse("admin:alignment_version_changelist"), {"year": "2016", "language__id__exact":
                                 Language.objects.get(code="ru").pk})
    assert response.context["cl"].result_count == 3


def test_statement_change_page_links_to_the_editor(admin_client_, corpus_statement):
    response = admin_client_.get(reverse("admin:alignment_statement_change", args=[corpus_statement.pk]))
    assert reverse("admin:alignment_statement_align", args=[corpus_statement.pk]) in response.content.decode()


def test_history_of_a_segment_is_visible(admin_client_):
    segment = Segment.objects.order_by("pk").first()
    response = admin_client_.get(reverse("admin:alignment_segment_history", args=[segment.pk]))
    assert response.status_code == 200


def test_statement_list_offers_every_import_and_export(admin_client_):
    content = admin_client_.get(reverse("admin:alignment_statement_changelist")).content.decode()
    assert reverse("admin:alignment_statement_tei_import") in content
    assert reverse("admin:alignment_statement_import") in content
    for action in ("export_tei_action", "export_tmx", "export_tmx_confirmed"):
        assert f'value="{action}"' in content
