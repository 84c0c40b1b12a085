"""generate_corpus: a synthetic corpus shaped like the real one, for the benchmarks."""

import statistics

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from alignment.models import AlignmentUnit, Segment, Statement
from alignment.services.synthetic import CorpusShape, corpus_generate
from alignment.services.units import invariants_check
from alignment.textfold import fold


@pytest.mark.django_db
def test_generated_statements_keep_the_invariants_and_the_real_length_ratios():
    report = corpus_generate(statements=6, languages=["az", "ru", "en"], paragraphs=40, seed=3,
                             corpus_root=settings.WORKBENCH_CORPUS_DIR, prefix="synth")
    statements = list(Statement.objects.filter(slug__startswith="synth-"))
    assert report.statements == len(statements) == 6 and report.units == 240 and report.rows_per_second > 0
    assert report.segments == Segment.objects.filter(version__statement__in=statements).count()
    for statement in statements:
        invariants_check(statement)
        assert statement.published and sorted(statement.versions.values_list("language__code", flat=True)) == [
            "az", "en", "ru"]
    units = AlignmentUnit.objects.filter(statement__in=statements)
    shapes = [tuple(sorted(unit.segments.values_list("version__language__code", flat=True))) for unit in units]
    assert ("az", "en", "en", "ru") in shapes  # English broken mid-paragraph: 2-1
    assert ("az", "en") in shapes  # a line the last language leaves out: 1-0
    ratios = [len(az) / len(en) for az, en in _one_to_one_texts(units, "az")]
    real = CorpusShape.from_corpus(settings.WORKBENCH_CORPUS_DIR).ratios["az"]
    assert abs(statistics.median(ratios) - statistics.median(real)) < 0.15
    assert all(s.folded == fold(s.text) for s in Segment.objects.filter(version__statement__in=statements))


def _one_to_one_texts(units, code):
    for unit in units:
        cells = {}
        for lang, text in unit.segments.values_list("version__language__code", "text"):
            cells.setdefault(lang, []).append(text)
        if len(cells.get(code, [])) == len(cells.get("en", [])) == 1:
            yield cells[code][0], cells["en"][0]


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_corpus():
    texts = []
    for prefix in ("one", "two"):
        corpus_generate(statements=2, languages=["en", "az"], paragraphs=5, seed=9,
                        corpus_root=settings.WORKBENCH_CORPUS_DIR, prefix=prefix)
        texts.append(list(Segment.objects.filter(version__statement__slug__startswith=f"{prefix}-")
                          .order_by("version__statement__slug", "version__language__code", "position")
                          .values_list("key", "text")))
    assert texts[0] == texts[1] and texts[0]


@pytest.mark.django_db
def test_bad_requests_are_refused_and_write_nothing():
    before = Statement.objects.count()
    with pytest.raises(CommandError, match=r"Unknown language code\(s\): xx"):
        call_command("generate_corpus", "--statements", "2", "--languages", "en,xx")
    with pytest.raises(CommandError, match="must include en"):
        call_command("generate_corpus", "--statements", "2", "--languages", "az,ru")
    with pytest.raises(CommandError, match="at least one statement and two paragraphs"):
        call_command("generate_corpus", "--statements", "0")
    assert Statement.objects.count() == before


@pytest.mark.django_db
def test_the_command_reports_its_rate(capsys):
    call_command("generate_corpus", "--statements", "1", "--paragraphs", "3", "--prefix", "cmd")
    assert " rows/s)" in capsys.readouterr().out and Statement.objects.filter(slug__startswith="cmd-").exists()
