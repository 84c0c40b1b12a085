"""Bitext export: line N of every file is row N; rows with a missing side skipped or kept empty."""

import pytest
from django.core.management import CommandError, call_command

from alignment.exchange.bitext import bitext_rows, bitext_write, line_text
from alignment.exchange.tmx import aligned_statements, cell_text
from alignment.models import Segment
from alignment.selectors import statement_aligned, statement_versions


def _lines(path) -> list[str]:
    data = path.read_bytes().decode("utf-8")  # strict: the files must be UTF-8
    assert data.endswith("\n") or data == ""
    lines = data.split("\n")[:-1]
    assert lines == data.splitlines()  # no hidden line breaks (U+2028, \r, \x85...) inside a line
    return lines


def test_line_text_folds_every_kind_of_line_break():
    assert line_text("a\nb\r\nc\u2028d\x85e\tf  g\u00a0h ") == "a b c d e f g\u00a0h"


def test_lines_are_rows_and_incomplete_rows_are_skipped(corpus_statement, tmp_path):
    az = corpus_statement.versions.get(language__code="az")
    # Make an omission: the last az segment moves to a row of its own.
    last = az.segments.order_by("-position").first()
    unit = corpus_statement.units.create(position=corpus_statement.units.count())
    Segment.objects.filter(pk=last.pk).update(unit=unit)
    aligned = statement_aligned(corpus_statement, statement_versions(corpus_statement, ["az", "en"]))
    complete = [row for row in aligned.rows if all(row.cells.get(v.pk) for v in aligned.versions)]
    missing = len(aligned.rows) - len(complete)
    assert missing >= 1 and aligned.rows[-1] not in complete

    report = bitext_write(tmp_path, [aligned], langs=["az", "en"])
    az_lines, en_lines = _lines(tmp_path / "corpus.az"), _lines(tmp_path / "corpus.en")
    assert (report.lines, report.skipped) == (len(complete), missing)
    assert len(az_lines) == len(en_lines) == len(complete)
    for n, row in enumerate(complete):
        assert az_lines[n] == line_text(cell_text(row.cell(aligned.versions[0])))
        assert en_lines[n] == line_text(cell_text(row.cell(aligned.versions[1])))
    assert "Ombudsman" in en_lines[0]

    kept = bitext_write(tmp_path / "kept", [aligned], langs=["az", "en"], keep_empty=True, prefix="train")
    az_kept, en_kept = _lines(tmp_path / "kept" / "train.az"), _lines(tmp_path / "kept" / "train.en")
    assert len(az_kept) == len(en_kept) == len(aligned.rows) == kept.lines
    assert az_kept[-1] == line_text(last.text) and en_kept[-1] == ""


def test_confirmed_only(corpus_statement):
    first = corpus_statement.units.order_by("position").first()
    first.status = "confirmed"
    first.save()
    rows = list(bitext_rows(aligned_statements([corpus_statement.slug], langs=["en", "ru"]), ["en", "ru"],
                            confirmed_only=True))
    assert len(rows) == 1 and rows[0][0] == line_text(first.segments.get(version__language__code="en").text)


def test_command_over_the_corpus(db, tmp_path, capsys):
    call_command("export_bitext", "--langs", "AZ,en-US", "-o", str(tmp_path))
    az, en = _lines(tmp_path / "corpus.az"), _lines(tmp_path / "corpus.en")
    expected = sum(1 for aligned in aligned_statements(langs=["az", "en"]) for row in aligned.rows
                   if all(row.cells.get(v.pk) for v in aligned.versions))
    assert len(az) == len(en) == expected > 200
    assert all(az) and all(en)
    assert capsys.readouterr().out.startswith(f"{len(az)} lines in {tmp_path}/corpus.az, {tmp_path}/corpus.en")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.az", "corpus.en"]


@pytest.mark.parametrize("args, message", [
    (["--langs", "az"], "a bitext needs two or more languages"),
    (["--langs", "az,xx"], "unknown language code 'xx'"),
    (["--langs", "az,az-AZ"], "language 'az' is given twice"),
    (["nope", "--langs", "az,en"], "no statement with the slug nope"),
    (["x", "--all", "--langs", "az,en"], "give slugs or --all, not both"),
])
def test_command_errors_write_nothing(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_bitext", *args, "-o", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()
