from django.core.management.base import BaseCommand, CommandError

from alignment.quality.checks import CHECK_NAMES
from alignment.quality.report import report_json, report_text
from alignment.services.qa import QAError, qa_report_build

SEVERITIES = {"info": 10, "warning": 20, "error": 30}


class Command(BaseCommand):
    help = ("Print the QA findings of every statement (or the ones named) with the post-editing effort "
            "of each version. Findings are recomputed first, so the report is current.")

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="SLUG")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--check", action="append", choices=sorted(CHECK_NAMES),
                            help="only this check (repeatable)")
        parser.add_argument("--min-severity", choices=list(SEVERITIES), default="info")
        parser.add_argument("--no-refresh", action="store_true", help="print the stored findings as they are")
        parser.add_argument("--no-effort", action="store_true", help="leave out the post-editing effort")

    def handle(self, slugs, format, check, min_severity, no_refresh, no_effort, **options):
        try:
            reports = qa_report_build(slugs=slugs or None, refresh=not no_refresh, checks=check,
                                      min_severity=SEVERITIES[min_severity], effort=not no_effort)
        except QAError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(report_json(reports) if format == "json" else report_text(reports), ending="")
