from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alignment.services.synthetic import corpus_generate


class Command(BaseCommand):
    help = "Generate a synthetic corpus shaped like the real one (for benchmarks), with bulk inserts."

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, required=True)
        parser.add_argument("--languages", default="az,ru,en", help="comma-separated codes (default az,ru,en)")
        parser.add_argument("--paragraphs", type=int, default=50, help="rows per statement")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--prefix", default="synthetic", help="slug prefix")

    def handle(self, statements, languages, paragraphs, seed, prefix, **options):
        codes = [code.strip() for code in languages.split(",") if code.strip()]
        if "en" not in codes:
            raise CommandError("The languages must include en (lengths are modelled on the English texts).")
        try:
            report = corpus_generate(statements=statements, languages=codes, paragraphs=paragraphs, seed=seed,
                                     corpus_root=settings.WORKBENCH_CORPUS_DIR, prefix=prefix)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{report.statements} statements, {report.segments} segments, {report.units} rows in "
            f"{report.seconds:.1f} s ({report.rows_per_second:,.0f} rows/s)"
        )
