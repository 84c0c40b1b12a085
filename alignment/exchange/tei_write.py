"""Writing TEI P5: one ``<TEI>`` per statement, a streamed ``<teiCorpus>`` for many.

The writer reads an :class:`~alignment.selectors.AlignedStatement` (or any object of the
same shape) and never queries.  Where each field of the data model goes is documented in
the ``encodingDesc`` the documents carry (see ``_ENCODING``) and in the README; the reader
in :mod:`alignment.exchange.tei_read` reverses it exactly, so export -> import -> export
gives the same bytes.

Everything is written element by element through ``lxml.etree.xmlfile``; no element tree
is built.  That keeps memory flat within a statement too, and avoids a leak: libxml2
interns the value of every ``xml:id`` set on a tree node in lxml's process-wide
dictionary, so building trees would grow a long-running process by every id it exported.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from io import BytesIO
from typing import BinaryIO

from lxml import etree

from alignment.exchange.tei_model import (
    KIND_ELEMENTS,
    TEI_NS,
    XML_ID,
    XML_LANG,
    XML_NS,
    id_prefix,
    join_id,
    row_id,
    segment_id,
    tei,
    text_id,
    utc_stamp,
)

PUBLISHER = "Alignment Workbench"
MAX_LISTED_CONFIRMATIONS = 20
# lxml's xmlfile invents a prefix for xml:id unless "xml" is declared (legal, if unusual).
NSMAP = {None: TEI_NS, "xml": XML_NS}
_KIND_TAGS = {kind: tei(element) for kind, element in KIND_ELEMENTS.items()}
_STATUS_LABELS = {"draft": "draft", "in_review": "in review", "approved": "approved"}
_ENCODING = (
    ("segmentation",
     "Each version of the statement is one text inside the group, with xml:lang and "
     "type='original' (the statement's original language) or type='translation'; its subtype "
     "is the version's origin (published, draft = unofficial draft translation, machine). "
     "Each segment is a head, p, dateline, signed or note element whose xml:id is "
     "'s<slug>.<key>', where the key (e.g. en-3) is the segment's stable identifier. "
     "Divisions only keep the TEI content model and carry no meaning."),
    ("interpretation",
     "The alignment is the linkGrp of type 'alignment' in standOff, one element per row in "
     "reading order: a link when the row holds two or more languages, a ptr when only one "
     "language fills it. Several segments of one language in a row are first gathered by a "
     "join. A row's @type is its review status (auto, confirmed, flagged), its @cert the "
     "aligner's score, and a note of type 'flag' pointing at the row explains a flag."),
)


class _Writer:
    """Indented TEI written through an xmlfile, one element at a time."""

    def __init__(self, xf, depth: int = 0):
        self.xf, self.depth = xf, depth

    def _newline(self) -> None:
        self.xf.write("\n" + "  " * self.depth)

    @staticmethod
    def _attributes(attributes: dict) -> dict:
        names = {"xml_id": XML_ID, "xml_lang": XML_LANG}
        return {names.get(name, name): value for name, value in attributes.items() if value is not None}

    @contextmanager
    def block(self, tag: str, **attributes: str | None) -> Iterator[None]:
        self._newline()
        with self.xf.element(tei(tag), self._attributes(attributes)):
            self.depth += 1
            yield
            self.depth -= 1
            self._newline()

    def leaf(self, tag: str, text: str = "", **attributes: str | None) -> None:
        self.put(tei(tag), self._attributes(attributes), text)

    def put(self, name: str, attributes: dict, text: str = "") -> None:
        """``leaf`` for the loops run per segment or row: a Clark name, attributes as given."""
        self._newline()
        with self.xf.element(name, attributes):
            if text:
                self.xf.write(text)


def _is_original(statement, version) -> bool:
    original = statement.original_language
    return original is not None and original.code == version.language.code


def _resp_phrase(version) -> str:
    name = version.language.name
    if version.origin == "published":
        return f"{name} text as published"
    if version.origin == "machine":
        return f"machine translation into {name}"
    review = "" if version.status == "approved" else ", awaiting review"
    return f"unofficial draft translation into {name}{review}"


def _title_stmt(w: _Writer, aligned) -> None:
    statement = aligned.statement
    with w.block("titleStmt"):
        w.leaf("title", statement.title, type="main")
        for version in aligned.versions:
            w.leaf("title", version.title, type="version", xml_lang=version.language.code)
        if statement.author:
            w.leaf("author", statement.author)
        if statement.issuer:
            w.leaf("author", statement.issuer, role="issuer")
        for version in aligned.versions:
            if version.translator:
                with w.block("respStmt", corresp="#" + text_id(statement.slug, version.language.code)):
                    w.leaf("resp", _resp_phrase(version))
                    w.leaf("name", version.translator)


def _file_desc(w: _Writer, aligned) -> None:
    statement = aligned.statement
    with w.block("fileDesc"):
        _title_stmt(w, aligned)
        with w.block("publicationStmt"):
            w.leaf("publisher", PUBLISHER)
            w.leaf("idno", statement.slug, type="slug")
            with w.block("availability", status="free" if statement.published else "restricted"):
                w.leaf("p", "Published on the public site." if statement.published else
                       "Not published: visible to the editors only.")
        if statement.occasion or statement.editorial_note:
            with w.block("notesStmt"):
                if statement.occasion:
                    w.leaf("note", statement.occasion, type="occasion")
                if statement.editorial_note:
                    w.leaf("note", statement.editorial_note, type="editorial")
        with w.block("sourceDesc"), w.block("bibl"):
            if statement.source:
                w.leaf("publisher", statement.source)
            issued = statement.date_issued.isoformat()
            w.leaf("date", issued, when=issued)
            if statement.source_url:
                w.leaf("ptr", target=statement.source_url)
            if statement.original_language is not None:
                w.leaf("textLang", statement.original_language.name, mainLang=statement.original_language.code)


def _revision_entries(aligned) -> list[tuple]:
    """The current status of every version, dated when it was approved, and the latest row
    confirmations; newest first, undated entries last.

    Only changes the data itself records are listed, so an import into an empty database
    (which starts a fresh history) restores them and the next export is identical:
    ``Version.status``/``approved_at`` and ``AlignmentUnit.confirmed_at`` are restored from
    these entries.  Edits recorded only in the history tables (who changed which text) are
    not part of the exchange format; listing them would make every re-export differ.
    """
    slug = aligned.statement.slug
    entries = []
    for order, version in enumerate(aligned.versions):
        text = f"{version.language.name} version: {_STATUS_LABELS.get(version.status, version.status)}"
        when = utc_stamp(version.approved_at) if version.approved_at else None
        entries.append((when, 0, order, text, "#" + text_id(slug, version.language.code), version.status))
    confirmed = [(number, row.unit) for number, row in enumerate(aligned.rows, 1) if row.unit.confirmed_at]
    # Sort on the written (whole-second) stamp, so restored rows sort exactly the same.
    confirmed.sort(key=lambda item: (utc_stamp(item[1].confirmed_at), -item[0]), reverse=True)
    for number, unit in confirmed[:MAX_LISTED_CONFIRMATIONS]:
        entries.append((utc_stamp(unit.confirmed_at), 1, number, f"Row {number} confirmed",
                        "#" + row_id(slug, number), None))
    dated = sorted((e for e in entries if e[0]), key=lambda e: (e[0], -e[1], -e[2]), reverse=True)
    return dated + [e for e in entries if not e[0]]


def _header(w: _Writer, aligned) -> None:
    with w.block("teiHeader"):
        _file_desc(w, aligned)
        with w.block("encodingDesc"):
            with w.block("projectDesc"):
                w.leaf("p", "Parallel texts aligned paragraph by paragraph in the alignment workbench; "
                       "exported for research and as the workbench's backup format.")
            with w.block("editorialDecl"):
                for tag, text in _ENCODING:
                    with w.block(tag):
                        w.leaf("p", text)
        if aligned.versions:
            with w.block("profileDesc"), w.block("langUsage"):
                for version in aligned.versions:
                    w.leaf("language", version.language.name, ident=version.language.code)
        entries = _revision_entries(aligned)
        if entries:
            with w.block("revisionDesc"):
                for when, _, _, text, target, status in entries:
                    w.leaf("change", text, when=when, target=target, status=status)


def divisions(kinds: list[str]) -> list[list[int]]:
    """Group segment indexes into ``<div>``s that follow the TEI content model of a division:
    a head or opening dateline/signed first, then paragraphs, then closing datelines and
    signatures; a segment that cannot follow in the current division starts a new one.
    Notes may stand anywhere."""
    groups: list[list[int]] = []
    phase = None  # None = no division yet; 0 = opening, 1 = paragraphs, 2 = closing
    for index, kind in enumerate(kinds):
        if kind == "note":
            wanted = phase if phase is not None else 0
        elif kind == "heading":
            wanted = 0 if phase == 0 else None
        elif kind in ("dateline", "signature"):
            wanted = 0 if phase in (None, 0) else 2
        else:
            wanted = 1 if phase in (None, 0, 1) else None
        if phase is None or wanted is None:
            groups.append([])
            wanted = 1 if kind == "paragraph" else 0
        groups[-1].append(index)
        phase = wanted
    return groups


def _texts(w: _Writer, aligned) -> None:
    statement = aligned.statement
    if not aligned.versions:  # a new statement: TEI needs a text, a group needs a version
        with w.block("text"), w.block("body"):
            w.leaf("div")
        return
    prefix = segment_id(statement.slug, "")  # a segment's id is this prefix and its key
    with w.block("text"), w.block("group"):
        for version in aligned.versions:
            code, pk = version.language.code, version.pk
            segments = [segment for row in aligned.rows for segment in row.cells.get(pk, ())]
            with w.block("text", xml_id=text_id(statement.slug, code), xml_lang=code,
                         type="original" if _is_original(statement, version) else "translation",
                         subtype=version.origin, source=version.source_url or None), w.block("body"):
                groups = divisions([segment.kind for segment in segments])
                if not groups:
                    w.leaf("div")
                for indexes in groups:
                    with w.block("div"):
                        for index in indexes:
                            segment = segments[index]
                            try:
                                w.put(_KIND_TAGS[segment.kind], {XML_ID: prefix + segment.key}, segment.text)
                            except ValueError:  # lxml refuses characters XML 1.0 cannot carry
                                raise ValueError(f"{statement.slug}: segment {segment.key} contains a control "
                                                 "character XML cannot carry; correct it in the editor") from None


def _stand_off(w: _Writer, aligned) -> None:
    if not aligned.rows:
        return
    slug, pointer = aligned.statement.slug, "#" + segment_id(aligned.statement.slug, "")
    columns = [(version.pk, version.language.code) for version in aligned.versions]
    # Per row, per version with segments in the row: its code and the pointers to its segments.
    members = [[(code, [pointer + s.key for s in cell]) for pk, code in columns if (cell := row.cells.get(pk, ()))]
               for row in aligned.rows]
    with w.block("standOff"):
        for number, row_members in enumerate(members, 1):
            for code, pointers in row_members:
                if len(pointers) > 1:
                    w.put(tei("join"), {XML_ID: join_id(slug, number, code), "target": " ".join(pointers)})
        with w.block("linkGrp", type="alignment"):
            for number, (row, row_members) in enumerate(zip(aligned.rows, members), 1):
                targets = [pointers[0] if len(pointers) == 1 else "#" + join_id(slug, number, code)
                           for code, pointers in row_members]
                score = row.unit.score
                w.put(tei("link" if len(targets) > 1 else "ptr"), w._attributes({
                    "xml_id": row_id(slug, number), "target": " ".join(targets), "type": row.unit.status,
                    "cert": None if score is None else repr(float(score))}))
        for number, row in enumerate(aligned.rows, 1):
            if row.unit.note:
                w.leaf("note", row.unit.note, type="flag", target="#" + row_id(slug, number))


def _tei(xf, aligned, *, depth: int, nsmap: dict | None) -> None:
    """One ``<TEI>`` element; the caller writes what precedes it."""
    with xf.element(tei("TEI"), {XML_ID: id_prefix(aligned.statement.slug)}, nsmap=nsmap):
        w = _Writer(xf, depth + 1)
        _header(w, aligned)
        _texts(w, aligned)
        _stand_off(w, aligned)
        w.depth = depth
        w._newline()


def tei_document_for(aligned) -> bytes:
    """One statement as a standalone TEI document (UTF-8, indented, ending in a newline)."""
    out = BytesIO()
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        _tei(xf, aligned, depth=0, nsmap=NSMAP)
    return out.getvalue() + b"\n"


def tei_corpus_write(statements: Iterable, out: BinaryIO) -> int:
    """Stream ``statements`` (AlignedStatement-like) into ``out`` as one ``<teiCorpus>``.

    Memory holds one statement's objects, whatever the size of the corpus; the output is
    flushed after each statement.  Returns the number of statements written.
    """
    iterator = iter(statements)
    first = next(iterator, None)
    if first is None:
        raise ValueError("no statements to export: a teiCorpus needs at least one TEI document")
    count = 0
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(tei("teiCorpus"), nsmap=NSMAP):
            w = _Writer(xf, 1)
            with w.block("teiHeader"), w.block("fileDesc"):
                with w.block("titleStmt"):
                    w.leaf("title", "Alignment Workbench corpus of parallel statements")
                with w.block("publicationStmt"):
                    w.leaf("publisher", PUBLISHER)
                with w.block("sourceDesc"):
                    w.leaf("p", "Each TEI document describes its own source.")
            for aligned in itertools.chain([first], iterator):
                xf.write("\n  ")
                _tei(xf, aligned, depth=1, nsmap=None)
                xf.flush()
                count += 1
            xf.write("\n")
    out.write(b"\n")
    return count
