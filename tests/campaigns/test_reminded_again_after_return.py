"""A unit reminded after its report's last day, then sent it, and had it returned, is owed
the report again: the next pass reminds it once more, saying it was returned (the return
forgets the reminders sent before, campaigns.reminders.reminders_reset), and only once.

Bãi Cháy's report is due by 10/06/2013."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_django import Settings

from tests.conftest import Personas, PublishedCampaign, unit
from tests.mail import Mailbox
from tests.reports.factories import report_obligation
from tests.reports.figures import report_with
from xhht.campaigns.models import Reminder
from xhht.campaigns.reminders import reminders_send
from xhht.orgunits.models import OrgUnit
from xhht.reports.services import report_return

pytestmark = pytest.mark.django_db

BAI_CHAY = "06673"
DESK = "vanthu.baichay@example.test"
RETURNED = "Báo cáo đã bị trả lại để chỉnh sửa ngày 13/06/2013 và chưa được gửi lại."


def test_a_report_returned_after_its_reminder_is_reminded_again_once(
    personas: Personas,
    make_campaign: PublishedCampaign,
    smtp_server: Mailbox,
    settings: Settings,
) -> None:
    OrgUnit.objects.filter(pk=unit(BAI_CHAY).pk).update(contact_email=DESK)
    campaign = make_campaign(content_pack=True, today=date(2013, 6, 11))
    owed = report_obligation(campaign, BAI_CHAY)
    reminders_send()  # the day after the last day: the conference and the report
    assert owed.reminders.filter(kind=Reminder.Kind.AFTER).count() == 1
    mailed = len(smtp_server.to(DESK))
    assert mailed == 2

    settings.XHHT_TODAY = date(2013, 6, 12)
    report = report_with(campaign, BAI_CHAY)  # sent late
    assert reminders_send().sent == 0
    settings.XHHT_TODAY = date(2013, 6, 13)
    report_return(report=report, user=personas.halong_officer, reason="Thiếu số liệu")
    assert not owed.reminders.exists()

    settings.XHHT_TODAY = date(2013, 6, 14)
    assert reminders_send().sent == 1  # the report only: the conference's stays reminded
    again = smtp_server.to(DESK)[mailed:]
    assert len(again) == 1 and RETURNED in Mailbox.text_of(again[0])
    assert owed.reminders.get().kind == Reminder.Kind.AFTER
    settings.XHHT_TODAY = date(2013, 6, 15)
    assert reminders_send().sent == 0  # once per return
