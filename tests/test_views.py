"""The public reader: pages, filters, errors, query budgets, search, reports."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alignment.models import AlignmentUnit, ProblemReport, Statement

SLUG = "2007-01-19-ombudsman-17th-anniversary"


def detail(slug=SLUG):
    return reverse("alignment:statement_detail", args=[slug])


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_home_lists_published_statements_newest_first(client, db):
    Statement.objects.filter(slug=SLUG).update(published=False)
    response = client.get("/")
    statements = list(response.context["page"].object_list)
    assert len(statements) == 16 and SLUG not in [s.slug for s in statements]
    dates = [s.date_issued for s in statements]
    assert dates == sorted(dates, reverse=True)
    assert 'role="search"' in response.content.decode()


@pytest.mark.parametrize("params, count", [
    ({"year": "2016"}, 3), ({"issuer": "U.S. House of Representatives"}, 3), ({"language": "ru"}, 17),
    ({"language": "de"}, 0), ({"year": "2016", "issuer": "U.S. House of Representatives"}, 2),
])
def test_home_filters(client, db, params, count):
    assert client.get("/", params).context["page"].paginator.count == count


def test_home_rejects_a_bad_filter(client, db):
    assert client.get("/", {"year": "abc"}).status_code == 400


def test_home_shows_titles_in_the_interface_language(client, db):
    client.cookies["django_language"] = "ru"
    content = client.get("/").content.decode()
    assert "Заявление Председателя Президиума" in content
    assert "Заявления о событиях 20 января 1990 года" in content  # translated site label


def test_parallel_view_columns_in_the_order_given(client, db):
    content = client.get(detail(), {"lang": ["ru", "az"]}).content.decode()
    assert content.index('class="column-head" role="columnheader" lang="ru"') < content.index(
        'class="column-head" role="columnheader" lang="az"')
    assert 'role="columnheader" lang="en"' not in content
    assert 'class="cell" role="cell" lang="ru" dir="ltr"' in content
    assert "unofficial draft" in content


def test_parallel_view_defaults_to_every_version_original_first(client, db):
    response = client.get(detail())
    codes = [v.language.code for v in response.context["aligned"].versions]
    assert codes == ["en", "az", "ru"]
    congress = client.get(detail("2020-01-15-us-congressman-30th-anniversary"))
    assert congress.context["aligned"].versions[0].language.code == "en"


def test_every_segment_has_a_permalink_anchor(client, db):
    content = client.get(detail()).content.decode()
    assert 'id="en-3"' in content and 'href="#en-3"' in content and 'id="ru-3"' in content


@pytest.mark.parametrize("url, status", [
    ("/statements/no-such-statement/", 404),
    (f"/statements/{SLUG}/?lang=xx", 400),
    (f"/statements/{SLUG}/?lang=" + "a" * 40, 400),
    (f"/statements/{SLUG}/text/xx.txt", 404),
    ("/search/?q=" + "a" * 500, 400),
])
def test_errors_are_clean(client, db, url, status):
    assert client.get(url).status_code == status


def test_a_language_without_a_version_is_400(client, db):
    from alignment.models import Language

    Language.objects.create(code="de", name="German", native_name="Deutsch")
    assert client.get(detail(), {"lang": "de"}).status_code == 400


def test_unpublished_statements_are_never_public(client, db):
    Statement.objects.filter(slug=SLUG).update(published=False)
    assert client.get(detail()).status_code == 404
    assert client.get(reverse("alignment:statement_text", args=[SLUG, "en"])).status_code == 404
    assert SLUG not in client.get("/search/", {"q": "Seventeen"}).content.decode()


def test_parallel_view_query_count_is_constant(client, db):
    counts = []
    for slug in ("2016-02-04-us-congressman-january-20-and-khojaly", "2011-01-19-ombudsman-21th-anniversary"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(detail(slug)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 10


def test_conditional_get(client, db):
    first = client.get(detail())
    etag = first["ETag"]
    assert client.get(detail(), HTTP_IF_NONE_MATCH=etag).status_code == 304
    statement = Statement.objects.get(slug=SLUG)
    Statement.objects.filter(pk=statement.pk).update(alignment_revision=statement.alignment_revision + 1)
    assert client.get(detail(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_plain_text_download(client, db):
    response = client.get(reverse("alignment:statement_text", args=[SLUG, "ru"]))
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith("Заявление Уполномоченного")


@pytest.mark.parametrize("query, lang, expected", [
    ("Сумгайыт", "ru", "Сумгайыт"),
    ("СУМГАЙЫТ", "", "Сумгайыт"),
    ("горбачев", "ru", "Горбачёв"),       # ё/е
    ("ILHAM", "az", "İlham"),           # Azerbaijani dotted capital İ
    ("ilham aliyev", "en", "Ilham Aliyev"),
    ("Sumqayıt", "az", "Sumqayıt"),
    ("sumqayit", "az", "Sumqayıt"),     # dotless ı
])
def test_search_is_case_and_diacritic_insensitive(client, db, query, lang, expected):
    response = client.get("/search/", {"q": query, "lang": lang})
    hits = response.context["hits"]
    assert hits, query
    assert all(expected.lower() in hit.segment.text.lower() for hit in hits)
    if lang:
        assert {hit.segment.version.language.code for hit in hits} == {lang}
    assert "<mark>" in response.content.decode()


def test_search_shows_counterparts_and_links_to_the_row(client, db):
    response = client.get("/search/", {"q": "Президиума Верховного", "lang": "ru"})
    hits = response.context["hits"]
    assert hits
    codes = {other.version.language.code for other in hits[0].counterparts}
    assert codes == {"az", "en"}
    assert f'{detail("1990-01-21-supreme-council")}#ru-1' in response.content.decode()


def test_search_filters_by_statement_and_escapes_text(client, db):
    response = client.get("/search/", {"q": "Baku", "statement": "1990-01-21-supreme-council"})
    assert {hit.segment.version.statement.slug for hit in response.context["hits"]} == {"1990-01-21-supreme-council"}
    response = client.get("/search/", {"q": "<script>alert(1)</script>"})
    assert "<script>alert" not in response.content.decode()


def test_search_needs_words(client, db):
    response = client.get("/search/", {"q": "!!!"})
    assert response.context["error"] and not response.context["hits"]


def report(client, key="en-3", note="The Russian misses a sentence.", **extra):
    return client.post(reverse("alignment:report_problem", args=[SLUG]), {"key": key, "note": note, **extra})


def test_reporting_a_problem_flags_the_row(client, db):
    response = report(client)
    assert response.status_code == 302 and response["Location"].endswith("#en-3")
    assert ProblemReport.objects.get().note == "The Russian misses a sentence."
    unit = AlignmentUnit.objects.get(segments__key="en-3", statement__slug=SLUG)
    assert unit.status == "flagged" and "Reader report" in unit.note


@pytest.mark.parametrize("extra, status", [
    ({"website": "http://spam.example"}, 400),
    ({"key": "en-999"}, 400),
    ({"note": ""}, 400),
])
def test_bad_reports_change_nothing(client, db, extra, status):
    before = list(AlignmentUnit.objects.values_list("pk", "status", "note"))
    assert report(client, **extra).status_code == status
    assert ProblemReport.objects.count() == 0
    assert list(AlignmentUnit.objects.values_list("pk", "status", "note")) == before


def test_reports_are_rate_limited(client, db, settings):
    settings.WORKBENCH_REPORTS_PER_HOUR = 2
    assert report(client).status_code == 302
    assert report(client, key="en-4").status_code == 302
    assert report(client, key="en-5").status_code == 429
    assert ProblemReport.objects.count() == 2


def test_segment_text_is_escaped(client, db):
    from alignment.models import Segment

    Segment.objects.filter(key="en-3", version__statement__slug=SLUG).update(text="<script>alert(1)</script>")
    content = client.get(detail()).content.decode()
    assert "<script>alert(1)</script>" not in content and "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_downloads_tei_and_tmx(client, db):
    tei = client.get(reverse("alignment:statement_tei", args=[SLUG]))
    assert tei["Content-Type"].startswith("application/tei+xml")
    assert b"<TEI" in tei.content and b'xml:id="s2007-01-19-ombudsman-17th-anniversary.en-3"' in tei.content
    tmx = client.get(reverse("alignment:statement_tmx", args=[SLUG]), {"lang": ["az", "en"]})
    assert tmx["Content-Type"].startswith("application/x-tmx+xml")
    assert b'xml:lang="az"' in tmx.content and b'xml:lang="ru"' not in tmx.content
    content = client.get(detail()).content.decode()
    assert reverse("alignment:statement_tei", args=[SLUG]) in content
    Statement.objects.filter(slug=SLUG).update(published=False)
    assert client.get(reverse("alignment:statement_tei", args=[SLUG])).status_code == 404
    assert client.get(reverse("alignment:statement_tmx", args=[SLUG])).status_code == 404


def test_the_report_form_opens_under_its_row_only(client, db):
    content = client.get(detail(), {"report": "en-3"}).content.decode()
    assert content.count('id="report-form"') == 1 and 'name="key" value="en-3"' in content
    assert content.count('class="report-link"') == Statement.objects.get(slug=SLUG).units.count() - 1


def test_search_caps_the_hits_it_sorts(client, db, monkeypatch):
    from alignment import search

    monkeypatch.setattr(search, "MAX_HITS", 5)
    response = client.get("/search/", {"q": "January"})
    assert response.context["truncated"] and response.context["page"].paginator.count == 5
    assert "More than 5 hits" in response.content.decode()
    dates = [hit.segment.version.statement.date_issued for hit in response.context["hits"]]
    assert dates == sorted(dates, reverse=True)


def test_site_labels_in_azerbaijani(client, db):
    client.cookies["django_language"] = "az"
    content = client.get(detail()).content.decode()
    assert "Sitat gətir" in content and "qeyri-rəsmi qaralama" in content
    assert '<html lang="az">' in content
