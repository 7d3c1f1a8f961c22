"""What a unit owes: its obligations, their rule and last day, state and next step;
a district also sees its communes' work and may record for them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.campaigns.services import conference_record
from xhht.campaigns.worklists import days_text, owed_by, reviewed_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 12))


def conference_of(campaign: Campaign, code: str) -> Obligation:
    return campaign.obligations.get(unit=unit(code), deliverable=Deliverable.CONFERENCE)


def test_a_commune_sees_what_it_owes_with_the_rule_the_last_day_and_the_state(
    personas: Personas, campaign: Campaign
) -> None:
    page = client_for(personas.commune_officer_of_bai_chay).get(
        reverse("site:my_work", args=[campaign.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Phường Bãi Cháy" in html
    assert "10/06/2013" in html  # the rule as written and the last day
    assert "st-overdue" in html  # on 12/6 both commune obligations are overdue
    assert "Thành phố Hạ Long" in html  # the report goes to its district
    assert reverse("campaigns:conference_record", args=[campaign.pk, unit("06673").pk]) in html


def test_what_a_unit_owes_is_its_own_only(campaign: Campaign) -> None:
    owed = owed_by(campaign, unit("06673"), date(2013, 6, 12))
    assert {o.deliverable for o in owed} == {Deliverable.CONFERENCE, Deliverable.REPORT}
    assert all(o.unit == unit("06673") for o in owed)
    assert {o.state for o in owed} == {"overdue"}  # type: ignore[attr-defined]


def test_days_left_and_overdue_are_counted_from_the_clock(campaign: Campaign) -> None:
    obligation = conference_of(campaign, "193")  # district conference, last day 25/6
    with translation.override("en"):
        assert days_text(obligation, date(2013, 6, 20)) == "5 days left"
        assert days_text(obligation, date(2013, 6, 25)) == "due today"
        assert days_text(obligation, date(2013, 6, 26)) == "1 day overdue"
        obligation.fulfilled_on = date(2013, 6, 24)
        assert days_text(obligation, date(2013, 6, 26)) == ""


def test_a_district_sees_its_communes_and_no_other_districts(
    personas: Personas, campaign: Campaign
) -> None:
    html = (
        client_for(personas.halong_officer)
        .get(reverse("site:my_work", args=[campaign.pk]))
        .content.decode()
    )
    assert "Phường Bãi Cháy" in html
    assert "Phường Trần Phú" not in html
    record_for_bai_chay = reverse(
        "campaigns:conference_record", args=[campaign.pk, unit("06673").pk]
    )
    assert record_for_bai_chay in html  # it may record on behalf of its communes


def test_the_review_table_filters_by_state(personas: Personas, campaign: Campaign) -> None:
    conference_record(
        obligation=conference_of(campaign, "06673"),
        user=personas.commune_officer_of_bai_chay,
        held_on=date(2013, 6, 8),
        venue="Hội trường UBND phường",
        chair="Nguyễn Văn A",
        participants=80,
    )
    table = reviewed_by(campaign, unit("193"), date(2013, 6, 12), state="on_time")
    assert [row.unit.code for row in table.rows] == ["06673"]
    everyone = reviewed_by(campaign, unit("193"), date(2013, 6, 12))
    assert (
        len(everyone.rows)
        == campaign.obligations.filter(
            unit__parent=unit("193"), deliverable=Deliverable.CONFERENCE
        ).count()
    )
    client = client_for(personas.halong_officer)
    html = client.get(
        reverse("site:my_work", args=[campaign.pk]) + "?state=on_time"
    ).content.decode()
    assert "Phường Bãi Cháy" in html
    assert "Phường Hà Khánh" not in html


def test_the_province_reviews_districts_and_agencies(
    personas: Personas, campaign: Campaign
) -> None:
    table = reviewed_by(campaign, unit("22"), date(2013, 6, 12))
    levels = {row.unit.level for row in table.rows}
    assert levels == {"district", "agency"}
    assert len(table.rows) == 14 + 16


def test_a_viewer_sees_but_is_offered_nothing_to_do(personas: Personas, campaign: Campaign) -> None:
    html = (
        client_for(personas.viewer)
        .get(reverse("site:unit_work", args=[campaign.pk, unit("193").pk]))
        .content.decode()
    )
    assert "Thành phố Hạ Long" in html
    assert "/conference/" not in html


def test_the_administrator_is_shown_the_root(personas: Personas, campaign: Campaign) -> None:
    response = client_for(personas.administrator).get(reverse("site:my_work", args=[campaign.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("site:unit_work", args=[campaign.pk, unit("22").pk])


def test_the_current_campaign_link_leads_to_the_latest(
    personas: Personas, campaign: Campaign
) -> None:
    response = client_for(personas.halong_officer).get(reverse("site:my_work_current"))
    assert response["Location"] == reverse("site:my_work", args=[campaign.pk])


def test_without_a_campaign_the_page_says_so(personas: Personas) -> None:
    response = client_for(personas.halong_officer).get(reverse("site:my_work_current"))
    assert response.status_code == 200
