"""align(): monotone partitions, the expected beads on edited texts, scores that mean something."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment.aligners import align, check_partition, project

from .helpers import links, sample, statement

segment_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
segment_lists = st.lists(segment_text, min_size=0, max_size=25)


@settings(max_examples=60, deadline=None)
@given(segment_lists, segment_lists, st.sampled_from(["default", "gale-church"]), st.integers(1, 4))
def test_any_two_texts_give_a_monotone_partition(a, b, method, max_bead):
    if not a and not b:
        a = ["x"]
    beads = align([a, b], method=method, max_bead=max_bead)
    check_partition(beads, [len(a), len(b)])
    assert all(0.0 <= bead.score <= 1.0 for bead in beads)
    assert all(max(len(side) for side in bead.sides) <= max(max_bead, 1) for bead in beads)


@settings(max_examples=30, deadline=None)
@given(st.lists(segment_lists, min_size=3, max_size=4), st.data())
def test_nway_gives_a_monotone_partition_of_every_text(texts, data):
    if not any(texts):
        texts[0] = ["x"]
    pivot = data.draw(st.integers(0, len(texts) - 1))
    beads = align(texts, pivot=pivot)
    check_partition(beads, [len(text) for text in texts])
    assert all(bead.arity == len(texts) and 0.0 <= bead.score <= 1.0 for bead in beads)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_identical_texts_give_only_one_to_one_beads(language):
    text = sample(language)
    beads = align([text, list(text)])
    assert [bead.sides for bead in beads] == [((i,), (i,)) for i in range(len(text))]


def test_translations_of_parallel_paragraphs_are_one_to_one():
    en, az, ru = sample("en"), sample("az"), sample("ru")
    assert links(align([en, ru])) == {((i,), (i,)) for i in range(len(en))}
    assert links(align([az, en])) == {((i,), (i,)) for i in range(len(en))}


@pytest.mark.parametrize("deleted", [2, 4, 7])
def test_a_deleted_paragraph_gives_a_one_to_zero_bead_in_its_place(deleted):
    en, ru = sample("en"), sample("ru")
    shorter = ru[:deleted] + ru[deleted + 1:]
    beads = align([en, shorter])
    assert ((deleted,), ()) in links(beads)
    assert ((deleted - 1,), (deleted - 1,)) in links(beads)
    assert ((deleted + 1,), (deleted,)) in links(beads)


def test_a_paragraph_split_in_two_gives_a_one_to_two_bead():
    en, ru = sample("en"), sample("ru")
    first, second = ru[3].split(". ", 1)
    split = ru[:3] + [first + ".", second] + ru[4:]
    beads = align([en, split])
    assert ((3,), (3, 4)) in links(beads)
    assert ((4,), (5,)) in links(beads)


def test_shuffled_texts_do_not_crash_and_score_low():
    en, ru = sample("en"), sample("ru")
    aligned = align([en, ru])
    shuffled = list(ru)
    random.Random(3).shuffle(shuffled)
    scrambled = align([en, shuffled])
    check_partition(scrambled, [len(en), len(ru)])
    mean = sum(bead.score for bead in scrambled) / len(scrambled)
    assert mean < 0.5
    assert mean < sum(bead.score for bead in aligned) / len(aligned) - 0.3


def test_unrelated_texts_score_lower_than_translations():
    en = sample("en")
    unrelated = [f"Item {k}: the weather was mild and nothing else happened that week." for k in range(9)]
    right = align([en, sample("az")])
    wrong = align([en, unrelated])
    assert max(bead.score for bead in wrong) < min(bead.score for bead in right)


def test_three_languages_align_row_by_row_with_kinds():
    texts, kinds, gold = statement()
    beads = align(texts, kinds=kinds)
    check_partition(beads, [len(text) for text in texts])
    for i, j in ((0, 1), (0, 2), (1, 2)):
        predicted = links(project(beads, i, j))
        expected = links(project(gold, i, j))
        assert len(predicted & expected) >= len(expected) - 2


def test_kinds_keep_a_heading_apart_from_a_paragraph():
    heading = "Statement of the Ombudsman"
    a = [heading, "The Ombudsman spoke about the anniversary of the tragedy."]
    b = ["Омбудсмен", "Заявление омбудсмена", "Омбудсмен говорила о годовщине трагедии."]
    kinds = [["heading", "paragraph"], ["note", "heading", "paragraph"]]
    beads = align([a, b], kinds=kinds)
    assert ((0,), (1,)) in links(beads)
    assert ((), (0,)) in links(beads)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        align([["a"]])
    with pytest.raises(ValueError):
        align([["a"], ["b"]], method="nope")
    with pytest.raises(ValueError):
        align([["a"], ["b"]], kinds=[["paragraph"]])
    with pytest.raises(ValueError):
        align([["a"], ["b"]], max_bead=0)
