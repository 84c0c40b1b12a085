from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alignment.exchange.corpusfiles import CorpusFormatError, decode_text
from alignment.exchange.seedtext import SeedFormatError, seed_write_corpus


class Command(BaseCommand):
    help = "Convert the plain-text seed of English statements into corpus folders (statement.json + en.txt)."

    def add_arguments(self, parser):
        parser.add_argument("seed", help="the seed text file")
        parser.add_argument("-o", "--output", default=str(settings.WORKBENCH_CORPUS_DIR))

    def handle(self, seed, output, **options):
        path = Path(seed)
        try:
            written = seed_write_corpus(decode_text(path.read_bytes(), str(path)), Path(output))
        except (OSError, SeedFormatError, CorpusFormatError) as exc:
            raise CommandError(f"{path}: {exc}") from None
        self.stdout.write(f"wrote {len(written)} statement folders under {output}")
