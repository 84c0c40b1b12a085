import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alignment.services.tmx import TmxImportError, statement_import_tmx


class Command(BaseCommand):
    help = ("Create a statement from a TMX translation memory: one version per language, one confirmed "
            "row per <tu>. All or nothing; a file with a DOCTYPE line is refused (delete that line).")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--slug", required=True, help="the new statement's slug")
        parser.add_argument("--title", help="the statement's title (default: the slug)")
        parser.add_argument("--date", type=dt.date.fromisoformat, help="date issued, YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")

    def handle(self, file, slug, title, date, dry_run, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from None
        try:
            result = statement_import_tmx(data=data, slug=slug, title=title, date_issued=date, name=file,
                                          dry_run=dry_run)
        except TmxImportError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(("[dry run] " if dry_run else "") + result.summary())
