"""The Content-Security-Policy breaks none of the site's own pages: in a real Chromium, a
commune officer's work and report pages, the admin's pages (which run many scripts of
their own) and the API's documentation load their scripts from the site with no violation reported."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import Site

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

pytestmark = pytest.mark.e2e


def _log_in(page: Page, site: Site, username: str, password: str) -> None:
    page.goto(site.base_url + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_no_page_violates_the_policy(browser: Browser, site: Site) -> None:
    context = browser.new_context()
    page = context.new_page()
    violations: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    scripts: list[str] = []
    page.on(
        "requestfinished",
        lambda r: scripts.append(r.url) if r.resource_type == "script" else None,
    )

    found = re.search(r"demo-baichay\s+mật khẩu: (\S+)", site.output.read_text())
    assert found, "make run printed no password for demo-baichay"
    _log_in(page, site, "demo-baichay", found.group(1))
    _visit(page, site.base_url + "/campaigns/work/")
    reports = sorted(
        {
            href
            for href in page.eval_on_selector_all("a", "links => links.map(a => a.href)")
            if re.search(r"/reports/obligations/\d+/$", href)
        }
    )
    assert reports, "the demo commune has a report to open"
    _visit(page, reports[0])

    context.clear_cookies()
    _log_in(page, site, "admin", site.admin_password)
    for path in ("/", "/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/"):
        _visit(page, site.base_url + path)
    assert any(url.startswith(site.base_url + "/static/") for url in scripts), scripts
    assert page.evaluate("typeof window.django") == "object"  # the admin's own JS ran
    # The API's documentation: Swagger UI from the package, drawn under the same policy.
    _visit(page, site.base_url + "/api/docs")
    page.wait_for_selector("#swagger-ui .info .title", timeout=20000)
    assert "XHHT API" in page.inner_text("#swagger-ui .info .title")
    assert violations == []
    context.close()
