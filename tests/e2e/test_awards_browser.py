"""A district officer on a phone meets the commendation quota in the browser's form: the
demo's Hạ Long has put forward its two individuals, so a third is refused, the message
names the quota and who fills it, what was typed stays in the form and nothing is added."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import PHONE, Site, demo_log_in

if TYPE_CHECKING:
    from playwright.sync_api import Browser

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_third_individual_is_refused_in_the_form(
    browser: Browser, site: Site, javascript: bool
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    demo_log_in(page, site, "demo-halong")
    page.goto(site.base_url + "/campaigns/work/")
    page.click("a:has-text('Đề nghị khen thưởng của đơn vị')")
    page.wait_for_load_state()
    mine = page.url
    rows_before = page.locator("table tbody tr").count()
    # the quota is filled: the page offers no "add", but the form's address still answers
    assert page.locator("text=Thêm cá nhân").count() == 0
    page.goto(mine + "new/individual/")
    page.fill("input[name=name]", "Lê Thị Thu Trang")
    page.select_option("select[name=sex]", "female")
    page.fill("input[name=birth_year]", "1975")
    page.fill("input[name=position]", "Chủ nhiệm câu lạc bộ đọc sách")
    page.fill("input[name=workplace]", "Phường Bạch Đằng, thành phố Hạ Long")
    page.select_option("select[name=field]", "promotion")
    page.fill("textarea[name=achievements]", "Duy trì tủ sách cộng đồng cho 400 hộ.")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    refusal = page.locator("[role=alert]").first.inner_text()
    assert "Hạn mức của Thành phố Hạ Long là 2 cá nhân" in refusal
    assert "Nguyễn Thị Thanh Hương" in refusal  # who fills it
    assert page.input_value("input[name=name]") == "Lê Thị Thu Trang"
    assert page.input_value("textarea[name=achievements]").startswith("Duy trì tủ sách")
    page.goto(mine)
    assert page.locator("table tbody tr").count() == rows_before
    assert page.locator("text=Lê Thị Thu Trang").count() == 0
    context.close()
