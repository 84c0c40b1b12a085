"""Eight editors on one statement at once, through the live server (PostgreSQL in CI)."""

import os

import pytest
from django.contrib.auth.models import User
from django.db import connection

from alignment.models import Statement
from tests.load.editing_load import run_clients, verify

pytestmark = pytest.mark.load
SECONDS = float(os.environ.get("LOAD_TEST_SECONDS", "60"))


def test_concurrent_editors_lose_nothing(live_server, live_corpus, capsys):
    if connection.vendor != "postgresql":
        pytest.skip("the concurrency test runs on PostgreSQL (the second pass of make test)")
    User.objects.create_superuser("loader", "loader@example.org", "pw-loader-123")
    statement = Statement.objects.get(slug="2011-01-19-ombudsman-21th-anniversary")
    tally, wall = run_clients(live_server.url, "loader", "pw-loader-123", statement.pk, clients=8, seconds=SECONDS)
    with capsys.disabled():  # the figures belong in the CI log
        print(f"\nconcurrent editing: {tally.sent} sent, {len(tally.acknowledged)} acknowledged, "
              f"{tally.stale} refused as stale, {tally.invalid} refused as invalid, {len(tally.errors)} errors; "
              f"{tally.sent / wall:.1f} operations/s over {wall:.0f} s")
    assert verify(statement, tally) == []
    assert len(tally.acknowledged) > 0 and tally.stale > 0
