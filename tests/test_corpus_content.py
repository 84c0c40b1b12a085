"""Checks of the translated corpus and its reference alignment (gold.txt)."""

import re
from collections import Counter

import pytest

from alignment.exchange.corpusfiles import read_corpus_dir
from alignment.quality.numbers import number_atoms
from tests.conftest import CORPUS

FOLDERS = read_corpus_dir(CORPUS)


def test_numbers_normalise_the_formats_each_language_uses():
    assert number_atoms("23,000 and 3,410", "en") == number_atoms("23 000 и 3 410", "ru") == {"23000", "3410"}
    assert number_atoms("19.01.2011", "az") == {"19", "M01", "2011"}
    assert number_atoms("January 19-20, 1990", "en") == number_atoms("19–20 января 1990 года", "ru") == {
        "19", "20", "M01", "1990"}
    assert number_atoms("17th", "en") == number_atoms("17-ci", "az") == {"17"}


def test_every_statement_has_english_azerbaijani_and_russian():
    assert len(FOLDERS) == 17
    for folder in FOLDERS:
        assert set(folder.versions) == {"en", "az", "ru"}, folder.slug
        assert folder.versions["en"].header["origin"] == "published"
        for code in ("az", "ru"):
            header = folder.versions[code].header
            assert header["origin"] == "draft" and header["status"] == "draft", (folder.slug, code)
            assert "nofficial draft" in header["credit"]
            assert header["title"] != folder.versions["en"].title


def test_gold_is_a_monotone_partition_of_every_language():
    # read_corpus_dir already refuses a gold file that is not; check the header and coverage here.
    for folder in FOLDERS:
        languages, beads = folder.gold
        assert languages == ["en", "az", "ru"], folder.slug
        for index, code in enumerate(languages):
            covered = [i for bead in beads for i in bead.sides[index]]
            assert covered == list(range(len(folder.versions[code].segments))), (folder.slug, code)


def _texts(folder, bead):
    return {code: " ".join(folder.versions[code].segments[i].text for i in side)
            for code, side in zip(folder.gold[0], bead.sides)}


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.slug)
def test_numbers_agree_across_every_gold_link(folder):
    problems = []
    for number, bead in enumerate(folder.gold[1], 1):
        texts = _texts(folder, bead)
        english = number_atoms(texts["en"], "en")
        for code in ("az", "ru"):
            theirs = number_atoms(texts[code], code)
            if texts[code] and texts["en"] and theirs != english:
                problems.append((number, code, sorted(english ^ theirs)))
    assert not problems


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.slug)
def test_titles_keep_their_numbers(folder):
    english = number_atoms(folder.versions["en"].title, "en")
    assert number_atoms(folder.versions["az"].title, "az") == english
    assert number_atoms(folder.versions["ru"].title, "ru") == english


def test_no_translation_is_a_copy_of_the_english():
    for folder in FOLDERS:
        for bead in folder.gold[1]:
            texts = _texts(folder, bead)
            for code in ("az", "ru"):
                if texts[code] == texts["en"]:
                    assert not re.search(r"[^\W\d_]", texts[code]) or texts[code].startswith("http"), folder.slug


def test_azerbaijani_uses_latin_letters_and_russian_cyrillic():
    for folder in FOLDERS:
        az = " ".join(s.text for s in folder.versions["az"].segments)
        ru = " ".join(s.text for s in folder.versions["ru"].segments)
        assert re.search("[əğış]", az) and not re.search("[а-яА-Я]", az), folder.slug
        assert len(re.findall("[а-яё]", ru.lower())) > 0.8 * len(re.findall(r"[^\W\d_]", ru)), folder.slug


def test_every_link_kind_occurs_in_the_corpus():
    shapes = Counter()
    for folder in FOLDERS:
        for bead in folder.gold[1]:
            for other in (1, 2):
                shapes[(len(bead.sides[0]), len(bead.sides[other]))] += 1
    assert {(1, 1), (2, 1), (1, 2), (1, 0)} <= set(shapes)


def test_segment_kinds_follow_the_english():
    for folder in FOLDERS:
        for bead in folder.gold[1]:
            english = {folder.versions["en"].segments[i].kind for i in bead.sides[0]}
            for index, code in ((1, "az"), (2, "ru")):
                kinds = {folder.versions[code].segments[i].kind for i in bead.sides[index]}
                assert not kinds or kinds <= english, (folder.slug, code, bead)
