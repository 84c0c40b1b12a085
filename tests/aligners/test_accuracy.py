"""Accuracy on real data: the Text+Berg dev set and the project's corpus gold files."""

from itertools import combinations

import pytest

from alignment.aligners import aggregate, align, project, read_beads

from .helpers import CORPUS, DEV


@pytest.fixture(scope="module")
def dev_set():
    if not (DEV / "dev.defr").exists():
        pytest.skip("the Text+Berg dev set is not beside the repository")
    german = (DEV / "dev.de").read_text(encoding="utf-8").splitlines()
    french = (DEV / "dev.fr").read_text(encoding="utf-8").splitlines()
    gold = read_beads((DEV / "dev.defr").read_text(encoding="utf-8").splitlines(), arity=2)
    return german, french, gold


def test_default_method_beats_hunalign_and_gale_church_on_the_dev_set(dev_set):
    german, french, gold = dev_set
    default = aggregate([(align([german, french]), gold)])
    baseline = aggregate([(align([german, french], method="gale-church"), gold)])
    assert default.f1_strict > 0.80  # published on the test set: hunalign without dictionary ~0.75
    assert default.f1_lax > 0.95
    assert baseline.f1_strict > 0.6
    assert default.f1_strict > baseline.f1_strict + 0.1


def test_scores_rank_right_links_above_wrong_ones_on_the_dev_set(dev_set):
    german, french, gold = dev_set
    expected = {bead.sides for bead in gold}
    predicted = align([german, french])
    right = [bead.score for bead in predicted if bead.sides in expected]
    wrong = [bead.score for bead in predicted if bead.sides not in expected]
    assert sum(wrong) / len(wrong) < sum(right) / len(right) - 0.1


def _corpus():
    from alignment.exchange.corpusfiles import read_statement_folder

    documents = []
    for folder in sorted(CORPUS.iterdir()) if CORPUS.is_dir() else []:
        if not (folder / "gold.txt").exists():
            continue
        try:
            statement = read_statement_folder(folder)
        except ValueError:
            continue  # a translator is still writing this one
        languages, gold = statement.gold
        texts = [[segment.text for segment in statement.versions[code].segments] for code in languages]
        kinds = [[segment.kind for segment in statement.versions[code].segments] for code in languages]
        documents.append((texts, kinds, gold))
    return documents


def test_on_the_corpus_wrong_links_score_lower_than_right_ones():
    documents = _corpus()
    if not documents:
        pytest.skip("no corpus gold files yet")
    right, wrong, pairs = [], [], []
    for texts, kinds, gold in documents:
        predicted = align(texts, kinds=kinds)
        for i, j in combinations(range(len(texts)), 2):
            mine, theirs = project(predicted, i, j), project(gold, i, j)
            pairs.append((mine, theirs))
            expected = {bead.sides for bead in theirs}
            for bead in mine:
                (right if bead.sides in expected else wrong).append(bead.score)
    mean_right = sum(right) / len(right)
    if wrong:
        assert sum(wrong) / len(wrong) < mean_right
    # Links between different statements are wrong by construction.
    mismatched = []
    for (texts, _, _), (other, _, _) in zip(documents, documents[1:] + documents[:1]):
        mismatched += [bead.score for bead in align([texts[0], other[-1]]) if not bead.is_null()]
    assert sum(mismatched) / len(mismatched) < mean_right - 0.2
    assert aggregate(pairs).f1_strict > 0.9
