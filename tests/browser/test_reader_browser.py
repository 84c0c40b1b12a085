"""The public reader in a real browser."""

import pytest

pytestmark = pytest.mark.browser
SLUG = "2007-01-19-ombudsman-17th-anniversary"


def test_reading_a_statement(page, live_server, live_corpus, artifacts):
    page.goto(f"{live_server.url}/")
    assert page.locator(".statement-card").count() == 17
    page.click(f"a[href='/statements/{SLUG}/']")
    # Pick two languages with the column control, without typing a URL.
    page.click("a[aria-label='Hide en']")
    assert page.locator(".column-head").count() == 2
    page.click("a[aria-label='Move ru left']")
    heads = page.locator(".column-head").evaluate_all("els => els.map(e => e.getAttribute('lang'))")
    assert heads == ["ru", "az"]
    # Hovering a segment highlights its counterpart in the other column.
    page.hover("#ru-3")
    assert "is-counterpart" in page.get_attribute("#az-3", "class")
    assert "is-active" in page.get_attribute("#ru-3", "class")
    page.screenshot(path=str(artifacts / "reader-desktop.png"), full_page=False)
    # A permalink scrolls to the row and highlights it.
    page.goto(f"{live_server.url}/statements/{SLUG}/#en-10")
    page.wait_for_selector(".parallel-row.is-target")
    assert page.locator(".parallel-row.is-target #en-10").count() == 1
    # The cite control writes a citation with the permalink.
    page.locator(".parallel-row.is-target button.cite").click()
    assert f"/statements/{SLUG}/#en-10" in page.locator(".cite-output").inner_text()
    # Search a Russian word and land on the row.
    page.fill("#site-search", "Сумгайыт")
    page.press("#site-search", "Enter")
    page.wait_for_selector(".hit")
    assert page.locator(".hit mark").first.inner_text().lower().startswith("сумгайыт")
    page.locator(".hit .hit-source a").first.click()
    page.wait_for_selector(".parallel-row.is-target")
    assert "сумгайыт" in page.locator(".parallel-row.is-target").inner_text().lower()
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(artifacts / "reader-phone.png"), full_page=False)
    assert page.console_errors == []
