"""Reading TEI documents (those ``export_tei`` writes, and hand-edited variants) into the
plain records of :mod:`alignment.exchange.tei_model`; no database access.

The file is parsed through :func:`~alignment.exchange.xmlsafe.parse_untrusted` (no DTD,
no entities, no network, size and depth limits), checked against the workbench's RELAX NG
profile, then against what RELAX NG cannot say: ids are unique, every ``#id`` resolves,
every segment is in exactly one row and no link crosses another.  Every error names the
file and the line.
"""

from __future__ import annotations

import datetime as dt
import functools
import math

from lxml import etree

from alignment.exchange.tei_model import (
    ELEMENT_KINDS,
    PROFILE_PATH,
    TEI_NS,
    XML_ID,
    XML_LANG,
    TeiFormatError,
    TeiRow,
    TeiSegment,
    TeiStatement,
    TeiVersion,
    key_from_id,
    tei,
)
from alignment.exchange.xmlsafe import (
    DEFAULT_MAX_BYTES,
    UnsafeXMLError,
    parse_untrusted,
)

# Attributes whose "#..." tokens are local pointers (TEI's att.pointing, att.global.linking...).
POINTER_ATTRIBUTES = ("target", "corresp", "ana", "source", "ref", "sameAs", "copyOf", "next", "prev", "resp")
_POINTER_NAMES = frozenset(POINTER_ATTRIBUTES)


@functools.cache
def profile_schema() -> etree.RelaxNG:
    """The workbench profile (small: loads in milliseconds; cached for the process)."""
    return etree.RelaxNG(etree.parse(str(PROFILE_PATH)))


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag[tag.index("}") + 1:] if tag[:1] == "{" else tag


def _elements(parent: etree._Element):
    """Child elements, skipping comments and processing instructions."""
    return (child for child in parent if isinstance(child.tag, str))


def ids_index(root: etree._Element, name: str) -> dict[str, etree._Element]:
    """Every xml:id of the document; a duplicate is an error naming both lines."""
    ids: dict[str, etree._Element] = {}
    for element in root.iter(etree.Element):
        xml_id = element.get(XML_ID)
        if xml_id is None:
            continue
        if xml_id in ids:
            raise TeiFormatError(f"{name}, line {element.sourceline}: duplicate xml:id {xml_id!r} "
                                 f"(first used on line {ids[xml_id].sourceline})")
        ids[xml_id] = element
    return ids


def dangling_pointers(root: etree._Element, ids: dict[str, etree._Element]) -> list[tuple[int, str]]:
    """(line, pointer) for every local pointer that leads to no xml:id."""
    dangling = []
    for element in root.iter(etree.Element):
        for attribute, value in element.items():  # the attributes it has, not each it might have
            if attribute in _POINTER_NAMES:
                for token in value.split():
                    if token.startswith("#") and token[1:] not in ids:
                        dangling.append((element.sourceline, token))
    return dangling


def _root_check(root: etree._Element, name: str) -> None:
    qname = etree.QName(root)
    if qname.namespace != TEI_NS or qname.localname not in ("TEI", "teiCorpus"):
        where = f"namespace {qname.namespace}" if qname.namespace else "no namespace"
        raise TeiFormatError(f"{name}, line {root.sourceline}: the root element is <{qname.localname}> in {where}; "
                             f"expected <TEI> or <teiCorpus> in the TEI namespace {TEI_NS}")


def _profile_check(tree: etree._ElementTree, name: str) -> None:
    schema = profile_schema()
    if not schema.validate(tree):
        error = schema.error_log[0]
        raise TeiFormatError(f"{name}, line {error.line}: not in the workbench TEI profile: {error.message}")


def tei_parse(data: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> list[TeiStatement]:
    """The statements of a ``<TEI>`` or ``<teiCorpus>`` document, or TeiFormatError."""
    try:
        tree = parse_untrusted(data, name=name, max_bytes=max_bytes)
    except UnsafeXMLError as exc:
        raise TeiFormatError(str(exc)) from None
    root = tree.getroot()
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        # parse_untrusted looks for "<!DOCTYPE" in the raw bytes, which misses UTF-16 files.
        raise TeiFormatError(f"{name}, line {root.sourceline}: documents with a DOCTYPE are refused "
                             "(DTDs and entities are not allowed)")
    _root_check(root, name)
    _profile_check(tree, name)
    ids = ids_index(root, name)
    dangling = dangling_pointers(root, ids)
    if dangling:
        line, pointer = dangling[0]
        raise TeiFormatError(f"{name}, line {line}: the pointer {pointer!r} leads to no xml:id in the document")
    documents = [root] if _local(root) == "TEI" else root.findall(tei("TEI"))
    statements = []
    seen: dict[str, int] = {}
    for document in documents:
        statement = _DocumentReader(document, ids, name).statement()
        if statement.slug in seen:
            raise TeiFormatError(f"{name}, line {statement.line}: a second statement with the slug "
                                 f"{statement.slug!r} (first on line {seen[statement.slug]})")
        seen[statement.slug] = statement.line
        statements.append(statement)
    return statements


def _text(element: etree._Element | None) -> str:
    """The element's text without comments, stripped (as the editor stores texts)."""
    if element is None:
        return ""
    if not len(element):  # no child: no comment to skip
        return (element.text or "").strip()
    parts = [element.text or ""] + [child.tail or "" for child in element]
    return "".join(parts).strip()


def _when(value: str, where: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise TeiFormatError(f"{where}: @when {value!r} is not a date and time like 2024-01-19T10:00:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


class _DocumentReader:
    """Reads one ``<TEI>`` element; ``ids`` covers the whole file (for a teiCorpus too)."""

    def __init__(self, document: etree._Element, ids: dict[str, etree._Element], name: str):
        self.document, self.ids, self.name = document, ids, name
        self.own_ids = set(document.xpath("descendant-or-self::*/@xml:id"))  # what pointers may reach
        self.segments: dict[int, tuple[str, str]] = {}  # id(element) -> (language, key)
        self.in_order: list[list[etree._Element]] = []  # segment elements per text, in order

    def error(self, element: etree._Element, message: str) -> TeiFormatError:
        return TeiFormatError(f"{self.name}, line {element.sourceline}: {message}")

    def find(self, *path: str) -> etree._Element | None:
        element = self.document
        for tag in path:
            element = element.find(tei(tag)) if element is not None else None
        return element

    def target(self, element: etree._Element, pointer: str) -> etree._Element:
        target = self.ids[pointer[1:]]
        if pointer[1:] not in self.own_ids:
            raise self.error(element, f"the pointer {pointer!r} leads outside this statement's <TEI> element")
        return target

    def statement(self) -> TeiStatement:
        title_stmt = self.find("teiHeader", "fileDesc", "titleStmt")
        authors = title_stmt.findall(tei("author"))
        bibl = self.find("teiHeader", "fileDesc", "sourceDesc", "bibl")
        date = bibl.find(tei("date"))
        try:
            date_issued = dt.date.fromisoformat(date.get("when"))
        except ValueError:
            raise self.error(date, f"the date {date.get('when')!r} is not YYYY-MM-DD") from None
        notes = {note.get("type"): _text(note) for note in self.document.iterfind(
            f"{tei('teiHeader')}/{tei('fileDesc')}/{tei('notesStmt')}/{tei('note')}")}
        ptr = bibl.find(tei("ptr"))
        text_lang = bibl.find(tei("textLang"))
        statement = TeiStatement(
            slug=_text(self.find("teiHeader", "fileDesc", "publicationStmt", "idno")),
            title=_text(title_stmt.find(tei("title"))),
            date_issued=date_issued,
            author=next((_text(a) for a in authors if a.get("role") is None), ""),
            issuer=next((_text(a) for a in authors if a.get("role") == "issuer"), ""),
            occasion=notes.get("occasion", ""),
            editorial_note=notes.get("editorial", ""),
            source=_text(bibl.find(tei("publisher"))),
            source_url=ptr.get("target") if ptr is not None else "",
            original_language=text_lang.get("mainLang") if text_lang is not None else "",
            published=self.find("teiHeader", "fileDesc", "publicationStmt", "availability").get("status") == "free",
            line=self.document.sourceline,
        )
        changes = self._changes()
        statement.versions = self._versions(statement, title_stmt, changes)
        statement.rows = self._rows(changes)
        return statement

    def _changes(self) -> dict[int, etree._Element]:
        """revisionDesc entries by the id() of the element they point at."""
        changes = {}
        for change in self.document.iterfind(f"{tei('teiHeader')}/{tei('revisionDesc')}/{tei('change')}"):
            target = self.target(change, change.get("target"))
            if id(target) in changes:
                raise self.error(change, f"a second change for {change.get('target')!r} "
                                         f"(first on line {changes[id(target)].sourceline})")
            changes[id(target)] = change
        return changes

    def _versions(self, statement: TeiStatement, title_stmt, changes: dict) -> list[TeiVersion]:
        titles = {t.get(XML_LANG): _text(t) for t in title_stmt.findall(tei("title")) if t.get("type") == "version"}
        credits = {}
        for resp_stmt in title_stmt.findall(tei("respStmt")):
            credits[id(self.target(resp_stmt, resp_stmt.get("corresp")))] = _text(resp_stmt.find(tei("name")))
        group = self.find("text", "group")
        versions: list[TeiVersion] = []
        keys: dict[str, int] = {}
        for text in _elements(group) if group is not None else ():
            code = text.get(XML_LANG)
            if any(version.language == code for version in versions):
                raise self.error(text, f"a second text in {code!r}")
            if code not in titles:
                raise self.error(text, f"the titleStmt has no <title type='version' xml:lang='{code}'> for this text")
            if (text.get("type") == "original") != (code == statement.original_language):
                original = statement.original_language or "not given"
                raise self.error(text, f"the text in {code!r} has type={text.get('type')!r} but the source's "
                                       f"original language (textLang/@mainLang) is {original!r}")
            change = changes.pop(id(text), None)
            approved = change.get("when") if change is not None else None
            version = TeiVersion(
                language=code, title=titles[code], origin=text.get("subtype"),
                status=change.get("status", "draft") if change is not None else "draft",
                translator=credits.get(id(text), ""), source_url=text.get("source", ""),
                approved_at=_when(approved, f"{self.name}, line {change.sourceline}") if approved else None,
                line=text.sourceline,
            )
            self.in_order.append([])
            for element in text.find(tei("body")).iter(etree.Element):
                kind = ELEMENT_KINDS.get(_local(element))
                if kind is None:
                    continue
                key = key_from_id(element.get(XML_ID))
                if key is None:
                    raise self.error(element, f"the xml:id {element.get(XML_ID)!r} is not '<statement>.<key>' "
                                              f"with a segment key like '{code}-3'")
                if key in keys:
                    raise self.error(element, f"duplicate segment key {key!r} (also on line {keys[key]})")
                keys[key] = element.sourceline
                self.segments[id(element)] = (code, key)
                self.in_order[-1].append(element)
                version.segments.append(TeiSegment(key=key, kind=kind, text=_text(element), line=element.sourceline))
            versions.append(version)
        return versions

    def _segment(self, element: etree._Element, pointer: str, expected: str) -> etree._Element:
        target = self.target(element, pointer)
        if id(target) not in self.segments:
            raise self.error(element, f"{pointer!r} points at a <{_local(target)}>, not at {expected}")
        return target

    def _rows(self, changes: dict) -> list[TeiRow]:
        link_group = self.find("standOff", "linkGrp")
        rows: list[TeiRow] = []
        row_of: dict[int, int] = {}  # id(row element) -> row index
        placed: dict[int, tuple[int, int]] = {}  # id(segment element) -> (row index, link line)
        # A list keeps every element proxy alive, so the id()s used as keys stay unique.
        links = list(_elements(link_group)) if link_group is not None else []
        for index, link in enumerate(links):
            row = TeiRow(members={}, status=link.get("type"), line=link.sourceline)
            cert = link.get("cert")
            if cert is not None:
                row.score = float(cert)
                if not (math.isfinite(row.score) and 0 <= row.score <= 1):
                    raise self.error(link, f"the score @cert={cert!r} is not a number in [0, 1]")
            for pointer in link.get("target").split():
                target = self.target(link, pointer)
                segments = ([self._segment(target, p, "a segment") for p in target.get("target").split()]
                            if _local(target) == "join" else [self._segment(link, pointer, "a segment or a join")])
                for segment in segments:
                    if id(segment) in placed:
                        raise self.error(link, f"the segment {segment.get(XML_ID)!r} is already in the link "
                                               f"on line {placed[id(segment)][1]}; a segment belongs to one row")
                    placed[id(segment)] = (index, link.sourceline)
                    code, key = self.segments[id(segment)]
                    row.members.setdefault(code, []).append(key)
            change = changes.pop(id(link), None)
            if change is not None and change.get("when"):
                row.confirmed_at = _when(change.get("when"), f"{self.name}, line {change.sourceline}")
            row_of[id(link)] = index
            rows.append(row)
        for change in changes.values():
            raise self.error(change, f"this change points at {change.get('target')!r}, not at a text or a row")
        self._notes(rows, row_of)
        self._order_check(placed)
        return rows

    def _notes(self, rows: list[TeiRow], row_of: dict[int, int]) -> None:
        for note in self.document.iterfind(f"{tei('standOff')}/{tei('note')}"):
            index = row_of.get(id(self.target(note, note.get("target"))))
            if index is None:
                raise self.error(note, f"the flag note points at {note.get('target')!r}, which is not a row")
            if rows[index].note:
                raise self.error(note, f"a second flag note for the row on line {rows[index].line}")
            rows[index].note = _text(note)

    def _order_check(self, placed: dict) -> None:
        """Every segment in one row; per text, rows follow the segments' order (no crossing)."""
        for elements in self.in_order:
            previous = None
            for element in elements:
                if id(element) not in placed:
                    raise self.error(element, f"the segment {element.get(XML_ID)!r} is in no row of the alignment "
                                              "(a segment alone in its row gets a <ptr>)")
                index, line = placed[id(element)]
                if previous is not None and index < previous[0]:
                    raise TeiFormatError(
                        f"{self.name}, line {line}: this link crosses the link on line {previous[1]}: "
                        f"{element.get(XML_ID)!r} comes after {previous[2]!r} in the text but its row comes first")
                previous = (index, line, element.get(XML_ID))
