"""The data model: languages, statements, their versions and segments, and the alignment."""

from .alignment import AlignmentUnit, Operation
from .corpus import Language, Segment, Statement, Version

__all__ = ["AlignmentUnit", "Language", "Operation", "Segment", "Statement", "Version"]
