"""The reminder pass, through a real SMTP server on loopback."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.mail import Mailbox, free_port
from xhht.campaigns.models import Campaign, Deliverable, Reminder
from xhht.campaigns.reminders import reminders_send
from xhht.campaigns.services import obligation_fulfil
from xhht.kernel import clock
from xhht.orgunits.models import Level, OrgUnit

pytestmark = pytest.mark.django_db

THREE_DAYS_BEFORE = date(2013, 6, 7)  # communes: conference and report by 10/06/2013
DAY_AFTER = date(2013, 6, 11)
BAI_CHAY_DESK = "vanthu.baichay@example.test"
GIENG_DAY_DESK = "ubnd.giengday@example.test"


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    """The seed campaign; Bãi Cháy has a contact address and an officer, Giếng Đáy only
    an address, Trần Phú only an officer who has left, every other commune nothing."""
    OrgUnit.objects.filter(pk=unit("06673").pk).update(contact_email=BAI_CHAY_DESK)
    OrgUnit.objects.filter(pk=unit("06661").pk).update(contact_email=GIENG_DAY_DESK)
    personas.commune_officer_of_tran_phu.is_active = False
    personas.commune_officer_of_tran_phu.save()
    return make_campaign(XHHT_BASE_URL="https://xhht.example.gov.vn")


def on(settings: Settings, day: date) -> None:
    settings.XHHT_TODAY = day


def test_it_sends_n_days_before_the_last_day(
    campaign: Campaign, smtp_server: Mailbox, settings: Settings, personas: Personas
) -> None:
    on(settings, THREE_DAYS_BEFORE)
    result = reminders_send()
    assert result.sent == 4  # Bãi Cháy and Giếng Đáy, conference and report each
    to_bai_chay = smtp_server.to(BAI_CHAY_DESK)
    assert len(to_bai_chay) == 2
    assert all(personas.commune_officer_of_bai_chay.email in m["To"] for m in to_bai_chay)
    text = Mailbox.text_of(to_bai_chay[0])
    assert campaign.title in text
    assert "10/06/2013" in text and "10/06/2013" in str(to_bai_chay[0]["Subject"])
    assert f"https://xhht.example.gov.vn/campaigns/{campaign.pk}/work/" in text
    link = f"/campaigns/{campaign.pk}/work/"
    assert client_for(personas.commune_officer_of_bai_chay).get(link).status_code == 200
    html = to_bai_chay[0].get_body(preferencelist=("html",))
    assert html is not None and "<strong>10/06/2013</strong>" in str(html.get_content())
    assert len(smtp_server.to(GIENG_DAY_DESK)) == 2


def test_it_sends_nothing_before_the_window(
    campaign: Campaign, smtp_server: Mailbox, settings: Settings
) -> None:
    on(settings, date(2013, 6, 6))  # four days before; campaign.reminder_days_before is 3
    assert reminders_send().sent == 0
    campaign.reminder_days_before = 4
    campaign.save()
    assert reminders_send().sent == 4
    assert smtp_server.messages


def test_it_sends_the_day_after_the_last_day(
    campaign: Campaign, smtp_server: Mailbox, settings: Settings
) -> None:
    on(settings, THREE_DAYS_BEFORE)
    reminders_send()
    on(settings, DAY_AFTER)
    result = reminders_send()
    assert result.sent == 4
    after = [m for m in smtp_server.to(BAI_CHAY_DESK) if "10/06/2013" in str(m["Subject"])]
    assert len(after) == 4  # two before, two after
    kinds = Reminder.objects.filter(obligation__unit=unit("06673")).values_list("kind", flat=True)
    assert sorted(kinds) == ["after", "after", "before", "before"]


def test_it_never_sends_twice_even_when_the_pass_runs_twice(
    campaign: Campaign, smtp_server: Mailbox, settings: Settings
) -> None:
    on(settings, THREE_DAYS_BEFORE)
    assert reminders_send().sent == 4
    assert reminders_send().sent == 0
    on(settings, date(2013, 6, 8))
    assert reminders_send().sent == 0
    assert len(smtp_server.messages) == 4
    assert Reminder.objects.count() == 4


def test_it_stops_once_the_obligation_is_fulfilled(
    campaign: Campaign, smtp_server: Mailbox, settings: Settings
) -> None:
    on(settings, THREE_DAYS_BEFORE)
    conference = campaign.obligations.get(unit=unit("06673"), deliverable=Deliverable.CONFERENCE)
    obligation_fulfil(obligation=conference, on=date(2013, 6, 5), user=None)
    assert reminders_send().sent == 3
    on(settings, DAY_AFTER)
    assert reminders_send().sent == 3
    assert not Reminder.objects.filter(obligation=conference).exists()
    subjects = [str(m["Subject"]) for m in smtp_server.to(BAI_CHAY_DESK)]
    assert len(subjects) == 2  # the report's, before and after


def test_every_reminder_sent_is_recorded(
    campaign: Campaign, smtp_server: Mailbox, settings: Settings, personas: Personas
) -> None:
    on(settings, THREE_DAYS_BEFORE)
    reminders_send()
    reminder = Reminder.objects.get(
        obligation__unit=unit("06673"), obligation__deliverable=Deliverable.REPORT
    )
    assert reminder.kind == Reminder.Kind.BEFORE
    assert clock.local_date(reminder.sent_at) == THREE_DAYS_BEFORE
    assert set(reminder.sent_to.split(", ")) == {
        BAI_CHAY_DESK,
        personas.commune_officer_of_bai_chay.email,
    }


def test_units_without_an_address_are_skipped_and_counted(
    campaign: Campaign, smtp_server: Mailbox, settings: Settings
) -> None:
    on(settings, THREE_DAYS_BEFORE)
    result = reminders_send()
    communes = campaign.obligations.filter(unit__level=Level.COMMUNE).values("unit").distinct()
    assert len(result.skipped_units) == communes.count() - 2  # Trần Phú's officer has left
    assert unit("06712").pk in result.skipped_units
    assert result.skipped == 2 * len(result.skipped_units)
    assert not Reminder.objects.filter(obligation__unit=unit("06712")).exists()


def test_an_overdue_obligation_is_not_reminded_after_the_window(
    campaign: Campaign, smtp_server: Mailbox, settings: Settings
) -> None:
    on(settings, date(2013, 7, 15))  # 35 days after 10/06; the district's 29/06 is in range
    reminders_send()
    assert not Reminder.objects.filter(obligation__unit__level=Level.COMMUNE).exists()


def test_a_refused_send_is_given_back_and_retried(campaign: Campaign, settings: Settings) -> None:
    on(settings, THREE_DAYS_BEFORE)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    result = reminders_send()
    assert (result.sent, result.failed) == (0, 4)
    assert not Reminder.objects.exists()


def test_send_reminders_prints_what_it_did(
    campaign: Campaign, smtp_server: Mailbox, settings: Settings
) -> None:
    on(settings, THREE_DAYS_BEFORE)
    out = io.StringIO()
    call_command("send_reminders", "-v", "2", stdout=out)
    printed = out.getvalue()
    assert ": 4" in printed.splitlines()[0]
    assert "06712" in printed  # listed among the units without an address
    again = io.StringIO()
    call_command("send_reminders", stdout=again)
    assert ": 0" in again.getvalue().splitlines()[0]


def test_send_reminders_fails_loudly_when_mail_cannot_go(
    campaign: Campaign, settings: Settings
) -> None:
    on(settings, THREE_DAYS_BEFORE)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    with pytest.raises(CommandError):
        call_command("send_reminders", stdout=io.StringIO())
