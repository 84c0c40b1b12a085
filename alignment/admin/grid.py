"""The HTML of the editor grid's rows and of the alignment ladder, written in Python.

A 300-row grid in three languages is some 900 cells; through the template language (a
variable lookup, a filter and an autoescape per value, plus a loop per cell) it took
~150 ms to render, most of the request.  Here every value still goes through
``html.escape``, the per-row constants (labels, action buttons, the start tag of each
column's cells) are built once per page, and the markup is the same as the template's.
The page stays complete without JavaScript: every segment's text and key is in the HTML.
"""

from __future__ import annotations

from html import escape

from django.template.defaultfilters import floatformat, truncatechars
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from alignment.models import AlignmentUnit
from alignment.selectors import AlignedStatement, Ladder


def _severity_class(severity: int) -> str:
    # The same thresholds as admin/alignment/quality/finding_badges.html.
    return "error" if severity >= 30 else "warning" if severity >= 20 else "info"


def _row_actions(*, can_confirm: bool, flagged: bool) -> str:
    buttons = [
        f'<button type="button" data-op="merge" title="m">{escape(_("merge ↓"))}</button>',
        f'<button type="button" data-op="split-open" title="s">{escape(_("split"))}</button>',
    ]
    if can_confirm:
        buttons.append(f'<button type="button" data-op="confirm" title="c">{escape(_("confirm"))}</button>')
        buttons.append(f'<button type="button" data-op="confirm-above" title="a">{escape(_("confirm ↑"))}</button>')
    if flagged:
        buttons.append(f'<button type="button" data-op="unflag">{escape(_("unflag"))}</button>')
    else:
        buttons.append(f'<button type="button" data-op="flag" title="f">{escape(_("flag"))}</button>')
    return f'<div class="row-actions">{"".join(buttons)}</div>'


def _text(text: str) -> str:
    """What ``{{ text|linebreaksbr }}`` gives: escaped, with a <br> per line break."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def grid_rows(aligned: AlignedStatement, *, low_score: float, can_edit: bool, can_confirm: bool) -> SafeString:
    """The <tr> of every row: status, score, note, QA findings, row actions, then one cell
    per shown version with each segment's key and text (cell and segment controls are
    added by editor.js to the row being worked on)."""
    statuses = {value: escape(str(label)) for value, label in AlignmentUnit.Status.choices}
    actions = {flagged: _row_actions(can_confirm=can_confirm, flagged=flagged) if can_edit else ""
               for flagged in (False, True)}
    cell_start = {
        version.pk: (f'<td class="cell" lang="{escape(version.language.code)}" '
                     f'dir="{escape(version.language.direction)}" data-version="{version.pk}" data-count="')
        for version in aligned.versions
    }
    empty = '<span class="empty">∅</span>'
    scores: dict[float, str] = {}
    out: list[str] = []
    append = out.append
    for row in aligned.rows:
        unit = row.unit
        number = unit.position + 1
        status = escape(unit.status)
        css = f"unit status-{status}"
        if unit.score is not None and unit.score < low_score:
            css += " low"
        if row.findings:
            css += " has-findings"
        if unit.score is None:
            score = "–"
        else:
            score = scores.get(unit.score) or scores.setdefault(unit.score, str(floatformat(unit.score, 2)))
        append(f'<tr id="row-{number}" class="{css}" data-unit="{unit.pk}" tabindex="-1">'
               f'<th scope="row" class="rownum">{number}</th>'
               f'<td class="status-col"><span class="badge status-{status}">{statuses.get(unit.status, status)}</span>'
               f'<span class="score">{score}</span>')
        if unit.note:
            append(f'<span class="note" title="{escape(unit.note)}">✎ {escape(truncatechars(unit.note, 40))}</span>')
        for finding in row.findings:
            append(f'<span class="qa-badge qa-{_severity_class(finding.severity)}" title="{escape(finding.message)}">'
                   f'{escape(finding.check_name)}</span>')
        append(actions[unit.status == AlignmentUnit.Status.FLAGGED])
        append("</td>")
        for version, segments in row.columns:
            append(f'{cell_start[version.pk]}{len(segments)}">')
            for segment in segments:
                key = escape(segment.key)
                append(f'<div class="segment kind-{escape(segment.kind)}" data-segment="{segment.pk}" id="{key}">'
                       f'<span class="key">{key}</span><div class="text">{_text(segment.text)}</div></div>')
            if not segments:
                append(empty)
            append("</td>")
        append("</tr>\n")
    return mark_safe("".join(out))


def ladder_bands(ladder: Ladder) -> SafeString:
    """The ladder's clickable bands, one per row.  Coordinates are written with a dot
    whatever the interface language (SVG has no decimal comma)."""
    label = escape(_("row"))
    return mark_safe("".join(
        f'<a href="#row-{number}"><rect class="band {escape(css)}" x="{x}" y="0" width="{width}" '
        f'height="{ladder.height}"><title>{label} {number}</title></rect></a>'
        for number, x, width, css in ladder.bands))

