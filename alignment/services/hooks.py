"""What runs after every change of a statement's alignment (kept in one place)."""

from __future__ import annotations

from alignment.models import Statement


def after_alignment_change(statement: Statement) -> None:
    """Refresh the QA findings of the statement's rows."""
    try:
        from alignment.services.qa import qa_refresh
    except ImportError:  # the QA package is optional at this point of the build
        return
    qa_refresh(statement=statement)
