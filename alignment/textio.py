"""Reading text files people hand us: UTF-8 only, with a message that says where it fails.

Pure Python; every importer and the aligner's command line decode through here and wrap
:class:`TextDecodeError` in their own error type.
"""

from __future__ import annotations

import codecs


class TextDecodeError(ValueError):
    """Not UTF-8 text; the message names the file and the line."""


def decode_utf8(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is allowed) and normalise line ends to ``\\n``."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TextDecodeError(f"{name}: the file is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise TextDecodeError(f"{name}, line {line}: binary data (NUL byte), expected UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TextDecodeError(
            f"{name}, line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}: {exc.reason})") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def lines_of(text: str) -> list[str]:
    """The lines of a text; the newline that ends the last line does not make an empty one."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def split_blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blocks of non-blank lines with the 1-based line number each starts on."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
        elif current:
            blocks.append((start, current))
            current = []
    if current:
        blocks.append((start, current))
    return blocks
