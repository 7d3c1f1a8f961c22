"""The province's officer edits the consolidated report's draft on a phone, with and
without JavaScript: a table typed in the text box is kept, shown as a table, and the
report is made from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import PHONE, Site, demo_log_in

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.e2e

TABLE = "\n| Huyện | Số lớp |\n|---|---|\n| Vân Đồn | {n} |"


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_draft_is_edited_and_kept(browser: Browser, site: Site, javascript: bool) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    demo_log_in(page, site, "demo-tinh")
    page.goto(site.base_url + "/campaigns/work/")
    page.click("a.button:has-text('Văn bản')")
    page.wait_for_load_state()
    page.click("#draft-link a")
    page.wait_for_load_state()
    box = page.locator("main textarea").first
    n = 12 if javascript else 7
    typed = box.input_value() + TABLE.format(n=n)
    box.fill(typed)
    page.click("main button:has-text('Lưu dự thảo')")
    page.wait_for_load_state()
    assert "Đã lưu dự thảo" in page.locator("main").inner_text()
    assert page.locator("main textarea").first.input_value() == typed
    preview = page.locator("main details.text-preview").first
    shown = preview.locator("tr", has_text="Vân Đồn").last  # a run before may have added one
    assert shown.locator("td").all_text_contents() == ["Vân Đồn", str(n)]
    # no page wider than the phone
    width = page.evaluate("document.documentElement.scrollWidth") if javascript else None
    assert width is None or width <= PHONE["width"] + 1
    context.close()
