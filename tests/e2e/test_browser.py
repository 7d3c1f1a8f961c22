"""A real Chromium on a phone-sized screen, with and without JavaScript."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import PHONE, Site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_administrator_logs_in_on_a_phone(
    browser: Browser, site: Site, javascript: bool
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site.base_url + "/")
    assert "/accounts/login/" in page.url
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", site.admin_password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url.rstrip("/") == site.base_url
    assert page.locator("text=Đăng xuất").count() == 1
    overflow = page.evaluate("document.documentElement.scrollWidth") if javascript else 0
    assert overflow <= PHONE["width"], "the page must fit a phone without sideways scrolling"
    assert all(url.startswith(site.base_url) for url in requested), requested
    page.click("button[value=en]")
    page.wait_for_load_state()
    assert page.locator("text=Log out").count() == 1
    context.close()
