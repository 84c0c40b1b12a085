"""The alignment editor in a real browser: log in, merge, confirm, undo."""

import pytest
from django.contrib.auth.models import Group, User

from alignment.models import Segment, Statement

pytestmark = pytest.mark.browser
SLUG = "2007-01-19-ombudsman-17th-anniversary"


def test_editing_in_the_grid(page, live_server, live_corpus, artifacts):
    user = User.objects.create_user("ed", password="pw-ed-123", is_staff=True)
    user.groups.add(Group.objects.get(name="reviewers"))
    statement = Statement.objects.get(slug=SLUG)
    rows = statement.units.count()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "ed")
    page.fill("#id_password", "pw-ed-123")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/alignment/statement/{statement.pk}/change/")
    page.click("a.align-link")
    page.wait_for_selector("table.grid")
    assert page.locator("tr.unit").count() == rows
    # Every segment is rendered with its key and text.
    segments = Segment.objects.filter(version__statement=statement)
    assert page.locator("tr.unit .segment").count() == segments.count()
    sample = segments.get(key="ru-3")
    assert page.locator("#ru-3 .text").inner_text() == sample.text
    assert page.locator("#ru-3 .key").inner_text() == "ru-3"
    # Merge the first two rows.
    with page.expect_navigation():
        page.locator("tr.unit").first.locator("button[data-op=merge]").click()
    assert page.locator("tr.unit").count() == rows - 1
    # Confirm the second row with the keyboard.
    page.locator("tr.unit").nth(1).locator("th.rownum").click()
    # The row being worked on gets its cell and segment controls.
    assert page.locator("tr.unit").nth(1).locator(".cell-actions button[data-op=shift-up]").count() == 3
    assert page.locator("tr.unit").nth(1).locator(".segment-actions button[data-op=edit-open]").count() >= 3
    assert page.locator("tr.unit").nth(5).locator(".cell-actions").count() == 0
    with page.expect_navigation():
        page.keyboard.press("c")
    assert "status-confirmed" in page.locator("tr.unit").nth(1).get_attribute("class")
    # Undo the confirmation, then the merge.
    with page.expect_navigation():
        page.keyboard.press("u")
    assert "status-confirmed" not in page.locator("tr.unit").nth(1).get_attribute("class")
    with page.expect_navigation():
        page.click("button[value=undo]")
    assert page.locator("tr.unit").count() == rows
    page.keyboard.press("?")
    assert page.locator("#editor-help").is_visible()
    page.screenshot(path=str(artifacts / "editor.png"), full_page=False)
    assert statement.operations.count() == 4
    assert page.console_errors == []
