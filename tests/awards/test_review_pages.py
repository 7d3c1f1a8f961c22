"""The level above's pages: what it received, with quotas, counts, timeliness and
duplicates; accepting, returning (mailed) and rejecting, each by its own POST; a stale
page, an empty reason and another district's nomination refused; the decision."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from tests.awards.factories import collective, nominate, person
from tests.conftest import (
    Personas,
    PublishedCampaign,
    Response,
    Row,
    assert_table,
    client_for,
    unit,
)
from tests.mail import Mailbox
from xhht.accounts.models import User
from xhht.awards.models import Nomination, State
from xhht.awards.quotas import allowance_for, use_of
from xhht.awards.services import (
    CHANGED_MEANWHILE,
    DECIDED_LATER,
    NOT_ACCEPTED,
    REASON_NEEDED,
    nomination_accept,
    nominations_send,
    rule_set,
)
from xhht.awards.views.review import Sender
from xhht.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign()


def english(user: User) -> Client:
    client = client_for(user)
    client.cookies["django_language"] = "en"
    return client


@dataclass
class Sent:
    """What Hạ Long and Móng Cái sent the province (and Hạ Long's draft it did not send)."""

    hoa: Nomination  # Hạ Long's individual, also put forward by Móng Cái
    centre: Nomination  # Hạ Long's collective
    draft: Nomination  # Hạ Long's second individual, never sent
    hoa_of_mongcai: Nomination


@pytest.fixture
def sent(campaign: Campaign) -> Sent:
    halong, mongcai = unit("193"), unit("194")
    hoa = nominate(campaign, halong, person("Nguyễn Thị Hoà"))
    centre = nominate(campaign, halong, collective("Trung tâm HTCĐ phường Hồng Hà"))
    nominations_send(campaign=campaign, unit=halong, note="Một tập thể chưa đủ hồ sơ", user=None)
    draft = nominate(campaign, halong, person("Lê Văn Nháp", field="literacy"))
    other = nominate(campaign, mongcai, person("NGUYỄN THỊ HÒA"))
    nominations_send(campaign=campaign, unit=mongcai, note="Chỉ một cá nhân", user=None)
    return Sent(hoa=hoa, centre=centre, draft=draft, hoa_of_mongcai=other)


def _sender(response: Response, code: str) -> Sender:
    senders: list[Sender] = response.context["senders"]
    [found] = [s for s in senders if s.row.unit.code == code]
    return found


def test_the_province_sees_each_district_with_its_quota_counts_and_duplicates(
    personas: Personas, campaign: Campaign, sent: Sent
) -> None:
    response = english(personas.province_officer).get(
        reverse("awards:received", args=[campaign.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    senders: list[Sender] = response.context["senders"]
    # every district has the directive's quota; those that sent nothing are listed too
    assert len(senders) == 14
    assert len(response.context["silent"]) == 12
    assert "Thành phố Uông Bí" in html.split('id="silent"')[1].split("</p>")[0]
    halong = _sender(response, "193")
    # the draft holds a place in Hạ Long's quota, but the province neither sees nor counts it
    assert [(u.kind, u.used, u.allowed) for u in halong.uses] == [
        ("individual", 1, 2),
        ("collective", 1, 2),
    ]
    assert [line.nomination.name for line in halong.lines] == [
        "Nguyễn Thị Hoà",
        "Trung tâm HTCĐ phường Hồng Hà",
    ]
    assert "Lê Văn Nháp" not in html
    assert [n.note for n in halong.row.notes] == ["Một tập thể chưa đủ hồ sơ"]
    assert "Một tập thể chưa đủ hồ sơ" in html
    # the same woman from two districts is flagged on both sides
    [hoa, centre] = halong.lines
    assert [u.code for u in hoa.also_by] == ["194"]
    assert centre.also_by == []
    mongcai_hoa = _sender(response, "194").lines[0]
    assert [u.code for u in mongcai_hoa.also_by] == ["193"]
    assert html.count("also put forward by") == 2
    # sending fulfilled the nomination obligation on the pinned day: on time
    assert halong.state == "on_time" and halong.obligation is not None
    assert "first sent 20/06/2013" in html
    assert _sender(response, "195").state == "pending"
    # counts by unit and by field, of what stands
    tally = response.context["tally"]
    assert {name: dict(c) for name, c in tally.by_unit.items()} == {
        "Thành phố Hạ Long": {"individual": 1, "collective": 1},
        "Thành phố Móng Cái": {"individual": 1},
    }
    assert {name: dict(c) for name, c in tally.by_field.items()} == {
        "Community learning centres": {"collective": 1},
        "Encouraging learning and talent": {"individual": 2},
    }
    assert (tally.total["individual"], tally.total["collective"]) == (2, 1)
    # each nomination links to its page, where it is reviewed
    assert reverse("awards:nomination", args=[sent.hoa.pk]) + "#review" in html
    assert reverse("awards:list_xlsx", args=[campaign.pk]) in html


def test_the_list_filters_by_state_and_ignores_an_unknown_one(
    personas: Personas, campaign: Campaign, sent: Sent
) -> None:
    nomination_accept(nomination=sent.hoa, user=None)
    client = english(personas.province_officer)
    url = reverse("awards:received", args=[campaign.pk])
    accepted = client.get(url, {"state": "accepted"})
    assert [line.nomination.pk for line in _sender(accepted, "193").lines] == [sent.hoa.pk]
    assert _sender(accepted, "194").lines == []
    assert "No nomination in this state." in accepted.content.decode()
    # counts do not follow the filter
    assert accepted.context["tally"].total["individual"] == 2
    for bad in ("draft", "nonsense"):
        shown = client.get(url, {"state": bad})
        assert shown.context["state"] == ""
        assert len(_sender(shown, "193").lines) == 2


def test_a_district_receives_its_communes_nominations_not_the_province(
    personas: Personas, campaign: Campaign
) -> None:
    rule_set(
        campaign=campaign,
        set_by=unit("193"),
        conference_level="district",
        criteria="Gia đình học tập tiêu biểu",
        individuals=1,
        collectives=None,
    )
    bai_chay = unit("06673")
    mai = nominate(campaign, bai_chay, person("Phạm Thị Mai"))
    nominations_send(campaign=campaign, unit=bai_chay, user=None)
    response = english(personas.halong_officer).get(reverse("awards:received", args=[campaign.pk]))
    [line] = _sender(response, "06673").lines
    assert line.nomination.pk == mai.pk
    # communes under no nomination obligation show no timeliness
    assert _sender(response, "06673").obligation is None
    province = client_for(personas.province_officer).get(
        reverse("awards:received", args=[campaign.pk])
    )
    assert "Phạm Thị Mai" not in province.content.decode()
    # the district reviews it; Móng Cái and the province may not
    accept = reverse("awards:accept", args=[mai.pk])
    for other in (personas.mongcai_officer, personas.province_officer):
        assert client_for(other).post(accept, {"shown_state": "sent"}).status_code == 404
    assert (
        client_for(personas.halong_officer).post(accept, {"shown_state": "sent"}).status_code == 302
    )
    mai.refresh_from_db()
    assert mai.state == State.ACCEPTED


def test_who_reads_the_received_page_and_the_list(
    personas: Personas, campaign: Campaign, sent: Sent
) -> None:
    # every unit's officer reads what its own unit received (for most, nothing: no unit
    # nominates to a commune or an agency without a rule); the province's viewer too; the
    # administrator and the outsider act for no unit
    readers = {
        "province_officer", "halong_officer", "mongcai_officer", "commune_officer_of_bai_chay",
        "commune_officer_of_tran_phu", "home_affairs_officer", "viewer",
    }  # fmt: skip
    rows: list[Row[Campaign]] = [
        Row("received", lambda c: reverse("awards:received", args=[c.pk]), readers),
        Row("list", lambda c: reverse("awards:list_xlsx", args=[c.pk]), readers),
    ]
    assert_table(personas, rows, campaign, anonymous=True)
    # the viewer reads; it is offered no review step
    seen = english(personas.viewer).get(reverse("awards:received", args=[campaign.pk]))
    assert reverse("awards:nomination", args=[sent.hoa.pk]) in seen.content.decode()
    assert "#review" not in seen.content.decode()
    missing = reverse("awards:received", args=[999999])
    assert client_for(personas.province_officer).get(missing).status_code == 404


def test_accept_return_and_reject_through_the_pages(
    personas: Personas,
    campaign: Campaign,
    sent: Sent,
    smtp_server: Mailbox,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client = english(personas.province_officer)
    page = client.get(reverse("awards:nomination", args=[sent.hoa.pk])).content.decode()
    for name in ("accept", "return", "reject"):
        assert reverse(f"awards:{name}", args=[sent.hoa.pk]) in page
    assert 'name="shown_state" value="sent"' in page
    assert "its place in the quota is freed" in page
    assert reverse("awards:decision", args=[sent.hoa.pk]) not in page

    response = client.post(
        reverse("awards:accept", args=[sent.hoa.pk]), {"shown_state": "sent"}, follow=True
    )
    assert response.redirect_chain == [(reverse("awards:nomination", args=[sent.hoa.pk]), 302)]
    assert "The nomination is accepted." in response.content.decode()
    sent.hoa.refresh_from_db()
    assert sent.hoa.state == State.ACCEPTED and sent.hoa.reviewed_by == personas.province_officer
    # an accepted one is offered the decision, and may still be returned or rejected
    page = response.content.decode()
    assert reverse("awards:decision", args=[sent.hoa.pk]) in page
    assert reverse("awards:accept", args=[sent.hoa.pk]) not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("awards:return", args=[sent.centre.pk]),
            {"shown_state": "sent", "reason": "Bổ sung biên bản bình xét của phường"},
        )
    assert response.status_code == 302
    sent.centre.refresh_from_db()
    assert sent.centre.state == State.RETURNED
    assert sent.centre.reason == "Bổ sung biên bản bình xét của phường"
    [mail] = smtp_server.to("halong@example.test")
    assert "Trung tâm HTCĐ phường Hồng Hà" in str(mail["Subject"])
    text = smtp_server.text_of(mail)
    assert "Bổ sung biên bản bình xét của phường" in text
    assert reverse("awards:nomination", args=[sent.centre.pk]) in text

    assert (
        use_of(campaign, unit("193"), allowance_for(campaign, unit("193")))["individual"].used == 2
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("awards:reject", args=[sent.hoa.pk]),
            {"shown_state": "accepted", "reason": "Đã được đề nghị ở Móng Cái"},
        )
    assert response.status_code == 302
    sent.hoa.refresh_from_db()
    assert sent.hoa.state == State.REJECTED
    # the place is free again, and the district is told
    assert (
        use_of(campaign, unit("193"), allowance_for(campaign, unit("193")))["individual"].used == 1
    )
    assert len(smtp_server.to("halong@example.test")) == 2
    assert "Đã được đề nghị ở Móng Cái" in smtp_server.text_of(smtp_server.to("halong@")[1])


def test_an_empty_reason_is_refused_and_nothing_changes(
    personas: Personas,
    campaign: Campaign,
    sent: Sent,
    smtp_server: Mailbox,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client = english(personas.province_officer)
    for name in ("return", "reject"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse(f"awards:{name}", args=[sent.hoa.pk]),
                {"shown_state": "sent", "reason": "  \n "},
            )
        assert response.status_code == 400
        assert REASON_NEEDED in response.content.decode()
    sent.hoa.refresh_from_db()
    assert sent.hoa.state == State.SENT and sent.hoa.reason == "" and sent.hoa.reviewed_on is None
    assert smtp_server.messages == []


def test_a_page_shown_before_a_change_is_refused_keeping_the_reason(
    personas: Personas, campaign: Campaign, sent: Sent
) -> None:
    client = english(personas.province_officer)
    # another officer accepted it meanwhile; this one returns it from the page it read
    nomination_accept(nomination=sent.hoa, user=None)
    response = client.post(
        reverse("awards:return", args=[sent.hoa.pk]),
        {"shown_state": "sent", "reason": "Thiếu bản thành tích có xác nhận"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert CHANGED_MEANWHILE % {"state": "accepted"} in html
    assert "Thiếu bản thành tích có xác nhận</textarea>" in html
    # the form now carries the state it shows, so trying again works
    assert 'name="shown_state" value="accepted"' in html
    response = client.post(reverse("awards:accept", args=[sent.hoa.pk]), {"shown_state": "sent"})
    assert response.status_code == 400
    assert CHANGED_MEANWHILE % {"state": "accepted"} in response.content.decode()
    sent.hoa.refresh_from_db()
    assert sent.hoa.state == State.ACCEPTED and sent.hoa.reason == ""


def test_the_decision_is_recorded_on_an_accepted_nomination(
    personas: Personas, campaign: Campaign, sent: Sent
) -> None:
    client = english(personas.province_officer)
    url = reverse("awards:decision", args=[sent.hoa.pk])
    decision = {
        "decision": "commended",
        "authority": "province_chair",
        "award": "Bằng khen",
        "decision_ref": "1234/QĐ-UBND",
        "decided_on": "15/06/2013",
    }
    # only an accepted one has a decision
    response = client.post(url, decision)
    assert response.status_code == 400
    assert NOT_ACCEPTED % {"state": "sent"} in response.content.decode()
    nomination_accept(nomination=sent.hoa, user=None)
    late = client.post(url, decision | {"decided_on": "21/06/2013"})
    assert late.status_code == 400
    assert DECIDED_LATER % {"date": "21/06/2013"} in late.content.decode()
    badly_written = client.post(url, decision | {"decided_on": "2013/15/06"})
    assert badly_written.status_code == 400
    assert "Enter a date as dd/mm/yyyy." in badly_written.content.decode()
    assert 'value="1234/QĐ-UBND"' in badly_written.content.decode()
    sent.hoa.refresh_from_db()
    assert sent.hoa.decision == ""
    assert client.post(url, decision).status_code == 302
    sent.hoa.refresh_from_db()
    assert (sent.hoa.decision, sent.hoa.authority, sent.hoa.award) == (
        "commended",
        "province_chair",
        "Bằng khen",
    )
    assert sent.hoa.decision_ref == "1234/QĐ-UBND"
    assert f"{sent.hoa.decided_on:%d/%m/%Y}" == "15/06/2013"
    # the form shows what is recorded
    page = client.get(reverse("awards:nomination", args=[sent.hoa.pk])).content.decode()
    assert 'name="decided_on" value="15/06/2013"' in page


def test_another_district_or_the_nominating_one_cannot_review(
    personas: Personas, campaign: Campaign, sent: Sent
) -> None:
    pk = sent.hoa.pk
    posts = {
        "accept": {"shown_state": "sent"},
        "return": {"shown_state": "sent", "reason": "x"},
        "reject": {"shown_state": "sent", "reason": "x"},
        "decision": {"decision": "commended", "authority": "province_chair"},
    }
    for name, data in posts.items():
        url = reverse(f"awards:{name}", args=[pk])
        for who in ("mongcai_officer", "halong_officer", "viewer", "commune_officer_of_bai_chay"):
            assert client_for(personas.of(who)).post(url, data).status_code == 404, (name, who)
        # a POST-only address
        assert client_for(personas.province_officer).get(url).status_code == 405
    sent.hoa.refresh_from_db()
    assert sent.hoa.state == State.SENT and sent.hoa.reviewed_on is None
    missing = reverse("awards:accept", args=[999999])
    assert client_for(personas.province_officer).post(missing).status_code == 404
