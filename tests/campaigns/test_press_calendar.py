"""The press calendar: a unit announces its conference, the calendar page, its .xlsx and the
.ics feed list it as planned, then as held once recorded."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from openpyxl import load_workbook
from pytest_django import Settings

from tests.conftest import Personas, PublishedCampaign, Row, assert_table, client_for, unit
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign, ConferencePlan, Deliverable, Obligation
from xhht.campaigns.services import PLANNED_BEFORE_PUBLICATION, conference_record

pytestmark = pytest.mark.django_db

BAI_CHAY_HALL = "Nhà văn hóa phường Bãi Cháy"


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 3))


def conference_of(campaign: Campaign, code: str) -> Obligation:
    return campaign.obligations.get(unit=unit(code), deliverable=Deliverable.CONFERENCE)


def announce_url(campaign: Campaign, code: str) -> str:
    return reverse("campaigns:conference_announce", args=[campaign.pk, unit(code).pk])


def announce(campaign: Campaign, personas: Personas) -> None:
    response = client_for(personas.commune_officer_of_bai_chay).post(
        announce_url(campaign, "06673"),
        {
            "planned_on": "08/06/2013",
            "venue": BAI_CHAY_HALL,
            "chair": "Nguyễn Văn Bình",
            "exhibition": "on",
        },
    )
    assert response.status_code == 302


def vi(text: str) -> str:
    """`text` as the pages, in Vietnamese by default, show it."""
    with translation.override("vi"):
        return translation.gettext(text)


def xlsx_rows(campaign: Campaign, personas: Personas) -> list[tuple[object, ...]]:
    response = client_for(personas.halong_officer).get(
        reverse("campaigns:calendar_xlsx", args=[campaign.pk])
    )
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert sheet.max_row < 2 or sheet["A2"].number_format == "dd/mm/yyyy"
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_a_commune_announces_its_conference(campaign: Campaign, personas: Personas) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    work = client.get(reverse("site:my_work", args=[campaign.pk])).content.decode()
    assert announce_url(campaign, "06673") in work
    assert client.get(announce_url(campaign, "06673")).status_code == 200
    announce(campaign, personas)
    plan = ConferencePlan.objects.get(obligation=conference_of(campaign, "06673"))
    assert (plan.planned_on, plan.venue, plan.exhibition) == (date(2013, 6, 8), BAI_CHAY_HALL, True)
    assert plan.announced_by == personas.commune_officer_of_bai_chay
    assert AuditEntry.objects.filter(action="conference.announced").count() == 1
    work = client.get(reverse("site:my_work", args=[campaign.pk])).content.decode()
    assert "08/06/2013" in work


def test_a_district_announces_its_own_and_again_changes_it(
    campaign: Campaign, personas: Personas
) -> None:
    client = client_for(personas.halong_officer)
    for day in ("20/06/2013", "21/06/2013"):
        response = client.post(
            announce_url(campaign, "193"),
            {"planned_on": day, "venue": "Cung Quy hoạch", "chair": "Trần Thị Hoa"},
        )
        assert response.status_code == 302
    plan = ConferencePlan.objects.get(obligation=conference_of(campaign, "193"))
    assert (plan.planned_on, plan.exhibition) == (date(2013, 6, 21), False)


def test_a_date_before_publication_is_refused(campaign: Campaign, personas: Personas) -> None:
    response = client_for(personas.commune_officer_of_bai_chay).post(
        announce_url(campaign, "06673"),
        {"planned_on": "01/05/2013", "venue": BAI_CHAY_HALL, "chair": "Nguyễn Văn Bình"},
    )
    assert response.status_code == 200
    message = vi(PLANNED_BEFORE_PUBLICATION) % {"date": "01/05/2013", "published": "03/06/2013"}
    assert message in response.content.decode()
    assert not ConferencePlan.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="conference.").exists()


def test_the_calendar_lists_it_planned_then_held(
    campaign: Campaign, personas: Personas, settings: Settings
) -> None:
    announce(campaign, personas)
    page = reverse("campaigns:calendar", args=[campaign.pk])
    html = client_for(personas.halong_officer).get(page).content.decode()
    assert BAI_CHAY_HALL in html and vi("planned") in html
    assert reverse("campaigns:calendar_xlsx", args=[campaign.pk]) in html
    header, *rows = xlsx_rows(campaign, personas)
    assert header[0] == vi("Date")
    assert rows == [
        (
            datetime(2013, 6, 8),
            vi("planned"),
            "Phường Bãi Cháy",
            "Thành phố Hạ Long",
            BAI_CHAY_HALL,
            "Nguyễn Văn Bình",
            vi("yes"),
        )
    ]
    settings.XHHT_TODAY = date(2013, 6, 9)
    conference_record(
        obligation=conference_of(campaign, "06673"),
        user=personas.commune_officer_of_bai_chay,
        held_on=date(2013, 6, 9),
        venue=BAI_CHAY_HALL,
        chair="Nguyễn Văn Bình",
        participants=80,
    )
    _header, *rows = xlsx_rows(campaign, personas)
    assert [(r[0], r[1]) for r in rows] == [(datetime(2013, 6, 9), vi("held"))]
    html = client_for(personas.halong_officer).get(page).content.decode()
    assert "09/06/2013" in html and vi("held") in html


def test_the_ics_feed_has_the_conference(campaign: Campaign, personas: Personas) -> None:
    announce(campaign, personas)
    url = reverse("campaigns:unit_ics", kwargs={"unit_pk": unit("06673").pk})
    response = client_for(personas.commune_officer_of_bai_chay).get(url)
    events = Calendar.from_ical(response.content).walk("VEVENT")
    found = [e for e in events if str(e["uid"]).startswith("conference-")]
    assert len(found) == 1
    assert found[0].decoded("dtstart") == date(2013, 6, 8)
    assert str(found[0]["location"]) == BAI_CHAY_HALL
    assert any(str(e["uid"]).startswith("obligation-") for e in events)  # deadlines stay


def test_who_may_announce(campaign: Campaign, personas: Personas) -> None:
    rows = [
        Row[Campaign](
            "commune",
            lambda c: announce_url(c, "06673"),
            allowed={"commune_officer_of_bai_chay", "halong_officer"},
        ),
        Row[Campaign]("district", lambda c: announce_url(c, "193"), allowed={"halong_officer"}),
    ]
    assert_table(
        personas,
        rows,
        campaign,
        who=("commune_officer_of_bai_chay", "halong_officer", "mongcai_officer"),
    )
