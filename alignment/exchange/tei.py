"""TEI P5 export and import, the workbench's scholarly exchange and backup format.

- :func:`tei_document_for` — one statement as a standalone ``<TEI>`` document (bytes);
  serve it as :data:`TEI_CONTENT_TYPE`.
- :func:`tei_corpus_write` — many statements streamed as one ``<teiCorpus>``.
- :func:`tei_parse` — a TEI file back into plain records (no database), for the import
  service :func:`alignment.services.tei.tei_import`.

The writer lives in :mod:`.tei_write`, the reader in :mod:`.tei_read`, the shared names,
id scheme and records in :mod:`.tei_model`; the strict profile in ``schemas/``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from alignment.exchange.tei_model import (
    PROFILE_PATH,
    TEI_CONTENT_TYPE,
    TEI_NS,
    TeiFormatError,
    TeiRow,
    TeiSegment,
    TeiStatement,
    TeiVersion,
)
from alignment.exchange.tei_read import (
    dangling_pointers,
    ids_index,
    profile_schema,
    tei_parse,
)
from alignment.exchange.tei_write import divisions, tei_corpus_write, tei_document_for
from alignment.selectors import AlignedStatement, corpus_export_aligned

__all__ = [
    "PROFILE_PATH", "TEI_CONTENT_TYPE", "TEI_NS", "TeiFormatError", "TeiRow", "TeiSegment", "TeiStatement",
    "TeiVersion", "aligned_statements", "dangling_pointers", "divisions", "ids_index", "profile_schema",
    "tei_corpus_write", "tei_document_for", "tei_parse",
]


def aligned_statements(slugs: Sequence[str] | None = None, *,
                       published_only: bool = False) -> Iterator[AlignedStatement]:
    """Every statement (or those named) with all its versions, one at a time, for the corpus writer."""
    yield from corpus_export_aligned(slugs, published_only=published_only)
