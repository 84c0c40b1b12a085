"""Evidence that two segments translate each other, independent of the languages.

Each segment is reduced to a set of *keys* that tend to survive translation:
numbers (``#1990``), telling punctuation (``?``, quotes, brackets) and word
stems written in a common Latin skeleton (``wazerb`` for Azerbaijan,
Азербайджан and Azərbaycan alike; cognates such as Expedition/expédition).
Keys are kept only when they occur in both texts, and weighted by rarity
(inverse document frequency), so a name seen once on each side is a strong
anchor while a stem found everywhere counts little.
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass

from .textnorm import looks_azerbaijani, numbers, skeleton, to_ascii, words

STEM_LENGTH = 5
MIN_WORD = 4
_PUNCTUATION = {
    "?": "?", "¿": "?", "!": "!", "¡": "!", ":": ":", ";": ";", "(": "(", "[": "(",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', '"': '"', "‹": '"', "›": '"',
    "…": "…", "%": "%", "§": "§", "/": "/",
}
KIND_WEIGHT = {"#": 1.5, "p": 0.4, "w": 1.0}


def segment_keys(text: str, *, azerbaijani: bool = False, cache: dict[str, str] | None = None) -> set[str]:
    """The translation-invariant keys of one segment; ``cache`` maps words to stems across calls."""
    keys = {"#" + number for number in numbers(text)}
    keys.update("p" + _PUNCTUATION[ch] for ch in text if ch in _PUNCTUATION)
    if "..." in text:
        keys.add("p…")
    stems = {} if cache is None else cache
    for word in words(to_ascii(text, azerbaijani=azerbaijani)):
        stem = stems.get(word)
        if stem is None:
            form = skeleton(word)
            stem = stems[word] = "w" + form[:STEM_LENGTH] if len(form) >= MIN_WORD else ""
        if stem:
            keys.add(stem)
    return keys


@dataclass
class TextEvidence:
    """Per-segment key sets (as ints, shared ids across texts) for one text."""

    keys: list[frozenset[int]]
    totals: list[float]


@dataclass
class EvidenceModel:
    """Key weights shared by a group of texts, and the per-text key sets."""

    weights: dict[int, float]
    texts: list[TextEvidence]

    def matched(self, a: frozenset[int], b: frozenset[int]) -> float:
        """Total weight of the keys two (merged) segments share."""
        if not a or not b:
            return 0.0
        common = a & b
        if not common:
            return 0.0
        weights = self.weights
        return sum(weights[key] for key in common)

    def total(self, keys: frozenset[int]) -> float:
        weights = self.weights
        return sum(weights[key] for key in keys)


_EMPTY: frozenset[int] = frozenset()


RawKeys = list[tuple[str, ...]]


def extract_keys(segments: list[str]) -> RawKeys:
    """The keys of every segment of one text, as tuples of interned strings (compact for long texts)."""
    azerbaijani = looks_azerbaijani(" ".join(segments[:200]))
    cache: dict[str, str] = {}
    return [
        tuple(sys.intern(key) for key in segment_keys(segment, azerbaijani=azerbaijani, cache=cache))
        for segment in segments
    ]


def build_evidence(texts: list[list[str]]) -> EvidenceModel:
    """Keys of every segment of a pair of texts, weighted (see ``weigh_keys``)."""
    return weigh_keys([extract_keys(segments) for segments in texts])


def weigh_keys(raw: list[RawKeys]) -> EvidenceModel:
    """Weight the keys that the texts share and turn each segment's keys into a set of ids.

    Meant for a pair of texts.  A key counts when it occurs in at least two
    texts; its weight is an inverse document frequency, log((N + 1) / (df + 0.5))
    over the segments of the texts that hold it, times a factor for its kind
    (numbers count most).
    """
    document_frequency: list[dict[str, int]] = []
    for sets in raw:
        counts: dict[str, int] = {}
        for keys in sets:
            for key in keys:
                counts[key] = counts.get(key, 0) + 1
        document_frequency.append(counts)
    presence: dict[str, int] = {}
    for counts in document_frequency:
        for key in counts:
            presence[key] = presence.get(key, 0) + 1
    ids: dict[str, int] = {}
    weights: dict[int, float] = {}
    for key in sorted(key for key, seen in presence.items() if seen >= 2):
        holders = [(len(raw[t]), counts[key]) for t, counts in enumerate(document_frequency) if key in counts]
        size = sum(n for n, _ in holders)
        frequency = sum(df for _, df in holders)
        idf = math.log((size + 1.0) / (frequency + 0.5))
        if idf <= 0.0:
            continue
        ids[key] = len(ids)
        weights[ids[key]] = idf * KIND_WEIGHT[key[0]]
    result = []
    for sets in raw:
        keys_list: list[frozenset[int]] = []
        totals: list[float] = []
        for keys in sets:
            chosen = frozenset(ids[key] for key in keys if key in ids) or _EMPTY
            keys_list.append(chosen)
            totals.append(sum(weights[key] for key in chosen))
        result.append(TextEvidence(keys=keys_list, totals=totals))
    return EvidenceModel(weights=weights, texts=result)
