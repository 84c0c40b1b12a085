from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alignment.services.tei import TeiImportError, tei_import


class Command(BaseCommand):
    help = ("Import a TEI document or teiCorpus written by export_tei (or a hand-edited variant): "
            "creates or updates its statements; all or nothing. Restores a backup made with export_tei --all.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check and report, change nothing")
        parser.add_argument("--max-mb", type=float, help="size limit in MB (default: WORKBENCH_MAX_IMPORT_BYTES); "
                                                          "raise it to restore a large backup")

    def handle(self, file, dry_run, max_mb, **options):
        max_bytes = int(max_mb * 1024 * 1024) if max_mb else settings.WORKBENCH_MAX_IMPORT_BYTES
        path = Path(file)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise CommandError(f"{file}: {size:,} bytes is over the limit of {max_bytes:,} bytes "
                                   "(raise it with --max-mb)")
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from None
        try:
            report = tei_import(data=data, name=file, dry_run=dry_run, max_bytes=max_bytes)
        except TeiImportError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(report.summary())
