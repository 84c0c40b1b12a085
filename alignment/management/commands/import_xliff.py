from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alignment.services.xliff import XliffImportError, statement_import_xliff


class Command(BaseCommand):
    help = ("Apply a translator's edited XLIFF 2 file (made by export_xliff): changed targets become "
            "segment edits recorded in the history and the operation log. All or nothing.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")

    def handle(self, file, dry_run, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from None
        try:
            result = statement_import_xliff(data=data, name=file, dry_run=dry_run)
        except XliffImportError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(("[dry run] " if dry_run else "") + result.summary())
        if result.edited:
            self.stdout.write("changed: " + " ".join(result.edited))
