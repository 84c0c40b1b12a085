from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alignment.services.tei import TeiImportError, tei_import


class Command(BaseCommand):
    help = ("Import a TEI document or teiCorpus written by export_tei (or a hand-edited variant): "
            "creates or updates its statements; all or nothing. Restores a backup made with export_tei --all.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")

    def handle(self, file, dry_run, **options):
        try:
            with open(file, "rb") as handle:
                data = handle.read(settings.WORKBENCH_MAX_IMPORT_BYTES + 1)  # one byte over: refused by size
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from None
        try:
            report = tei_import(data=data, name=file, dry_run=dry_run)
        except TeiImportError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(report.summary())
