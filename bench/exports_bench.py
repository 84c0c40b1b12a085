"""Throughput and peak memory of the corpus exports and imports on the database DATABASE_URL names.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wb_bench python bench/exports_bench.py
    DATABASE_URL=sqlite:///var/bench.sqlite3 python bench/exports_bench.py --import-statements 200

Each measurement runs in a fresh subprocess (its peak resident memory is its own):
``export_tei --all`` and ``export_tmx --all`` stream every statement to a byte-counting sink;
``raw`` reads the same segments in one query and writes the same ``<p>``/``<tuv>`` elements
straight through ``lxml.etree.xmlfile`` (no header, no links): the upper bound.  Imports:
``import_tei`` of an exported sample into a scratch copy of the schema (rolled back), and
``load_corpus`` of the real corpus, in segments per second.  Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time

from _setup import ROOT, django_setup, machine


class Sink:
    def __init__(self):
        self.size = 0

    def write(self, data) -> int:
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass


def measure(mode: str, limit: int) -> dict:
    django_setup()
    from django.db import connection, transaction
    from lxml import etree

    from alignment import selectors
    from alignment.exchange.tei import aligned_statements as tei_statements
    from alignment.exchange.tei import tei_corpus_write
    from alignment.exchange.tmx import aligned_statements as tmx_statements
    from alignment.exchange.tmx import tmx_write
    from alignment.models import Segment, Statement

    sink = Sink()
    segments = Segment.objects.count() if mode in ("tei", "tmx") else 0
    connection.ensure_connection()  # every mode starts connected
    started, cpu = time.perf_counter(), time.process_time()
    if mode in ("tei", "tmx"):
        # Exactly what ``export_tei --all`` / ``export_tmx --all`` run, the file being the sink.
        if mode == "tei":
            tei_corpus_write(tei_statements(None, published_only=False), sink)
        else:
            tmx_write(sink, tmx_statements(None, langs=None, published_only=False), langs=None, confirmed_only=False)
    elif mode == "raw":
        rows = Segment.objects.order_by("version__statement_id", "version_id", "position").values_list(
            "key", "text", "version__language__code").iterator(chunk_size=5000)
        with etree.xmlfile(sink, encoding="utf-8") as xf:
            with xf.element("corpus"):
                for key, text, code in rows:
                    element = etree.Element("p", {"n": key, "lang": code})
                    element.text = text
                    xf.write(element)
                    segments += 1
    elif mode in ("import_tei", "load_corpus"):
        from django.conf import settings

        from alignment.services.corpus import corpus_load
        from alignment.services.hooks import after_statements_change
        from alignment.services.tei import tei_import

        if mode == "import_tei":
            sample = list(Statement.objects.filter(slug__startswith="synthetic-").order_by("slug")[:limit])
            from io import BytesIO

            buffer = BytesIO()
            tei_corpus_write((selectors.statement_aligned(s) for s in sample), buffer)
            data = buffer.getvalue()
            segments = Segment.objects.filter(version__statement__in=sample).count()
            _steady_state()
            with transaction.atomic():
                Statement.objects.filter(pk__in=[s.pk for s in sample]).delete()
                started, cpu = time.perf_counter(), time.process_time()
                report = tei_import(data=data, name="sample.xml", max_bytes=len(data) + 1, refresh_qa=False)
                wall, cpu = _commit_checks(started, cpu)
                qa_started = time.perf_counter()
                after_statements_change(report.changed)  # what tei_import does next by default
                qa = time.perf_counter() - qa_started
                transaction.set_rollback(True)
        else:
            _steady_state()
            with transaction.atomic():
                Statement.objects.filter(slug__in=[p.name for p in settings.WORKBENCH_CORPUS_DIR.iterdir()]).delete()
                started, cpu = time.perf_counter(), time.process_time()
                report = corpus_load(root=settings.WORKBENCH_CORPUS_DIR)
                segments = report.segments_created
                wall, cpu = _commit_checks(started, cpu)
                transaction.set_rollback(True)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return {"mode": mode, "bytes": 0, "wall": wall, "cpu": cpu, "segments": segments, "peak_mb": peak,
                "qa": qa if mode == "import_tei" else None}
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mode": mode, "bytes": sink.size, "wall": wall, "cpu": cpu, "segments": segments, "peak_mb": peak}


def _steady_state() -> None:
    """Before an import (not timed): the segment table as autovacuum leaves it, so earlier
    runs' rolled-back rows are not in the full-text index's pending list."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM alignment_segment")


def _commit_checks(started: float, cpu: float) -> tuple[float, float]:
    """Run the deferred foreign-key checks a commit would run, then stop the clock (the
    import is rolled back afterwards, which would skip them)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", default=["raw", "tei", "tmx", "import_tei", "load_corpus"])
    parser.add_argument("--import-statements", type=int, default=200)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.import_statements)))
        return
    results = {}
    for mode in args.only:
        output = subprocess.run([sys.executable, __file__, "--child", mode, "--import-statements",
                                 str(args.import_statements)], capture_output=True, text=True, cwd=ROOT / "bench")
        if output.returncode:
            sys.exit(output.stderr)
        results[mode] = json.loads(output.stdout.strip().splitlines()[-1])
    django_setup()
    from django.db import connection

    print(f"\n{connection.vendor}; {machine()}\n")
    print("| measurement | segments | MB written | seconds (wall / CPU) | MB/s | segments/s | peak RSS MB | vs raw |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    raw = results.get("raw")
    for mode, r in results.items():
        mb = r["bytes"] / 1e6
        ratio = f"{(mb / r['wall']) / (raw['bytes'] / 1e6 / raw['wall']):.0%}" if raw and r["bytes"] else ""
        print(f"| {mode} | {r['segments']:,} | {mb:.1f} | {r['wall']:.1f} / {r['cpu']:.1f} | "
              f"{mb / r['wall'] if r['bytes'] else 0:.1f} | {r['segments'] / r['wall']:,.0f} | {r['peak_mb']:.0f} | {ratio} |")
        if r.get("qa") is not None:
            total = r["wall"] + r["qa"]
            print(f"| {mode} + its QA refresh ({r['qa']:.1f} s) | {r['segments']:,} | | {total:.1f} / | | "
                  f"{r['segments'] / total:,.0f} | | |")


if __name__ == "__main__":
    main()
