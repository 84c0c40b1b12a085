"""The workbench's TEI P5 profile: names, the xml:id scheme and the plain records the
reader produces (the writer reads model objects; both share what is defined here).

The id scheme makes every id unique in a whole ``teiCorpus``: ids are
``s<slug>.<local>`` where ``s`` makes the slug (which may start with a digit) an NCName
and ``.`` separates it from the local part, since neither slugs nor segment keys contain
dots.  A segment's local part is its key (``en-3``); other local parts contain a dot
(``text.en``, ``row.4``, ``join.4.en``) so they can never be mistaken for a key.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
TEI_CONTENT_TYPE = "application/tei+xml; charset=utf-8"  # RFC 6129
PROFILE_PATH = Path(__file__).resolve().parent / "schemas" / "workbench-tei.rng"

# Segment kinds and the TEI elements that carry them (both directions).
KIND_ELEMENTS = {"heading": "head", "paragraph": "p", "dateline": "dateline", "signature": "signed", "note": "note"}
ELEMENT_KINDS = {element: kind for kind, element in KIND_ELEMENTS.items()}
ROW_STATUSES = ("auto", "confirmed", "flagged")
VERSION_ORIGINS = ("published", "draft", "machine")
VERSION_STATUSES = ("draft", "in_review", "approved")

KEY_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9-]*-\d+$")  # as Segment.key's validator
SLUG_PATTERN = re.compile(r"^[-a-zA-Z0-9_]+$")  # as SlugField's validator


def tei(tag: str) -> str:
    """The Clark name of a TEI element."""
    return f"{{{TEI_NS}}}{tag}"


def id_prefix(slug: str) -> str:
    return f"s{slug}"


def segment_id(slug: str, key: str) -> str:
    return f"{id_prefix(slug)}.{key}"


def text_id(slug: str, code: str) -> str:
    return f"{id_prefix(slug)}.text.{code}"


def row_id(slug: str, number: int) -> str:
    return f"{id_prefix(slug)}.row.{number}"


def join_id(slug: str, number: int, code: str) -> str:
    return f"{id_prefix(slug)}.join.{number}.{code}"


def key_from_id(xml_id: str) -> str | None:
    """The segment key an id carries (``s<slug>.en-3`` -> ``en-3``), or None if it carries none."""
    _, dot, local = xml_id.partition(".")
    return local if dot and KEY_PATTERN.match(local) else None


def utc_stamp(moment: dt.datetime) -> str:
    """A timestamp as TEI ``@when`` (UTC, whole seconds): what the import restores exactly."""
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class TeiFormatError(ValueError):
    """A TEI document the workbench cannot import; the message names the file and line."""


@dataclass
class TeiSegment:
    key: str
    kind: str
    text: str
    line: int


@dataclass
class TeiVersion:
    language: str
    title: str
    origin: str
    status: str
    translator: str = ""
    source_url: str = ""
    approved_at: dt.datetime | None = None
    segments: list[TeiSegment] = field(default_factory=list)
    line: int = 0


@dataclass
class TeiRow:
    """One row: segment keys per language code, in text order."""

    members: dict[str, list[str]]
    status: str = "auto"
    score: float | None = None
    note: str = ""
    confirmed_at: dt.datetime | None = None
    line: int = 0


@dataclass
class TeiStatement:
    slug: str
    title: str
    date_issued: dt.date
    issuer: str = ""
    author: str = ""
    occasion: str = ""
    source: str = ""
    source_url: str = ""
    original_language: str = ""
    published: bool = False
    editorial_note: str = ""
    versions: list[TeiVersion] = field(default_factory=list)
    rows: list[TeiRow] = field(default_factory=list)
    line: int = 0
