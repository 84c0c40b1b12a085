"""XLIFF 2.1 for a translator's CAT tool: one language pair of a statement, one unit per row.

The source is the pivot version, the target the translation; the segment ``state`` comes
from the row status (confirmed -> ``final``, auto -> ``translated``, flagged -> ``initial``;
an empty target cell -> ``initial`` without a ``<target>``).  A cell holding several
segments is written as their texts separated by a blank line (``xml:space="preserve"``);
the importer splits an edited target the same way.  Each unit carries, in the Metadata
module, the row number, the status and the keys of its source and target segments, so the
importer can tell whether the row still holds the same segments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from lxml import etree

from alignment.exchange.xmlsafe import UnsafeXMLError, parse_untrusted
from alignment.models import Version
from alignment.selectors import AlignedRow, AlignedStatement

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0"
XLIFF_CONTENT_TYPE = "application/xliff+xml; charset=utf-8"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
META_CATEGORY = "alignment-workbench"
PART_SEPARATOR = "\n\n"
STATE_FOR_STATUS = {"confirmed": "final", "auto": "translated", "flagged": "initial"}


class XliffFormatError(ValueError):
    """An XLIFF file that cannot be read; the message names the file and line."""


def _x(tag: str) -> str:
    return f"{{{XLIFF_NS}}}{tag}"


def _m(tag: str) -> str:
    return f"{{{MDA_NS}}}{tag}"


def unit_id(row: AlignedRow, source: Version, target: Version) -> str | None:
    """The unit's id: the key of the row's first source segment (else its first target one)."""
    cell = row.cell(source) or row.cell(target)
    return cell[0].key if cell else None


def cell_parts(segments) -> str:
    return PART_SEPARATOR.join(segment.text for segment in segments)


def _unit(row: AlignedRow, source: Version, target: Version) -> etree._Element | None:
    ident = unit_id(row, source, target)
    if ident is None:
        return None
    unit = etree.Element(_x("unit"), id=ident, name=f"row {row.unit.position + 1}")
    group = etree.SubElement(etree.SubElement(unit, _m("metadata")), _m("metaGroup"), category=META_CATEGORY)
    for kind, value in (("row", str(row.unit.position + 1)), ("status", row.unit.status),
                        ("source-keys", " ".join(s.key for s in row.cell(source))),
                        ("target-keys", " ".join(s.key for s in row.cell(target)))):
        etree.SubElement(group, _m("meta"), type=kind).text = value
    targets = row.cell(target)
    segment = etree.SubElement(unit, _x("segment"), state=STATE_FOR_STATUS[row.unit.status] if targets else "initial")
    etree.SubElement(segment, _x("source"), {XML_SPACE: "preserve"}).text = cell_parts(row.cell(source))
    if targets:
        etree.SubElement(segment, _x("target"), {XML_SPACE: "preserve"}).text = cell_parts(targets)
    return unit


def xliff_document_for(aligned: AlignedStatement, source: Version, target: Version) -> bytes:
    """The XLIFF 2.1 document for one language pair of a statement."""
    root = etree.Element(_x("xliff"), nsmap={None: XLIFF_NS, "mda": MDA_NS}, version="2.1",
                         srcLang=source.language.code, trgLang=target.language.code)
    file = etree.SubElement(root, _x("file"), id="f1", original=aligned.statement.slug)
    notes = etree.SubElement(file, _x("notes"))
    etree.SubElement(notes, _x("note"), category="title").text = aligned.statement.title
    etree.SubElement(notes, _x("note"), category="exported").text = dt.datetime.now(dt.timezone.utc).isoformat(
        timespec="seconds")
    for row in aligned.rows:
        unit = _unit(row, source, target)
        if unit is not None:
            file.append(unit)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


# Reading -----------------------------------------------------------------------------------

@dataclass
class XliffUnit:
    id: str
    line: int
    source: str
    target: str | None
    target_keys: list[str] | None = None


@dataclass
class XliffDocument:
    src_lang: str
    trg_lang: str
    original: str
    units: list[XliffUnit] = field(default_factory=list)


def _content(element: etree._Element) -> str:
    """Text of a <source>/<target>: inline ``cp`` becomes its character, other markup its text."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            if child.tag == _x("cp"):
                try:
                    parts.append(chr(int(child.get("hex", ""), 16)))
                except ValueError:
                    raise XliffFormatError(f"line {child.sourceline}: <cp hex={child.get('hex')!r}> "
                                           "is not a code point") from None
            else:
                parts.append(_content(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _side(unit: etree._Element, tag: str) -> str | None:
    pieces = [child.find(_x(tag)) for child in unit if child.tag in (_x("segment"), _x("ignorable"))]
    if tag == "target" and all(piece is None for piece in pieces):
        return None
    return "".join(_content(piece) for piece in pieces if piece is not None)


def _target_keys(unit: etree._Element) -> list[str] | None:
    for group in unit.iterfind(f"{_m('metadata')}/{_m('metaGroup')}"):
        if group.get("category") == META_CATEGORY:
            for meta in group.iterfind(_m("meta")):
                if meta.get("type") == "target-keys":
                    return (meta.text or "").split()
    return None


def xliff_read(data: bytes, *, name: str = "file.xlf") -> XliffDocument:
    """Parse an XLIFF 2.x document safely into units (segments of a unit are concatenated)."""
    try:
        root = parse_untrusted(data, name=name).getroot()
    except UnsafeXMLError as exc:
        raise XliffFormatError(str(exc)) from None
    if root.tag != _x("xliff"):
        qname = etree.QName(root)
        raise XliffFormatError(f"{name}, line {root.sourceline}: not an XLIFF 2 document "
                               f"(root <{qname.localname}> in {qname.namespace or 'no'} namespace)")
    if not root.get("version", "").startswith("2."):
        raise XliffFormatError(f"{name}, line {root.sourceline}: XLIFF version {root.get('version')!r} is not 2.x")
    files = root.findall(_x("file"))
    if len(files) != 1:
        raise XliffFormatError(f"{name}: expected one <file> (one statement), found {len(files)}")
    for attribute in ("srcLang", "trgLang"):
        if not root.get(attribute):
            raise XliffFormatError(f"{name}, line {root.sourceline}: <xliff> has no {attribute}")
    if not files[0].get("original"):
        raise XliffFormatError(f"{name}, line {files[0].sourceline}: <file> has no 'original' (the statement slug)")
    document = XliffDocument(root.get("srcLang"), root.get("trgLang"), files[0].get("original"))
    for unit in files[0].iter(_x("unit")):
        try:
            source, target = _side(unit, "source"), _side(unit, "target")
        except XliffFormatError as exc:
            raise XliffFormatError(f"{name}, {exc}") from None
        document.units.append(XliffUnit(id=unit.get("id", ""), line=unit.sourceline, source=source,
                                        target=target, target_keys=_target_keys(unit)))
    return document
