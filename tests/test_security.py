import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_login_is_throttled_after_repeated_failures(client, editor, settings):
    settings.WORKBENCH_LOGIN_ATTEMPTS = 3
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert "Please enter the correct username and password" in response.content.decode()
    # Now even the right password is refused, without being checked.
    response = client.post("/admin/login/", {"username": "editor", "password": "pw-editor"})
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_works_before_the_limit(client, editor):
    client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    response = client.post("/admin/login/", {"username": "editor", "password": "pw-editor"})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_security_headers_on_public_pages(client, db):
    response = client.get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_script_in_segment_text_is_escaped_everywhere(client, superuser, corpus_statement):
    from alignment import selectors
    from alignment.exchange.tei import tei_document_for
    from alignment.exchange.tmx import tmx_document_for
    from alignment.models import Segment

    payload = '<script>alert("x")</script>'
    Segment.objects.filter(version__statement=corpus_statement, key="en-3").update(text=payload)
    client.force_login(superuser)
    for url in (f"/statements/{corpus_statement.slug}/", f"/admin/alignment/statement/{corpus_statement.pk}/align/",
                "/search/?q=alert"):
        content = client.get(url).content.decode()
        assert payload not in content, url
        assert "&lt;script&gt;" in content, url
    aligned = selectors.statement_aligned(corpus_statement)
    for document in (tei_document_for(aligned), tmx_document_for([aligned])):
        assert payload.encode() not in document and b"&lt;script&gt;" in document
