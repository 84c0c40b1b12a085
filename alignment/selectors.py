"""Every read that feeds views, the admin and the exporters; each owns its prefetching so
a page costs a constant number of queries whatever the statement's size."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet

from alignment.models import (
    AlignmentUnit,
    Language,
    QAFinding,
    Segment,
    Statement,
    Version,
)


@dataclass
class AlignedRow:
    unit: AlignmentUnit
    cells: dict[int, list[Segment]] = field(default_factory=dict)  # version id -> segments
    findings: list[QAFinding] = field(default_factory=list)

    def cell(self, version: Version) -> list[Segment]:
        return self.cells.get(version.pk, [])

    columns: list = field(default_factory=list)  # [(version, segments)] in the view's column order

    @property
    def anchor(self) -> str:
        """The permalink of the row: the key of its first segment in the first column."""
        for _, segments in self.columns:
            if segments:
                return segments[0].key
        return f"row-{self.unit.position + 1}"


@dataclass
class AlignedStatement:
    statement: Statement
    versions: list[Version]
    rows: list[AlignedRow]

    def version_for(self, code: str) -> Version | None:
        return next((v for v in self.versions if v.language.code == code), None)


def languages_all() -> list[Language]:
    return list(Language.objects.order_by("code"))


def statements_published() -> QuerySet[Statement]:
    """Published statements, newest first, with their versions and languages."""
    return (
        Statement.objects.filter(published=True)
        .order_by("-date_issued", "slug")
        .prefetch_related(Prefetch("versions", queryset=Version.objects.select_related("language")))
    )


def statement_versions(statement: Statement, codes: Sequence[str] | None = None) -> list[Version]:
    """The versions to show, in the order asked; by default the original first, then by code."""
    return versions_ordered(statement, list(statement.versions.select_related("language", "statement")), codes)


def versions_ordered(statement: Statement, versions: list[Version], codes: Sequence[str] | None) -> list[Version]:
    """``versions`` in the order ``codes`` asks (unknown codes left out), or the original first."""
    if codes:
        by_code = {v.language.code: v for v in versions}
        return [by_code[code] for code in codes if code in by_code]

    def first(version: Version) -> bool:
        if statement.original_language_id:
            return version.language_id == statement.original_language_id
        return version.language.code == "en"

    return sorted(versions, key=lambda v: (not first(v), v.language.code))


def statement_aligned(
    statement: Statement, versions: Sequence[Version] | None = None, *, with_findings: bool = False
) -> AlignedStatement:
    """The parallel text: every row with its segments per version (three or four queries)."""
    if versions is None:
        versions = statement_versions(statement)
    units = list(statement.units.order_by("position").select_related("confirmed_by"))
    segments: dict[int, list[Segment]] = {}
    wanted = Segment.objects.defer("folded").filter(version__in=[v.pk for v in versions])  # folded: search only
    for segment in wanted.order_by("version_id", "position"):
        segments.setdefault(segment.unit_id, []).append(segment)
    findings: dict[int, list[QAFinding]] = {}
    if with_findings:
        for finding in QAFinding.objects.filter(statement=statement).order_by("-severity", "id"):
            findings.setdefault(finding.unit_id, []).append(finding)
    return _assemble(statement, list(versions), units, segments, findings)


def _assemble(statement: Statement, versions: list[Version], units: Sequence[AlignmentUnit | UnitValues],
              segments: dict, findings: dict[int, list[QAFinding]]) -> AlignedStatement:
    """Rows from a statement's units and its segments (models or values) grouped by unit, in
    version/position order."""
    wanted = {version.pk for version in versions}
    rows = []
    for unit in units:
        row = AlignedRow(unit, findings=findings.get(unit.pk, []))
        for segment in segments.get(unit.pk, []):
            if segment.version_id in wanted:
                row.cells.setdefault(segment.version_id, []).append(segment)
        if row.cells:  # rows holding nothing in the chosen versions are not part of this view
            row.columns = [(version, row.cells.get(version.pk, [])) for version in versions]
            rows.append(row)
    return AlignedStatement(statement, versions, rows)


def corpus_statements(slugs: Sequence[str] | None = None, *, published_only: bool = False) -> Iterator[Statement]:
    """Statements for corpus-wide exports, one at a time so memory stays flat."""
    queryset = Statement.objects.select_related("original_language").order_by("date_issued", "slug")
    if slugs:
        queryset = queryset.filter(slug__in=slugs)
    if published_only:
        queryset = queryset.filter(published=True)
    yield from queryset.iterator(chunk_size=200)


def _statement_batches(slugs: Sequence[str] | None, published_only: bool, batch: int) -> Iterator[list[Statement]]:
    chunk: list[Statement] = []
    for statement in corpus_statements(slugs, published_only=published_only):
        chunk.append(statement)
        if len(chunk) == batch:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _batch_versions(statements: list[Statement], langs: Sequence[str] | None) -> dict[int, list[Version]]:
    """Each statement's versions in the order ``langs`` asks, by statement id."""
    versions: dict[int, list[Version]] = {}
    ids = [statement.pk for statement in statements]
    for version in Version.objects.filter(statement_id__in=ids).select_related("language").order_by("language__code"):
        versions.setdefault(version.statement_id, []).append(version)
    chosen = {s.pk: versions_ordered(s, versions.get(s.pk, []), langs) for s in statements}
    for statement in statements:
        for version in chosen[statement.pk]:
            version.statement = statement
    return chosen


class UnitValues(NamedTuple):
    """What the exporters read of an :class:`AlignmentUnit`."""

    statement_id: int
    id: int
    position: int
    status: str
    score: float | None
    note: str
    confirmed_at: dt.datetime | None

    @property
    def pk(self) -> int:
        return self.id


class SegmentValues(NamedTuple):
    """What the exporters read of a :class:`Segment`."""

    unit_id: int | None
    version_id: int
    key: str
    kind: str
    text: str


def corpus_export_aligned(slugs: Sequence[str] | None = None, *, langs: Sequence[str] | None = None,
                          published_only: bool = False, batch: int = 100) -> Iterator[AlignedStatement]:
    """:func:`statement_aligned` for every statement (or those named), for the streaming exporters:
    the same versions, rows and cells in the same order, but units and segments are
    :class:`UnitValues` and :class:`SegmentValues` (making a model instance per segment cost
    more than writing its XML), in smaller batches (the peak memory of ``export_tei --all``
    stays low)."""
    new = tuple.__new__  # what namedtuple's _make does, without its checks
    for statements in _statement_batches(slugs, published_only, batch):
        versions = _batch_versions(statements, langs)
        owners = {version.pk: statement_id for statement_id, chosen in versions.items() for version in chosen}
        # Plain tuples until their statement's turn: the garbage collector stops tracking those (not
        # named tuples), so the batch held in memory does not slow down every collection.
        units: dict[int, list[tuple]] = {}
        for values in AlignmentUnit.objects.filter(statement_id__in=[s.pk for s in statements]).order_by(
                "statement_id", "position").values_list(*UnitValues._fields):
            units.setdefault(values[0], []).append(values)
        segments: dict[int, list[tuple]] = {}  # by the statement of their version (one of the chosen)
        for values in Segment.objects.filter(version_id__in=list(owners)).order_by(
                "version_id", "position").values_list(*SegmentValues._fields):
            segments.setdefault(owners[values[1]], []).append(values)
        for statement in statements:
            by_unit: dict[int | None, list[SegmentValues]] = {}
            for values in segments.pop(statement.pk, ()):
                by_unit.setdefault(values[0], []).append(new(SegmentValues, values))
            yield _assemble(statement, versions[statement.pk],
                            [new(UnitValues, values) for values in units.pop(statement.pk, ())], by_unit, {})


def statement_by_slug(slug: str, *, published_only: bool) -> Statement:
    queryset = Statement.objects.select_related("original_language")
    if published_only:
        queryset = queryset.filter(published=True)
    return queryset.get(slug=slug)


def published_facets() -> dict:
    """Years, issuers and languages that the public list can be filtered by (cached for a
    minute: three DISTINCT scans of the corpus per home page would dominate its cost)."""
    return cache.get_or_set("published-facets", _published_facets, 60)


def _published_facets() -> dict:
    published = Statement.objects.filter(published=True)
    return {
        "years": [d.year for d in published.dates("date_issued", "year", order="DESC")],
        "issuers": list(published.exclude(issuer="").order_by("issuer").values_list("issuer", flat=True).distinct()),
        "languages": list(Language.objects.filter(versions__statement__published=True).distinct().order_by("code")),
    }


def statement_stamp(slug: str) -> str | None:
    """What changes whenever a statement's public page would (for ETag/conditional GET)."""
    row = (Statement.objects.filter(slug=slug, published=True)
           .values_list("pk", "alignment_revision", "updated_at").first())
    if row is None:
        return None
    versions = Version.objects.filter(statement_id=row[0]).order_by("pk").values_list("pk", "status", "title")
    return f"{row[0]}:{row[1]}:{row[2].isoformat()}:{hash(tuple(versions))}"


@dataclass
class ColumnLink:
    code: str
    shown: bool
    remove_url: str = ""
    left_url: str = ""
    right_url: str = ""
    add_url: str = ""


def column_links(base_url: str, shown: list[str], available: list[str]) -> list[ColumnLink]:
    """Links that add, remove and reorder the parallel view's columns without typing URLs."""
    from urllib.parse import urlencode

    def url(codes: list[str]) -> str:
        return f"{base_url}?{urlencode([('lang', code) for code in codes])}" if codes else base_url

    links = []
    for index, code in enumerate(shown):
        link = ColumnLink(code, True)
        if len(shown) > 1:
            link.remove_url = url([c for c in shown if c != code])
        if index > 0:
            swapped = shown[:]
            swapped[index - 1], swapped[index] = swapped[index], swapped[index - 1]
            link.left_url = url(swapped)
        if index < len(shown) - 1:
            swapped = shown[:]
            swapped[index + 1], swapped[index] = swapped[index], swapped[index + 1]
            link.right_url = url(swapped)
        links.append(link)
    for code in available:
        if code not in shown:
            links.append(ColumnLink(code, False, add_url=url(shown + [code])))
    return links


@dataclass
class Ladder:
    """The alignment path as a picture: one line per version over the rows."""

    width: int
    height: int
    lines: list[tuple[str, str]]  # (language code, SVG points)
    bands: list[tuple[int, float, float, str]]  # (row number, x, width, css class)


def alignment_ladder(aligned: AlignedStatement, *, width: int = 1000, height: int = 80) -> Ladder:
    """Cumulative share of each version's segments after each row: where the lines part,
    one version runs ahead of another (a merge, a split, an omission)."""
    count = max(len(aligned.rows), 1)
    step = width / count
    lines = []
    for version in aligned.versions:
        total = sum(len(row.cells.get(version.pk, [])) for row in aligned.rows) or 1
        done = 0
        points = [f"0,{height}"]
        for index, row in enumerate(aligned.rows):
            done += len(row.cells.get(version.pk, []))
            points.append(f"{(index + 1) * step:.1f},{height - done / total * height:.1f}")
        lines.append((version.language.code, " ".join(points)))
    bands = []
    for index, row in enumerate(aligned.rows):
        css = row.unit.status
        if row.unit.score is not None and row.unit.score < 0.5:
            css += " low"
        bands.append((row.unit.position + 1, round(index * step, 1), round(step, 2), css))
    return Ladder(width, height, lines, bands)
