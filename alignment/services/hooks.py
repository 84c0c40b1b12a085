"""What runs after every change of a statement's alignment (kept in one place)."""

from __future__ import annotations

from collections.abc import Sequence

from alignment.models import AlignmentUnit, Statement
from alignment.services.qa import qa_refresh


def after_alignment_change(statement: Statement, unit_ids: Sequence[int] | None = None) -> None:
    """Refresh the QA findings of the rows that changed (all rows when not known);
    a constant number of queries either way."""
    units = None if unit_ids is None else list(AlignmentUnit.objects.filter(pk__in=unit_ids).only("pk"))
    qa_refresh(statement=statement, units=units)
