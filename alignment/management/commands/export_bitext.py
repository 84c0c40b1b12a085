from django.core.management.base import BaseCommand, CommandError

from alignment.exchange.bitext import bitext_write
from alignment.exchange.langcodes import UnknownLanguage, languages_for_codes
from alignment.exchange.tmx import aligned_statements
from alignment.models import Statement


class Command(BaseCommand):
    help = ("Export a plain-text bitext for MT toolkits: DIR/<prefix>.<lang> per language, "
            "line N of each file is row N (all statements unless slugs are given).")

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG")
        parser.add_argument("--all", action="store_true", help="every statement (the default)")
        parser.add_argument("--langs", required=True, help="two or more languages, e.g. az,en")
        parser.add_argument("-o", "--output", required=True, metavar="DIR", help="the folder to write into")
        parser.add_argument("--prefix", default="corpus", help="file name before .<lang> (default: corpus)")
        parser.add_argument("--keep-empty", action="store_true",
                            help="keep rows with a missing side as empty lines instead of skipping them")
        parser.add_argument("--confirmed-only", action="store_true", help="only rows a person confirmed")
        parser.add_argument("--published-only", action="store_true", help="only published statements")

    def handle(self, slugs, all, langs, output, prefix, keep_empty, confirmed_only, published_only, **options):
        if slugs and all:
            raise CommandError("give slugs or --all, not both")
        missing = sorted(set(slugs) - set(Statement.objects.filter(slug__in=slugs).values_list("slug", flat=True)))
        if missing:
            raise CommandError(f"no statement with the slug {', '.join(missing)}")
        try:
            codes = [language.code for language in languages_for_codes(langs)]
        except UnknownLanguage as exc:
            raise CommandError(str(exc)) from None
        if len(codes) < 2:
            raise CommandError("a bitext needs two or more languages (--langs az,en)")
        statements = aligned_statements(slugs or None, langs=codes, published_only=published_only)
        try:
            report = bitext_write(output, statements, langs=codes, prefix=prefix, keep_empty=keep_empty,
                                  confirmed_only=confirmed_only)
        except OSError as exc:
            raise CommandError(f"{output}: {exc.strerror}") from None
        self.stdout.write(report.summary())
