"""TMX 1.4b: writing translation memories from aligned statements, reading those of CAT tools.

The writer streams (``lxml.etree.xmlfile``): one ``<tu>`` per row, one ``<tuv xml:lang>``
per language that has text in the row, ``<prop>``s for the statement, the row status and
the segment keys.  The document is valid against the TMX 1.4 DTD but carries no DOCTYPE,
so the workbench's own importer (which refuses DOCTYPEs in untrusted XML) reads it back.

The reader turns a TMX file into plain units; language codes are resolved by the import
service.  Inline markup is reduced to its text: native codes (``bpt``, ``ept``, ``ph``,
``it``, ``ut``) are dropped, ``hi`` keeps its text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from lxml import etree

from alignment.exchange.xmlsafe import UnsafeXMLError, parse_untrusted
from alignment.selectors import AlignedRow, AlignedStatement, corpus_export_aligned

TMX_CONTENT_TYPE = "application/x-tmx+xml; charset=utf-8"
CREATION_TOOL = "Alignment Workbench"
CREATION_TOOL_VERSION = "0.1.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NATIVE_CODE = {"bpt", "ept", "ph", "it", "ut"}
_KEYS = {"type": "x-keys"}


class TmxFormatError(ValueError):
    """A TMX file that cannot be imported; the message names the file and line."""


# Writing -----------------------------------------------------------------------------------

def aligned_statements(slugs: Sequence[str] | None = None, *, langs: Sequence[str] | None = None,
                       published_only: bool = False) -> Iterator[AlignedStatement]:
    """The parallel text of each statement (all, or those named), one at a time, in the
    languages ``langs`` (in that order) or in all of its languages."""
    yield from corpus_export_aligned(slugs, langs=langs or None, published_only=published_only)


def cell_text(segments) -> str:
    """The text of a cell: its segments joined as the editor's merge would join them."""
    return " ".join(segment.text for segment in segments)


def _header(srclang: str, now: dt.datetime) -> etree._Element:
    return etree.Element("header", {
        "creationtool": CREATION_TOOL, "creationtoolversion": CREATION_TOOL_VERSION,
        "segtype": "paragraph", "o-tmf": "alignment-workbench", "adminlang": "en",
        "srclang": srclang, "datatype": "plaintext", "o-encoding": "UTF-8",
        "creationdate": now.strftime("%Y%m%dT%H%M%SZ"),
    })


def _tu_write(xf, slug: str, row: AlignedRow, columns: list[tuple[int, str]]) -> None:
    """One ``<tu>``, written tag by tag exactly as lxml pretty-prints the element tree
    (building 13 elements per row would cost more than writing them); none for a row
    without text in the chosen languages."""
    cells = [(code, segments) for pk, code in columns if (segments := row.cells.get(pk))]
    if not cells:
        return
    write, element = xf.write, xf.element
    with element("tu", {"tuid": f"{slug}/{row.anchor}"}):
        for kind, value in (("x-statement", slug), ("x-row", str(row.unit.position + 1)),
                            ("x-status", row.unit.status)):
            write("\n  ")
            with element("prop", {"type": kind}):
                write(value)
        for code, segments in cells:
            write("\n  ")
            # xmlfile writes attribute names as given: "xml:lang" needs no xmlns:xml declaration.
            with element("tuv", {"xml:lang": code}):
                write("\n    ")
                with element("prop", _KEYS):
                    write(" ".join(segment.key for segment in segments))
                write("\n    ")
                with element("seg"):
                    write(cell_text(segments))
                write("\n  ")
        write("\n")
    write("\n")


def _versions(aligned: AlignedStatement, langs: Sequence[str] | None):
    if not langs:
        return aligned.versions
    return [v for code in langs for v in aligned.versions if v.language.code == code]


class _Chunks:
    """A write target for ``xmlfile`` whose collected bytes are handed out piece by piece."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data) -> None:
        self.parts.append(bytes(data))

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data


def tmx_chunks(aligned_statements: Iterable[AlignedStatement], *, langs: Sequence[str] | None = None,
               confirmed_only: bool = False, srclang: str | None = None) -> Iterator[bytes]:
    """Yield the TMX document in pieces, one statement at a time (memory stays flat).

    ``langs`` picks and orders the languages; ``srclang`` defaults to the first of them, or
    ``*all*`` (any language may serve as the source)."""
    sink = _Chunks()
    source = srclang or (langs[0] if langs else "*all*")
    with etree.xmlfile(sink, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            xf.write(_header(source, dt.datetime.now(dt.timezone.utc)), pretty_print=True)
            with xf.element("body"):
                for aligned in aligned_statements:
                    columns = [(version.pk, version.language.code) for version in _versions(aligned, langs)]
                    for row in aligned.rows:
                        if not confirmed_only or row.unit.status == "confirmed":
                            _tu_write(xf, aligned.statement.slug, row, columns)
                    xf.flush()
                    yield sink.take()
    yield sink.take()


def tmx_write(out, aligned_statements: Iterable[AlignedStatement], **options) -> None:
    """Stream the TMX document into the binary file ``out``."""
    for chunk in tmx_chunks(aligned_statements, **options):
        out.write(chunk)


def tmx_document_for(aligned_statements: Iterable[AlignedStatement], langs: Sequence[str] | None = None,
                     confirmed_only: bool = False) -> bytes:
    """The whole TMX document as bytes (for one statement or a small selection)."""
    buffer = BytesIO()
    tmx_write(buffer, aligned_statements, langs=langs, confirmed_only=confirmed_only)
    return buffer.getvalue()


# Reading -----------------------------------------------------------------------------------

@dataclass
class TmxVariant:
    lang: str
    text: str
    line: int


@dataclass
class TmxUnit:
    line: int
    tuid: str
    variants: list[TmxVariant] = field(default_factory=list)


@dataclass
class TmxDocument:
    srclang: str
    creationtool: str
    units: list[TmxUnit]


def _seg_text(seg: etree._Element) -> str:
    parts = [seg.text or ""]
    for child in seg:
        if isinstance(child.tag, str) and etree.QName(child).localname not in _NATIVE_CODE:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _text(raw: str) -> str:
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def tmx_read(data: bytes, *, name: str = "file.tmx") -> TmxDocument:
    """Parse a TMX 1.x document safely; DOCTYPE lines are refused (remove them first)."""
    try:
        tree = parse_untrusted(data, name=name)
    except UnsafeXMLError as exc:
        hint = ("; TMX files from CAT tools often start with <!DOCTYPE tmx SYSTEM \"tmx14.dtd\">: "
                "delete that line and import again") if "DOCTYPE" in str(exc) else ""
        raise TmxFormatError(f"{exc}{hint}") from None
    root = tree.getroot()
    if root.tag != "tmx":
        raise TmxFormatError(f"{name}, line {root.sourceline}: the root element is <{root.tag}>, not <tmx>")
    version = root.get("version", "")
    if not version.startswith("1."):
        raise TmxFormatError(f"{name}, line {root.sourceline}: TMX version {version!r} is not supported (1.1-1.4)")
    header, body = root.find("header"), root.find("body")
    if header is None or body is None:
        raise TmxFormatError(f"{name}: a TMX document needs a <header> and a <body>")
    units = []
    for tu in body.iterchildren("tu"):
        unit = TmxUnit(line=tu.sourceline, tuid=tu.get("tuid", ""))
        for tuv in tu.iterchildren("tuv"):
            lang = tuv.get(XML_LANG) or tuv.get("lang")
            if not lang:
                raise TmxFormatError(f"{name}, line {tuv.sourceline}: <tuv> without xml:lang")
            seg = tuv.find("seg")
            if seg is None:
                raise TmxFormatError(f"{name}, line {tuv.sourceline}: <tuv xml:lang=\"{lang}\"> has no <seg>")
            text = _text(_seg_text(seg))
            if text:
                unit.variants.append(TmxVariant(lang=lang, text=text, line=tuv.sourceline))
        units.append(unit)
    return TmxDocument(srclang=header.get("srclang", ""), creationtool=header.get("creationtool", ""), units=units)
