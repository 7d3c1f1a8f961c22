"""The calendar feed (.ics) of a unit's deadlines: by unit for a signed-in user, by secret link."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.campaigns.calendar import feed_token
from xhht.campaigns.models import Campaign, Deliverable
from xhht.campaigns.services import obligation_fulfil

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 7))


def events(content: bytes) -> dict[str, Any]:
    """The feed's events by the date of their day."""
    calendar = Calendar.from_ical(content)
    return {str(event.decoded("dtstart")): event for event in calendar.walk("VEVENT")}


def unit_url(code: str) -> str:
    return reverse("campaigns:unit_ics", kwargs={"unit_pk": unit(code).pk})


def test_it_lists_the_units_last_days_as_all_day_events(
    campaign: Campaign, personas: Personas
) -> None:
    response = client_for(personas.halong_officer).get(unit_url("193"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    days = sorted(
        (str(e.decoded("dtstart")), str(e.decoded("dtend"))) for e in calendar.walk("VEVENT")
    )
    # conference by 25/06; report and nominations before 30/06
    assert days == [
        ("2013-06-25", "2013-06-26"),
        ("2013-06-29", "2013-06-30"),
        ("2013-06-29", "2013-06-30"),
    ]
    conference = events(response.content)["2013-06-25"]
    assert campaign.title in str(conference["summary"])
    assert "25/06/2013" in str(conference["description"])
    assert conference.walk("VALARM")  # a reminder in the calendar app too


def test_the_description_keeps_the_rule_as_written_and_tells_what_is_done(
    campaign: Campaign, personas: Personas
) -> None:
    conference = campaign.obligations.get(unit=unit("06673"), deliverable=Deliverable.CONFERENCE)
    obligation_fulfil(obligation=conference, on=date(2013, 6, 5), user=None)
    response = client_for(personas.commune_officer_of_bai_chay).get(unit_url("06673"))
    calendar = Calendar.from_ical(response.content)
    found = [e for e in calendar.walk("VEVENT") if e["uid"] == f"obligation-{conference.pk}@xhht"]
    assert len(found) == 1
    description = str(found[0]["description"])
    assert conference.milestone.rule_text in description
    assert "05/06/2013" in description
    assert not found[0].walk("VALARM")  # nothing left to remind of


def test_a_district_sees_the_feed_of_its_commune(campaign: Campaign, personas: Personas) -> None:
    response = client_for(personas.halong_officer).get(unit_url("06673"))
    assert response.status_code == 200
    assert len(events(response.content)) == 1  # conference and report on the same day, 10/06
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("commune_officer_of_bai_chay", "06712"),  # another commune
        ("commune_officer_of_bai_chay", "193"),  # the district above it
        ("mongcai_officer", "06673"),  # a commune of another district
        ("home_affairs_officer", "193"),
        ("outsider", "193"),
    ],
)
def test_another_units_feed_answers_404(
    campaign: Campaign, personas: Personas, who: str, code: str
) -> None:
    assert client_for(getattr(personas, who)).get(unit_url(code)).status_code == 404


def test_an_anonymous_download_is_sent_to_log_in(campaign: Campaign) -> None:
    response = Client().get(unit_url("193"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_secret_link_opens_the_users_unit_feed_without_logging_in(
    campaign: Campaign, personas: Personas
) -> None:
    token = feed_token(personas.commune_officer_of_bai_chay)
    url = reverse("campaigns:user_ics", kwargs={"token": token})
    assert url.endswith(".ics")
    response = Client().get(url)
    assert response.status_code == 200
    assert set(events(response.content)) == {"2013-06-10"}


@pytest.mark.parametrize(
    "token",
    ["garbage", "1", "12.abc", "abc.def", ""],
)
def test_a_bad_token_answers_404(campaign: Campaign, token: str) -> None:
    assert Client().get(f"/campaigns/feeds/{token}.ics").status_code == 404


def test_a_token_cannot_be_moved_to_another_user(campaign: Campaign, personas: Personas) -> None:
    token = feed_token(personas.commune_officer_of_bai_chay)
    signature = token.split(".", 1)[1]
    forged = f"{personas.mongcai_officer.pk}.{signature}"
    url = reverse("campaigns:user_ics", kwargs={"token": forged})
    assert Client().get(url).status_code == 404


def test_a_new_password_or_a_closed_account_revokes_the_link(
    campaign: Campaign, personas: Personas
) -> None:
    officer = personas.commune_officer_of_bai_chay
    url = reverse("campaigns:user_ics", kwargs={"token": feed_token(officer)})
    officer.set_password("another long passphrase")
    officer.save()
    assert Client().get(url).status_code == 404
    renewed = reverse("campaigns:user_ics", kwargs={"token": feed_token(officer)})
    assert Client().get(renewed).status_code == 200
    officer.is_active = False
    officer.save()
    assert Client().get(renewed).status_code == 404


def test_an_account_without_a_unit_has_no_feed(campaign: Campaign, personas: Personas) -> None:
    url = reverse("campaigns:user_ics", kwargs={"token": feed_token(personas.outsider)})
    assert Client().get(url).status_code == 404


def test_the_subscribe_page_gives_the_secret_link(campaign: Campaign, personas: Personas) -> None:
    officer = personas.commune_officer_of_bai_chay
    response = client_for(officer).get(reverse("campaigns:feeds"))
    assert response.status_code == 200
    page = response.content.decode()
    assert feed_token(officer) in page
    assert "10/06/2013" in page
    assert unit_url("06673") in page
    outsider_page = client_for(personas.outsider).get(reverse("campaigns:feeds"))
    assert outsider_page.status_code == 200
    assert ".ics" not in outsider_page.content.decode()
