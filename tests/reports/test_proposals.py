"""Proposals: a unit addresses each to a body; the standing unit's register lists those of sent
reports, filters them, forwards them and records (and corrects) the answers; every change is
in the audit trail."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.conftest import (
    PERSONAS,
    Personas,
    PublishedCampaign,
    assert_sent_to_log_in,
    client_for,
    unit,
)
from tests.reports.factories import signature, signed_pdf
from tests.reports.figures import report_with
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports.models import Proposal, Report, ReportStatus
from xhht.reports.proposals import (
    ANSWER_BEFORE_FORWARD,
    FORWARD_BEFORE_SENT,
    LOCKED,
    NOT_FORWARDED,
    REPORT_NOT_SENT,
    ProposalError,
    ProposalInput,
    addressees,
    proposal_answer,
    proposal_forward,
    proposals_of_campaign,
    proposals_sync,
)
from xhht.reports.services import report_return, report_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 7, 10), content_pack=True)


SENT_ON = date(2013, 7, 1)


def write(campaign: Campaign, code: str, *items: ProposalInput, send: bool = True) -> Report:
    """The unit's report with these proposals, sent on 01/07/2013 unless not asked."""
    report = report_with(campaign, code, send=False)
    proposals_sync(report=report, items=list(items), user=None)
    if send:
        with override_settings(XHHT_TODAY=SENT_ON):
            report = report_send(
                report=report, user=None, signature=signature(), signed_file=signed_pdf()
            )
    return report


def new(text: str, to: str | None = None, to_text: str = "") -> ProposalInput:
    return ProposalInput(pk=None, text=text, to=unit(to).pk if to else None, to_text=to_text)


def forward_post(p: Proposal, day: str) -> dict[str, Any]:
    return {f"f{p.pk}-on": day}


def answer_post(p: Proposal, text: str, day: str) -> dict[str, Any]:
    return {f"a{p.pk}-answer": text, f"a{p.pk}-on": day}


def register_url(campaign: Campaign) -> str:
    return reverse("reports:proposals", args=[campaign.pk])


def forward_url(p: Proposal) -> str:
    return reverse("reports:forward", args=[p.report.obligation.campaign_id, p.pk])


def answer_url(p: Proposal) -> str:
    return reverse("reports:answer", args=[p.report.obligation.campaign_id, p.pk])


def test_a_unit_adds_changes_and_removes_its_proposals(
    personas: Personas, campaign: Campaign
) -> None:
    report = write(
        campaign,
        "06673",
        new("Cấp kinh phí", "STC"),
        new("Sửa luật", to_text="Bộ GD&ĐT"),
        send=False,
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


def test_a_commune_may_address_its_own_district_but_no_other(campaign: Campaign) -> None:
    bai_chay, ha_long, mong_cai = unit("06673"), unit("193"), unit("194")
    offered = set(addressees(campaign, bai_chay))
    assert ha_long in offered and mong_cai not in offered
    assert unit("22") in offered and unit("STC") in offered
    assert ha_long not in set(addressees(campaign))  # the province's own choices are unchanged
    report = write(campaign, "06673", new("Xây nhà văn hóa", "193"), send=False)
    assert report.proposals.get().addressed_to == ha_long
    with pytest.raises(ProposalError, match="phải là một cơ quan của tỉnh"):
        write(campaign, "06649", new("Sai nơi", "194"), send=False)  # Hà Khánh is in Hạ Long
    assert Proposal.objects.count() == 1


def test_a_forwarded_proposal_no_longer_changes_and_the_refusal_names_it(
    personas: Personas, campaign: Campaign
) -> None:
    report = write(campaign, "06673", new("Cấp kinh phí cho trung tâm", "STC"))
    proposal = report.proposals.get()
    proposal_forward(proposal=proposal, on=date(2013, 7, 5), user=personas.province_officer)
    report = report_return(report=report, user=personas.halong_officer, reason="Thiếu số liệu")
    with translation.override("en"), pytest.raises(ProposalError) as refused:
        proposals_sync(
            report=report,
            items=[ProposalInput(pk=proposal.pk, text="khác", to=unit("STC").pk, to_text="")],
            user=None,
        )
    assert str(refused.value) == LOCKED % {"text": "Cấp kinh phí cho trung tâm"}
    proposal.refresh_from_db()
    assert proposal.text == "Cấp kinh phí cho trung tâm"


def test_the_register_holds_only_proposals_of_sent_reports(
    personas: Personas, campaign: Campaign
) -> None:
    write(campaign, "06673", new("Đã gửi", "STC"))
    write(campaign, "06649", new("Còn nháp", "STC"), send=False)
    returned = write(campaign, "193", new("Bị trả lại", "STC"), new("Đã chuyển rồi", "STC"))
    forwarded = returned.proposals.get(text="Đã chuyển rồi")
    proposal_forward(proposal=forwarded, on=date(2013, 7, 1), user=None)
    report_return(report=returned, user=personas.province_officer, reason="Thiếu số liệu")
    assert {p.text for p in proposals_of_campaign(campaign)} == {"Đã gửi", "Đã chuyển rồi"}
    client = client_for(personas.province_officer)
    page = client.get(register_url(campaign))
    text = page.content.decode()
    assert "Còn nháp" not in text and "Bị trả lại" not in text
    assert 'class="rstatus rs-returned"' in text  # the forwarded one shows its report's state
    draft = Proposal.objects.get(text="Còn nháp")
    assert client.post(forward_url(draft), forward_post(draft, "08/07/2013")).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Proposal.Status.NEW
    with translation.override("en"), pytest.raises(ProposalError) as refused:
        proposal_forward(proposal=draft, on=date(2013, 7, 8), user=None)
    assert str(refused.value) == REPORT_NOT_SENT % {"status": "Draft"}


def test_the_register_filters_by_addressee_and_status(campaign: Campaign) -> None:
    write(campaign, "06673", new("A", "STC"), new("B", to_text="Bộ GD&ĐT"), new("D", "193"))
    write(campaign, "193", new("C", "STC"))
    stc = str(unit("STC").pk)
    assert {p.text for p in proposals_of_campaign(campaign, addressee=stc)} == {"A", "C"}
    assert {p.text for p in proposals_of_campaign(campaign, addressee="other")} == {"B"}
    proposal_forward(proposal=Proposal.objects.get(text="C"), on=date(2013, 7, 1), user=None)
    assert {p.text for p in proposals_of_campaign(campaign, status="forwarded")} == {"C"}
    ha_long = str(unit("193").pk)
    assert {p.text for p in proposals_of_campaign(campaign, addressee=ha_long)} == {"D"}


def test_the_standing_unit_forwards_and_records_the_answer(
    personas: Personas, campaign: Campaign
) -> None:
    write(campaign, "06673", new("Cấp kinh phí", "STC"), new("Ha Long", "193"))
    proposal = Proposal.objects.get(text="Cấp kinh phí")
    client = client_for(personas.province_officer)
    url = register_url(campaign)
    page = client.get(url, {"to": str(unit("STC").pk)})
    text = page.content.decode()
    assert page.status_code == 200 and "Cấp kinh phí" in text
    # The filter offers the district a commune addressed a proposal to.
    assert f'<option value="{unit("193").pk}"' in text
    # The date is typed dd/mm/yyyy in a text box, not the browser's own date input.
    field = re.search(rf'<input[^>]*name="f{proposal.pk}-on"[^>]*>', text)
    assert field is not None
    assert 'type="text"' in field.group(0) and 'value="10/07/2013"' in field.group(0)
    forward, answer = forward_url(proposal), answer_url(proposal)
    future = client.post(forward, forward_post(proposal, "11/07/2013"))
    assert future.status_code == 200 and "11/07/2013" in future.content.decode()
    before_sent = client.post(forward, forward_post(proposal, "30/06/2013"))
    with translation.override("vi"):
        refusal = translation.gettext(FORWARD_BEFORE_SENT) % {
            "forwarded": "30/06/2013",
            "sent": "01/07/2013",
        }
    assert before_sent.status_code == 200 and refusal in before_sent.content.decode()
    assert client.post(forward, forward_post(proposal, "08/07/2013")).status_code == 302
    no_answer = client.post(answer, answer_post(proposal, "", "09/07/2013"))
    assert no_answer.status_code == 200
    early = client.post(answer, answer_post(proposal, "Sớm quá", "07/07/2013"))
    assert early.status_code == 200 and "Sớm quá" in early.content.decode()  # kept as typed
    done = client.post(answer, answer_post(proposal, "Đã bố trí trong dự toán 2014", "09/07/2013"))
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ANSWERED
    assert (proposal.forwarded_on, proposal.answered_on) == (date(2013, 7, 8), date(2013, 7, 9))
    entries = AuditEntry.objects.filter(object_id=str(proposal.pk), object_type="reports.proposal")
    assert {e.action for e in entries} >= {"proposal.forwarded", "proposal.answered"}
    assert entries.filter(user=personas.province_officer).count() == 2
    # The unit sees the answer beside its proposal.
    report = Report.objects.get(obligation__unit=unit("06673"))
    unit_page = client_for(personas.commune_officer_of_bai_chay).get(
        reverse("reports:report", args=[report.obligation_id])
    )
    assert "Đã bố trí trong dự toán 2014" in unit_page.content.decode()


def test_a_recorded_answer_is_corrected_and_the_correction_audited(
    personas: Personas, campaign: Campaign
) -> None:
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    proposal = Proposal.objects.get()
    proposal_forward(proposal=proposal, on=date(2013, 7, 2), user=None)
    proposal_answer(proposal=proposal, answer="Đã bố trí", on=date(2013, 7, 3), user=None)
    client = client_for(personas.province_officer)
    page = client.get(register_url(campaign)).content.decode()
    assert f'name="a{proposal.pk}-answer"' in page and "Đã bố trí" in page
    response = client.post(
        answer_url(proposal), answer_post(proposal, "Đã bố trí 200 triệu đồng", "04/07/2013")
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.answer, proposal.answered_on) == ("Đã bố trí 200 triệu đồng", date(2013, 7, 4))
    entry = AuditEntry.objects.get(action="proposal.answer_corrected")
    assert entry.user == personas.province_officer
    assert entry.changes["answer"] == ["Đã bố trí", "Đã bố trí 200 triệu đồng"]


def test_an_answer_needs_a_forwarding_before_it(campaign: Campaign) -> None:
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    proposal = Proposal.objects.get()
    with translation.override("en"):
        with pytest.raises(ProposalError) as never:
            proposal_answer(proposal=proposal, answer="Có", on=date(2013, 7, 3), user=None)
        assert str(never.value) == NOT_FORWARDED
        proposal_forward(proposal=proposal, on=date(2013, 7, 5), user=None)
        with pytest.raises(ProposalError) as early:
            proposal_answer(proposal=proposal, answer="Có", on=date(2013, 7, 4), user=None)
        assert str(early.value) == ANSWER_BEFORE_FORWARD % {
            "answered": "04/07/2013",
            "forwarded": "05/07/2013",
        }
    proposal.refresh_from_db()
    assert (proposal.status, proposal.answer) == (Proposal.Status.FORWARDED, "")


@pytest.mark.parametrize(
    "path", ["abc/forward/", "/forward/", "١٢/forward/", "{pk}/delete/", "{pk}/", "{pk}1/forward/"]
)
def test_a_hand_made_post_is_refused_without_an_error(
    personas: Personas, campaign: Campaign, path: str
) -> None:
    """A proposal id that is no number or names no proposal, an action that does not exist:
    404, and nothing changes."""
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    proposal = Proposal.objects.get()
    url = register_url(campaign) + path.format(pk=proposal.pk)
    response = client_for(personas.province_officer).post(url, forward_post(proposal, "08/07/2013"))
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.NEW


@pytest.mark.parametrize("persona", ["viewer", "administrator"])
def test_a_reader_of_the_register_changes_nothing(
    personas: Personas, campaign: Campaign, persona: str
) -> None:
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    proposal = Proposal.objects.get()
    client = client_for(getattr(personas, persona))
    page = client.get(register_url(campaign))
    assert page.status_code == 200 and "Đánh dấu đã chuyển" not in page.content.decode()
    response = client.post(forward_url(proposal), forward_post(proposal, "08/07/2013"))
    assert response.status_code == 404
    assert (
        client.post(answer_url(proposal), answer_post(proposal, "Có", "09/07/2013")).status_code
        == 404
    )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.NEW


def test_units_below_the_province_do_not_reach_the_register(
    personas: Personas, campaign: Campaign
) -> None:
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    for who in ("halong_officer", "commune_officer_of_bai_chay", "home_affairs_officer"):
        assert client_for(getattr(personas, who)).get(register_url(campaign)).status_code == 404


def test_the_answer_is_required(campaign: Campaign) -> None:
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    proposal = Proposal.objects.get()
    proposal_forward(proposal=proposal, on=date(2013, 7, 1), user=None)
    with pytest.raises(ProposalError):
        proposal_answer(proposal=proposal, answer=" ", on=date(2013, 7, 1), user=None)
    assert ReportStatus.SENT == Report.objects.get().status


def test_forwarding_and_answering_take_only_posts_and_only_the_standing_unit(
    personas: Personas, campaign: Campaign
) -> None:
    """A GET to either URL answers 405 and sends an anonymous visitor to log in; a POST by
    any unit but the standing one answers 404, as for a proposal that does not exist."""
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    proposal = Proposal.objects.get()
    posts = [
        (forward_url(proposal), forward_post(proposal, "08/07/2013")),
        (answer_url(proposal), answer_post(proposal, "Có", "09/07/2013")),
    ]
    refused = [p for p in PERSONAS if p != "province_officer"]
    for url, data in posts:
        got = {who: client_for(personas.of(who)).get(url).status_code for who in PERSONAS}
        assert got == dict.fromkeys(PERSONAS, 405), url
        assert_sent_to_log_in(url, url)
        got = {who: client_for(personas.of(who)).post(url, data).status_code for who in refused}
        assert got == dict.fromkeys(refused, 404), url
    proposal.refresh_from_db()
    assert (proposal.status, proposal.forwarded_on) == (Proposal.Status.NEW, None)


def test_the_register_keeps_its_filter_after_a_change_and_after_a_refusal(
    personas: Personas, campaign: Campaign
) -> None:
    write(campaign, "06673", new("Cấp kinh phí", "STC"))
    proposal = Proposal.objects.get()
    client = client_for(personas.province_officer)
    query = f"to={unit('STC').pk}&status=new"
    page = client.get(f"{register_url(campaign)}?{query}").content.decode()
    assert f'action="{forward_url(proposal)}?{html.escape(query)}"' in page
    refused = client.post(f"{forward_url(proposal)}?{query}", forward_post(proposal, "11/07/2013"))
    assert refused.status_code == 200 and [r["proposal"] for r in refused.context["rows"]] == [
        proposal
    ]
    text = refused.content.decode()
    assert "11/07/2013" in text  # the day typed is kept
    # The filter submits to the register, not to the URL the refused form posted to.
    assert f'<form method="get" action="{register_url(campaign)}"' in text
    done = client.post(f"{forward_url(proposal)}?{query}", forward_post(proposal, "08/07/2013"))
    assert done.status_code == 302
    assert done["Location"] == f"{register_url(campaign)}?{query}#proposal-{proposal.pk}"
