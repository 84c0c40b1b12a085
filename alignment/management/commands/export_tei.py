import codecs
import contextlib
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alignment.exchange.tei import (
    aligned_statements,
    tei_corpus_write,
    tei_document_for,
)
from alignment.models import Statement
from alignment.selectors import statement_aligned, statement_by_slug


class _TextOut:
    """Bytes in, text out: lets the streamed writer print to the command's stdout."""

    def __init__(self, stream):
        self.stream, self.decoder = stream, codecs.getincrementaldecoder("utf-8")()

    def write(self, data: bytes) -> None:
        self.stream.write(self.decoder.decode(data), ending="")


class Command(BaseCommand):
    help = ("Export TEI P5: one statement as a <TEI> document, several (or --all) as a streamed "
            "<teiCorpus>. With --all this is the backup format that import_tei restores.")

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG")
        parser.add_argument("--all", dest="everything", action="store_true", help="every statement, as one teiCorpus")
        parser.add_argument("--published-only", action="store_true", help="with --all: published statements only")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")

    def handle(self, slugs, everything, published_only, output, **options):
        if bool(slugs) == everything:
            raise CommandError("Name one or more statement slugs, or use --all.")
        known = set(Statement.objects.filter(slug__in=slugs).values_list("slug", flat=True))
        missing = [slug for slug in slugs if slug not in known]
        if missing:
            raise CommandError(f"No statement with the slug {', '.join(missing)}.")
        target = Path(output) if output else None
        partial = target.with_name(target.name + ".partial") if target else None
        try:
            with open(partial, "wb") if partial else contextlib.nullcontext(_TextOut(self.stdout)) as out:
                if len(slugs) == 1:
                    statement = statement_by_slug(slugs[0], published_only=False)
                    out.write(tei_document_for(statement_aligned(statement)))
                    count = 1
                else:
                    count = tei_corpus_write(aligned_statements(slugs or None, published_only=published_only), out)
        except (OSError, ValueError) as exc:
            if partial and partial.exists():
                partial.unlink()
            raise CommandError(str(exc)) from None
        if partial:
            os.replace(partial, target)  # a failed export never leaves a half-written file behind
            self.stderr.write(f"{count} statement(s) written to {target}")
