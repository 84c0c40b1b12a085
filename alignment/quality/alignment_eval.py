"""Aligner accuracy against reference alignments (``evaluate_alignment``).

Two layouts of gold data are read: corpus folders (``<lang>.txt`` files and a ``gold.txt``
in the bead format, as under ``fixtures/corpus``) and the plain layout of the Vecalign /
Bertalign test sets (``NAME.de``, ``NAME.fr`` with one segment per line and ``NAME.defr``
holding the gold beads).  The metric is theirs: strict and lax precision, recall and F1,
counts summed over documents (``alignment.aligners.evaluate``).  Pure Python, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from alignment.aligners import Counts, align, figures, project, read_beads, score
from alignment.exchange.corpusfiles import (
    CorpusFormatError,
    decode_text,
    read_statement_folder,
)


@dataclass
class GoldDocument:
    name: str
    languages: list[str]
    texts: list[list[str]]
    kinds: list[list[str]] | None
    beads: list


@dataclass
class Evaluation:
    method: str
    pairs: dict[str, Counts] = field(default_factory=dict)  # "en-az" -> counts (pairwise alignment)
    projected: dict[str, Counts] = field(default_factory=dict)  # "en-az" -> counts (n-way, projected)
    documents: int = 0

    def rows(self) -> list[tuple[str, str, object]]:
        """(label, mode, Figures) for every pair, then overall, for printing."""
        out = []
        for label, table in (("pairwise", self.pairs), ("n-way", self.projected)):
            for pair, counts in sorted(table.items()):
                out.append((pair, label, figures(counts)))
            if table:
                total = Counts()
                for counts in table.values():
                    total = total + counts
                out.append(("overall", label, figures(total)))
        return out


def corpus_documents(root: Path) -> list[GoldDocument]:
    documents = []
    for folder in sorted(path for path in root.iterdir() if (path / "gold.txt").exists()):
        statement = read_statement_folder(folder)
        languages, beads = statement.gold
        versions = [statement.versions[code] for code in languages]
        documents.append(GoldDocument(statement.slug, languages, [[s.text for s in v.segments] for v in versions],
                                      [[s.kind for s in v.segments] for v in versions], beads))
    return documents


def plain_documents(root: Path) -> list[GoldDocument]:
    """NAME.xx + NAME.yy + NAME.xxyy (or NAME.xx-yy) triples."""
    documents = []
    for gold in sorted(root.iterdir()):
        stem, _, suffix = gold.name.rpartition(".")
        if not stem or not gold.is_file():
            continue
        pair = suffix.split("-") if "-" in suffix else [suffix[: len(suffix) // 2], suffix[len(suffix) // 2:]]
        sources = [root / f"{stem}.{code}" for code in pair]
        if len(suffix) < 4 or not all(path.is_file() for path in sources):
            continue
        texts = [decode_text(path.read_bytes(), str(path)).rstrip("\n").split("\n") for path in sources]
        beads = read_beads(decode_text(gold.read_bytes(), str(gold)).split("\n"), arity=2, source=f"{gold}, ")
        documents.append(GoldDocument(stem, pair, texts, None, beads))
    return documents


def gold_documents(root: Path) -> list[GoldDocument]:
    if not root.is_dir():
        raise CorpusFormatError(f"{root}: not a directory")
    documents = corpus_documents(root) + plain_documents(root)
    if not documents:
        raise CorpusFormatError(f"{root}: no gold alignments found (gold.txt folders or NAME.xx/NAME.yy/NAME.xxyy)")
    return documents


def evaluate(documents: list[GoldDocument], *, method: str = "default") -> Evaluation:
    """Align every pair of languages directly, and all languages at once (projected to pairs)."""
    result = Evaluation(method=method, documents=len(documents))
    for document in documents:
        count = len(document.languages)
        for i, j in combinations(range(count), 2):
            label = f"{document.languages[i]}-{document.languages[j]}"
            kinds = [document.kinds[i], document.kinds[j]] if document.kinds else None
            predicted = align([document.texts[i], document.texts[j]], kinds=kinds, method=method)
            gold = project(document.beads, i, j)
            result.pairs[label] = result.pairs.get(label, Counts()) + score(predicted, gold)
        if count > 2:
            predicted = align(document.texts, kinds=document.kinds, method=method)
            for i, j in combinations(range(count), 2):
                label = f"{document.languages[i]}-{document.languages[j]}"
                counts = score(project(predicted, i, j), project(document.beads, i, j))
                result.projected[label] = result.projected.get(label, Counts()) + counts
    return result


def format_table(evaluation: Evaluation) -> str:
    lines = [f"method: {evaluation.method}; {evaluation.documents} documents",
             "| pair | mode | strict P | strict R | strict F1 | lax P | lax R | lax F1 |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    for pair, mode, fig in evaluation.rows():
        lines.append(f"| {pair} | {mode} | {fig.precision_strict:.3f} | {fig.recall_strict:.3f} | "
                     f"{fig.f1_strict:.3f} | {fig.precision_lax:.3f} | {fig.recall_lax:.3f} | {fig.f1_lax:.3f} |")
    return "\n".join(lines)
