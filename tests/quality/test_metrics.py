"""Our sacrebleu figures equal sacrebleu's own command-line output on the same files."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from alignment.quality.metrics import (
    corpus_distance,
    corpus_scores,
    prepare,
    sentence_distance,
)

DATA = Path(__file__).parent / "data"
SACREBLEU = Path(sys.executable).parent / "sacrebleu"


def cli(*args: str) -> str:
    done = subprocess.run([str(SACREBLEU), *args], capture_output=True, text=True, check=True, timeout=60)
    return done.stdout


def lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_corpus_scores_equal_the_command_line(lang):
    ref, hyp = DATA / f"ref.{lang}.txt", DATA / f"hyp.{lang}.txt"
    output = cli(str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter", "--chrf-word-order", "2", "-tok", "intl",
                 "--ter-case-sensitive", "--format", "json", "-w", "4")
    expected = {entry["name"]: entry for entry in json.loads(output)}
    ours = {score.name: score for score in corpus_scores(lines(hyp.name), lines(ref.name), lang=lang)}
    for name, theirs in (("BLEU", "BLEU"), ("chrF++", "chrF2++"), ("TER", "TER")):
        assert ours[name].score == pytest.approx(expected[theirs]["score"], abs=1e-4), name
        assert ours[name].signature == expected[theirs]["signature"], name
    assert 0 < ours["BLEU"].score < ours["chrF++"].score < 100


def _sentence_cli(metric: str, ref: Path, hyp: Path, *options: str) -> list[float]:
    output = cli(str(ref), "-i", str(hyp), "-m", metric, "-sl", "-w", "4", *options)
    return [float(line.rsplit("=", 1)[1]) for line in output.splitlines() if "=" in line]


def test_post_editing_distances_equal_the_command_line(tmp_path):
    # Post-editing: the first text is the hypothesis, the current text the reference.
    first, current = lines("hyp.az.txt"), lines("ref.az.txt")
    chrf = _sentence_cli("chrf", DATA / "ref.az.txt", DATA / "hyp.az.txt", "--chrf-word-order", "2")
    ter = _sentence_cli("ter", DATA / "ref.az.txt", DATA / "hyp.az.txt", "--ter-case-sensitive")
    for index, (hyp, ref) in enumerate(zip(first, current)):
        distance = sentence_distance(hyp, ref)
        assert distance.chrf == pytest.approx(chrf[index], abs=1e-4)
        assert distance.ter == pytest.approx(ter[index], abs=1e-4)
    total, chrf_signature, ter_signature = corpus_distance(list(zip(first, current)))
    output = json.loads(cli(str(DATA / "ref.az.txt"), "-i", str(DATA / "hyp.az.txt"), "-m", "chrf", "ter",
                            "--chrf-word-order", "2", "--ter-case-sensitive", "--format", "json", "-w", "4"))
    assert total.chrf == pytest.approx(output[0]["score"], abs=1e-4)
    assert total.ter == pytest.approx(output[1]["score"], abs=1e-4)
    assert (chrf_signature, ter_signature) == (output[0]["signature"], output[1]["signature"])


def test_identical_texts_are_untouched():
    assert sentence_distance("Eyni mətn.", "Eyni  mətn.") == sentence_distance("a", "a")
    assert sentence_distance("a", "a").chrf == 100.0 and sentence_distance("a", "a").ter == 0.0


def test_case_folding_keeps_azerbaijani_dotted_and_dotless_i_apart(tmp_path):
    hyp, ref = ["İLHAM ƏLİYEV İSTANBULA GETDİ"], ["ilham əliyev istanbula getdi"]
    folded = {s.name: s.score for s in corpus_scores(hyp, ref, lang="az", case_insensitive=True)}
    assert folded["chrF++"] == 100.0 and folded["TER"] == 0.0
    # sacrebleu's own lowercasing uses str.lower: İ becomes "i̇" and no longer matches i.
    (tmp_path / "hyp").write_text(hyp[0] + "\n", encoding="utf-8")
    (tmp_path / "ref").write_text(ref[0] + "\n", encoding="utf-8")
    python_lower = json.loads(cli(str(tmp_path / "ref"), "-i", str(tmp_path / "hyp"), "-m", "chrf",
                                  "--chrf-lowercase", "--format", "json", "-w", "4"))
    assert python_lower["score"] < 90
    assert prepare(["ISTANBUL"], "az", case_insensitive=True) == ["ıstanbul"]
    assert prepare(["ISTANBUL"], "en", case_insensitive=True) == ["istanbul"]


def test_a_line_count_mismatch_is_an_error():
    with pytest.raises(ValueError, match="5 hypothesis lines for 6 references"):
        corpus_scores(lines("hyp.ru.txt")[:5], lines("ref.ru.txt"), lang="ru")
