"""Command line: ``python -m alignment.aligners A.txt B.txt [C.txt ...]`` prints one bead per line.

Each input holds one segment per line (UTF-8, a BOM is allowed); line N is
segment N-1, so the printed indices are 0-based line numbers, as in Vecalign
and Bertalign gold files.  Binary or empty input is refused with a message
naming the file and exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from alignment.textio import TextDecodeError, decode_utf8, lines_of

from .api import METHODS, align
from .beads import format_bead


class InputError(Exception):
    """An input file that cannot be aligned; the message names the file."""


def read_segments(path: Path) -> list[str]:
    """One segment per line; refuses missing, binary, non-UTF-8 and empty files."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        lines = lines_of(decode_utf8(data, str(path)))
    except TextDecodeError as exc:
        raise InputError(f"{exc}, one segment per line") from None
    if not any(line.strip() for line in lines):
        raise InputError(f"{path}: the file is empty (expected one segment per line)")
    return lines


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m alignment.aligners",
        description="Align two or more texts (one segment per line); print beads like [0,1]:[0]:0.873.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="UTF-8 text, one segment per line")
    parser.add_argument("--method", choices=METHODS, default="default",
                        help="default: length + evidence; gale-church: length only; semantic: needs an embedder")
    parser.add_argument("--max-bead", type=int, default=3, metavar="N", help="most segments per side of a bead")
    parser.add_argument("--pivot", type=int, default=0, metavar="K", help="0-based file the others align to (3+ files)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if len(args.files) < 2:
        parser.error("give at least two files")
    if args.max_bead < 1:
        parser.error("--max-bead must be at least 1")
    if not 0 <= args.pivot < len(args.files):
        parser.error(f"--pivot must be between 0 and {len(args.files) - 1}")
    try:
        texts = [read_segments(path) for path in args.files]
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        beads = align(texts, method=args.method, max_bead=args.max_bead, pivot=args.pivot)
    except LookupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = sys.stdout
    for bead in beads:
        out.write(format_bead(bead) + "\n")
    return 0
