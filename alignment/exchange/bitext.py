"""Plain-text bitexts for MT toolkits: one UTF-8 file per language, line N of each is row N.

Rows missing a side are skipped by default (``keep_empty`` keeps them as empty lines).
Line breaks inside a cell (a signature, a 2-1 link) become single spaces so that no tool,
whatever it counts as a line break, sees a different number of lines.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from alignment.exchange.tmx import cell_text
from alignment.selectors import AlignedStatement

# Everything str.splitlines() breaks on, plus tabs and spaces: folded into one space.
_BREAKS = re.compile(r"[ \t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


@dataclass
class BitextReport:
    paths: list[Path] = field(default_factory=list)
    lines: int = 0
    skipped: int = 0

    def summary(self) -> str:
        files = ", ".join(str(path) for path in self.paths)
        return f"{self.lines} lines in {files}; {self.skipped} rows with a missing side skipped"


def line_text(text: str) -> str:
    return _BREAKS.sub(" ", text).strip()


def bitext_rows(aligned_statements: Iterable[AlignedStatement], langs: Sequence[str], *,
                keep_empty: bool = False, confirmed_only: bool = False,
                report: BitextReport | None = None) -> Iterator[tuple[str, ...]]:
    """One tuple of lines (in ``langs`` order) per row that has every side, or every row."""
    report = report if report is not None else BitextReport()
    for aligned in aligned_statements:
        versions = [aligned.version_for(code) for code in langs]
        for row in aligned.rows:
            if confirmed_only and row.unit.status != "confirmed":
                continue
            line = tuple(line_text(cell_text(row.cell(v))) if v else "" for v in versions)
            if not all(line) and not keep_empty:
                report.skipped += 1
                continue
            report.lines += 1
            yield line


def bitext_write(directory: Path, aligned_statements: Iterable[AlignedStatement], *, langs: Sequence[str],
                 prefix: str = "corpus", keep_empty: bool = False, confirmed_only: bool = False) -> BitextReport:
    """Write ``<directory>/<prefix>.<lang>`` for each language; the files appear only when complete."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    report = BitextReport(paths=[directory / f"{prefix}.{code}" for code in langs])
    partials = [path.with_name(path.name + ".part") for path in report.paths]
    files = [path.open("w", encoding="utf-8", newline="\n") for path in partials]
    try:
        for line in bitext_rows(aligned_statements, langs, keep_empty=keep_empty,
                                confirmed_only=confirmed_only, report=report):
            for out, text in zip(files, line):
                out.write(text + "\n")
    except BaseException:
        for out, partial in zip(files, partials):
            out.close()
            partial.unlink(missing_ok=True)
        raise
    for out, partial, path in zip(files, partials, report.paths):
        out.close()
        os.replace(partial, path)
    return report
