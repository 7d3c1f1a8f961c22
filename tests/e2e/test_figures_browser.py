"""A commune types a part larger than its whole (5000 of 4328) on a phone and on a desktop:
the page refuses it, says so at its top with a link to the field, keeps what was typed,
and nothing of it is stored, so nothing of it can be sent."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import PHONE, Site, demo_log_in, screenshot

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, ViewportSize

pytestmark = pytest.mark.e2e

DESKTOP: ViewportSize = {"width": 1366, "height": 900}


def _report_url(page: Page, site: Site) -> str:
    page.goto(site.base_url + "/campaigns/work/")
    links: list[str] = page.eval_on_selector_all("a", "links => links.map(a => a.href)")
    found = sorted({str(h) for h in links if re.search(r"/reports/obligations/\d+/$", h)})
    assert found, "the demo commune has a report to open"
    return found[0]


def _editable(browser: Browser, site: Site, url: str) -> None:
    """The district returns Bãi Cháy's report when the demo has sent it: a returned report
    is written again."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    demo_log_in(page, site, "demo-halong")
    page.goto(url + "review/")
    if page.locator("#return textarea").count():
        page.fill("#return textarea", "Kiểm tra lại số liệu (kiểm thử trình duyệt).")
        page.click("#return button[type=submit]")
        page.wait_for_load_state()
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_impossible_figure_is_refused_at_the_top_and_never_stored(
    browser: Browser, site: Site, viewport: ViewportSize
) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    demo_log_in(page, site, "demo-baichay")
    url = _report_url(page, site)
    page.goto(url)
    if not page.locator("form.report-form").count():
        _editable(browser, site, url)
        page.goto(url)
    if not page.locator("form.report-form").count():  # with the leader: taken back
        page.goto(url + "send/")
        page.click("form[action$='take-back/'] button[type=submit]")
        page.wait_for_load_state()
        page.goto(url)
    total = page.locator("form.report-form input[name$='-denominator']").first
    name = total.get_attribute("name")
    assert name is not None
    part_name = name.replace("-denominator", "-value")
    stored = page.locator(f"input[name='{part_name}']").input_value()
    total.fill("4328")
    page.fill(f"input[name='{part_name}']", "5000")
    page.click("form.report-form button[type=submit]:has-text('Lưu')")
    page.wait_for_load_state()
    summary = page.locator("#summary")
    assert summary.is_visible()
    assert "Chưa lưu gì" in summary.inner_text()
    assert "5000 lớn hơn tổng số 4328" in summary.inner_text()
    box = summary.bounding_box()
    assert box is not None and box["y"] < 600  # at the top, not thousands of pixels down
    screenshot(page, f"figures-refused-{viewport['width']}")
    # Its link leads to the field, which still holds what was typed.
    summary.locator(f"a[href='#id_{part_name}']").click()
    assert page.locator(f"input[name='{part_name}']").input_value() == "5000"
    assert page.evaluate("window.location.hash") == f"#id_{part_name}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"] + 1
    # Nothing was stored: the report opened again holds the figure as before, and the
    # sending page has no 5000 to send.
    page.goto(url)
    assert page.locator(f"input[name='{part_name}']").input_value() == stored
    page.goto(url + "send/")
    assert "5000" not in page.locator("main").inner_text()
    screenshot(page, f"figures-send-{viewport['width']}")
    context.close()
