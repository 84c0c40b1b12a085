import json
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from alignment.quality.alignment_eval import evaluate, gold_documents
from tests.conftest import CORPUS, ROOT

TEXTBERG = ROOT.parent / "shared" / "align-dev" / "textberg"


def run(*args) -> str:
    out = StringIO()
    call_command("evaluate_alignment", *args, stdout=out)
    return out.getvalue()


def test_the_corpus_gold_is_found_by_every_pair_and_by_the_n_way_alignment():
    evaluation = evaluate(gold_documents(CORPUS))
    assert evaluation.documents == 17
    assert set(evaluation.pairs) == set(evaluation.projected) == {"en-az", "en-ru", "az-ru"}
    for pair, mode, fig in evaluation.rows():
        assert fig.f1_strict > 0.95, (pair, mode)


def test_a_wrong_gold_lowers_the_scores(tmp_path):
    folder = tmp_path / "one"
    shutil.copytree(CORPUS / "1990-01-21-supreme-council", folder)
    # Claim that English paragraphs 3 and 4 form one link with az/ru 3 and 4 (they do not).
    gold = (folder / "gold.txt").read_text().replace("[3]:[3]:[3]\n[4]:[4]:[4]\n", "[3,4]:[3,4]:[3,4]\n")
    (folder / "gold.txt").write_text(gold)
    figures = {(pair, mode): fig for pair, mode, fig in evaluate(gold_documents(tmp_path)).rows()}
    assert figures[("overall", "pairwise")].f1_strict < 0.9
    assert figures[("overall", "pairwise")].f1_lax == pytest.approx(1.0)


@pytest.mark.skipif(not TEXTBERG.exists(), reason="the Text+Berg development set is not beside the checkout")
def test_the_textberg_dev_set_beats_hunalign_clearly():
    output = json.loads(run("--no-corpus", "--gold-dir", str(TEXTBERG), "--format", "json"))
    overall = next(row for row in output[0]["rows"] if row["pair"] == "overall")
    assert overall["f1_strict"] > 0.85 and overall["f1_lax"] > 0.95


def test_the_command_prints_a_table_and_refuses_bad_folders(tmp_path):
    assert "| overall | n-way |" in run()
    with pytest.raises(CommandError, match="no gold alignments found"):
        run("--no-corpus", "--gold-dir", str(tmp_path))
    (tmp_path / "x.de").write_text("a\nb\n")
    (tmp_path / "x.fr").write_text("a\nb\n")
    (tmp_path / "x.defr").write_text("[0]:[0\n")
    with pytest.raises(CommandError, match="x.defr, line 1"):
        run("--no-corpus", "--gold-dir", str(tmp_path))
    with pytest.raises(CommandError, match="Nothing to evaluate"):
        run("--no-corpus")
