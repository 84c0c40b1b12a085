import shutil

import pytest
from django.core.management import CommandError, call_command

from alignment.exchange.corpusfiles import CorpusFormatError, read_statement_folder
from alignment.models import AlignmentUnit, Language, Segment, Statement, Version
from alignment.services.corpus import LoadReport, corpus_load, statement_load
from alignment.services.units import invariants_check
from tests.conftest import CORPUS

SLUG = "1990-01-21-supreme-council"
LAST = "2025-01-17-ombudsman-35th-anniversary"


def history_counts() -> tuple[int, ...]:
    return tuple(model.history.count() for model in (Statement, Version, Segment, AlignmentUnit))


def table_counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Statement, Version, Segment, AlignmentUnit))


@pytest.fixture
def corpus_copy(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def test_the_corpus_is_loaded_with_every_version(db):
    assert Statement.objects.count() == 17
    assert Version.objects.count() == 51
    for statement in Statement.objects.all():
        assert sorted(statement.versions.values_list("language__code", flat=True)) == ["az", "en", "ru"]
        invariants_check(statement)
    draft = Version.objects.filter(language__code__in=["az", "ru"])
    assert set(draft.values_list("origin", "status").distinct()) == {("draft", "draft")}
    assert all("nofficial draft" in credit for credit in draft.values_list("translator", flat=True))


def test_a_second_load_changes_nothing(db):
    before = history_counts(), table_counts()
    report = corpus_load(root=CORPUS)
    assert (history_counts(), table_counts()) == before
    assert report.segments_created == report.segments_updated == report.segments_deleted == 0
    assert report.realigned == []


def test_editing_one_segment_in_a_file_updates_only_that_segment(db, corpus_copy):
    path = corpus_copy / SLUG / "en.txt"
    path.write_text(path.read_text().replace("old men and children.", "old men and children (edited)."))
    statement = Statement.objects.get(slug=SLUG)
    revision = statement.alignment_revision
    before = history_counts()
    report = corpus_load(root=corpus_copy)
    assert report.segments_updated == 1 and report.segments_created == 0 and report.realigned == []
    after = history_counts()
    assert after[2] == before[2] + 1 and after[:2] == before[:2] and after[3] == before[3]
    segment = Segment.objects.get(version__statement=statement, version__language__code="en", position=3)
    assert segment.key == "en-4" and segment.text.endswith("(edited).")
    statement.refresh_from_db()
    assert statement.alignment_revision == revision + 1


def test_a_new_paragraph_gets_a_new_key_and_the_rows_are_rebuilt(db, corpus_copy):
    path = corpus_copy / SLUG / "ru.txt"
    text = path.read_text()
    path.write_text(text.replace("\n\n[dateline]\nБаку.", "\n\nДобавленный абзац.\n\n[dateline]\nБаку."))
    (corpus_copy / SLUG / "gold.txt").unlink()
    report = corpus_load(root=corpus_copy)
    assert report.segments_created == 1 and report.realigned == [SLUG]
    statement = Statement.objects.get(slug=SLUG)
    invariants_check(statement)
    keys = list(Segment.objects.filter(version__statement=statement, version__language__code="ru")
                .order_by("position").values_list("key", flat=True))
    assert keys == ["ru-1", "ru-2", "ru-3", "ru-4", "ru-5", "ru-6", "ru-8", "ru-7"]


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: (d / LAST / "gold.txt").write_text("# en az ru\n[0]:[0]:[0]\n"), "gold.txt: text 1: beads cover 1 of 11"),
        (lambda d: (d / LAST / "xx.txt").write_text("title: X\n\nText\n"), "unknown language 'xx'"),
        (lambda d: (d / LAST / "az.txt").write_bytes(b"title: X\n\n\xff\xfe bad"), "az.txt, line 3: not valid UTF-8"),
        (lambda d: (d / LAST / "en.txt").write_text("title: X\nbogus: 1\n\nText\n"), "en.txt, line 2: unknown header key"),
        (lambda d: (d / LAST / "en.txt").write_text("title: X\n\n[verse]\nText\n"), "en.txt, line 3: unknown segment kind"),
        (lambda d: (d / LAST / "statement.json").write_text("{\n  \"title\": 1,\n"), "statement.json, line 3: invalid JSON"),
        (lambda d: (d / LAST / "gold.txt").write_text("# en az ru\n[0]:[0\n"), "gold.txt, line 2: '[0' is not an index list"),
    ],
)
def test_a_bad_file_names_the_problem_and_changes_nothing(db, corpus_copy, damage, message):
    # A valid change in the first folder and damage in the last: a loader that wrote as it
    # went would leave the first change behind.
    path = corpus_copy / SLUG / "en.txt"
    path.write_text(path.read_text().replace("old men and children.", "changed."))
    damage(corpus_copy)
    before = history_counts(), table_counts()
    with pytest.raises(CorpusFormatError, match=message.replace("(", r"\(").replace("[", r"\[")):
        corpus_load(root=corpus_copy)
    assert (history_counts(), table_counts()) == before


def test_load_corpus_command(db, corpus_copy, capsys):
    call_command("load_corpus", str(corpus_copy), "--dry-run")
    assert "[dry run] statements: 0 created" in capsys.readouterr().out
    (corpus_copy / SLUG / "en.txt").write_text("no header here\n")
    with pytest.raises(CommandError, match="en.txt, line 1: expected a header line"):
        call_command("load_corpus", str(corpus_copy))


def test_dry_run_rolls_back(db, corpus_copy):
    path = corpus_copy / SLUG / "en.txt"
    path.write_text(path.read_text().replace("old men and children.", "changed."))
    before = history_counts(), table_counts()
    report = corpus_load(root=corpus_copy, dry_run=True)
    assert report.segments_updated == 1
    assert (history_counts(), table_counts()) == before


def _dump(slug: str) -> list:
    statement = Statement.objects.get(slug=slug)
    segments = Segment.objects.filter(version__statement=statement).order_by("version__language__code", "position")
    return [
        statement.alignment_revision, statement.title, statement.date_issued,
        list(statement.versions.order_by("language__code").values_list(
            "language__code", "title", "origin", "status", "translator", "next_key")),
        list(statement.units.order_by("position").values_list("position", "status", "score", "note")),
        list(segments.values_list("key", "kind", "text", "folded", "unit__position")),
        [model.history.filter(**{lookup: statement}).count() for model, lookup in (
            (Version, "statement"), (AlignmentUnit, "statement"), (Segment, "version__statement"))],
    ]


def test_new_statements_in_bulk_equal_the_one_by_one_path(db, corpus_copy):
    """load_corpus writes statements the database lacks in bulk; the result is what the
    one-by-one path (which updates, and creates when a folder has no reference alignment) builds."""
    bulk = _dump(SLUG)
    Segment.objects.filter(version__statement__slug=SLUG).delete()
    Statement.objects.filter(slug=SLUG).delete()
    report = LoadReport()
    statement_load(read_statement_folder(corpus_copy / SLUG), {lang.code: lang for lang in Language.objects.all()},
                   report)
    assert report.statements_created == 1 and report.realigned == [SLUG]
    assert _dump(SLUG) == bulk


def test_a_bad_new_statement_names_the_folder_and_changes_nothing(db, corpus_copy):
    Segment.objects.filter(version__statement__slug=SLUG).delete()
    Statement.objects.filter(slug=SLUG).delete()
    meta = corpus_copy / SLUG / "statement.json"
    meta.write_text(meta.read_text().replace('"source_url": ""', '"source_url": "not a url"'))
    before = history_counts(), table_counts()
    with pytest.raises(CorpusFormatError, match=rf"^{SLUG}/statement.json: source_url: Enter a valid URL"):
        corpus_load(root=corpus_copy)
    assert (history_counts(), table_counts()) == before
