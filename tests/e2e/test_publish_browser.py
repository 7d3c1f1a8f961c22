"""The province's officer reviews the seed directive on a 1366 px screen: the deadline
table fits its box with no sideways scrolling, and a mistake is listed at the top with a
link that leads to its field."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import ROOT, Site, demo_log_in, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.e2e

DESKTOP: ViewportSize = {"width": 1366, "height": 900}
SEED = ROOT / "src/xhht/data/directives/000_22b84cf719125a31.txt"  # directive 1395


def _fits(page: Page, selector: str) -> tuple[int, int]:
    """The scroll width and the client width of the element `selector` finds."""
    sizes: list[int] = page.eval_on_selector(selector, "e => [e.scrollWidth, e.clientWidth]")
    return sizes[0], sizes[1]


def test_the_deadline_table_fits_and_errors_link_to_their_fields(
    browser: Browser, site: Site
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    demo_log_in(page, site, "demo-tinh")
    page.goto(site.base_url + "/directives/")
    page.set_input_files("input[name=file]", str(SEED))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/directives/" in page.url and page.locator("#deadlines").count() == 1
    scroll, client = _fits(page, "#deadlines .table-scroll")
    assert 0 < client and scroll <= client, (scroll, client)
    scroll, client = _fits(page, "#deadlines table.rules")
    assert scroll <= client, (scroll, client)
    screenshot(page, "publish-review-1366")

    # Saved unchanged, the plan is saved: the empty added row is no error.
    page.click("main button[name=save]")
    page.wait_for_load_state()
    assert page.locator("#errors").count() == 0
    assert "Đã lưu bản nháp" in page.locator("body").inner_text()

    page.fill("#id_rules-0-date", "31/02/2013")
    page.fill("#id_rules-8-wording", "Báo cáo bổ sung")
    page.click("main button[name=save]")
    page.wait_for_load_state()
    summary = page.locator("#errors")
    assert "31/02/2013 không phải ngày có thật" in summary.inner_text()
    scroll, client = _fits(page, "#deadlines .table-scroll")
    assert scroll <= client, (scroll, client)  # still fits with the messages in it
    screenshot(page, "publish-review-errors-1366")
    for field in ("id_rules-0-date", "id_rules-8-date"):
        page.click(f"#errors a[href='#{field}']")
        assert page.evaluate("location.hash") == f"#{field}"
        box = page.locator(f"#{field}").bounding_box()
        assert box is not None and 0 <= box["y"] < DESKTOP["height"], box
        assert box["x"] + box["width"] <= DESKTOP["width"], box
    context.close()
