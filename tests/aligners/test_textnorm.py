"""Translation-invariant keys: numbers, transliteration, cognates."""

import pytest

from alignment.aligners.evidence import build_evidence, segment_keys
from alignment.aligners.textnorm import looks_azerbaijani, numbers, skeleton, to_ascii


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,000 people", ["1000"]), ("1 000 people", ["1000"]), ("1.000 Leute", ["1000"]),
        ("1'000 m", ["1000"]), ("3,5 km and 3.5 km", ["3.5", "3.5"]), ("January 19-20, 1990", ["19", "20", "1990"]),
        ("1990–1992", ["1990", "1992"]), ("26th, 26-cı, 26-й", ["26", "26", "26"]), ("S. 161-177", ["161", "177"]),
        ("no digits", []),
    ],
)
def test_numbers_are_normalised(text, expected):
    assert numbers(text) == expected


def test_names_match_across_scripts():
    def stem(word, az=False):
        return skeleton(to_ascii(word, azerbaijani=az))[:5]

    assert stem("Azerbaijan") == stem("Азербайджан") == stem("Azərbaycan", az=True)
    assert stem("Khojaly") == stem("Ходжалы") == stem("Xocalı", az=True)
    assert stem("Suleymanova") == stem("Сулейманова") == stem("Süleymanova", az=True)
    assert stem("Himalaya") == stem("himalayens")


def test_azerbaijani_is_recognised_by_its_letters():
    assert looks_azerbaijani("Azərbaycan Respublikasının İnsan Hüquqları üzrə Müvəkkili bəyanat yayıb")
    assert not looks_azerbaijani("The Ombudsman of the Republic of Azerbaijan issued a statement")


def test_segment_keys_hold_numbers_punctuation_and_stems():
    keys = segment_keys("«Why?» asked Elmira Suleymanova on 20 January 1990.")
    assert {"#20", "#1990", "p?", 'p"', "welmir", "wsulei"} <= keys


def test_only_shared_keys_are_weighted_and_rare_ones_weigh_more():
    model = build_evidence([["Baku 1990", "Baku and Ganja", "Baku"], ["Баку 1990", "Баку", "Гянджа"]])
    first, second = model.texts[0].keys[0], model.texts[1].keys[0]
    assert model.matched(first, second) == model.total(first) > 0
    assert model.total(model.texts[0].keys[2]) < model.total(first)  # "Baku" alone: a frequent key
