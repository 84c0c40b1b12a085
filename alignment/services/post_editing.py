"""Post-editing effort: how far each version's current text is from the text first imported.

The first text of a segment is its oldest historical record (the import, or
the split that created it); the current text is compared with it key by key.
chrF++ scores the first text against the current one (100 = untouched) and
TER counts the edits that turned it into the current one per word of the
current text (0 = untouched), per segment and over the whole version.  Text
of segments that were merged away lives on in the segment they were merged
into, so a merge shows up as insertions there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Min

from alignment.models import Segment, Statement, Version
from alignment.quality.metrics import EditDistance, corpus_distance, sentence_distance


@dataclass
class SegmentEffort:
    key: str
    first: str
    current: str
    distance: EditDistance

    @property
    def changed(self) -> bool:
        return self.first != self.current


@dataclass
class VersionEffort:
    version: Version
    distance: EditDistance
    chrf_signature: str
    ter_signature: str
    segments: list[SegmentEffort] = field(default_factory=list)

    @property
    def changed(self) -> list[SegmentEffort]:
        return [segment for segment in self.segments if segment.changed]

    def as_dict(self) -> dict:
        return {
            "language": self.version.language.code, "chrF++": round(self.distance.chrf, 2),
            "TER": round(self.distance.ter, 2), "segments": len(self.segments),
            "segments_changed": len(self.changed),
            "signatures": {"chrF++": self.chrf_signature, "TER": self.ter_signature},
            "changed": [{"key": s.key, "chrF++": round(s.distance.chrf, 2), "TER": round(s.distance.ter, 2)}
                        for s in self.changed],
        }


def _first_texts(versions: list[Version]) -> dict[tuple[int, str], str]:
    """(version id, key) -> the text of the oldest historical record of that segment."""
    history = Segment.history.model.objects
    firsts = (history.filter(version_id__in=[v.pk for v in versions])
              .values("version_id", "key").annotate(first=Min("history_id")).values("first"))
    rows = history.filter(history_id__in=firsts).values_list("version_id", "key", "text")
    return {(version_id, key): text for version_id, key, text in rows}


def versions_post_editing(versions: list[Version]) -> list[VersionEffort]:
    """Effort per version (two queries for any number of versions)."""
    if not versions:
        return []
    firsts = _first_texts(versions)
    current: dict[int, list[tuple[str, str]]] = {v.pk: [] for v in versions}
    rows = Segment.objects.filter(version__in=versions).order_by("version_id", "position")
    for version_id, key, text in rows.values_list("version_id", "key", "text"):
        current[version_id].append((key, text))
    efforts = []
    for version in versions:
        segments = []
        for key, text in current[version.pk]:
            first = firsts.get((version.pk, key), text)  # no history (e.g. raw SQL import): untouched
            segments.append(SegmentEffort(key, first, text, sentence_distance(first, text)))
        distance, chrf_signature, ter_signature = corpus_distance([(s.first, s.current) for s in segments])
        efforts.append(VersionEffort(version, distance, chrf_signature, ter_signature, segments))
    return efforts


def version_post_editing(version: Version) -> VersionEffort:
    return versions_post_editing([version])[0]


def statement_post_editing(statement: Statement) -> list[VersionEffort]:
    return versions_post_editing(list(statement.versions.select_related("language").order_by("language__code")))
