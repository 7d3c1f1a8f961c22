"""In a real Chromium on a 375 px phone: the roll-up (its table, the indicator picker, the
district's report against the sums below) and the register of proposals fit the screen."""

from __future__ import annotations

import os
import shutil
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from pytest_django import Settings

from tests.conftest import Personas, client_for, unit
from tests.reports.factories import report_obligation, seed_campaign, signature, signed_pdf
from tests.reports.figures import report_with
from xhht.accounts.models import User
from xhht.orgunits.models import OrgUnit
from xhht.orgunits.reference import reference_data_load
from xhht.reports.editing import report_open
from xhht.reports.proposals import ProposalInput, proposals_sync
from xhht.reports.services import report_return, report_send
from xhht.rollup.below import report_prefill_from_children

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

playwright_sync = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = 375
TALLEST_NAME = 120  # px: an indicator's name in its card (was ~280 with the names squeezed)


@pytest.fixture
def tree(transactional_db: None) -> None:
    """The reference data, loaded again when an earlier test outside a transaction emptied
    the tables."""
    if not OrgUnit.objects.exists():
        reference_data_load()


def _session(user: User) -> str:
    return str(client_for(user).cookies[settings.SESSION_COOKIE_NAME].value)


def _open(browser: Any, live_server: Any, session: str, path: str) -> Any:
    """The page as the user of `session` sees it (Django is not called inside Playwright's
    event loop: sessions are made before)."""
    context = browser.new_context(viewport={"width": PHONE, "height": 740})
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(live_server.url + path)
    return page


def _width(page: Any, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return float(box["x"] + box["width"])


def test_the_rollup_and_the_register_fit_a_phone(
    tree: None, personas: Personas, live_server: Any, settings: Settings
) -> None:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is required in CI: install Debian's chromium")
        pytest.skip("Chromium is not installed")
    settings.XHHT_TODAY = date(2013, 6, 20)
    campaign = seed_campaign()
    report_with(campaign, "06673", {"GDHT": {"value": 1, "denominator": 10}})
    report_with(campaign, "06649", {"GDHT": {"value": 90, "denominator": 100}})
    district = report_open(obligation=report_obligation(campaign, "193"), user=None)
    report_prefill_from_children(report=district, user=None)
    report_return(
        report=report_obligation(campaign, "06649").report, user=None, reason="Sai số liệu"
    )
    draft = report_with(campaign, "06712", send=False)
    long_text = "Đề nghị Sở Tài chính bố trí kinh phí cho các trung tâm học tập cộng đồng " * 3
    proposals_sync(
        report=draft,
        items=[ProposalInput(pk=None, text=long_text, to=unit("STC").pk, to_text="")],
        user=None,
    )
    report_send(report=draft, user=None, signature=signature(), signed_file=signed_pdf())
    rollup = reverse("rollup:page", args=[campaign.pk])
    register = reverse("reports:proposals", args=[campaign.pk])
    halong, province = _session(personas.halong_officer), _session(personas.province_officer)
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = _open(browser, live_server, halong, rollup)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        assert page.locator("#differs-GDHT").count() == 1  # stale since Hà Khánh's return
        assert _width(page, "#report-vs-below button") <= PHONE
        assert _width(page, "select#indicator") <= PHONE
        heights = [
            box["height"]
            for row in page.locator("table.rollup tbody th").all()[:20]
            if (box := row.bounding_box()) is not None
        ]
        assert heights and max(heights) < TALLEST_NAME, heights
        page = _open(browser, live_server, province, register)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        assert _width(page, "form.filters") <= PHONE
        assert _width(page, "select#id_to") <= PHONE
        assert page.locator("article.proposal").count() == 1
        browser.close()
