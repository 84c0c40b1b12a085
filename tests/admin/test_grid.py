"""The editor grid's HTML (alignment/admin/grid.py): nothing of the statement is lost, and
every value is escaped."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from alignment.models import AlignmentUnit, QAFinding, Segment


class GridParser(HTMLParser):
    """Collects every segment of the grid: its key, id, row, column and text (<br> as a line break)."""

    def __init__(self):
        super().__init__()
        self.segments = {}
        self.rows = []
        self.unit = self.version = self.segment = None
        self.in_text = self.in_key = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "tr" and "unit" in classes:
            self.unit = int(attrs["data-unit"])
            self.rows.append((self.unit, classes))
        elif tag == "td" and "cell" in classes:
            self.version = int(attrs["data-version"])
        elif tag == "div" and "segment" in classes:
            self.segment = {"id": attrs["id"], "pk": int(attrs["data-segment"]), "unit": self.unit,
                            "version": self.version, "kind": classes[1], "text": "", "key": ""}
            self.segments[attrs["id"]] = self.segment
        elif tag == "div" and "text" in classes and self.segment:
            self.in_text = True
        elif tag == "span" and "key" in classes and self.segment:
            self.in_key = True
        elif tag == "br" and self.in_text:
            self.segment["text"] += "\n"

    def handle_endtag(self, tag):
        if tag == "div" and self.in_text:
            self.in_text = False
            self.segment = None
        self.in_key = False

    def handle_data(self, data):
        if self.in_text:
            self.segment["text"] += data
        elif self.in_key:
            self.segment["key"] += data


def grid(client, statement, **params):
    response = client.get(reverse("admin:alignment_statement_align", args=[statement.pk]), params)
    assert response.status_code == 200
    parser = GridParser()
    parser.feed(response.content.decode())
    return response.content.decode(), parser


@pytest.fixture
def client(editor):
    client = Client()
    client.force_login(editor)
    return client


def test_every_segment_is_in_its_row_and_column_with_its_text(client, corpus_statement):
    tricky = Segment.objects.get(version__statement=corpus_statement, key="en-3")
    Segment.objects.filter(pk=tricky.pk).update(text="First line & <b>bold</b>\nsecond 'line' \"quoted\"")
    _, parser = grid(client, corpus_statement)
    expected = {
        segment.key: {"id": segment.key, "key": segment.key, "pk": segment.pk, "unit": segment.unit_id,
                      "version": segment.version_id, "kind": f"kind-{segment.kind}", "text": segment.text}
        for segment in Segment.objects.filter(version__statement=corpus_statement)
    }
    assert len(expected) > 50
    assert parser.segments == expected
    units = list(corpus_statement.units.order_by("position").values_list("pk", flat=True))
    assert [unit for unit, _ in parser.rows] == units


def test_columns_follow_the_choice(client, corpus_statement):
    content, parser = grid(client, corpus_statement, v=["ru", "en"])
    assert {key.split("-")[0] for key in parser.segments} == {"ru", "en"}
    first_row = content[content.index('<tr id="row-1"'):content.index("</tr>", content.index('<tr id="row-1"'))]
    assert first_row.index('lang="ru"') < first_row.index('lang="en"')


def test_text_note_and_findings_are_escaped(client, corpus_statement):
    units = list(corpus_statement.units.order_by("position"))
    Segment.objects.filter(version__statement=corpus_statement, key="en-2").update(text="<script>alert(1)</script>")
    AlignmentUnit.objects.filter(pk=units[1].pk).update(status="flagged", note='"><script>alert(2)</script>')
    QAFinding.objects.create(statement=corpus_statement, unit=units[2], check_name="<i>check</i>", severity=30,
                             message='"><script>alert(3)</script>', fingerprint="test")
    content, _ = grid(client, corpus_statement)
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert 'title="&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in content
    assert 'title="&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;">&lt;i&gt;check&lt;/i&gt;</span>' in content


def test_row_state_badges_and_actions(client, corpus_statement, viewer):
    units = list(corpus_statement.units.order_by("position"))
    AlignmentUnit.objects.filter(pk=units[0].pk).update(status="flagged", note="Missing sentence", score=0.2)
    AlignmentUnit.objects.filter(pk=units[1].pk).update(status="confirmed", score=None)
    QAFinding.objects.create(statement=corpus_statement, unit=units[1], check_name="numbers", severity=20,
                             message="Numbers differ", fingerprint="test")
    content, parser = grid(client, corpus_statement)
    rows = dict(parser.rows)
    assert rows[units[0].pk] == ["unit", "status-flagged", "low"]
    assert rows[units[1].pk] == ["unit", "status-confirmed", "has-findings"]
    first, second = content.split('<tr id="row-2"')[0], content.split('<tr id="row-2"')[1].split("</tr>")[0]
    assert '<span class="score">0.20</span>' in first and "✎ Missing sentence" in first
    assert 'data-op="unflag"' in first and 'data-op="flag"' not in first.split('<tr id="row-1"')[1]
    assert '<span class="score">–</span>' in second
    assert '<span class="qa-badge qa-warning" title="Numbers differ">numbers</span>' in second
    assert content.count('class="row-actions"') == len(units)
    assert content.count('data-op="confirm-above"') == len(units)
    assert '<button type="button" data-op="confirm" title="c">confirm</button>' in second
    assert '<button type="button" data-op="confirm-above" title="a">confirm ↑</button>' in second
    reader = Client()
    reader.force_login(viewer)
    content, _ = grid(reader, corpus_statement)
    assert 'class="row-actions"' not in content


def test_ladder_coordinates_are_not_localized(client, corpus_statement):
    client.cookies["django_language"] = "az"
    content, _ = grid(client, corpus_statement)
    ladder = content[content.index('<svg class="ladder"'):content.index("</svg>", content.index('<svg class="ladder"'))]
    rects = re.findall(r'<rect class="band[^"]*" x="([^"]*)" y="0" width="([^"]*)"', ladder)
    assert len(rects) == corpus_statement.units.count()
    assert all(re.fullmatch(r"\d+(\.\d+)?", number) for rect in rects for number in rect)
    assert any("." in x for x, _ in rects)
