"""Scoring a machine translation system against the corpus (``score_mt``).

The test set is every row, in corpus order (statements by date and slug, rows
by position), that has text in an *approved* version of the reference
language; with ``confirmed_only`` only confirmed rows count.  A row's line is
its segments in that language joined by a space.  The system's output must
hold exactly one line per such row; ``mt_rows`` (and ``score_mt --write-source``)
gives the source lines of the same rows to translate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from alignment.models import AlignmentUnit, Segment, Statement, Version
from alignment.quality.metrics import HEADLINE, MetricScore, corpus_scores
from alignment.quality.textnorm import squash_spaces
from alignment.textio import TextDecodeError, decode_utf8, lines_of


class MTScoringError(ValueError):
    """Bad input for scoring (unknown statement, no reference, line count mismatch)."""


@dataclass
class MTRow:
    slug: str
    row: int  # 1-based, as the editor shows it
    reference: str
    source: str = ""


@dataclass
class MTResult:
    lang: str
    rows: int
    statements: list[str]
    scores: list[MetricScore] = field(default_factory=list)
    case_insensitive: bool = False

    @property
    def headline(self) -> MetricScore:
        return next(score for score in self.scores if score.name == HEADLINE)

    def as_dict(self) -> dict:
        return {
            "lang": self.lang, "rows": self.rows, "statements": self.statements, "headline": HEADLINE,
            "case_insensitive": self.case_insensitive,
            "scores": [{"name": s.name, "score": round(s.score, 4), "signature": s.signature} for s in self.scores],
        }


def mt_rows(
    *, lang: str, statements: Sequence[str] | None = None, confirmed_only: bool = False, source: str | None = None,
) -> list[MTRow]:
    """The rows of the test set with their reference (and optionally source) text (three queries)."""
    chosen = Statement.objects.order_by("date_issued", "slug")
    if statements:
        chosen = chosen.filter(slug__in=statements)
    chosen = list(chosen)
    unknown = sorted(set(statements or ()) - {s.slug for s in chosen})
    if unknown:
        raise MTScoringError(f"Unknown statement(s): {', '.join(unknown)}.")
    approved = set(Version.objects.filter(statement__in=chosen, language__code=lang, status=Version.Status.APPROVED)
                   .values_list("statement_id", flat=True))
    if statements:
        missing = [s.slug for s in chosen if s.pk not in approved]
        if missing:
            raise MTScoringError(f"No approved {lang!r} version in: {', '.join(missing)}.")
    if not approved:
        raise MTScoringError(f"No approved {lang!r} version among the selected statements: nothing to score against.")
    codes = [lang, source] if source and source != lang else [lang]
    segments = Segment.objects.filter(version__statement_id__in=approved, version__language__code__in=codes,
                                      unit__isnull=False)
    if confirmed_only:
        segments = segments.filter(unit__status=AlignmentUnit.Status.CONFIRMED)
    cells: dict[int, dict[int, dict[str, list[str]]]] = {}  # statement id -> row position -> code -> texts
    fields = ("version__statement_id", "unit__position", "version__language__code", "text")
    for statement_id, position, code, text in segments.order_by("unit__position", "position").values_list(*fields):
        cells.setdefault(statement_id, {}).setdefault(position, {}).setdefault(code, []).append(squash_spaces(text))
    rows = []
    for statement in chosen:
        for position, texts in sorted(cells.get(statement.pk, {}).items()):
            if texts.get(lang):
                rows.append(MTRow(statement.slug, position + 1, " ".join(texts[lang]), " ".join(texts.get(source, []))))
    if not rows:
        raise MTScoringError(f"The selected statements have no {'confirmed ' if confirmed_only else ''}rows "
                             f"with {lang!r} text.")
    return rows


def hypotheses_read(data: bytes, name: str = "hypothesis file") -> list[str]:
    """The lines of an uploaded or given file (UTF-8), refusing binary data with the line named."""
    try:
        return lines_of(decode_utf8(data, name))
    except TextDecodeError as exc:
        raise MTScoringError(f"{exc}.") from None


def score_mt(
    *, lang: str, hypotheses: Sequence[str], statements: Sequence[str] | None = None,
    confirmed_only: bool = False, case_insensitive: bool = False, name: str = "hypothesis file",
) -> MTResult:
    """BLEU, chrF++ and TER of ``hypotheses`` (one line per row of the test set) with signatures."""
    rows = mt_rows(lang=lang, statements=statements, confirmed_only=confirmed_only)
    if len(hypotheses) != len(rows):
        raise MTScoringError(
            f"{name} has {len(hypotheses)} lines but the test set has {len(rows)} rows with approved {lang!r} "
            f"text (one line per row is expected; the first row is {rows[0].slug} row {rows[0].row}, "
            f"the last {rows[-1].slug} row {rows[-1].row})."
        )
    scores = corpus_scores(hypotheses, [row.reference for row in rows], lang=lang, case_insensitive=case_insensitive)
    return MTResult(lang, len(rows), sorted({row.slug for row in rows}), scores, case_insensitive)
