"""Writing TEI P5: one ``<TEI>`` per statement, a streamed ``<teiCorpus>`` for many.

The writer reads an :class:`~alignment.selectors.AlignedStatement` (or any object of the
same shape) and never queries.  Where each field of the data model goes is documented in
the ``encodingDesc`` the documents carry (see ``_ENCODING``) and in the README; the reader
in :mod:`alignment.exchange.tei_read` reverses it exactly, so export -> import -> export
gives the same bytes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import BinaryIO

from lxml import etree

from alignment.exchange.tei_model import (
    KIND_ELEMENTS, TEI_NS, XML_ID, XML_LANG, id_prefix, join_id, row_id, segment_id, tei, text_id, utc_stamp,
)

PUBLISHER = "Alignment Workbench"
MAX_LISTED_CONFIRMATIONS = 20
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


def _el(parent: etree._Element | None, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    attrib = {_attribute_name(name): value for name, value in attributes.items() if value is not None}
    element = etree.Element(tei(tag), attrib) if parent is None else etree.SubElement(parent, tei(tag), attrib)
    if text is not None:
        element.text = text
    return element


def _attribute_name(name: str) -> str:
    return {"xml_id": XML_ID, "xml_lang": XML_LANG}.get(name, name)


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


def _file_desc(header: etree._Element, aligned) -> None:
    statement = aligned.statement
    slug = statement.slug
    file_desc = _el(header, "fileDesc")
    title_stmt = _el(file_desc, "titleStmt")
    _el(title_stmt, "title", statement.title, type="main")
    for version in aligned.versions:
        _el(title_stmt, "title", version.title, type="version", xml_lang=version.language.code)
    if statement.author:
        _el(title_stmt, "author", statement.author)
    if statement.issuer:
        _el(title_stmt, "author", statement.issuer, role="issuer")
    for version in aligned.versions:
        if version.translator:
            resp_stmt = _el(title_stmt, "respStmt", corresp="#" + text_id(slug, version.language.code))
            _el(resp_stmt, "resp", _resp_phrase(version))
            _el(resp_stmt, "name", version.translator)
    publication = _el(file_desc, "publicationStmt")
    _el(publication, "publisher", PUBLISHER)
    _el(publication, "idno", slug, type="slug")
    availability = _el(publication, "availability", status="free" if statement.published else "restricted")
    _el(availability, "p", "Published on the public site." if statement.published else
        "Not published: visible to the editors only.")
    if statement.occasion or statement.editorial_note:
        notes = _el(file_desc, "notesStmt")
        if statement.occasion:
            _el(notes, "note", statement.occasion, type="occasion")
        if statement.editorial_note:
            _el(notes, "note", statement.editorial_note, type="editorial")
    bibl = _el(_el(file_desc, "sourceDesc"), "bibl")
    if statement.source:
        _el(bibl, "publisher", statement.source)
    issued = statement.date_issued.isoformat()
    _el(bibl, "date", issued, when=issued)
    if statement.source_url:
        _el(bibl, "ptr", target=statement.source_url)
    if statement.original_language is not None:
        original = statement.original_language
        _el(bibl, "textLang", original.name, mainLang=original.code)


def _revision_desc(header: etree._Element, aligned) -> None:
    """The current status of every version, dated when it was approved, and the latest row
    confirmations, newest first.

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
        entries.append((utc_stamp(unit.confirmed_at), 1, number, f"Row {number} confirmed", "#" + row_id(slug, number), None))
    dated = sorted((e for e in entries if e[0]), key=lambda e: (e[0], -e[1], -e[2]), reverse=True)
    undated = [e for e in entries if not e[0]]
    if not entries:
        return
    revision = _el(header, "revisionDesc")
    for when, _, _, text, target, status in dated + undated:
        _el(revision, "change", text, when=when, target=target, status=status)


def _header(aligned) -> etree._Element:
    header = _el(None, "teiHeader")
    _file_desc(header, aligned)
    encoding = _el(header, "encodingDesc")
    _el(_el(encoding, "projectDesc"), "p", "Parallel texts aligned paragraph by paragraph in the "
        "alignment workbench; exported for research and as the workbench's backup format.")
    editorial = _el(encoding, "editorialDecl")
    for tag, text in _ENCODING:
        _el(_el(editorial, tag), "p", text)
    if aligned.versions:
        languages = _el(_el(header, "profileDesc"), "langUsage")
        for version in aligned.versions:
            _el(languages, "language", version.language.name, ident=version.language.code)
    _revision_desc(header, aligned)
    return header


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


def _version_segments(aligned, version) -> list:
    return [segment for row in aligned.rows for segment in row.cells.get(version.pk, ())]


def _texts(root: etree._Element, aligned) -> None:
    statement = aligned.statement
    if not aligned.versions:  # a new statement: TEI needs a text, the group needs a version
        _el(_el(_el(root, "text"), "body"), "div")
        return
    group = _el(_el(root, "text"), "group")
    for version in aligned.versions:
        code = version.language.code
        text = _el(group, "text", xml_id=text_id(statement.slug, code), xml_lang=code,
                   type="original" if _is_original(statement, version) else "translation",
                   subtype=version.origin, source=version.source_url or None)
        body = _el(text, "body")
        segments = _version_segments(aligned, version)
        for indexes in divisions([segment.kind for segment in segments]) or [[]]:
            division = _el(body, "div")
            for index in indexes:
                segment = segments[index]
                _el(division, KIND_ELEMENTS[segment.kind], segment.text, xml_id=segment_id(statement.slug, segment.key))


def _stand_off(root: etree._Element, aligned) -> None:
    if not aligned.rows:
        return
    slug = aligned.statement.slug
    stand_off = _el(root, "standOff")
    link_group = etree.Element(tei("linkGrp"), type="alignment")
    notes = []
    for number, row in enumerate(aligned.rows, 1):
        targets = []
        for version in aligned.versions:
            cell = row.cells.get(version.pk, ())
            ids = ["#" + segment_id(slug, segment.key) for segment in cell]
            if len(ids) > 1:
                joined = join_id(slug, number, version.language.code)
                _el(stand_off, "join", xml_id=joined, target=" ".join(ids))
                ids = ["#" + joined]
            targets.extend(ids)
        unit = row.unit
        score = None if unit.score is None else repr(float(unit.score))
        _el(link_group, "link" if len(targets) > 1 else "ptr", xml_id=row_id(slug, number),
            target=" ".join(targets), type=unit.status, cert=score)
        if unit.note:
            notes.append(("#" + row_id(slug, number), unit.note))
    stand_off.append(link_group)
    for target, text in notes:
        _el(stand_off, "note", text, type="flag", target=target)


def tei_element_for(aligned) -> etree._Element:
    """The ``<TEI>`` element of one statement (not yet indented)."""
    root = etree.Element(tei("TEI"), {XML_ID: id_prefix(aligned.statement.slug)}, nsmap={None: TEI_NS})
    root.append(_header(aligned))
    _texts(root, aligned)
    _stand_off(root, aligned)
    return root


def tei_document_for(aligned) -> bytes:
    """One statement as a standalone TEI document (UTF-8, indented, ending in a newline)."""
    root = tei_element_for(aligned)
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _corpus_header() -> etree._Element:
    header = etree.Element(tei("teiHeader"), nsmap={None: TEI_NS})
    file_desc = _el(header, "fileDesc")
    _el(_el(file_desc, "titleStmt"), "title", "Alignment Workbench corpus of parallel statements")
    _el(_el(file_desc, "publicationStmt"), "publisher", PUBLISHER)
    _el(_el(file_desc, "sourceDesc"), "p", "Each TEI document describes its own source.")
    return header


def tei_corpus_write(statements: Iterable, out: BinaryIO) -> int:
    """Stream ``statements`` (AlignedStatement-like) into ``out`` as one ``<teiCorpus>``.

    Only one statement's tree is in memory at a time, so memory stays flat whatever the
    size of the corpus.  Returns the number of statements written.
    """
    iterator = iter(statements)
    first = next(iterator, None)
    if first is None:
        raise ValueError("no statements to export: a teiCorpus needs at least one TEI document")
    count = 0
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element(tei("teiCorpus"), nsmap={None: TEI_NS}):
            header = _corpus_header()
            etree.indent(header, space="  ", level=1)
            xf.write("\n  ", header)
            for aligned in itertools.chain([first], iterator):
                root = tei_element_for(aligned)
                etree.indent(root, space="  ", level=1)
                xf.write("\n  ", root)
                xf.flush()
                count += 1
            xf.write("\n")
    out.write(b"\n")
    return count
