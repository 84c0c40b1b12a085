"""Latency of the reader pages and editor operations on a synthetic corpus.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wb_bench python bench/pages_bench.py --statements 10000
    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/pages_bench.py --statements 1000
    python bench/pages_bench.py --only search --only grid     # a subset of the requests

Creates the schema and the synthetic corpus when missing (generate_corpus), then measures
each page through Django's test client, in-process, with the query count per request and a
bare Django view measured in the same run as the baseline. Prints a Markdown table.
"""

from __future__ import annotations

import argparse

from _setup import django_setup, machine, summary, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--paragraphs", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", action="append", default=[], metavar="WORDS",
                        help="measure only the requests whose name contains WORDS (repeatable); the baseline always runs")
    args = parser.parse_args()
    django_setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.http import HttpResponse
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import include, path

    from alignment.models import Segment, Statement
    from alignment.services.synthetic import corpus_generate

    call_command("migrate", verbosity=0)
    existing = Statement.objects.filter(slug__startswith="synthetic-").count()
    if existing < args.statements:
        report = corpus_generate(statements=args.statements - existing, languages=["az", "ru", "en"],
                                 paragraphs=args.paragraphs, seed=existing + 1, corpus_root=settings.WORKBENCH_CORPUS_DIR)
        print(f"generated {report.segments:,} segments at {report.rows_per_second:,.0f} rows/s")
    for prefix, rows in (("bench100", 100), ("bench300", 300)):
        if not Statement.objects.filter(slug__startswith=prefix).exists():
            corpus_generate(statements=1, languages=["az", "ru", "en"], paragraphs=rows, seed=7,
                            corpus_root=settings.WORKBENCH_CORPUS_DIR, prefix=prefix)
    page100 = Statement.objects.get(slug__startswith="bench100")
    grid300 = Statement.objects.get(slug__startswith="bench300")
    user, _ = User.objects.get_or_create(username="bench", defaults={"is_staff": True, "is_superuser": True})
    segments = Segment.objects.count()

    urlpatterns = [path("bare/", lambda request: HttpResponse("ok")), path("", include("workbench.urls"))]
    module = type("BenchUrls", (), {"urlpatterns": urlpatterns})
    client = Client()
    client.force_login(user)
    revision = {"value": grid300.alignment_revision}
    unit = grid300.units.order_by("position").first()

    def operation():
        response = client.post(f"/admin/alignment/statement/{grid300.pk}/align/op/",
                               {"op": "flag" if operation.flag else "unflag", "unit": unit.pk, "note": "bench",
                                "revision": revision["value"]}, HTTP_ACCEPT="application/json")
        assert response.status_code == 200, response.content
        revision["value"] = response.json()["revision"]
        operation.flag = not operation.flag
        unit.refresh_from_db()

    operation.flag = True
    cases = [
        ("bare Django view (baseline)", lambda: client.get("/bare/")),
        ("home page", lambda: client.get("/")),
        ("statement page, 3 languages x 100 rows", lambda: client.get(f"/statements/{page100.slug}/")),
        ("search, frequent word", lambda: client.get("/search/", {"q": "the"})),
        ("search, rare word", lambda: client.get("/search/", {"q": "Barroso"})),
        ("editor grid, 300 rows", lambda: client.get(f"/admin/alignment/statement/{grid300.pk}/align/")),
        ("editor operation (flag/unflag)", operation),
    ]
    if args.only:
        cases = cases[:1] + [case for case in cases[1:] if any(words in case[0] for words in args.only)]
    with override_settings(ROOT_URLCONF=module, DEBUG=True):
        results = []
        for name, call in cases:
            call()  # warm up
            reset_queries()
            call()
            queries = len(connection.queries)
            median, p95 = summary(timed(call, args.repeat))
            results.append((name, median, p95, queries))
            print(f"  measured {name}: median {median:.1f} ms", flush=True)
    baseline = results[0][1]
    print(f"\n{connection.vendor}, {Statement.objects.count():,} statements, {segments:,} segments; {machine()}\n")
    print("| request | median ms | p95 ms | queries | x bare view |")
    print("|---|---:|---:|---:|---:|")
    for name, median, p95, queries in results:
        print(f"| {name} | {median:.1f} | {p95:.1f} | {queries} | {median / baseline:.1f} |")


if __name__ == "__main__":
    main()
