import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alignment.exchange.langcodes import UnknownLanguage, language_for_code
from alignment.exchange.xliff import xliff_document_for
from alignment.models import Statement
from alignment.selectors import statement_aligned, statement_versions


class Command(BaseCommand):
    help = ("Export one language pair of a statement as XLIFF 2.1 for a CAT tool: source = the pivot "
            "version, target = the translation, one unit per row.")

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--target", required=True, help="the translation's language, e.g. az")
        parser.add_argument("--source", help="the pivot language (default: the original language, else en)")
        parser.add_argument("-o", "--output", required=True, help="the .xlf file to write")

    def handle(self, slug, target, source, output, **options):
        statement = Statement.objects.select_related("original_language").filter(slug=slug).first()
        if statement is None:
            raise CommandError(f"no statement with the slug {slug!r}")
        default = statement.original_language.code if statement.original_language_id else "en"
        try:
            codes = [language_for_code(code).code for code in (source or default, target)]
        except UnknownLanguage as exc:
            raise CommandError(str(exc)) from None
        versions = statement_versions(statement, codes)
        if len(versions) != 2:
            have = ", ".join(v.language.code for v in statement_versions(statement))
            raise CommandError(f"{slug} needs versions in {codes[0]} and {codes[1]} (it has {have})")
        data = xliff_document_for(statement_aligned(statement, versions), *versions)
        partial = Path(f"{output}.part")
        try:
            partial.write_bytes(data)
            os.replace(partial, output)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"{output}: {exc.strerror}") from None
        self.stdout.write(f"wrote {output}")
