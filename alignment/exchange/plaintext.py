"""Plain text as translators send it: decoded strictly and split into segments.

Segments are blocks separated by blank lines (the corpus-file convention), or one per
line with ``one_per_line``.  A block whose first line is ``[heading]``, ``[dateline]``,
``[signature]``, ``[note]`` or ``[paragraph]`` has that kind, as in the corpus files;
anything else is a paragraph.  Pure Python: no database, every error names the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alignment.textio import TextDecodeError, decode_utf8, split_blocks

SEGMENT_KINDS = ("heading", "paragraph", "dateline", "signature", "note")
_KIND_LINE = re.compile(r"^\[([a-z_]+)\]$")
# Controls other than tab and newline never belong in a statement's text.
_SPACES = re.compile(r"[ \t]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class PlainTextError(ValueError):
    """Text that cannot be imported; the message names the line."""


@dataclass(frozen=True)
class TextSegment:
    kind: str
    text: str
    line: int


def text_decode(data: bytes | str, name: str = "text") -> str:
    """UTF-8 (a BOM is allowed) with newlines normalised; anything else is refused clearly."""
    if isinstance(data, str):
        text = data
    else:
        try:
            text = decode_utf8(data, name)
        except TextDecodeError as exc:
            raise PlainTextError(f"{exc}; save the file as UTF-8 and import again") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    match = _CONTROL.search(text)
    if match:
        line = text[: match.start()].count("\n") + 1
        raise PlainTextError(f"{name}, line {line}: control character U+{ord(match.group()):04X} in the text")
    return text


def _blocks(text: str, one_per_line: bool) -> list[tuple[int, list[str]]]:
    """Paragraphs (blocks of lines), or every non-blank line on its own; spaces squashed."""
    if one_per_line:
        return [(number, [_squashed(line)]) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    return [(start, [_squashed(line) for line in lines]) for start, lines in split_blocks(text)]


def _squashed(line: str) -> str:
    return _SPACES.sub(" ", line.strip())


def text_segments(data: bytes | str, *, one_per_line: bool = False, name: str = "text") -> list[TextSegment]:
    """Decode ``data`` and split it into segments; empty text is an error."""
    text = text_decode(data, name)
    segments = []
    for start, lines in _blocks(text, one_per_line):
        kind = "paragraph"
        match = _KIND_LINE.match(lines[0])
        if match and not one_per_line:
            kind = match.group(1)
            if kind not in SEGMENT_KINDS:
                raise PlainTextError(f"{name}, line {start}: unknown segment kind [{kind}] "
                                     f"(known: {', '.join(SEGMENT_KINDS)})")
            lines = lines[1:]
            if not lines:
                raise PlainTextError(f"{name}, line {start}: [{kind}] marks an empty segment")
        segments.append(TextSegment(kind=kind, text="\n".join(lines), line=start))
    if not segments:
        raise PlainTextError(f"{name}: the text is empty")
    return segments
