"""Withdrawing a published campaign: the standing unit only, with a reason and a tick;
audited; its units told by mail and on their work page; it then asks nothing more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.mail import Mailbox
from xhht.audit.models import AuditEntry
from xhht.campaigns.calendar import unit_deadlines
from xhht.campaigns.dashboards import tally_by_campaign
from xhht.campaigns.models import Campaign, Reminder
from xhht.campaigns.reminders import reminders_due, reminders_send
from xhht.campaigns.withdrawal import WithdrawError, campaign_withdraw
from xhht.documents.letters import late_obligations
from xhht.kernel.clock import today

pytestmark = pytest.mark.django_db

REASON = "Văn bản ban hành trùng số 1395, đã có đợt khác thay thế."


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(by=personas.province_officer)


def withdraw_url(campaign: Campaign) -> str:
    return reverse("campaigns:withdraw", args=[campaign.pk])


@pytest.mark.parametrize(
    "persona",
    ["halong_officer", "commune_officer_of_bai_chay", "home_affairs_officer", "viewer", "outsider"],
)
def test_only_the_standing_unit_withdraws(
    personas: Personas, campaign: Campaign, persona: str
) -> None:
    client = client_for(personas.of(persona))
    assert client.get(withdraw_url(campaign)).status_code == 404
    data = {"reason": REASON, "confirm": "on"}
    assert client.post(withdraw_url(campaign), data).status_code == 404
    with pytest.raises(WithdrawError, match="Chỉ cơ quan thường trực"):
        campaign_withdraw(campaign=campaign, user=personas.of(persona), reason=REASON)
    campaign.refresh_from_db()
    assert campaign.withdrawn_at is None
    assert not AuditEntry.objects.filter(action="campaign.withdrawn").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": "  ", "confirm": "on"}, "Hãy nêu lý do thu hồi đợt"),
        ({"reason": REASON}, "Hãy đánh dấu ô để xác nhận thu hồi đợt."),
    ],
)
def test_a_reason_and_a_tick_are_required(
    personas: Personas, campaign: Campaign, data: dict[str, str], message: str
) -> None:
    client = client_for(personas.province_officer)
    page = client.get(withdraw_url(campaign)).content.decode()
    assert "Không thể hoàn tác" in page and 'name="confirm"' in page
    response = client.post(withdraw_url(campaign), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.withdrawn_at is None and campaign.withdrawn_reason == ""


def test_withdrawing_is_audited_tells_the_units_and_asks_nothing_more(
    personas: Personas, campaign: Campaign, smtp_server: Mailbox
) -> None:
    bai_chay = unit("06673")
    halong = unit("193")
    assert late_obligations(campaign, halong, today())  # the communes were late on 20/06
    assert reminders_due(campaign=campaign, kind=Reminder.Kind.AFTER, on=today()).exists()
    work = reverse("site:my_work", args=[campaign.pk])
    before = client_for(personas.commune_officer_of_bai_chay).get(work).content.decode()
    assert "quá hạn 10 ngày" in before and "Gửi báo cáo đến" in before
    client = client_for(personas.province_officer)
    response = client.post(withdraw_url(campaign), {"reason": REASON, "confirm": "on"})
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.withdrawn_at is not None
    assert campaign.withdrawn_by == personas.province_officer
    assert campaign.withdrawn_reason == REASON
    entry = AuditEntry.objects.get(action="campaign.withdrawn")
    assert entry.user == personas.province_officer and entry.object_id == str(campaign.pk)
    assert entry.changes["reason"] == [None, REASON]
    # Told by mail, with the reason: each officer of a unit that owed something.
    mails = smtp_server.to(personas.commune_officer_of_bai_chay.email)
    assert len(mails) == 1
    assert "thu hồi" in str(mails[0]["Subject"]) and campaign.title in str(mails[0]["Subject"])
    assert REASON in Mailbox.text_of(mails[0])
    assert smtp_server.to(personas.halong_officer.email)
    mailed = AuditEntry.objects.get(action="campaign.withdrawn.mailed").changes["mailed"][1]
    assert {"06673", "193", "22"} <= set(mailed)
    # ... and on the work page, which keeps the records but asks nothing.
    page = client_for(personas.commune_officer_of_bai_chay).get(work)
    html = page.content.decode()
    assert page.status_code == 200 and "đã bị cơ quan thường trực" in html and REASON in html
    assert "10/06/2013" in html  # the records stay readable
    assert "quá hạn 10 ngày" not in html and "Gửi báo cáo đến" not in html
    # Nothing more is owed: no reminder, chase letter, deadline feed or overdue count.
    assert reminders_send().sent == 0
    assert late_obligations(campaign, halong, today()) == []
    assert not unit_deadlines(bai_chay).filter(campaign=campaign).exists()
    assert campaign.pk not in tally_by_campaign(personas.province_officer, today())
    dashboard = client.get(reverse("campaigns:dashboard", args=[campaign.pk]))
    assert dashboard.status_code == 200  # still readable
    # Irreversible, and only once.
    again = client.get(withdraw_url(campaign)).content.decode()
    assert 'name="confirm"' not in again and REASON in again
    with pytest.raises(WithdrawError, match="đã được thu hồi"):
        campaign_withdraw(campaign=campaign, user=personas.province_officer, reason="Lần nữa")
    assert AuditEntry.objects.filter(action="campaign.withdrawn").count() == 1


def test_the_published_directive_offers_withdrawal_then_shows_it(
    personas: Personas, campaign: Campaign, smtp_server: Mailbox
) -> None:
    client = client_for(personas.province_officer)
    assert campaign.directive is not None
    review = reverse("campaigns:directive_review", args=[campaign.directive.pk])
    assert withdraw_url(campaign) in client.get(review).content.decode()
    client.post(withdraw_url(campaign), {"reason": REASON, "confirm": "on"})
    page = client.get(review).content.decode()
    assert withdraw_url(campaign) not in page and REASON in page
    listing = client.get(reverse("campaigns:directive_list")).content.decode()
    assert "đã thu hồi" in listing
