"""Importer for the plain-text seed layout the English statements arrive in.

The layout: a ``STATEMENTS`` line, a table of contents of ``- Title (Month D,
YYYY)`` lines, then the statements one after another.  Each statement opens
with its title as in the table of contents (possibly in ``**bold**``, possibly
broken over lines or blocks), followed by paragraphs, signature blocks and
datelines separated by blank lines.  The parser is pure Python: text in,
:class:`SeedStatement` objects out; errors name the line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from alignment.exchange.corpusfiles import (
    SegmentText,
    VersionText,
    write_statement_folder,
)
from alignment.textio import split_blocks

MONTHS = (
    "January February March April May June July August September October November December"
).split()
_DATE = r"(?:%s) \d{1,2}, \d{4}" % "|".join(MONTHS)
_TOC_ENTRY = re.compile(r"^- (?P<title>.+?)\s*\((?P<date>%s)\)\s*$" % _DATE)
_PAREN_DATE = re.compile(r"^\((%s)\)$" % _DATE)
_DATELINE = re.compile(r"^(?:[A-Z][a-z]+\. )?(?:%s|\d{2}\.\d{2}\.\d{4})$" % _DATE)
_URL = re.compile(r"^<?(https?://\S+?)>?$")
_NAME = re.compile(r"^(?:Prof\. )?(?:[A-Z]\.\s?)?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}$")
_AUTHOR = re.compile(r"([A-Z][a-z]+ [A-Z][a-z]+)(?: has (?:issued|made)| made|, a member)")
_ORDINAL = re.compile(r"\b(\d+(?:st|nd|rd|th))\s+anniversary", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;…”\"»)]$")

ISSUERS = (
    (re.compile(r"Supreme Council", re.I), "Presidium of the Supreme Council of the Azerbaijani SSR", "supreme-council"),
    (re.compile(r"Ombuds|Human Rights Commissioner", re.I),
     "Commissioner for Human Rights (Ombudsman) of the Republic of Azerbaijan", "ombudsman"),
    (re.compile(r"Congressman", re.I), "U.S. House of Representatives", "us-congressman"),
)


class SeedFormatError(ValueError):
    """The seed does not follow the layout; the message names the line."""


@dataclass
class SeedStatement:
    title: str
    date_issued: dt.date
    segments: list[SegmentText] = field(default_factory=list)
    line: int = 0
    metadata: dict = field(default_factory=dict)
    slug: str = ""


def _clean(line: str) -> str:
    return line.replace("**", "").strip()


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", _clean(text)).strip().lower()


def _parse_date(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%B %d, %Y").date()


def _read_toc(blocks: list[tuple[int, list[str]]]) -> tuple[list[tuple[str, dt.date, int]], int]:
    if not blocks or _clean(blocks[0][1][0]) != "STATEMENTS":
        line = blocks[0][0] if blocks else 1
        raise SeedFormatError(f"line {line}: the seed must open with a STATEMENTS table of contents")
    entries = []
    index = 1
    while index < len(blocks) and blocks[index][1][0].startswith("- "):
        start, lines = blocks[index]
        for offset, line in enumerate(lines):
            match = _TOC_ENTRY.match(line.strip())
            if not match:
                raise SeedFormatError(
                    f"line {start + offset}: table-of-contents entry without a '(Month D, YYYY)' date"
                )
            entries.append((match["title"], _parse_date(match["date"]), start + offset))
        index += 1
    if not entries:
        raise SeedFormatError(f"line {blocks[0][0]}: the table of contents lists no statements")
    return entries, index


def _match_heading(blocks, start: int, title: str, date: dt.date) -> int:
    """Number of blocks from ``start`` that spell the TOC entry, or 0."""
    target = _norm(f"{title} ({date:%B} {date.day}, {date.year})")
    text = ""
    for count in range(1, 5):
        if start + count > len(blocks):
            return 0
        text = (text + " " + " ".join(blocks[start + count - 1][1])).strip()
        if _norm(text) == target:
            return count
        if not target.startswith(_norm(text)):
            return 0
    return 0


def _heading_segments(blocks) -> list[SegmentText]:
    """The heading, any byline and the parenthesised date of a matched title."""
    lines = [(_clean(line), start) for start, block in blocks for line in block]
    segments = []
    date_text, date_line = lines[-1]
    match = re.match(r"^(.*?)\s*(\((%s)\))$" % _DATE, date_text)
    if match and match.group(1):
        lines[-1] = (match.group(1), date_line)
        lines.append((match.group(2), date_line))
    heading_lines = [lines[0][0]]
    rest = lines[1:]
    # Lines of the first block continue the heading; later blocks are separate segments.
    first_block_len = len(blocks[0][1])
    for text, _ in rest[: first_block_len - 1]:
        if _PAREN_DATE.match(text):
            break
        heading_lines.append(text)
    segments.append(SegmentText("heading", " ".join(heading_lines), lines[0][1]))
    for text, start in lines[len(heading_lines):]:
        kind = "dateline" if _PAREN_DATE.match(text) else "signature"
        segments.append(SegmentText(kind, text, start))
    return segments


def classify_block(lines: list[str]) -> tuple[str, str]:
    """Kind and text of a body block."""
    cleaned = [_clean(line) for line in lines]
    text = "\n".join(cleaned)
    if len(cleaned) == 1:
        only = cleaned[0]
        url = _URL.match(only)
        if url:
            return "note", url.group(1)
        if _DATELINE.match(only):
            return "dateline", only
        if only.isupper() and len(only.split()) <= 3:
            return "note", only
        if _NAME.match(only) and not _SENTENCE_END.search(only):
            return "signature", only
        return "paragraph", only
    if all(len(line) < 80 and not re.search(r"[.!?;:]$", line) for line in cleaned):
        return "signature", text
    return "paragraph", text


def _metadata(statement: SeedStatement) -> dict:
    title = statement.title
    texts = [segment.text for segment in statement.segments]
    body = "\n".join(texts)
    issuer, role = "", "statement"
    for pattern, name, key in ISSUERS:
        if pattern.search(title):
            issuer, role = name, key
            break
    author = ""
    match = _AUTHOR.search(body)
    if match:
        author = match.group(1)
    else:
        signature = next((s.text for s in statement.segments if s.kind == "signature"), "")
        author = re.sub(r"^([A-Z])\.(?=[A-Z])", r"\1. ", signature.split("\n")[0].replace("Prof. ", ""))
    source, source_url = "", ""
    urls = [s.text for s in statement.segments if s.kind == "note" and s.text.startswith("http")]
    if urls:
        source_url = urls[0]
        source = re.sub(r"^https?://(www\.)?", "", source_url).split("/")[0]
    elif "AZERTAC" in body:
        source = "AZERTAC"
    elif re.search(r"\btold APA\b", body):
        source = "APA"
    ordinal = _ORDINAL.search(title) or _ORDINAL.search(body)
    if "Khojaly" in title:
        occasion = "January 20 and Khojaly tragedies"
    elif ordinal and statement.date_issued.year > 1990:
        occasion = f"{ordinal.group(1)} anniversary of the January 20 tragedy"
    else:
        occasion = "Events of 20 January 1990 in Baku"
    notes = []
    paragraphs = [s for s in statement.segments if s.kind == "paragraph"]
    for previous, segment in zip(paragraphs, paragraphs[1:]):
        if segment.text[:1].islower() and _SENTENCE_END.search(previous.text):
            position = statement.segments.index(segment)
            notes.append(
                f"The seed text is visibly incomplete: segment {position} begins in the middle of a "
                f"sentence ({segment.text[:40]!r}...); kept as found."
            )
    slug_tail = role
    if ordinal and statement.date_issued.year > 1990:
        slug_tail += "-" + ordinal.group(1).lower() + "-anniversary"
    elif "Khojaly" in title:
        slug_tail += "-january-20-and-khojaly"
    return {
        "slug": f"{statement.date_issued.isoformat()}-{slug_tail}",
        "title": title,
        "date_issued": statement.date_issued.isoformat(),
        "issuer": issuer,
        "author": author,
        "occasion": occasion,
        "source": source,
        "source_url": source_url,
        "original_language": "en" if role == "us-congressman" else "",
        "published": True,
        "editorial_note": " ".join(notes),
    }


def parse_seed(text: str) -> list[SeedStatement]:
    """Split the seed into statements with kinded segments and derived metadata."""
    blocks = split_blocks(text)
    toc, index = _read_toc(blocks)
    statements: list[SeedStatement] = []
    for number, (title, date, toc_line) in enumerate(toc):
        if index >= len(blocks):
            raise SeedFormatError(f"line {toc_line}: statement {title!r} listed but not found in the body")
        count = _match_heading(blocks, index, title, date)
        if not count:
            where = "the first statement" if number == 0 else "the next statement"
            raise SeedFormatError(
                f"line {blocks[index][0]}: expected the heading of {where} "
                f"({title!r}, listed on line {toc_line}), found {blocks[index][1][0][:60]!r}"
            )
        statement = SeedStatement(title=title, date_issued=date, line=blocks[index][0])
        statement.segments = _heading_segments(blocks[index: index + count])
        index += count
        next_title = toc[number + 1] if number + 1 < len(toc) else None
        while index < len(blocks):
            if next_title and _match_heading(blocks, index, next_title[0], next_title[1]):
                break
            start, lines = blocks[index]
            kind, body = classify_block(lines)
            statement.segments.append(SegmentText(kind, body, start))
            index += 1
        if not any(segment.kind == "paragraph" for segment in statement.segments):
            raise SeedFormatError(f"line {statement.line}: statement {title!r} has no paragraphs")
        statement.metadata = _metadata(statement)
        statement.slug = statement.metadata.pop("slug")
        statements.append(statement)
    seen: dict[str, int] = {}
    for statement in statements:
        # Two statements of one issuer on one day and occasion get -2, -3, ...
        seen[statement.slug] = seen.get(statement.slug, 0) + 1
        if seen[statement.slug] > 1:
            statement.slug += f"-{seen[statement.slug]}"
    return statements


def seed_to_folders(statements: list[SeedStatement]) -> list[tuple[str, dict, VersionText]]:
    """The corpus-folder content for each statement: slug, metadata, English version."""
    result = []
    for statement in statements:
        meta = statement.metadata
        header = {
            "title": statement.title,
            "origin": "published",
            "status": "approved",
            "credit": f"English text as published{' by ' + meta['source'] if meta['source'] else ''}",
            "source_url": meta["source_url"],
        }
        version = VersionText(language="en", header=header, segments=list(statement.segments))
        result.append((statement.slug, meta, version))
    return result


def seed_write_corpus(text: str, root: Path) -> list[str]:
    """Parse the whole seed first (so a bad seed writes nothing), then write each folder.
    Translations and gold files already in a folder are left as they are."""
    folders = seed_to_folders(parse_seed(text))
    for slug, metadata, version in folders:
        write_statement_folder(root / slug, metadata, [version])
    return [slug for slug, _, _ in folders]
