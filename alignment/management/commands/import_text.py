from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alignment.models import Statement
from alignment.services.translations import TranslationImportError, version_import_text


class Command(BaseCommand):
    help = ("Add or replace a statement's translation from a UTF-8 text file (segments separated by "
            "blank lines), then align the statement again. All or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("language", help="language code, e.g. az, ru, en (az-AZ, AZ, az_Latn are accepted)")
        parser.add_argument("file", help="the text file, or - for standard input")
        parser.add_argument("--one-per-line", action="store_true", help="one segment per line instead of per block")
        parser.add_argument("--title", help="the version's title (default: its first segment, or the old title)")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")

    def handle(self, slug, language, file, one_per_line, title, dry_run, **options):
        statement = Statement.objects.filter(slug=slug).first()
        if statement is None:
            raise CommandError(f"no statement with the slug {slug!r}")
        try:
            data = self.stdin_bytes() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from None
        try:
            result = version_import_text(statement=statement, language_code=language, text=data,
                                         one_per_line=one_per_line, title=title, name=file, dry_run=dry_run)
        except TranslationImportError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(("[dry run] " if dry_run else "") + result.summary())

    def stdin_bytes(self) -> bytes:
        import sys

        return sys.stdin.buffer.read()
