"""The data model: languages, statements, their versions and segments, the alignment, QA."""

from .alignment import AlignmentUnit, EditorPreference, Operation
from .corpus import Language, Segment, Statement, Version
from .quality import ProblemReport, QADismissal, QAFinding

__all__ = [
    "AlignmentUnit", "EditorPreference", "Language", "Operation", "ProblemReport", "QADismissal", "QAFinding",
    "Segment", "Statement", "Version",
]
