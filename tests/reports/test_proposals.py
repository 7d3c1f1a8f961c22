"""Proposals: a unit addresses each to a body; the standing unit's register filters them,
forwards them and records the answers; every change is in the audit trail."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import Personas, client_for, unit
from tests.reports.factories import report_obligation, seed_campaign
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports.models import Proposal, Report, ReportStatus
from xhht.reports.proposals import (
    ProposalError,
    ProposalInput,
    proposal_answer,
    proposal_forward,
    proposals_of_campaign,
    proposals_sync,
)
from xhht.reports.services import report_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(settings: Any) -> Campaign:
    settings.XHHT_TODAY = date(2013, 7, 10)
    return seed_campaign()


def write(campaign: Campaign, code: str, *items: ProposalInput) -> Report:
    report = report_open(obligation=report_obligation(campaign, code), user=None)
    proposals_sync(report=report, items=list(items), user=None)
    return report


def new(text: str, to: str | None = None, to_text: str = "") -> ProposalInput:
    return ProposalInput(pk=None, text=text, to=unit(to).pk if to else None, to_text=to_text)


def test_a_unit_adds_changes_and_removes_its_proposals(
    personas: Personas, campaign: Campaign
) -> None:
    report = write(
        campaign, "06673", new("Cấp kinh phí", "STC"), new("Sửa luật", to_text="Bộ GD&ĐT")
    )
    first, second = report.proposals.order_by("pk")
    proposals_sync(
        report=report,
        items=[
            ProposalInput(pk=first.pk, text="Cấp thêm kinh phí", to=unit("STC").pk, to_text=""),
            ProposalInput(pk=second.pk, text="", to=None, to_text="", remove=True),
        ],
        user=personas.commune_officer_of_bai_chay,
    )
    assert [p.text for p in report.proposals.all()] == ["Cấp thêm kinh phí"]
    actions = set(
        AuditEntry.objects.filter(object_type="reports.proposal").values_list("action", flat=True)
    )
    assert actions == {"proposal.added", "proposal.changed", "proposal.removed"}


def test_a_proposal_goes_only_to_a_body_of_the_province(campaign: Campaign) -> None:
    with pytest.raises(ProposalError, match="phải là một cơ quan của tỉnh"):
        write(campaign, "06673", new("Sai nơi", "193"))  # a district is no addressee
    assert not Proposal.objects.exists()


def test_a_forwarded_proposal_no_longer_changes(personas: Personas, campaign: Campaign) -> None:
    report = write(campaign, "06673", new("Cấp kinh phí", "STC"))
    proposal = report.proposals.get()
    proposal_forward(proposal=proposal, on=date(2013, 7, 5), user=personas.province_officer)
    with pytest.raises(ProposalError, match="đã được chuyển; không thể thay đổi"):
        proposals_sync(
            report=report,
            items=[ProposalInput(pk=proposal.pk, text="khác", to=unit("STC").pk, to_text="")],
            user=None,
        )


def test_the_register_filters_by_addressee_and_status(campaign: Campaign) -> None:
    write(campaign, "06673", new("A", "STC"), new("B", to_text="Bộ GD&ĐT"))
    write(campaign, "193", new("C", "STC"))
    stc = str(unit("STC").pk)
    assert {p.text for p in proposals_of_campaign(campaign, addressee=stc)} == {"A", "C"}
    assert {p.text for p in proposals_of_campaign(campaign, addressee="other")} == {"B"}
    proposal_forward(proposal=Proposal.objects.get(text="C"), on=date(2013, 7, 1), user=None)
    assert {p.text for p in proposals_of_campaign(campaign, status="forwarded")} == {"C"}


def test_the_standing_unit_forwards_and_records_the_answer(
    personas: Personas, campaign: Campaign
) -> None:
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    proposal = Proposal.objects.get()
    client = client_for(personas.province_officer)
    url = reverse("reports:proposals", args=[campaign.pk])
    page = client.get(url, {"to": str(unit("STC").pk)})
    assert page.status_code == 200 and "Cấp kinh phí" in page.content.decode()
    future = client.post(
        url, {"proposal": proposal.pk, "action": "forward", f"f{proposal.pk}-on": "11/07/2013"}
    )
    assert future.status_code == 200 and "11/07/2013" in future.content.decode()
    assert (
        client.post(
            url, {"proposal": proposal.pk, "action": "forward", f"f{proposal.pk}-on": "08/07/2013"}
        ).status_code
        == 302
    )
    no_answer = client.post(
        url,
        {
            "proposal": proposal.pk,
            "action": "answer",
            f"a{proposal.pk}-answer": "",
            f"a{proposal.pk}-on": "09/07/2013",
        },
    )
    assert no_answer.status_code == 200
    assert (
        client.post(
            url,
            {
                "proposal": proposal.pk,
                "action": "answer",
                f"a{proposal.pk}-answer": "Đã bố trí trong dự toán 2014",
                f"a{proposal.pk}-on": "09/07/2013",
            },
        ).status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ANSWERED
    assert (proposal.forwarded_on, proposal.answered_on) == (date(2013, 7, 8), date(2013, 7, 9))
    entries = AuditEntry.objects.filter(object_id=str(proposal.pk), object_type="reports.proposal")
    assert {e.action for e in entries} >= {"proposal.forwarded", "proposal.answered"}
    assert entries.filter(user=personas.province_officer).count() == 2
    # The unit sees the answer beside its proposal.
    report = Report.objects.get()
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.SENT)
    unit_page = client_for(personas.commune_officer_of_bai_chay).get(
        reverse("reports:report", args=[report.obligation_id])
    )
    assert "Đã bố trí trong dự toán 2014" in unit_page.content.decode()


@pytest.mark.parametrize("persona", ["viewer", "administrator"])
def test_a_reader_of_the_register_changes_nothing(
    personas: Personas, campaign: Campaign, persona: str
) -> None:
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    proposal = Proposal.objects.get()
    client = client_for(getattr(personas, persona))
    url = reverse("reports:proposals", args=[campaign.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Đánh dấu đã chuyển" not in page.content.decode()
    response = client.post(
        url, {"proposal": proposal.pk, "action": "forward", f"f{proposal.pk}-on": "08/07/2013"}
    )
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.NEW


def test_the_answer_is_required(campaign: Campaign) -> None:
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    with pytest.raises(ProposalError):
        proposal_answer(proposal=Proposal.objects.get(), answer=" ", on=date(2013, 7, 1), user=None)
