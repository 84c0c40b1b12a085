from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from alignment.models import Statement
from alignment.services.editing import unit_confirm
from alignment.services.units import invariants_check

SLUG = "2011-01-19-ombudsman-21th-anniversary"


def cells(unit):
    return sorted(unit.segments.values_list("key", flat=True))


def test_align_keeps_confirmed_rows_and_scores_the_rest(db, reviewer):
    statement = Statement.objects.get(slug=SLUG)
    unit = statement.units.get(position=10)  # the 2-1 row of a paragraph broken mid-sentence
    unit_confirm(unit=unit, by=reviewer, revision=statement.alignment_revision)
    confirmed = cells(statement.units.get(position=10))
    out = StringIO()
    call_command("align", SLUG, stdout=out)
    assert f"[1/1] {SLUG}" in out.getvalue()
    invariants_check(statement)
    kept = statement.units.get(status="confirmed")
    assert cells(kept) == confirmed and kept.confirmed_by == reviewer
    assert not statement.units.exclude(status="confirmed").filter(score__isnull=True).exists()
    assert statement.operations.filter(kind="realign").count() == 1


def test_align_all_reports_progress(db):
    out = StringIO()
    call_command("align", "--all", stdout=out)
    assert out.getvalue().count("] ") == 17 and "[17/17]" in out.getvalue()
    for statement in Statement.objects.all():
        invariants_check(statement)


@pytest.mark.parametrize("args, message", [
    ([], "Name statements by slug, or use --all"),
    (["no-such-statement"], "Unknown statement"),
    ([SLUG, "--pivot", "de"], "no version in the pivot language 'de'"),
])
def test_align_refuses_bad_arguments(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("align", *args)
