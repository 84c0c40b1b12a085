import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alignment.services.mt_scoring import (
    MTScoringError,
    hypotheses_read,
    mt_rows,
    score_mt,
)


class Command(BaseCommand):
    help = ("Score a machine translation (one line per row) against the approved versions in --lang: "
            "BLEU (tok intl), chrF++ (the headline) and TER, with their sacrebleu signatures.")

    def add_arguments(self, parser):
        parser.add_argument("--lang", required=True, help="language of the system output and the references")
        parser.add_argument("--hyp", help="the system output, UTF-8, one line per row")
        parser.add_argument("--statements", nargs="+", metavar="SLUG", help="only these statements")
        parser.add_argument("--confirmed-only", action="store_true", help="only rows an editor confirmed")
        parser.add_argument("--case-insensitive", action="store_true",
                            help="fold case by the language's rules (Azerbaijani İ/ı kept apart) before scoring")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--write-refs", metavar="FILE", help="write the reference lines of the test set")
        parser.add_argument("--source", metavar="LANG", help="language of the source lines for --write-source")
        parser.add_argument("--write-source", metavar="FILE", help="write the source lines of the same rows")

    def handle(self, lang, hyp, statements, confirmed_only, case_insensitive, format, write_refs, source,
               write_source, **options):
        if not hyp and not (write_refs or write_source):
            raise CommandError("Give --hyp FILE to score, or --write-refs / --write-source to export the test set.")
        if write_source and not source:
            raise CommandError("--write-source needs --source LANG.")
        try:
            if write_refs or write_source:
                rows = mt_rows(lang=lang, statements=statements, confirmed_only=confirmed_only, source=source)
                if write_refs:
                    Path(write_refs).write_text("".join(row.reference + "\n" for row in rows), encoding="utf-8")
                if write_source:
                    Path(write_source).write_text("".join(row.source + "\n" for row in rows), encoding="utf-8")
                self.stderr.write(f"{len(rows)} rows written")
            if not hyp:
                return
            try:
                data = Path(hyp).read_bytes()
            except OSError as exc:
                raise CommandError(f"{hyp}: {exc.strerror}") from None
            result = score_mt(lang=lang, hypotheses=hypotheses_read(data, hyp), statements=statements,
                              confirmed_only=confirmed_only, case_insensitive=case_insensitive, name=hyp)
        except MTScoringError as exc:
            raise CommandError(str(exc)) from None
        if format == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{result.rows} rows of {len(result.statements)} statement(s), reference language {lang}"
                          + (", case folded" if case_insensitive else ""))
        for score in result.scores:
            self.stdout.write(f"{score.name:<7} {score.score:6.2f}  {score.signature}")
