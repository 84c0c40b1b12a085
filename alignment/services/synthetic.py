"""A realistic synthetic corpus for benchmarks (``generate_corpus``).

Paragraph lengths, words and each language's length ratio to English are drawn from the
real corpus, so pages, search and exports see text shaped like the real thing.  Rows are
mostly 1-1, with some 2-1 (English broken mid-paragraph) and 1-0 (a line a translation
leaves out).  Rows are written by the bulk writer of imports (COPY on PostgreSQL) and without history
rows: this is test data, not editorial work.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from alignment.exchange.corpusfiles import read_corpus_dir
from alignment.models import Language, Statement, Version
from alignment.services.newstatements import (
    RowPlan,
    SegmentPlan,
    StatementPlan,
    VersionPlan,
    plan_check,
    statements_create,
)

BATCH = 50_000  # segments per transaction


@dataclass
class CorpusShape:
    """What the generator samples from: English paragraph lengths, word pools, ratios."""

    lengths: list[int]
    words: dict[str, list[str]]
    ratios: dict[str, list[float]]

    @classmethod
    def from_corpus(cls, root: Path) -> "CorpusShape":
        lengths: list[int] = []
        words: dict[str, list[str]] = {}
        ratios: dict[str, list[float]] = {}
        for folder in read_corpus_dir(root):
            for code, version in folder.versions.items():
                for segment in version.segments:
                    words.setdefault(code, []).extend(re.findall(r"\w+", segment.text))
                    if code == "en" and segment.kind == "paragraph":
                        lengths.append(len(segment.text))
            if folder.gold:
                codes, beads = folder.gold
                for bead in beads:
                    if len(bead.sides[0]) != 1:
                        continue
                    english = len(folder.versions[codes[0]].segments[bead.sides[0][0]].text)
                    for code, side in zip(codes[1:], bead.sides[1:]):
                        if len(side) == 1:
                            ratios.setdefault(code, []).append(len(folder.versions[code].segments[side[0]].text) / english)
        return cls(lengths, words, ratios)

    def text(self, rng: random.Random, code: str, length: int) -> str:
        pool = self.words.get(code) or self.words["en"]
        out, size = [], 0
        while size < length:
            word = rng.choice(pool)
            out.append(word)
            size += len(word) + 1
        text = " ".join(out)  # words keep their case (str.capitalize() would turn İ into i + U+0307)
        return text[:1].upper() + text[1:] + "."

    def ratio(self, rng: random.Random, code: str) -> float:
        return rng.choice(self.ratios.get(code) or [1.0])


@dataclass
class GenerateReport:
    statements: int
    segments: int
    units: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return (self.statements + self.segments + self.units) / self.seconds if self.seconds else 0.0


def _rows(rng: random.Random, shape: CorpusShape, codes: list[str], paragraphs: int) -> list[dict[str, list[tuple[str, str]]]]:
    """One statement's rows: per language a list of (kind, text)."""
    rows = [{code: [("heading", shape.text(rng, code, 70))] for code in codes}]
    leaves_out = [code for code in codes if code != "en"][-1:]  # the translation that skips some lines
    for _ in range(paragraphs - 1):
        length = rng.choice(shape.lengths)
        row = {}
        roll = rng.random()
        for code in codes:
            size = max(20, int(length * (shape.ratio(rng, code) if code != "en" else 1.0)))
            if code == "en" and roll < 0.05:  # English broken mid-paragraph: a 2-1 link
                row[code] = [("paragraph", shape.text(rng, code, size // 2)), ("paragraph", shape.text(rng, code, size // 2))]
            elif code in leaves_out and 0.05 <= roll < 0.08:  # a line left out: 1-0
                row[code] = []
            else:
                row[code] = [("paragraph", shape.text(rng, code, size))]
        rows.append(row)
    return rows


def corpus_generate(*, statements: int, languages: list[str], paragraphs: int, seed: int = 1,
                    corpus_root: Path, prefix: str = "synthetic") -> GenerateReport:
    """Create ``statements`` published statements with ``paragraphs`` rows in each language."""
    if statements < 1 or paragraphs < 2:
        raise ValueError("Need at least one statement and two paragraphs.")
    known = {language.code: language for language in Language.objects.filter(code__in=languages)}
    missing = [code for code in languages if code not in known]
    if missing:
        raise ValueError(f"Unknown language code(s): {', '.join(missing)}")
    shape = CorpusShape.from_corpus(corpus_root)
    rng = random.Random(seed)
    started = time.perf_counter()
    totals = [0, 0, 0]
    first_day = dt.date(1990, 1, 21)
    chunk = max(1, BATCH // max(1, paragraphs * len(languages)))
    for offset in range(0, statements, chunk):
        count = min(chunk, statements - offset)
        with transaction.atomic():
            totals = [a + b for a, b in zip(totals, _write_chunk(
                rng, shape, known, languages, paragraphs, prefix, seed, offset, count, first_day))]
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner keeps believing the tables are empty.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE alignment_statement, alignment_version, alignment_alignmentunit, alignment_segment")
    return GenerateReport(totals[0], totals[1], totals[2], time.perf_counter() - started)


def _write_chunk(rng, shape, known, codes, paragraphs, prefix, seed, offset, count, first_day) -> tuple[int, int, int]:
    plans = []
    for i in range(offset, offset + count):
        statement = Statement(slug=f"{prefix}-{seed}-{i:07d}", title=f"Synthetic statement {i}",
                              date_issued=first_day + dt.timedelta(days=rng.randrange(0, 35 * 365)),
                              issuer=rng.choice(["Synthetic Ombudsman", "Synthetic Parliament", "Synthetic Council"]),
                              published=True)
        versions = {
            code: VersionPlan(Version(language=known[code], title=f"{statement.title} [{code}]",
                                      origin=Version.Origin.PUBLISHED if code == "en" else Version.Origin.DRAFT), [])
            for code in codes
        }
        rows = []
        for row in _rows(rng, shape, codes, paragraphs):
            members = {}
            for code, cell in row.items():
                segments = versions[code].segments
                for kind, text in cell:
                    segments.append(SegmentPlan(f"{code}-{len(segments) + 1}", kind, text))
                    members.setdefault(code, []).append(segments[-1].key)
            rows.append(RowPlan(members, score=round(rng.uniform(0.3, 1.0), 3)))
        plans.append(StatementPlan(statement, versions, rows))
        plan_check(plans[-1])
    statements_create(plans, history=False)  # test data, not editorial work
    return (len(plans), sum(len(v.segments) for plan in plans for v in plan.versions.values()),
            sum(len(plan.rows) for plan in plans))
