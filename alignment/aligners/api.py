"""The public entry point: lists of segments in, beads out."""

from __future__ import annotations

from typing import Sequence

from .beads import Bead
from .costs import PairInput
from .evidence import extract_keys, weigh_keys
from .lengthmodel import segment_length
from .nway import merge_pivot_alignments
from .pairwise import align_pair, confidence
from .semantic import Embedder, EmbeddingSimilarity, default_embedder

METHODS = ("default", "gale-church", "semantic")


def align(
    texts: Sequence[Sequence[str]], *, kinds: Sequence[Sequence[str]] | None = None,
    method: str = "default", max_bead: int = 3, pivot: int = 0, embedder: Embedder | None = None,
) -> list[Bead]:
    """Align two or more texts (lists of segments) into monotone beads with scores in [0, 1].

    ``method`` is ``"default"`` (length model plus translation-invariant
    evidence), ``"gale-church"`` (length only, the classic baseline) or
    ``"semantic"`` (default plus sentence-embedding similarity; needs an
    ``embedder`` or a registered one).  Three or more texts are each aligned
    to the ``pivot`` text and the links merged into rows.
    """
    if len(texts) < 2:
        raise ValueError("align() needs at least two texts")
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r} (known: {', '.join(METHODS)})")
    if max_bead < 1:
        raise ValueError("max_bead must be at least 1")
    if kinds is not None and [len(k) for k in kinds] != [len(t) for t in texts]:
        raise ValueError("kinds must give one kind per segment of every text")
    if not 0 <= pivot < len(texts):
        raise ValueError(f"pivot {pivot} is not a text index")
    segments = [[str(s) for s in text] for text in texts]
    raw = [extract_keys(text) for text in segments] if method != "gale-church" else None
    vectors = None
    if method == "semantic":
        chosen = embedder or default_embedder()
        vectors = [chosen.embed(text) if text else [] for text in segments]
    lengths = [[segment_length(s) for s in text] for text in segments]

    def pair(first: int, second: int) -> list[Bead]:
        evidence = weigh_keys([raw[first], raw[second]]) if raw is not None else None
        sides = [
            PairInput(lengths[t], evidence.texts[k] if evidence else None,
                      list(kinds[t]) if kinds is not None else None)
            for k, t in enumerate((first, second))
        ]
        extra = EmbeddingSimilarity(vectors[first], vectors[second]) if vectors is not None else None
        path, cost = align_pair(sides[0], sides[1], evidence, max_bead=max_bead, extra=extra)
        return [
            Bead(sides=(tuple(range(i0, i1)), tuple(range(j0, j1))),
                 score=round(confidence(cost, (i0, i1, j0, j1)), 3))
            for i0, i1, j0, j1 in path
        ]

    if len(texts) == 2:
        return pair(0, 1)
    pairwise = {t: pair(pivot, t) for t in range(len(texts)) if t != pivot}
    return merge_pivot_alignments(pairwise, pivot, [len(text) for text in segments])
