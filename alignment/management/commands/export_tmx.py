import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alignment.exchange.langcodes import UnknownLanguage, languages_for_codes
from alignment.exchange.tmx import aligned_statements, tmx_write
from alignment.models import Statement


class Command(BaseCommand):
    help = "Export statements as a TMX 1.4b translation memory (one <tu> per row), streamed."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG")
        parser.add_argument("--all", action="store_true", help="every statement")
        parser.add_argument("--langs", help="languages to include, in order, e.g. az,ru,en (default: all)")
        parser.add_argument("--confirmed-only", action="store_true", help="only rows a person confirmed")
        parser.add_argument("--published-only", action="store_true", help="only published statements")
        parser.add_argument("-o", "--output", required=True, help="the .tmx file to write, or - for stdout")

    def handle(self, slugs, all, langs, confirmed_only, published_only, output, **options):
        if bool(slugs) == bool(all):
            raise CommandError("name one or more statements (SLUG ...) or --all")
        missing = sorted(set(slugs) - set(Statement.objects.filter(slug__in=slugs).values_list("slug", flat=True)))
        if missing:
            raise CommandError(f"no statement with the slug {', '.join(missing)}")
        try:
            codes = [language.code for language in languages_for_codes(langs)] if langs else None
        except UnknownLanguage as exc:
            raise CommandError(str(exc)) from None
        statements = aligned_statements(slugs or None, langs=codes, published_only=published_only)
        if output == "-":
            tmx_write(sys.stdout.buffer, statements, langs=codes, confirmed_only=confirmed_only)
            return
        partial = Path(f"{output}.part")
        try:
            with partial.open("wb") as out:
                tmx_write(out, statements, langs=codes, confirmed_only=confirmed_only)
            os.replace(partial, output)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise CommandError(f"{output}: {exc.strerror}") from None
        self.stdout.write(f"wrote {output}")
