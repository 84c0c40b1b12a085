from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alignment.exchange.corpusfiles import CorpusFormatError
from alignment.services.corpus import corpus_load


class Command(BaseCommand):
    help = "Build or update the database from the corpus folders (idempotent, all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(settings.WORKBENCH_CORPUS_DIR))
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")

    def handle(self, directory, dry_run, **options):
        try:
            report = corpus_load(root=Path(directory), dry_run=dry_run)
        except CorpusFormatError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(("[dry run] " if dry_run else "") + report.summary())
