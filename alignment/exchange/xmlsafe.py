"""Parsing untrusted XML: no entities, no DTD, no network, size and depth limits.

Every importer (TEI, TMX, XLIFF) parses through :func:`parse_untrusted`, so the rules
of DESIGN.md hold in one place: a document with a DOCTYPE is refused with a clear
message, as is one that is too large, too deep, truncated or not well-formed.
"""

from __future__ import annotations

import re

from lxml import etree

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


class UnsafeXMLError(ValueError):
    """The document is refused; the message says why and, where known, on which line."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=False, remove_pis=False,
    )


def parse_untrusted(data: bytes, *, name: str = "document", max_bytes: int = DEFAULT_MAX_BYTES,
                    max_depth: int = DEFAULT_MAX_DEPTH) -> etree._ElementTree:
    """Parse ``data`` or raise UnsafeXMLError naming ``name`` and the line."""
    if not isinstance(data, bytes):
        raise UnsafeXMLError(f"{name}: expected bytes")
    if len(data) > max_bytes:
        raise UnsafeXMLError(f"{name}: {len(data):,} bytes is over the limit of {max_bytes:,} bytes")
    if not data.strip():
        raise UnsafeXMLError(f"{name}: the file is empty")
    for pattern, what in ((_DOCTYPE, "a DOCTYPE"), (_ENTITY, "an entity declaration")):
        match = pattern.search(data)
        if match:
            line = data[: match.start()].count(b"\n") + 1
            raise UnsafeXMLError(f"{name}, line {line}: documents with {what} are refused (DTDs and entities are not allowed)")
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or (exc.position[0] if exc.position else "?")
        raise UnsafeXMLError(f"{name}, line {line}: not well-formed XML ({exc.msg})") from None
    # The byte search above cannot see a DOCTYPE in UTF-16; the parsed document can.
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise UnsafeXMLError(f"{name}: documents with a DOCTYPE are refused (DTDs and entities are not allowed)")
    deepest = _depth(tree.getroot(), max_depth)
    if deepest > max_depth:
        raise UnsafeXMLError(f"{name}: elements nested more than {max_depth} deep")
    return tree


def _depth(root: etree._Element, limit: int) -> int:
    stack = [(root, 1)]
    deepest = 1
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth + 1) for child in element)
    return deepest


def line_of(element: etree._Element) -> int | str:
    return element.sourceline or "?"
