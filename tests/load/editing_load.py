"""Concurrent editors against a live server: random editor operations through the real HTTP
endpoints, then a check that nothing acknowledged was lost and nothing was half-applied.

Used by tests/load/test_concurrent_editing.py and by bench/concurrency_bench.py.
"""

from __future__ import annotations

import http.cookiejar
import json
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

OPERATIONS = ("merge", "split", "shift-up", "shift-down", "confirm", "edit", "undo", "redo", "insert-empty")
STALE = "changed by someone else"


@dataclass
class Tally:
    sent: int = 0
    acknowledged: list[int] = field(default_factory=list)
    stale: int = 0
    invalid: int = 0
    errors: list[str] = field(default_factory=list)
    bad_refusals: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.sent += other.sent
        self.acknowledged += other.acknowledged
        self.stale += other.stale
        self.invalid += other.invalid
        self.errors += other.errors
        self.bad_refusals += other.bad_refusals


class EditorClient:
    """A logged-in browser-like client (cookies, CSRF) of the editor endpoints."""

    def __init__(self, base: str, username: str, password: str, statement_id: int, seed: int):
        self.base = base
        self.statement_id = statement_id
        self.random = random.Random(seed)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self._login(username, password)

    def _csrf(self) -> str:
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")

    def _request(self, path: str, data: dict | None = None, accept_json: bool = False):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if data is not None:
            request.add_header("X-CSRFToken", self._csrf())
            request.add_header("Referer", self.base + path)
        if accept_json:
            request.add_header("Accept", "application/json")
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def _login(self, username: str, password: str) -> None:
        self._request("/admin/login/")
        status, _ = self._request("/admin/login/?next=/admin/", {
            "username": username, "password": password, "csrfmiddlewaretoken": self._csrf(), "next": "/admin/"})
        assert status == 200, f"login failed with {status}"

    def grid(self) -> tuple[int, list[int], list[tuple[int, str]], list[int]]:
        status, page = self._request(f"/admin/alignment/statement/{self.statement_id}/align/")
        assert status == 200, status
        revision = int(re.search(r'data-revision="(\d+)"', page).group(1))
        units = [int(u) for u in re.findall(r'data-unit="(\d+)"', page)]
        segments = re.findall(r'data-segment="(\d+)"[^>]*>\s*<span class="key">[^<]*</span>\s*<div class="text">([^<]*)',
                              page)
        versions = sorted({int(v) for v in re.findall(r'data-version="(\d+)"', page)})
        return revision, units, [(int(pk), text) for pk, text in segments], versions

    def random_operation(self, tally: Tally) -> None:
        revision, units, segments, versions = self.grid()
        name = self.random.choice(OPERATIONS)
        fields = {"op": name, "revision": revision}
        unit = self.random.choice(units)
        if name in ("merge", "confirm", "split", "shift-up", "shift-down", "insert-empty"):
            fields["unit"] = unit
        if name in ("shift-up", "shift-down", "insert-empty"):
            fields["version"] = self.random.choice(versions)
        if name == "split":
            for version in versions:
                fields[f"keep_{version}"] = self.random.choice((0, 1))
        if name == "edit":
            pk, text = self.random.choice(segments)
            fields.update(segment=pk, text=(text.strip() or "x") + f" [{self.random.randrange(1000)}]")
        time.sleep(self.random.uniform(0, 0.02))  # think time: lets other clients get in between
        status, body = self._request(f"/admin/alignment/statement/{self.statement_id}/align/op/", fields,
                                     accept_json=True)
        tally.sent += 1
        if status >= 500:
            tally.errors.append(f"{status} on {name}")
            return
        answer = json.loads(body)
        if status == 200 and answer["ok"]:
            tally.acknowledged.append(answer["operation"])
        elif status == 409:
            tally.stale += 1
            if STALE not in answer["message"]:
                tally.bad_refusals.append(answer["message"])
        elif status == 400:
            tally.invalid += 1  # e.g. merging the last row: refused as invalid, nothing changed
        else:
            tally.errors.append(f"{status} on {name}: {body[:200]}")


def run_clients(base: str, username: str, password: str, statement_id: int, *, clients: int = 8,
                seconds: float = 60.0) -> tuple[Tally, float]:
    """Run ``clients`` threads for ``seconds``; returns the summed tally and the wall time."""
    editors = [EditorClient(base, username, password, statement_id, seed) for seed in range(clients)]
    tallies = [Tally() for _ in editors]
    deadline = time.monotonic() + seconds

    def work(editor: EditorClient, tally: Tally) -> None:
        while time.monotonic() < deadline:
            try:
                editor.random_operation(tally)
            except Exception as exc:  # a crashed client is an error to report, not a silent stop
                tally.errors.append(repr(exc))

    started = time.monotonic()
    threads = [threading.Thread(target=work, args=pair) for pair in zip(editors, tallies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Tally()
    for tally in tallies:
        total.add(tally)
    return total, time.monotonic() - started


def verify(statement, tally: Tally) -> list[str]:
    """Problems found after the run (empty when everything holds)."""
    from alignment.models import Operation
    from alignment.services.operations import state_capture
    from alignment.services.units import InvariantError, invariants_check

    problems = []
    try:
        invariants_check(statement)
    except InvariantError as exc:
        problems.append(f"invariant broken: {exc}")
    log = list(Operation.objects.filter(statement=statement).order_by("revision_before"))
    logged = {op.pk for op in log}
    missing = [pk for pk in tally.acknowledged if pk not in logged]
    if missing:
        problems.append(f"{len(missing)} acknowledged operations are not in the log")
    if len(set(tally.acknowledged)) != len(tally.acknowledged):
        problems.append("an operation was acknowledged twice")
    # Every operation applied on top of the one before it: a linear history, no lost update.
    for previous, current in zip(log, log[1:]):
        if current.revision_before != previous.revision_after:
            problems.append(f"operation {current.pk} started from revision {current.revision_before}, "
                            f"not {previous.revision_after}")
            break
    if log:
        statement.refresh_from_db()
        if statement.alignment_revision != log[-1].revision_after:
            problems.append("the statement's revision is not the last operation's")
        final = state_capture(statement)
        if final["rows"] != log[-1].state_after["rows"]:
            problems.append("the final rows differ from the last acknowledged operation's result")
    if tally.errors:
        problems.append(f"{len(tally.errors)} errors, e.g. {tally.errors[:3]}")
    if tally.bad_refusals:
        problems.append(f"refusals without the stale-revision message: {tally.bad_refusals[:3]}")
    return problems
