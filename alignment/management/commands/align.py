from django.core.management.base import BaseCommand, CommandError

from alignment.models import Statement
from alignment.services.editing import statement_realign
from alignment.services.hooks import after_alignment_change
from alignment.services.operations import OperationError


class Command(BaseCommand):
    help = "Run the automatic aligner on statements; confirmed rows are kept (an undoable operation each)."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*")
        parser.add_argument("--all", action="store_true", help="every statement")
        parser.add_argument("--pivot", help="language code every version is aligned to (default: original, or en)")
        parser.add_argument("--method", default="default")
        parser.add_argument("--no-keep-confirmed", action="store_true", help="re-align confirmed rows too")

    def handle(self, slugs, all, pivot, method, no_keep_confirmed, **options):
        if bool(slugs) == bool(all):
            raise CommandError("Name statements by slug, or use --all (not both).")
        statements = Statement.objects.order_by("date_issued", "slug")
        if slugs:
            statements = statements.filter(slug__in=slugs)
            missing = sorted(set(slugs) - set(statements.values_list("slug", flat=True)))
            if missing:
                raise CommandError(f"Unknown statement(s): {', '.join(missing)}")
        total = statements.count()
        for number, statement in enumerate(statements, 1):
            try:
                statement_realign(statement=statement, by=None, revision=None, method=method, pivot=pivot,
                                  keep_confirmed=not no_keep_confirmed)
            except (OperationError, ValueError) as exc:
                raise CommandError(f"{statement.slug}: {exc}") from None
            after_alignment_change(statement)
            self.stdout.write(f"[{number}/{total}] {statement.slug}: {statement.units.count()} rows")
