"""``align`` over synthetic statements: statements per second, next to the bare aligner.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wb_bench python bench/align_corpus_bench.py --statements 200

Runs the ``align`` command on the first N synthetic statements (made by generate_corpus) in
a transaction that is rolled back, so the corpus is left as it was; each statement is one
undoable operation with its QA refresh, exactly as ``align --all`` does it.  The baseline
(same run, same statements) is the aligner alone on texts already in memory: the rest is
reading, writing rows, the operation log and QA.  Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import io
import time

from _setup import django_setup, machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=200)
    args = parser.parse_args()
    django_setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from alignment.models import Statement
    from alignment.selectors import statement_versions
    from alignment.services.aligning import rows_align

    slugs = list(Statement.objects.filter(slug__startswith="synthetic-").order_by("slug")
                 .values_list("slug", flat=True)[:args.statements])
    if not slugs:
        raise SystemExit("No synthetic statements: run generate_corpus (or bench/pages_bench.py) first.")
    texts = []
    for statement in Statement.objects.filter(slug__in=slugs):
        versions = statement_versions(statement)
        texts.append((versions, {v.pk: list(v.segments.order_by("position")) for v in versions}))
    started = time.perf_counter()
    segments = 0
    for versions, by_version in texts:
        rows_align(versions, by_version)
        segments += sum(len(cell) for cell in by_version.values())
    bare = time.perf_counter() - started
    with transaction.atomic():
        started = time.perf_counter()
        call_command("align", *slugs, stdout=io.StringIO())
        command = time.perf_counter() - started
        transaction.set_rollback(True)
    print(f"\n{connection.vendor}, {len(slugs)} statements, {segments:,} segments; {machine()}\n")
    print("| measurement | seconds | statements/s | segments/s | x bare aligner |")
    print("|---|---:|---:|---:|---:|")
    cases = (("aligner alone, texts in memory (baseline)", bare), ("`align SLUG...` (the command)", command))
    for name, seconds in cases:
        print(f"| {name} | {seconds:.2f} | {len(slugs) / seconds:,.1f} | {segments / seconds:,.0f} | "
              f"{seconds / bare:.2f} |")


if __name__ == "__main__":
    main()
