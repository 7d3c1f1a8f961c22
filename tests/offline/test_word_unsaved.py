"""In a real Chromium: leaving the report page with typed text not saved asks first (so
going to the offline page does not silently drop it); saving does not ask."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import Personas, client_for
from tests.offline.test_word import BAI_CHAY
from tests.reports.factories import report_obligation, seed_campaign
from xhht.orgunits.models import OrgUnit
from xhht.orgunits.reference import reference_data_load
from xhht.reports.editing import report_open

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

playwright_sync = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def tree(transactional_db: None) -> None:
    """The reference data, loaded again when an earlier test outside a transaction emptied
    the tables."""
    if not OrgUnit.objects.exists():
        reference_data_load()


def test_leaving_the_report_page_with_unsaved_text_asks_first(
    tree: None, personas: Personas, live_server: Any
) -> None:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI: install Debian's chromium")
        pytest.skip("Chromium is not installed")
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=obligation, user=officer)
    section = report.template.sections.get(number="2")
    session = client_for(officer).cookies[settings.SESSION_COOKIE_NAME].value
    url = live_server.url + reverse("reports:report", args=[obligation.pk])
    offline = reverse("offline:offline", args=[obligation.pk])
    dialogs: list[str] = []
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport={"width": 375, "height": 740})
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
        )
        page = context.new_page()

        def answer(dialog: Any) -> None:
            dialogs.append(dialog.type)
            dialog.dismiss()  # stay on the page

        page.on("dialog", answer)
        page.goto(url)
        page.click(f"a[href='{offline}']")  # nothing typed: leaves without asking
        page.wait_for_url(f"**{offline}")
        assert dialogs == []
        page.goto(url)
        page.click(f"#id_s{section.pk}")
        page.keyboard.type("Đang viết dở")
        page.click(f"a[href='{offline}']")
        page.wait_for_timeout(300)
        assert dialogs == ["beforeunload"] and page.url == url  # asked, and stayed
        page.click("form.report-form button[type=submit]")  # saving does not ask
        page.wait_for_load_state()
        assert dialogs == ["beforeunload"]
        browser.close()
    assert report.texts.get(section=section).text == "Đang viết dở"
