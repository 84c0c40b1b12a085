"""What runs after every change of a statement's alignment (kept in one place)."""

from __future__ import annotations

from alignment.models import Statement
from alignment.services.qa import qa_refresh


def after_alignment_change(statement: Statement) -> None:
    """Refresh the QA findings of the statement's rows (a constant number of queries)."""
    qa_refresh(statement=statement)
