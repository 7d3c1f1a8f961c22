"""Every report page × every persona: who gets 200, who 404; anonymous users are sent to
log in; and a refused persona changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Personas, client_for
from tests.reports.factories import report_obligation, seed_campaign, signature, signed_pdf
from xhht.campaigns.models import Campaign
from xhht.reports.models import ReportAttachment, ReportStatus
from xhht.reports.services import report_open, report_register

pytestmark = pytest.mark.django_db

ALL = (
    "province_officer",
    "halong_officer",
    "mongcai_officer",
    "commune_officer_of_bai_chay",
    "commune_officer_of_tran_phu",
    "home_affairs_officer",
    "viewer",
    "administrator",
    "outsider",
)
READ_BAI_CHAY = {
    "province_officer",
    "viewer",
    "administrator",
    "halong_officer",
    "commune_officer_of_bai_chay",
}
READ_PROVINCE = {"province_officer", "viewer", "administrator"}


@pytest.fixture
def campaign(settings: Any, tmp_path: Path) -> Campaign:
    settings.XHHT_TODAY = date(2013, 6, 12)
    settings.MEDIA_ROOT = tmp_path
    campaign = seed_campaign()
    # Hùng Thắng (Hạ Long) sent on paper: an attachment to serve.
    report_register(
        obligation=report_obligation(campaign, "06649"),
        user=None,
        channel="paper",
        received_number="12",
        received_on=date(2013, 6, 9),
        signature=signature(),
        scan=signed_pdf(),
    )
    return campaign


Url = Callable[[Campaign], str]


def on(name: str, code: str) -> Url:
    return lambda c: reverse(name, args=[report_obligation(c, code).pk])


def started(name: str, code: str) -> Url:
    """The page of a report already started (a unit above opens none by looking)."""

    def url(c: Campaign) -> str:
        obligation = report_obligation(c, code)
        report_open(obligation=obligation, user=None)
        return reverse(name, args=[obligation.pk])

    return url


def of_campaign(name: str) -> Url:
    return lambda c: reverse(name, args=[c.pk])


def the_attachment(c: Campaign) -> str:
    return reverse("reports:attachment", args=[ReportAttachment.objects.get().pk])


PAGES: list[tuple[str, Url, set[str]]] = [
    ("Bãi Cháy report", on("reports:report", "06673"), READ_BAI_CHAY),
    ("Hạ Long report", on("reports:report", "193"), READ_PROVINCE | {"halong_officer"}),
    (
        "Sở Nội vụ report",
        on("reports:report", "SNV"),
        READ_PROVINCE | {"home_affairs_officer"},
    ),
    (
        "Bãi Cháy send",
        started("reports:send", "06673"),
        {"halong_officer", "commune_officer_of_bai_chay"},
    ),
    ("Hạ Long send", started("reports:send", "193"), {"province_officer", "halong_officer"}),
    ("Bãi Cháy review", on("reports:review", "06673"), READ_BAI_CHAY),
    ("Bãi Cháy register", on("reports:register", "06673"), {"halong_officer"}),
    ("Sở Nội vụ register", on("reports:register", "SNV"), {"province_officer"}),
    ("attachment", the_attachment, READ_BAI_CHAY - {"commune_officer_of_bai_chay"}),
    ("received", of_campaign("reports:received"), set(ALL) - {"outsider"}),
    ("proposals", of_campaign("reports:proposals"), READ_PROVINCE),
]


@pytest.mark.parametrize(("name", "url", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_page_by_role(
    personas: Personas, campaign: Campaign, name: str, url: Url, allowed: set[str]
) -> None:
    """One campaign per page, every persona in turn (a campaign per pair would be slow)."""
    got = {}
    for persona in ALL:
        response = client_for(getattr(personas, persona)).get(url(campaign))
        if response.streaming:  # read a served file to its end: the test client closes it
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
        got[persona] = response.status_code
    assert got == {persona: 200 if persona in allowed else 404 for persona in ALL}


def test_anonymous_is_sent_to_log_in(campaign: Campaign) -> None:
    for name, url, _allowed in PAGES:
        response = Client().get(url(campaign))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name


@pytest.mark.parametrize(
    "persona", ["viewer", "province_officer", "mongcai_officer", "administrator"]
)
def test_a_refused_persona_changes_nothing(
    personas: Personas, campaign: Campaign, persona: str
) -> None:
    """Readers of Bãi Cháy (or outsiders to it) post to every page of its report: 404, and
    the report stays as it was."""
    report = report_open(obligation=report_obligation(campaign, "06673"), user=None)
    client = client_for(getattr(personas, persona))
    for page, data in [
        ("reports:report", {"revision": "0"}),
        ("reports:send", {"action": "to_leader"}),
        ("reports:review", {"action": "accept"}),
        ("reports:register", {"channel": "paper"}),
    ]:
        response = client.post(reverse(page, args=[report.obligation_id]), data)
        assert response.status_code == 404, (persona, page)
    report.refresh_from_db()
    assert (report.status, report.revision) == (ReportStatus.DRAFT, 0)
    assert not report.events.exists()


def test_a_viewer_cannot_accept_or_return_a_sent_report(
    personas: Personas, campaign: Campaign
) -> None:
    obligation = report_obligation(campaign, "06649")  # registered: sent
    client = client_for(personas.viewer)
    url = reverse("reports:review", args=[obligation.pk])
    assert client.post(url, {"action": "accept"}).status_code == 404
    assert client.post(url, {"action": "return", "reason": "x"}).status_code == 404
    assert obligation.report.status == ReportStatus.SENT
    assert "return_form" in client.get(url).context
    assert not client.get(url).context["reviewing"]
