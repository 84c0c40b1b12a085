"""The QA checks on crafted rows, and on the corpus with its gold alignment."""

from collections import Counter

import pytest

from alignment.aligners.lengthmodel import LengthModel
from alignment.exchange.corpusfiles import read_corpus_dir
from alignment.quality import checks
from alignment.quality.checks import (
    ERROR,
    INFO,
    WARNING,
    RowInput,
    Seg,
    row_findings,
    statement_findings,
)
from tests.conftest import CORPUS

MODELS = {("az", "en"): LengthModel(c=1.0, s2=1.5), ("az", "ru"): LengthModel(c=1.0, s2=1.5),
          ("en", "ru"): LengthModel(c=1.0, s2=1.5)}


def row(en="", az="", ru="", **extra) -> RowInput:
    cells = {code: [Seg(f"{code}-{i + 1}", "paragraph", part) for i, part in enumerate(text.split("\n\n")) if part]
             for code, text in (("en", en), ("az", az), ("ru", ru))}
    return RowInput(cells, **extra)


def found(check, item: RowInput, models=MODELS):
    return checks.CHECKS[check](item, models)


def test_a_russian_number_that_differs_from_the_english_is_an_error():
    [finding] = found("numbers", row(en="Over 147 civilians were killed.", az="147-dən çox dinc sakin öldürüldü.",
                                     ru="Были убиты свыше 174 мирных жителей."))
    assert finding.severity == ERROR
    assert "147 in en, az but not in ru" in finding.message and "174 in ru but not in en, az" in finding.message


def test_a_missing_number_is_a_warning_and_formats_do_not_matter():
    [finding] = found("numbers", row(en="On 20 January 1990, 23,000 troops came.", ru="23 000 солдат вошли."))
    assert finding.severity == WARNING and "20, 1990, January in en but not in ru" in finding.message
    assert found("numbers", row(en="On January 19-20, 1990, 23,000 troops", az="1990-cı il yanvarın 19–20-də 23.000",
                                ru="19–20 января 1990 года 23 000 военных")) == []


def test_a_different_month_is_reported():
    [finding] = found("numbers", row(en="On 20 January", ru="20 февраля"))
    assert "January in en" in finding.message and "February in ru" in finding.message


def test_length_ratio_outliers_are_reported_with_their_z():
    normal = row(en="a" * 400, az="b" * 410, ru="c" * 390)
    assert found("length_ratio", normal) == []
    [en_ru] = found("length_ratio", row(en="a" * 400, ru="c" * 150))
    assert en_ru.languages == ("en", "ru") and en_ru.severity == ERROR and "z = -" in en_ru.message
    [mild] = found("length_ratio", row(en="a" * 400, ru="c" * 620))
    assert mild.severity == WARNING


def test_length_models_come_from_the_statement_rows():
    rows = [row(en="a" * n, ru="b" * (2 * n)) for n in range(100, 400, 20)]
    model = checks.length_models(rows)[("en", "ru")]
    assert model.c == pytest.approx(2.0)
    assert all(found("length_ratio", r, {("en", "ru"): model}) == [] for r in rows)


def test_an_empty_cell_is_reported_once_per_row():
    [finding] = found("empty", row(en="Text.", az="Mətn."))
    assert finding.languages == ("ru",) and finding.severity == WARNING
    assert found("empty", row(en="Text.", az="Mətn.", ru="Текст.")) == []


def test_a_copied_text_is_untranslated():
    english = "The Azerbaijani people will never forget this tragedy of January."
    azerbaijani = "Azərbaycan xalqı bu faciəni heç vaxt unutmayacaq."
    [finding] = found("untranslated", row(en=english, az=azerbaijani, ru=english))
    assert finding.languages == ("en", "ru") and finding.severity == ERROR
    assert found("untranslated", row(en="19.01.2011", az="19.01.2011", ru="19.01.2011")) == []
    assert found("untranslated", row(en="E. Suleymanova", az="E. Suleymanova", ru="Э. Сулейманова")) == []


def test_a_cell_in_the_wrong_script_is_untranslated():
    [finding] = found("untranslated", row(en="The statement reads as follows.",
                                          ru="The statement reads, as it follows here."))
    assert finding.languages == ("ru",) and "Cyrillic" in finding.message


def test_broken_segmentation_within_a_row_and_into_the_next_row():
    inside = row(en="Seventeen years have passed since the day which was\n\nthe part of the policy.")
    [finding] = found("broken_segmentation", inside)
    assert finding.subject == "en-1+en-2" and "merge candidate" in finding.message
    across = row(en="which resulted in gross violation of rights, and")
    across.next_segments["en"] = Seg("en-9", "paragraph", "particular gravity among acts of terror.")
    assert [f.subject for f in found("broken_segmentation", across)] == ["en-1+en-9"]
    for ending, start in (("which was.", "the part"), ("which was", "The part"), ("as follows:", "first"),
                          ("«Black January»", "— and")):
        assert found("broken_segmentation", row(ru=f"{ending}\n\n{start}")) == [], (ending, start)


def test_quotes_and_brackets_that_only_some_languages_leave_open():
    [finding] = found("balance", row(en='He said: "We remember.', az="O dedi: “Xatırlayırıq.”",
                                     ru="Он сказал: «Мы помним»."))
    assert finding.languages == ("en",) and "quotation marks" in finding.message
    [bracket] = found("balance", row(en="(January 19, 2007", ru="(19 января 2007 года)"))
    assert "brackets ()" in bracket.message
    # A quotation running over several paragraphs opens in every language: not reported.
    assert found("balance", row(en="The statement reads: “It has been", az="Bəyanatda deyilir: “Artıq",
                                ru="В заявлении говорится: «Прошло")) == []
    # Russian inner quotes „…“ close with “.
    assert found("balance", row(en="the “January 20 Martyrs” title", ru="звание «„Шехид 20 Января“»")) == []


def test_a_large_bead_deserves_a_look():
    [finding] = found("large_bead", row(en="A.\n\nB.\n\nC.", ru="АБВ."))
    assert finding.severity == INFO and finding.languages == ("en",)
    assert found("large_bead", row(en="A.\n\nB.", ru="АБ.")) == []


def test_low_confidence_and_flagged_rows_join_the_queue():
    assert [f.check for f in row_findings(row(en="A.", az="A.", ru="А.", score=0.31), MODELS)] == ["low_confidence"]
    assert row_findings(row(en="A.", az="A.", ru="А.", score=0.31, status="confirmed"), MODELS) == []
    [flag] = found("flagged", row(en="A.", ru="А.", status="flagged", note="wrong row"))
    assert "wrong row" in flag.message


def _gold_rows(folder) -> list[RowInput]:
    languages, beads = folder.gold
    rows = [RowInput({code: [Seg(f"{code}-{i + 1}", folder.versions[code].segments[i].kind,
                                 folder.versions[code].segments[i].text) for i in side]
                      for code, side in zip(languages, bead.sides)}) for bead in beads]
    for index, item in enumerate(rows):
        for code in languages:
            item.next_segments[code] = next((later.cells[code][0] for later in rows[index + 1:] if later.cells[code]),
                                            None)
    return rows


GOLD = {folder.slug: statement_findings(_gold_rows(folder)) for folder in read_corpus_dir(CORPUS)}


def test_the_gold_alignment_has_no_number_findings():
    assert [(slug, f.message) for slug, rows in GOLD.items() for fs in rows for f in fs if f.check == "numbers"] == []


def test_the_known_broken_english_paragraphs_are_merge_candidates():
    broken = {(slug, f.subject) for slug, rows in GOLD.items() for fs in rows for f in fs
              if f.check == "broken_segmentation"}
    assert broken == {
        ("2007-01-19-ombudsman-17th-anniversary", "en-3+en-4"),
        ("2007-01-19-ombudsman-17th-anniversary", "en-18+en-19"),
        ("2017-01-12-ombudsman-27th-anniversary", "en-13+en-14"),
        ("2019-01-11-ombudsman-29th-anniversary", "en-10+en-11"),
    }


def test_the_gold_alignment_gives_few_findings_of_the_other_checks():
    counts = Counter(f.check for rows in GOLD.values() for fs in rows for f in fs)
    assert counts["length_ratio"] <= 2  # one of 754 language pairs of rows has |z| > 3
    assert counts["balance"] == counts["untranslated"] == counts["large_bead"] == 0
    assert counts["empty"] == 2  # the English-only source URL and the missing Russian credit line
