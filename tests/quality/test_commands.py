"""``qa_report`` and ``score_mt`` from the command line."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from alignment.models import QAFinding, Segment
from alignment.services import editing

SACREBLEU = Path(sys.executable).parent / "sacrebleu"
SLUG = "2007-01-19-ombudsman-17th-anniversary"


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_qa_report_text_lists_findings_and_post_editing_effort(corpus_statement, editor):
    segment = Segment.objects.get(version__statement=corpus_statement, version__language__code="ru",
                                  text__contains="свыше 130")
    editing.segment_edit(segment=segment, text=segment.text.replace("свыше 130", "свыше 310"), by=editor, revision=None)
    output = run("qa_report", SLUG)
    assert output.startswith(f"{SLUG}: 1 error, 2 warning")
    assert "numbers" in output and "130 in en, az but not in ru; 310 in ru but not in en, az" in output
    assert "broken_segmentation" in output and "[az-3 en-3 en-4 ru-3]" in output
    assert "post-editing en: chrF++ 100.00, TER 0.00 (0 of 22 segments changed)" in output
    assert f"    {segment.key}: chrF++ " in output
    assert output.rstrip().splitlines()[-2] == "total: 1 error, 2 warning, 0 info"


def test_qa_report_json_for_the_whole_corpus(db):
    data = json.loads(run("qa_report", "--format", "json", "--no-effort"))
    assert len(data["statements"]) == 17
    checks = [f["check"] for s in data["statements"] for f in s["findings"]]
    assert checks.count("numbers") == 0 and checks.count("broken_segmentation") == 4
    first = next(s for s in data["statements"] if s["slug"] == SLUG)["findings"][0]
    assert first == {"row": 3, "check": "broken_segmentation", "severity": "warning", "message": first["message"],
                     "segments": ["az-3", "en-3", "en-4", "ru-3"], "fingerprint": first["fingerprint"]}


def test_qa_report_filters(db):
    data = json.loads(run("qa_report", "--format", "json", "--check", "empty", "--no-effort"))
    assert {f["check"] for s in data["statements"] for f in s["findings"]} == {"empty"}
    data = json.loads(run("qa_report", SLUG, "--format", "json", "--min-severity", "error"))
    assert data["totals"] == {"error": 0, "warning": 0, "info": 0}
    assert [e["language"] for e in data["statements"][0]["post_editing"]] == ["az", "en", "ru"]


def test_qa_report_refuses_an_unknown_statement_and_changes_nothing(db):
    before = list(QAFinding.objects.order_by("pk").values_list("pk", "fingerprint"))
    with pytest.raises(CommandError, match="Unknown statement.*no-such-statement"):
        run("qa_report", SLUG, "no-such-statement")
    assert list(QAFinding.objects.order_by("pk").values_list("pk", "fingerprint")) == before


def test_score_mt_equals_the_sacrebleu_command_line_on_the_same_files(db, tmp_path):
    refs, source = tmp_path / "ref.en.txt", tmp_path / "src.az.txt"
    call_command("score_mt", "--lang", "en", "--write-refs", str(refs), "--source", "az", "--write-source",
                 str(source), stdout=StringIO(), stderr=StringIO())
    assert len(refs.read_text(encoding="utf-8").splitlines()) == 253
    assert len(source.read_text(encoding="utf-8").splitlines()) == 253
    # Scored on two statements to keep the test fast.
    chosen = ["2016-01-15-ombudsman-26th-anniversary", SLUG]
    call_command("score_mt", "--lang", "en", "--statements", *chosen, "--write-refs", str(refs),
                 stdout=StringIO(), stderr=StringIO())
    lines = refs.read_text(encoding="utf-8").splitlines()
    # A crude "system": every reference with its last word dropped and its first word repeated at the end.
    hyp = tmp_path / "hyp.en.txt"
    hyp.write_text("".join(" ".join(line.split()[:-1] + line.split()[:1]) + "\n" for line in lines), encoding="utf-8")
    data = json.loads(run("score_mt", "--lang", "en", "--hyp", str(hyp), "--format", "json", "--statements", *chosen))
    ours = {s["name"]: s for s in data["scores"]}
    cli = subprocess.run([str(SACREBLEU), str(refs), "-i", str(hyp), "-m", "bleu", "chrf", "ter", "--chrf-word-order",
                          "2", "-tok", "intl", "--ter-case-sensitive", "--format", "json", "-w", "4"],
                         capture_output=True, text=True, check=True, timeout=60)
    theirs = {s["name"]: s for s in json.loads(cli.stdout)}
    for name, their_name in (("BLEU", "BLEU"), ("chrF++", "chrF2++"), ("TER", "TER")):
        assert ours[name]["score"] == pytest.approx(theirs[their_name]["score"], abs=1e-4)
        assert ours[name]["signature"] == theirs[their_name]["signature"]
    text = run("score_mt", "--lang", "en", "--hyp", str(hyp), "--statements", *chosen)
    assert text.startswith(f"{len(lines)} rows of 2 statement(s), reference language en")
    assert "chrF++" in text and "nrefs:1|case:mixed|eff:no|tok:intl|smooth:exp" in text


def test_score_mt_refuses_bad_input_clearly(db, tmp_path):
    hyp = tmp_path / "hyp.txt"
    hyp.write_text("one line\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"has 1 lines but the test set has 253 rows"):
        run("score_mt", "--lang", "en", "--hyp", str(hyp))
    with pytest.raises(CommandError, match="No approved 'ru' version"):
        run("score_mt", "--lang", "ru", "--hyp", str(hyp))
    with pytest.raises(CommandError, match="Unknown statement"):
        run("score_mt", "--lang", "en", "--hyp", str(hyp), "--statements", "nope")
    with pytest.raises(CommandError, match="no confirmed rows"):
        run("score_mt", "--lang", "en", "--hyp", str(hyp), "--confirmed-only")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"line one\nline \x00two\n")
    with pytest.raises(CommandError, match=r"binary.txt, line 2: binary data"):
        run("score_mt", "--lang", "en", "--hyp", str(binary))
    with pytest.raises(CommandError, match="--write-source needs --source"):
        run("score_mt", "--lang", "en", "--write-source", str(tmp_path / "x"))
    with pytest.raises(CommandError, match="missing.txt"):
        run("score_mt", "--lang", "en", "--hyp", str(tmp_path / "missing.txt"))


def test_score_mt_confirmed_only_and_one_statement(corpus_statement, editor, tmp_path):
    editing.units_confirm_above(unit=corpus_statement.units.get(position=4), by=editor, revision=None)
    refs = tmp_path / "refs"
    call_command("score_mt", "--lang", "en", "--confirmed-only", "--write-refs", str(refs),
                 stdout=StringIO(), stderr=StringIO())
    lines = refs.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and lines[0].startswith("Statement of the Commissioner")
    data = json.loads(run("score_mt", "--lang", "en", "--hyp", str(refs), "--confirmed-only", "--statements", SLUG,
                          "--case-insensitive", "--format", "json"))
    assert data["rows"] == 5 and data["case_insensitive"] and data["headline"] == "chrF++"
    assert {s["name"]: round(s["score"], 4) for s in data["scores"]} == {"BLEU": 100.0, "chrF++": 100.0, "TER": 0.0}
