"""A returned nomination reopens its unit's nomination obligation, as a returned report
does: it is owed again, as returned, until the unit sends again, and the next sending
fulfils it as of the first. A rejection frees a place and reopens nothing."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_django import Settings

from tests.awards.factories import nominate, person
from tests.conftest import PublishedCampaign, unit
from xhht.awards.services import nomination_reject, nomination_return, nominations_send
from xhht.campaigns.models import Deliverable, State

pytestmark = pytest.mark.django_db

HALONG = "193"


def test_a_returned_nomination_is_owed_again_until_sent_again(
    make_campaign: PublishedCampaign, settings: Settings
) -> None:
    campaign = make_campaign()
    halong = unit(HALONG)
    owed = campaign.obligations.get(unit=halong, deliverable=Deliverable.NOMINATION)
    lan = nominate(campaign, halong, person("Nguyễn Thị Lan"))
    binh = nominate(campaign, halong, person("Trần Văn Bình"))
    nominations_send(campaign=campaign, unit=halong, note="Hai cá nhân", user=None)  # 20/06
    owed.refresh_from_db()
    assert owed.fulfilled_on == date(2013, 6, 20) and owed.returned_on is None

    settings.XHHT_TODAY = date(2013, 6, 22)
    nomination_reject(nomination=binh, user=None, reason="Chưa đủ tiêu chuẩn")
    owed.refresh_from_db()
    assert owed.fulfilled_on == date(2013, 6, 20)  # a rejection asks nothing more of it

    nomination_return(nomination=lan, user=None, reason="Bổ sung thành tích năm 2012")
    owed.refresh_from_db()
    assert owed.fulfilled_on is None and owed.returned_on == date(2013, 6, 22)
    assert owed.state_on(date(2013, 6, 22)) == State.RETURNED

    settings.XHHT_TODAY = date(2013, 7, 2)
    nominations_send(campaign=campaign, unit=halong, note="Đã bổ sung", user=None)
    owed.refresh_from_db()
    assert owed.fulfilled_on == date(2013, 6, 20)  # as of the first sending
    assert owed.returned_on is None
