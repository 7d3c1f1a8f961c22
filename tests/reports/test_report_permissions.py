"""Every report page × every persona: who gets 200, who 404; anonymous users are sent to
log in; and a refused persona changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import (
    PERSONAS,
    Personas,
    PublishedCampaign,
    Row,
    assert_sent_to_log_in,
    assert_table,
    client_for,
)
from tests.reports.factories import report_obligation, signature, signed_pdf
from xhht.campaigns.models import Campaign
from xhht.reports.editing import report_open
from xhht.reports.models import ReportAttachment, ReportStatus
from xhht.reports.services import report_register

pytestmark = pytest.mark.django_db

READ_BAI_CHAY = {
    "province_officer",
    "viewer",
    "administrator",
    "halong_officer",
    "commune_officer_of_bai_chay",
}
READ_PROVINCE = {"province_officer", "viewer", "administrator"}


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    campaign = make_campaign(today=date(2013, 6, 12), content_pack=True, MEDIA_ROOT=tmp_path)
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


PAGES: list[Row[Campaign]] = [
    Row("Bãi Cháy report", on("reports:report", "06673"), READ_BAI_CHAY),
    Row("Hạ Long report", on("reports:report", "193"), READ_PROVINCE | {"halong_officer"}),
    Row(
        "Sở Nội vụ report",
        on("reports:report", "SNV"),
        READ_PROVINCE | {"home_affairs_officer"},
    ),
    Row(
        "Bãi Cháy send",
        started("reports:send", "06673"),
        {"commune_officer_of_bai_chay"},  # its own draft: the unit above did not enter it
    ),
    Row("Hạ Long send", started("reports:send", "193"), {"halong_officer"}),  # its own draft
    Row("Bãi Cháy review", on("reports:review", "06673"), READ_BAI_CHAY),
    Row("Bãi Cháy register", on("reports:register", "06673"), {"halong_officer"}),
    Row("Sở Nội vụ register", on("reports:register", "SNV"), {"province_officer"}),
    Row("attachment", the_attachment, READ_BAI_CHAY - {"commune_officer_of_bai_chay"}),
    Row("received", of_campaign("reports:received"), set(PERSONAS) - {"outsider"}),
    Row("proposals", of_campaign("reports:proposals"), READ_PROVINCE),
]


@pytest.mark.parametrize("row", PAGES, ids=[row.name for row in PAGES])
def test_page_by_role(personas: Personas, campaign: Campaign, row: Row[Campaign]) -> None:
    """One campaign per page, every persona in turn (a campaign per pair would be slow)."""
    assert_table(personas, [row], campaign)


def test_anonymous_is_sent_to_log_in(campaign: Campaign) -> None:
    for row in PAGES:
        assert_sent_to_log_in(row.url(campaign), row.name)


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
        ("reports:send", {"number": "1/BC"}),
        ("reports:to_leader", {}),
        ("reports:accept", {"confirm": "on"}),
        ("reports:return", {"reason": "x", "shown": "draft"}),
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
    accept = reverse("reports:accept", args=[obligation.pk])
    assert client.post(accept, {"confirm": "on"}).status_code == 404
    give_back = reverse("reports:return", args=[obligation.pk])
    assert client.post(give_back, {"reason": "x", "shown": "sent"}).status_code == 404
    correct = reverse("reports:correct", args=[obligation.pk])
    assert client.post(correct).status_code == 404
    obligation.report.refresh_from_db()
    assert obligation.report.status == ReportStatus.SENT
    assert "return_form" in client.get(url).context
    assert not client.get(url).context["reviewing"]


ENTER_BAI_CHAY = {"halong_officer", "commune_officer_of_bai_chay"}
# The steps on Bãi Cháy's report, each a POST of its own, and who may take each.
ACTIONS: list[Row[Campaign]] = [
    Row("open", started("reports:open", "06673"), ENTER_BAI_CHAY),
    Row("to leader", started("reports:to_leader", "06673"), ENTER_BAI_CHAY),
    Row("take back", started("reports:take_back", "06673"), ENTER_BAI_CHAY),
    Row("accept", started("reports:accept", "06673"), {"halong_officer"}),
    Row("return", started("reports:return", "06673"), {"halong_officer"}),
    Row("correct", started("reports:correct", "06673"), {"halong_officer"}),
]


def test_each_step_takes_only_a_post_and_hides_another_units_report(
    personas: Personas, campaign: Campaign
) -> None:
    """A GET to a step's URL answers 405 to everyone signed in and sends an anonymous
    visitor to log in; a POST by anyone who may not take the step answers 404, as for a
    report that does not exist, and changes nothing."""
    report = report_open(obligation=report_obligation(campaign, "06673"), user=None)
    for row in ACTIONS:
        url = row.url(campaign)
        got = {
            persona: client_for(personas.of(persona)).get(url).status_code for persona in PERSONAS
        }
        assert got == dict.fromkeys(PERSONAS, 405), row.name
        assert_sent_to_log_in(url, row.name)
        refused = [persona for persona in PERSONAS if persona not in row.allowed]
        got = {
            persona: client_for(personas.of(persona)).post(url).status_code for persona in refused
        }
        assert got == dict.fromkeys(refused, 404), row.name
    report.refresh_from_db()
    assert (report.status, report.revision) == (ReportStatus.DRAFT, 0)
    assert not report.events.exists()
