"""python -m alignment.aligners: output format and refusal of bad input."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from alignment.aligners import check_partition, read_beads

from .helpers import DATA

ROOT = Path(__file__).resolve().parents[2]
BEAD_LINE = re.compile(r"^\[(\d+(,\d+)*)?\](:\[(\d+(,\d+)*)?\])+:(0|1)\.\d{3}$")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "alignment.aligners", *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def test_two_files_print_one_bead_per_line():
    result = run(str(DATA / "sample.en.txt"), str(DATA / "sample.ru.txt"))
    assert result.returncode == 0, result.stderr
    output = result.stdout.splitlines()
    assert all(BEAD_LINE.match(line) for line in output)
    assert output[0].startswith("[0]:[0]:")
    check_partition(read_beads(output, arity=2), [9, 9])


def test_three_files_and_options(tmp_path):
    result = run(str(DATA / "sample.en.txt"), str(DATA / "sample.az.txt"), str(DATA / "sample.ru.txt"),
                 "--method", "gale-church", "--max-bead", "2", "--pivot", "1")
    assert result.returncode == 0, result.stderr
    check_partition(read_beads(result.stdout.splitlines(), arity=3), [9, 9, 9])


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"one\x00two\n", "binary"), (b"caf\xe9\n", "not valid UTF-8"), (b"", "empty"), (b"\n  \n", "empty")],
)
def test_bad_input_is_refused_with_exit_2_naming_the_file(tmp_path, content, message):
    bad = tmp_path / "bad-input.txt"
    bad.write_bytes(content)
    result = run(str(DATA / "sample.en.txt"), str(bad))
    assert result.returncode == 2
    assert "bad-input.txt" in result.stderr and message in result.stderr
    assert result.stdout == ""


def test_missing_file_and_single_file_are_refused(tmp_path):
    assert run(str(DATA / "sample.en.txt"), str(tmp_path / "missing.txt")).returncode == 2
    assert run(str(DATA / "sample.en.txt")).returncode == 2
