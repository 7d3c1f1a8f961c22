"""The call list's chase in a real Chromium without JavaScript: the ticks and the buttons
sit in the dashboard's kept part, their form (with this reader's token) outside it
(kernel.kept); the browser posts them together."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import Site, demo_log_in

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.e2e


def test_a_district_chases_the_one_commune_it_leaves_ticked(browser: Browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    demo_log_in(page, site, "demo-halong")
    page.goto(site.base_url + "/campaigns/work/")
    page.locator("main p.actions a.button[href*='/campaigns/']:not([href*='rollup'])").first.click()
    page.wait_for_load_state()
    ticks = page.locator("table.call-list input[type=checkbox][form=chase]")
    assert ticks.count() >= 2
    for index in range(1, ticks.count()):
        ticks.nth(index).uncheck()
    page.click("button[form=chase]:not([formaction])")
    page.wait_for_load_state()
    assert re.search(r"/campaigns/\d+/$", page.url), page.url
    said = page.locator("main").inner_text()
    # One unit chased: mailed, or named as having no address; never refused or none late.
    assert re.search(r"Đã gửi thư cho 1 đơn vị|1 đơn vị chưa có địa chỉ thư điện tử", said), said
    context.close()
