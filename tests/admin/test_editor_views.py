"""The editor's views: permissions for every role, stale revisions, bad requests."""

import pytest
from django.test import Client
from django.urls import reverse

from alignment.models import (
    AlignmentUnit,
    EditorPreference,
    Operation,
    Segment,
    Version,
)

JSON = {"HTTP_ACCEPT": "application/json"}


def grid_url(statement):
    return reverse("admin:alignment_statement_align", args=[statement.pk])


def op_url(statement):
    return reverse("admin:alignment_statement_align_op", args=[statement.pk])


def login(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def post(client, statement, **fields):
    statement.refresh_from_db()
    fields.setdefault("revision", statement.alignment_revision)
    return client.post(op_url(statement), fields, **JSON)


@pytest.fixture
def users(viewer, editor, reviewer, superuser):
    return {"anonymous": None, "viewer": viewer, "editor": editor, "reviewer": reviewer, "superuser": superuser}


# role -> (grid, merge, confirm, approve)
MATRIX = {
    "anonymous": (302, 302, 302, 302),
    "viewer": (200, 403, 403, 403),
    "editor": (200, 200, 200, 403),
    "reviewer": (200, 200, 200, 200),
    "superuser": (200, 200, 200, 200),
}


@pytest.mark.parametrize("role", MATRIX)
def test_permission_matrix(role, users, corpus_statement):
    client = login(users[role])
    expected = MATRIX[role]
    response = client.get(grid_url(corpus_statement))
    assert response.status_code == expected[0]
    if role == "anonymous":
        assert "/admin/login/" in response["Location"]
    units = list(corpus_statement.units.order_by("position"))
    assert post(client, corpus_statement, op="merge", unit=units[0].pk).status_code == expected[1]
    assert post(client, corpus_statement, op="confirm", unit=units[-1].pk).status_code == expected[2]
    version = corpus_statement.versions.get(language__code="az")
    assert post(client, corpus_statement, op="approve", version=version.pk).status_code == expected[3]
    version.refresh_from_db()
    assert (version.status == "approved") == (expected[3] == 200)


def test_grid_shows_rows_columns_and_badges(corpus_statement, editor, django_assert_max_num_queries):
    client = login(editor)
    with django_assert_max_num_queries(20):
        response = client.get(grid_url(corpus_statement))
    content = response.content.decode()
    assert content.count('class="unit status-') == corpus_statement.units.count()
    assert "unofficial draft translation" in content.lower()
    assert 'class="ladder"' in content and content.count("<polyline") == 3


def test_grid_query_count_does_not_grow_with_rows(editor, django_assert_num_queries):
    client = login(editor)
    from alignment.models import Statement

    small = Statement.objects.get(slug="2016-02-04-us-congressman-january-20-and-khojaly")
    large = Statement.objects.get(slug="2011-01-19-ombudsman-21th-anniversary")
    counts = []
    client.get(grid_url(small))  # the first request of a session costs extra queries
    for statement in (small, large):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(grid_url(statement)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_columns_are_chosen_ordered_and_remembered(corpus_statement, editor):
    client = login(editor)
    content = client.get(grid_url(corpus_statement), {"v": ["ru", "en"]}).content.decode()
    assert content.index('<th scope="col" lang="ru"') < content.index('<th scope="col" lang="en"')
    assert '<th scope="col" lang="az"' not in content
    assert EditorPreference.objects.get(user=editor).columns == ["ru", "en"]
    content = client.get(grid_url(corpus_statement)).content.decode()
    assert '<th scope="col" lang="az"' not in content


def test_two_editors_never_overwrite_each_other(corpus_statement, editor, reviewer):
    first, second = login(editor), login(reviewer)
    corpus_statement.refresh_from_db()
    seen = corpus_statement.alignment_revision
    units = list(corpus_statement.units.order_by("position"))
    ok = first.post(op_url(corpus_statement), {"op": "merge", "unit": units[0].pk, "revision": seen}, **JSON)
    assert ok.status_code == 200 and ok.json()["ok"]
    stale = second.post(op_url(corpus_statement), {"op": "merge", "unit": units[5].pk, "revision": seen}, **JSON)
    assert stale.status_code == 409
    assert stale.json()["stale"] and "changed by someone else" in stale.json()["message"]
    assert Operation.objects.filter(statement=corpus_statement).count() == 1


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"op": "merge", "unit": "last"}, "last row has no next row"),
        ({"op": "merge", "unit": "other"}, "does not belong to this statement"),
        ({"op": "merge", "unit": "abc"}, "missing a valid 'unit'"),
        ({"op": "merge"}, "missing a valid 'unit'"),
        ({"op": "explode", "unit": "first"}, "Unknown operation"),
        ({"op": "split", "unit": "first", "keep_1": "x"}, "must be a whole number"),
        ({"op": "split-segment", "segment": "single", "offset": "0"}, "both parts must keep some text"),
        ({"op": "edit", "segment": "single", "text": ""}, "cannot be empty"),
        ({"op": "merge", "unit": "first", "revision": "x"}, "missing a valid 'revision'"),
    ],
)
def test_bad_requests_change_nothing(corpus_statement, editor, fields, message):
    client = login(editor)
    units = list(corpus_statement.units.order_by("position"))
    other = AlignmentUnit.objects.exclude(statement=corpus_statement).first()
    segment = Segment.objects.get(version__statement=corpus_statement, key="en-1")
    lookup = {"first": units[0].pk, "last": units[-1].pk, "other": other.pk, "single": segment.pk}
    fields = {name: lookup.get(value, value) for name, value in fields.items()}
    before = (Operation.objects.count(), list(AlignmentUnit.objects.values_list("pk", "status")),
              list(Segment.objects.values_list("pk", "text", "position")))
    response = post(client, corpus_statement, **fields)
    assert response.status_code == 400
    assert message in response.json()["message"]
    after = (Operation.objects.count(), list(AlignmentUnit.objects.values_list("pk", "status")),
             list(Segment.objects.values_list("pk", "text", "position")))
    assert after == before


def test_operations_through_the_view_and_undo_redo(corpus_statement, editor):
    client = login(editor)
    count = corpus_statement.units.count()
    first = corpus_statement.units.get(position=0)
    assert post(client, corpus_statement, op="merge", unit=first.pk).json()["ok"]
    assert corpus_statement.units.count() == count - 1
    assert post(client, corpus_statement, op="undo").json()["ok"]
    assert corpus_statement.units.count() == count
    assert post(client, corpus_statement, op="redo").json()["ok"]
    assert corpus_statement.units.count() == count - 1
    segment = Segment.objects.get(version__statement=corpus_statement, key="en-5")
    assert post(client, corpus_statement, op="edit", segment=segment.pk, text="New text").json()["ok"]
    assert Segment.objects.get(pk=segment.pk).text == "New text"
    from django.contrib.admin.models import LogEntry

    assert LogEntry.objects.filter(object_id=str(corpus_statement.pk)).count() == 4


def test_without_javascript_the_view_redirects_with_a_message(corpus_statement, editor):
    client = login(editor)
    corpus_statement.refresh_from_db()
    response = client.post(op_url(corpus_statement), {"op": "merge", "unit": corpus_statement.units.last().pk,
                                                       "revision": corpus_statement.alignment_revision}, follow=True)
    assert "last row has no next row" in response.content.decode()


def test_unknown_statement_is_404(editor):
    client = login(editor)
    assert client.get(reverse("admin:alignment_statement_align", args=[999999])).status_code in (302, 404)


def test_version_approval_records_who(corpus_statement, reviewer):
    client = login(reviewer)
    version = corpus_statement.versions.get(language__code="ru")
    assert post(client, corpus_statement, op="approve", version=version.pk).json()["ok"]
    version = Version.objects.get(pk=version.pk)
    assert version.approved_by == reviewer and version.history.first().history_user == reviewer
