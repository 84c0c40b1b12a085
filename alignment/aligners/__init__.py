"""Automatic alignment of translations: lists of segments in, beads out (no Django here).

``align(texts)`` aligns two or more texts; ``evaluate`` scores beads against
a gold alignment; ``python -m alignment.aligners A.txt B.txt`` is the
command-line tool.
"""

from .api import METHODS, align
from .beads import (
    Bead,
    BeadFormatError,
    check_partition,
    format_bead,
    parse_bead,
    read_beads,
)
from .evaluate import Counts, Figures, aggregate, figures, project, score
from .semantic import Embedder, available_embedders, get_embedder, register_embedder

__all__ = [
    "METHODS", "align", "Bead", "BeadFormatError", "check_partition", "format_bead", "parse_bead",
    "read_beads", "Counts", "Figures", "aggregate", "figures", "project", "score", "Embedder",
    "available_embedders", "get_embedder", "register_embedder",
]
