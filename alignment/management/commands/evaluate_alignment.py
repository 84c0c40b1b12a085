import json
from dataclasses import asdict
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alignment.aligners import METHODS
from alignment.aligners.beads import BeadFormatError
from alignment.exchange.corpusfiles import CorpusFormatError
from alignment.quality.alignment_eval import evaluate, format_table, gold_documents


class Command(BaseCommand):
    help = "Aligner precision, recall and F1 (strict and lax) against the corpus gold.txt files or a gold folder."

    def add_arguments(self, parser):
        parser.add_argument("--method", choices=METHODS, default="default")
        parser.add_argument("--gold-dir", action="append", default=[],
                            help="a folder of gold alignments (corpus folders, or NAME.de/NAME.fr/NAME.defr); repeatable")
        parser.add_argument("--no-corpus", action="store_true", help="skip the corpus gold files")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, method, gold_dir, no_corpus, format, **options):
        roots = ([] if no_corpus else [Path(settings.WORKBENCH_CORPUS_DIR)]) + [Path(p) for p in gold_dir]
        if not roots:
            raise CommandError("Nothing to evaluate: give --gold-dir or leave out --no-corpus.")
        results = []
        for root in roots:
            try:
                documents = gold_documents(root)
            except (CorpusFormatError, BeadFormatError, OSError) as exc:
                raise CommandError(str(exc)) from None
            results.append((root, evaluate(documents, method=method)))
        if format == "json":
            payload = [{"gold": str(root), "method": ev.method, "documents": ev.documents,
                        "rows": [{"pair": pair, "mode": mode, **{k: v for k, v in asdict(fig).items() if k != "counts"}}
                                 for pair, mode, fig in ev.rows()]} for root, ev in results]
            self.stdout.write(json.dumps(payload, indent=2))
            return
        for root, evaluation in results:
            self.stdout.write(f"gold: {root}\n{format_table(evaluation)}\n")
