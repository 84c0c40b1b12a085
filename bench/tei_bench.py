"""Benchmark: stream a synthetic corpus of >= 1 million segments through the teiCorpus writer.

    .venv/bin/python bench/tei_bench.py                  # 1,000,050 segments, both writers
    .venv/bin/python bench/tei_bench.py --segments 100000

Statements are generated lazily in memory (AlignedStatement-like objects, no database):
three versions of 50 segments each in 50 rows; five rows join two English segments (a
<join>) and five have no English segment.  Each writer runs in its own subprocess so its peak
resident memory (``ru_maxrss``) is its own; the output goes to a byte-counting sink, so
disk speed is not measured.  Throughput is given per wall-clock and per CPU second (the
latter does not depend on what else the machine is doing).  ``raw`` writes the same segment and link elements straight
through ``lxml.etree.xmlfile`` (no per-statement tree, a minimal header): the upper bound.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import etree  # noqa: E402

from alignment.exchange.tei_model import TEI_NS, XML_ID, XML_LANG, XML_NS, tei  # noqa: E402
from alignment.exchange.tei_write import tei_corpus_write  # noqa: E402

CODES = (("en", "English"), ("az", "Azerbaijani"), ("ru", "Russian"))
PER_VERSION = 50
WORDS = "the statement of the commissioner on human rights and the anniversary of the tragedy".split()


class CountingSink:
    def __init__(self):
        self.bytes = 0

    def write(self, data: bytes) -> None:
        self.bytes += len(data)


def synthetic_statements(count: int):
    """``count`` statements, made one at a time."""
    versions = [SimpleNamespace(pk=pk, language=SimpleNamespace(code=code, name=name), title=f"Title ({name})",
                                origin="published" if code == "en" else "draft", translator="Bench",
                                source_url="", status="draft", approved_at=None)
                for pk, (code, name) in enumerate(CODES, 1)]
    unit = SimpleNamespace(status="auto", score=0.8731, note="", confirmed_at=None)
    for number in range(count):
        statement = SimpleNamespace(
            slug=f"2020-01-01-synthetic-{number}", title=f"Synthetic statement {number}",
            date_issued=dt.date(2020, 1, 1),
            issuer="Office", author="Author", occasion="", source="", source_url="", published=True,
            editorial_note="", original_language=None)
        segments = {v.pk: [SimpleNamespace(key=f"{v.language.code}-{i + 1}", kind="paragraph",
                                           text=" ".join(WORDS[(i + j) % len(WORDS)] for j in range(30)))
                           for i in range(PER_VERSION)] for v in versions}
        # 50 rows: rows 0-4 join two English segments, rows 45-49 have no English segment.
        en, az, ru = (segments[pk] for pk in (1, 2, 3))
        rows = []
        for i in range(PER_VERSION):
            cells = {2: az[i:i + 1], 3: ru[i:i + 1]}
            if i < 5:
                cells[1] = en[2 * i:2 * i + 2]
            elif i < PER_VERSION - 5:
                cells[1] = en[i + 5:i + 6]
            rows.append(SimpleNamespace(unit=unit, cells=cells))
        yield SimpleNamespace(statement=statement, versions=versions, rows=rows)


def write_raw(statements, out) -> None:
    """The same segments and links, written element by element with no tree per statement.
    (Nested ``xf.element`` contexts share the namespace declarations of the root; the
    ``xml`` prefix must be declared there or lxml invents one for ``xml:id``.)"""
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(tei("teiCorpus"), nsmap={None: TEI_NS, "xml": XML_NS}):
            for aligned in statements:
                prefix = f"s{aligned.statement.slug}"
                with xf.element(tei("TEI"), {XML_ID: prefix}):
                    with xf.element(tei("teiHeader")), xf.element(tei("fileDesc")), xf.element(tei("titleStmt")), \
                            xf.element(tei("title")):
                        xf.write(aligned.statement.title)
                    with xf.element(tei("text")), xf.element(tei("group")):
                        for version in aligned.versions:
                            with xf.element(tei("text"), {XML_LANG: version.language.code}), \
                                    xf.element(tei("body")), xf.element(tei("div")):
                                for row in aligned.rows:
                                    for segment in row.cells.get(version.pk, ()):
                                        with xf.element(tei("p"), {XML_ID: f"{prefix}.{segment.key}"}):
                                            xf.write(segment.text)
                    with xf.element(tei("standOff")), xf.element(tei("linkGrp"), type="alignment"):
                        for row in aligned.rows:
                            targets = " ".join(f"#{prefix}.{s.key}" for cell in row.cells.values() for s in cell)
                            with xf.element(tei("link"), target=targets, type=row.unit.status):
                                pass
                xf.flush()


def run(mode: str, statements: int) -> dict:
    sink = CountingSink()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    if mode == "workbench":
        tei_corpus_write(synthetic_statements(statements), sink)
    else:
        write_raw(synthetic_statements(statements), sink)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"mode": mode, "statements": statements, "segments": statements * PER_VERSION * len(CODES),
            "bytes": sink.bytes, "seconds": seconds, "cpu_seconds": cpu,
            "baseline_rss_mb": before / 1024, "peak_rss_mb": peak / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=1_000_000, help="at least this many segments")
    parser.add_argument("--mode", choices=["workbench", "raw", "both"], default="both")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    statements = -(-args.segments // (PER_VERSION * len(CODES)))
    if args.child:
        print(json.dumps(run(args.mode, statements)))
        return
    print(f"{'writer':<10} {'segments':>10} {'MB':>7} {'wall s':>7} {'MB/s':>6} {'CPU s':>6} {'MB/CPU s':>8} "
          f"{'segments/CPU s':>14} {'RSS before':>10} {'peak RSS':>9}")
    for mode in (["raw", "workbench"] if args.mode == "both" else [args.mode]):
        command = [sys.executable, __file__, "--child", "--mode", mode, "--segments", str(args.segments)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        result = json.loads(output)
        megabytes = result["bytes"] / 1e6
        cpu = result["cpu_seconds"]
        print(f"{mode:<10} {result['segments']:>10,} {megabytes:>7.1f} {result['seconds']:>7.1f} "
              f"{megabytes / result['seconds']:>6.1f} {cpu:>6.1f} {megabytes / cpu:>8.1f} "
              f"{result['segments'] / cpu:>14,.0f} {result['baseline_rss_mb']:>8.1f}MB "
              f"{result['peak_rss_mb']:>7.1f}MB")


if __name__ == "__main__":
    main()
