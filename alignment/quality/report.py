"""The QA report as text or JSON (``python manage.py qa_report``)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

SEVERITY_NAMES = {10: "info", 20: "warning", 30: "error"}


def report_dict(reports: Sequence) -> dict:
    """Plain data for JSON: findings and post-editing effort per statement, and totals."""
    statements = []
    totals: Counter[str] = Counter()
    for report in reports:
        findings = []
        for finding in report.findings:
            totals[SEVERITY_NAMES[finding.severity]] += 1
            findings.append({
                "row": finding.unit.position + 1, "check": finding.check_name,
                "severity": SEVERITY_NAMES[finding.severity], "message": finding.message,
                "segments": sorted(report.keys.get(finding.unit_id, [])), "fingerprint": finding.fingerprint,
            })
        statements.append({
            "slug": report.statement.slug, "title": report.statement.title, "findings": findings,
            "dismissed": report.dismissed, "post_editing": [effort.as_dict() for effort in report.effort],
        })
    return {"statements": statements, "totals": {name: totals[name] for name in ("error", "warning", "info")}}


def report_json(reports: Sequence) -> str:
    return json.dumps(report_dict(reports), ensure_ascii=False, indent=2)


def report_text(reports: Sequence) -> str:
    data = report_dict(reports)
    lines = []
    for statement in data["statements"]:
        counts = Counter(f["severity"] for f in statement["findings"])
        summary = ", ".join(f"{counts[name]} {name}" for name in ("error", "warning", "info") if counts[name])
        lines.append(f"{statement['slug']}: {summary or 'no findings'}"
                     + (f" ({statement['dismissed']} dismissed)" if statement["dismissed"] else ""))
        for f in statement["findings"]:
            lines.append(f"  row {f['row']:>3}  {f['severity']:<7}  {f['check']:<19}  {f['message']}"
                         f"  [{' '.join(f['segments'])}]")
        for effort in statement["post_editing"]:
            lines.append(f"  post-editing {effort['language']}: chrF++ {effort['chrF++']:.2f}, TER {effort['TER']:.2f}"
                         f" ({effort['segments_changed']} of {effort['segments']} segments changed)")
            for segment in effort["changed"]:
                lines.append(f"    {segment['key']}: chrF++ {segment['chrF++']:.2f}, TER {segment['TER']:.2f}")
    totals = data["totals"]
    lines.append(f"total: {totals['error']} error, {totals['warning']} warning, {totals['info']} info")
    efforts = [effort for statement in data["statements"] for effort in statement["post_editing"]]
    if efforts:
        signatures = efforts[0]["signatures"]
        lines.append(f"post-editing: chrF++ of the first text against the current one ({signatures['chrF++']}), "
                     f"TER of the edits ({signatures['TER']})")
    return "\n".join(lines) + "\n"
