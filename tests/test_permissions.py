"""Every URL the project defines, against every role, with the status each must get.

Public pages serve published statements to everyone; admin pages need a staff login
(anonymous users are sent to the login page) and then the role's permissions."""

import pytest
from django.test import Client
from django.urls import reverse

from alignment.models import (
    AlignmentUnit,
    Language,
    Operation,
    ProblemReport,
    QAFinding,
    Segment,
    Statement,
    Version,
)

ROLES = ("anonymous", "viewer", "editor", "reviewer", "superuser")
SLUG = "2007-01-19-ombudsman-17th-anniversary"


def _admin(name, *args):
    return lambda s: (reverse(f"admin:alignment_{name}", args=[a(s) if callable(a) else a for a in args]), None)


def _first(model):
    return lambda s: model.objects.order_by("pk").first().pk


def _op(s):
    s.refresh_from_db()
    return (reverse("admin:alignment_statement_align_op", args=[s.pk]),
            {"op": "confirm", "unit": s.units.order_by("position").first().pk, "revision": s.alignment_revision})


def _approve(s):
    return (reverse("admin:alignment_statement_align_op", args=[s.pk]),
            {"op": "approve", "version": s.versions.get(language__code="ru").pk, "revision": 0})


def _public(name, *args, data=None):
    return lambda s: (reverse(f"alignment:{name}", args=args), data)


# name, method, url builder, expected status for (anonymous, viewer, editor, reviewer, superuser)
URLS = [
    ("home", "get", _public("statement_list"), (200,) * 5),
    ("statement page", "get", _public("statement_detail", SLUG), (200,) * 5),
    ("tei download", "get", _public("statement_tei", SLUG), (200,) * 5),
    ("tmx download", "get", _public("statement_tmx", SLUG), (200,) * 5),
    ("text download", "get", _public("statement_text", SLUG, "az"), (200,) * 5),
    ("search", "get", _public("search"), (200,) * 5),
    ("unknown statement", "get", _public("statement_detail", "no-such-slug"), (404,) * 5),
    ("report a problem", "post", _public("report_problem", SLUG, data={"key": "en-3", "note": "wrong"}), (302,) * 5),
    ("admin index", "get", lambda s: (reverse("admin:index"), None), (302, 200, 200, 200, 200)),
    ("statement list", "get", _admin("statement_changelist"), (302, 200, 200, 200, 200)),
    ("statement add", "get", _admin("statement_add"), (302, 403, 403, 403, 200)),
    ("statement change", "get", _admin("statement_change", lambda s: s.pk), (302, 200, 200, 200, 200)),
    ("statement delete", "get", _admin("statement_delete", lambda s: s.pk), (302, 403, 403, 403, 200)),
    ("statement history", "get", _admin("statement_history", lambda s: s.pk), (302, 200, 200, 200, 200)),
    ("statement import (spreadsheet)", "get", _admin("statement_import"), (302, 403, 200, 200, 200)),
    ("statement export (spreadsheet)", "get", _admin("statement_export"), (302, 200, 200, 200, 200)),
    ("tei import", "get", _admin("statement_tei_import"), (302, 403, 403, 403, 200)),
    ("translation import", "get", _admin("statement_translation_import", lambda s: s.pk), (302, 403, 200, 200, 200)),
    ("alignment editor", "get", _admin("statement_align", lambda s: s.pk), (302, 200, 200, 200, 200)),
    ("editor operation", "post", _op, (302, 403, 200, 200, 200)),
    ("approve a version", "post", _approve, (302, 403, 403, 200, 200)),
    ("version list", "get", _admin("version_changelist"), (302, 200, 200, 200, 200)),
    ("version change", "get", _admin("version_change", _first(Version)), (302, 200, 200, 200, 200)),
    ("version delete", "get", _admin("version_delete", _first(Version)), (302, 403, 403, 403, 200)),
    ("segment list", "get", _admin("segment_changelist"), (302, 200, 200, 200, 200)),
    ("segment change", "get", _admin("segment_change", _first(Segment)), (302, 200, 200, 200, 200)),
    ("segment add", "get", _admin("segment_add"), (302, 403, 403, 403, 403)),
    ("row list", "get", _admin("alignmentunit_changelist"), (302, 200, 200, 200, 200)),
    ("row change", "get", _admin("alignmentunit_change", _first(AlignmentUnit)), (302, 200, 200, 200, 200)),
    ("language list", "get", _admin("language_changelist"), (302, 200, 200, 200, 200)),
    ("language add", "get", _admin("language_add"), (302, 403, 403, 403, 200)),
    ("language change", "get", _admin("language_change", _first(Language)), (302, 200, 200, 200, 200)),
    ("operation log", "get", _admin("operation_changelist"), (302, 200, 200, 200, 200)),
    ("review queue", "get", _admin("qafinding_changelist"), (302, 200, 200, 200, 200)),
    ("recompute findings", "post", _admin("qafinding_refresh"), (302, 403, 302, 302, 302)),
    ("score MT page", "get", _admin("qafinding_score_mt"), (302, 200, 200, 200, 200)),
    ("dismissals", "get", _admin("qadismissal_changelist"), (302, 200, 200, 200, 200)),
    ("problem reports", "get", _admin("problemreport_changelist"), (302, 200, 200, 200, 200)),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name, method, builder, expected", URLS, ids=[row[0] for row in URLS])
def test_every_url_for_every_role(role, name, method, builder, expected, corpus_statement,
                                  viewer, editor, reviewer, superuser):
    user = {"anonymous": None, "viewer": viewer, "editor": editor, "reviewer": reviewer, "superuser": superuser}[role]
    client = Client()
    if user is not None:
        client.force_login(user)
    url, data = builder(corpus_statement)
    response = client.get(url) if method == "get" else client.post(url, data or {}, HTTP_ACCEPT="application/json")
    assert response.status_code == expected[ROLES.index(role)]
    if response.status_code == 302 and role == "anonymous" and url.startswith("/admin/"):
        assert response["Location"].startswith("/admin/login/")


def test_unpublished_statements_and_their_data_never_reach_the_public(client, db):
    statement = Statement.objects.get(slug=SLUG)
    Statement.objects.filter(pk=statement.pk).update(published=False)
    for url in (f"/statements/{SLUG}/", f"/statements/{SLUG}/tei.xml", f"/statements/{SLUG}.tmx",
                f"/statements/{SLUG}/text/en.txt"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/statements/{SLUG}/report/", {"key": "en-3", "note": "x"}).status_code == 404
    assert SLUG not in client.get("/").content.decode()
    assert SLUG not in client.get("/search/", {"q": "Seventeen years"}).content.decode()
    assert ProblemReport.objects.count() == 0 and QAFinding.objects.filter(statement=statement).exists()
    assert Operation.objects.count() == 0
