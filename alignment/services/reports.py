"""Problems reported by readers: stored, and the row flagged for reviewers."""

from __future__ import annotations

from django.db import transaction

from alignment.models import ProblemReport, Segment, Statement
from alignment.services.editing import unit_flag


class ReportRefused(ValueError):
    """The report names no row of this statement."""


@transaction.atomic
def problem_report_create(*, statement: Statement, key: str, note: str, client_hash: str = "") -> ProblemReport:
    """Record a reader's report and flag the row it is about (an undoable operation)."""
    segment = (Segment.objects.select_related("unit", "version__statement")
               .filter(version__statement=statement, key=key).first())
    if segment is None or segment.unit is None:
        raise ReportRefused("That row does not exist in this statement.")
    note = note.strip()
    report = ProblemReport(statement=statement, segment_key=key, note=note, client_hash=client_hash)
    report.full_clean()
    report.save()
    unit_flag(unit=segment.unit, note=f"Reader report: {note}", by=None, revision=None)
    return report
