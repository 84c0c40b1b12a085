"""What runs after every change of a statement's alignment (kept in one place)."""

from __future__ import annotations

from collections.abc import Sequence

from alignment.models import AlignmentUnit, Statement
from alignment.services.qa import qa_refresh, qa_refresh_many


def after_alignment_change(statement: Statement, unit_ids: Sequence[int] | None = None) -> None:
    """Refresh the QA findings of the rows that changed (all rows when not known);
    a constant number of queries either way."""
    units = None if unit_ids is None else [AlignmentUnit(pk=pk) for pk in unit_ids]  # ids are all qa_refresh reads
    qa_refresh(statement=statement, units=units)


def after_statements_change(statements: Sequence[Statement]) -> None:
    """After an import: refresh the QA findings of every row of these statements, in batches."""
    qa_refresh_many(statements)
