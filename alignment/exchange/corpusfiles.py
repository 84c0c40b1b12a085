"""The human-editable corpus layout under ``fixtures/corpus/<slug>/``.

``statement.json`` holds the statement's metadata.  Each ``<lang>.txt`` holds
one version: a header block of ``key: value`` lines (``title`` is required),
then one segment per block, blocks separated by a blank line.  A block whose
first line is ``[heading]``, ``[dateline]``, ``[signature]``, ``[note]`` or
``[paragraph]`` has that kind; any other block is a paragraph.  ``gold.txt``
holds the reference alignment: a ``# en az ru`` header, then one bead per line.

Parsing is pure Python so it can be tested without a database; every error
names the file and line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from alignment.aligners.beads import (
    Bead,
    BeadFormatError,
    check_partition,
    format_bead,
    read_beads,
)
from alignment.textio import TextDecodeError, decode_utf8, split_blocks

SEGMENT_KINDS = ("heading", "paragraph", "dateline", "signature", "note")
HEADER_KEYS = ("title", "origin", "status", "credit", "source_url")
STATEMENT_KEYS = (
    "title", "date_issued", "issuer", "author", "occasion", "source", "source_url",
    "original_language", "published", "editorial_note",
)
_KIND_LINE = re.compile(r"^\[([a-z_]+)\]$")
_HEADER_LINE = re.compile(r"^([a-z_]+):\s*(.*)$")
_LANG_FILE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class CorpusFormatError(ValueError):
    """A corpus file that cannot be read; the message names file and line."""


@dataclass
class SegmentText:
    kind: str
    text: str
    line: int = 0


@dataclass
class VersionText:
    language: str
    header: dict[str, str]
    segments: list[SegmentText] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.header["title"]


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is allowed), refusing binary data with a clear message."""
    try:
        return decode_utf8(data, name)
    except TextDecodeError as exc:
        raise CorpusFormatError(str(exc)) from None


def parse_version_text(text: str, *, language: str, name: str = "") -> VersionText:
    name = name or f"{language}.txt"
    blocks = split_blocks(text)
    if not blocks:
        raise CorpusFormatError(f"{name}: the file is empty")
    header_line, header_lines = blocks[0]
    header: dict[str, str] = {}
    for offset, line in enumerate(header_lines):
        match = _HEADER_LINE.match(line)
        where = f"{name}, line {header_line + offset}"
        if not match:
            raise CorpusFormatError(f"{where}: expected a header line 'key: value' (title, origin, ...)")
        key, value = match.groups()
        if key not in HEADER_KEYS:
            raise CorpusFormatError(f"{where}: unknown header key {key!r} (known: {', '.join(HEADER_KEYS)})")
        if key in header:
            raise CorpusFormatError(f"{where}: header key {key!r} given twice")
        header[key] = value.strip()
    if not header.get("title"):
        raise CorpusFormatError(f"{name}, line {header_line}: the header needs a non-empty 'title'")
    segments = []
    for start, lines in blocks[1:]:
        kind = "paragraph"
        match = _KIND_LINE.match(lines[0].strip())
        if match:
            kind = match.group(1)
            if kind not in SEGMENT_KINDS:
                raise CorpusFormatError(
                    f"{name}, line {start}: unknown segment kind [{kind}] (known: {', '.join(SEGMENT_KINDS)})"
                )
            lines = lines[1:]
            if not lines:
                raise CorpusFormatError(f"{name}, line {start}: [{kind}] marks an empty segment")
        segments.append(SegmentText(kind=kind, text="\n".join(line.strip() for line in lines), line=start))
    if not segments:
        raise CorpusFormatError(f"{name}: no segments after the header")
    return VersionText(language=language, header=header, segments=segments)


def format_version_text(version: VersionText) -> str:
    header = [f"{key}: {version.header[key]}" for key in HEADER_KEYS if version.header.get(key)]
    blocks = ["\n".join(header)]
    for segment in version.segments:
        prefix = "" if segment.kind == "paragraph" else f"[{segment.kind}]\n"
        blocks.append(prefix + segment.text)
    return "\n\n".join(blocks) + "\n"


def parse_gold(text: str, *, name: str = "gold.txt") -> tuple[list[str], list[Bead]]:
    """Return the header's language codes and the beads of a gold file."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].startswith("#"):
        raise CorpusFormatError(f"{name}, line 1: expected a header like '# en az ru'")
    languages = lines[first].lstrip("#").split()
    if len(languages) < 2 or len(set(languages)) != len(languages):
        raise CorpusFormatError(f"{name}, line {first + 1}: the header must name two or more distinct languages")
    body = ["" if i <= first else line for i, line in enumerate(lines)]
    try:
        beads = read_beads(body, arity=len(languages), source=f"{name}, ")
    except BeadFormatError as exc:
        raise CorpusFormatError(str(exc)) from None
    return languages, beads


def format_gold(languages: list[str], beads: list[Bead]) -> str:
    return "# " + " ".join(languages) + "\n" + "".join(format_bead(b, with_score=False) + "\n" for b in beads)


@dataclass
class StatementFolder:
    slug: str
    metadata: dict
    versions: dict[str, VersionText]
    gold: tuple[list[str], list[Bead]] | None


def read_statement_folder(folder: Path) -> StatementFolder:
    """Read and cross-check one statement folder (metadata, versions, gold)."""
    meta_path = folder / "statement.json"
    if not meta_path.exists():
        raise CorpusFormatError(f"{folder}: missing statement.json")
    try:
        metadata = json.loads(decode_text(meta_path.read_bytes(), str(meta_path)))
    except json.JSONDecodeError as exc:
        raise CorpusFormatError(f"{meta_path}, line {exc.lineno}: invalid JSON ({exc.msg})") from None
    if not isinstance(metadata, dict):
        raise CorpusFormatError(f"{meta_path}: expected a JSON object")
    unknown = sorted(set(metadata) - set(STATEMENT_KEYS))
    if unknown:
        raise CorpusFormatError(f"{meta_path}: unknown keys {', '.join(unknown)}")
    for required in ("title", "date_issued"):
        if not metadata.get(required):
            raise CorpusFormatError(f"{meta_path}: {required!r} is required")
    versions = {}
    for path in sorted(folder.glob("*.txt")):
        if path.stem == "gold":
            continue
        if not _LANG_FILE.match(path.stem):
            raise CorpusFormatError(f"{path}: file name is not a language code (like en.txt, az-Cyrl.txt)")
        versions[path.stem] = parse_version_text(
            decode_text(path.read_bytes(), str(path)), language=path.stem, name=str(path)
        )
    if not versions:
        raise CorpusFormatError(f"{folder}: no version files (<lang>.txt)")
    gold = None
    gold_path = folder / "gold.txt"
    if gold_path.exists():
        languages, beads = parse_gold(decode_text(gold_path.read_bytes(), str(gold_path)), name=str(gold_path))
        missing = [code for code in languages if code not in versions]
        if missing:
            raise CorpusFormatError(f"{gold_path}: no version file for {', '.join(missing)}")
        try:
            check_partition(beads, [len(versions[code].segments) for code in languages])
        except ValueError as exc:
            raise CorpusFormatError(f"{gold_path}: {exc}") from None
        gold = (languages, beads)
    return StatementFolder(slug=folder.name, metadata=metadata, versions=versions, gold=gold)


def read_corpus_dir(root: Path) -> list[StatementFolder]:
    if not root.is_dir():
        raise CorpusFormatError(f"{root}: not a directory")
    folders = [path for path in sorted(root.iterdir()) if path.is_dir()]
    if not folders:
        raise CorpusFormatError(f"{root}: no statement folders")
    return [read_statement_folder(path) for path in folders]


def write_statement_folder(folder: Path, metadata: dict, versions: list[VersionText]) -> list[Path]:
    """Write statement.json and the given versions; other files in the folder are kept."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "statement.json"]
    ordered = {key: metadata.get(key, "") for key in STATEMENT_KEYS}
    written[0].write_text(json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for version in versions:
        path = folder / f"{version.language}.txt"
        path.write_text(format_version_text(version), encoding="utf-8")
        written.append(path)
    return written
