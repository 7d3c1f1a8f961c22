"""A district's own rules for its communes: earlier deadlines (never later than the
province's, nothing written when refused); the commendation rules are tests/awards'."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import Settings

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.campaigns.deadlines import district_deadlines_set
from xhht.campaigns.models import Campaign, Deliverable, Milestone, RuleKind
from xhht.campaigns.services import (
    CampaignError,
    RuleInput,
    commune_rule_of,
    milestone_refine,
)

pytestmark = pytest.mark.django_db

RULES_ACTIONS = ("campaigns:rules_deadlines",)


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 1))


def last_days(campaign: Campaign, district: str, deliverable: str) -> set[date]:
    return set(
        campaign.obligations.filter(
            unit__parent=unit(district), deliverable=deliverable
        ).values_list("last_day", flat=True)
    )


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_an_earlier_deadline_moves_the_districts_communes_only(campaign: Campaign) -> None:
    district_deadlines_set(
        campaign=campaign,
        district=unit("193"),
        conference=RuleInput(RuleKind.BY, date(2013, 6, 5)),
        report=None,
    )
    assert last_days(campaign, "193", Deliverable.CONFERENCE) == {date(2013, 6, 5)}
    # the report is due the same day as the conference unless the district sets another
    assert last_days(campaign, "193", Deliverable.REPORT) == {date(2013, 6, 5)}
    assert last_days(campaign, "194", Deliverable.CONFERENCE) == {date(2013, 6, 10)}
    assert last_days(campaign, "194", Deliverable.REPORT) == {date(2013, 6, 10)}
    district_own = campaign.obligations.get(unit=unit("193"), deliverable=Deliverable.CONFERENCE)
    assert district_own.last_day == date(2013, 6, 25)  # the district's own deadline stays


def test_a_district_may_set_its_communes_report_date_apart(campaign: Campaign) -> None:
    district_deadlines_set(
        campaign=campaign,
        district=unit("193"),
        conference=RuleInput(RuleKind.BY, date(2013, 6, 5)),
        report=RuleInput(RuleKind.BEFORE, date(2013, 6, 9)),
    )
    assert last_days(campaign, "193", Deliverable.REPORT) == {date(2013, 6, 8)}
    rule = Milestone.objects.get(set_by=unit("193"), deliverable=Deliverable.REPORT)
    assert rule.parent == commune_rule_of(campaign, Deliverable.REPORT)
    assert rule.rule_kind == RuleKind.BEFORE and rule.rule_date == date(2013, 6, 9)


def test_a_later_deadline_is_refused_naming_both_dates_and_nothing_is_written(
    campaign: Campaign,
) -> None:
    before = list(campaign.obligations.order_by("pk").values_list("milestone_id", "last_day"))
    with pytest.raises(CampaignError) as refused:
        district_deadlines_set(
            campaign=campaign,
            district=unit("193"),
            conference=RuleInput(RuleKind.BY, date(2013, 6, 5)),  # fine on its own
            report=RuleInput(RuleKind.BY, date(2013, 6, 30)),  # later than its own, 29/6
        )
    assert "30/06/2013" in refused.value.message and "29/06/2013" in refused.value.message
    assert refused.value.field == "report_date"
    after = list(campaign.obligations.order_by("pk").values_list("milestone_id", "last_day"))
    assert after == before
    assert not Milestone.objects.filter(set_by=unit("193")).exists()


def test_refine_itself_refuses_later_than_its_parent(campaign: Campaign) -> None:
    parent = commune_rule_of(campaign, Deliverable.CONFERENCE)
    assert parent is not None
    with pytest.raises(CampaignError, match="10/06/2013"):
        milestone_refine(parent=parent, set_by=unit("193"), kind=RuleKind.BY, on=date(2013, 6, 11))
    assert Milestone.objects.count() == campaign.milestones.filter(parent__isnull=True).count()


def test_changing_the_rule_again_and_withdrawing_it(campaign: Campaign) -> None:
    district = unit("193")
    for day in (5, 7):
        district_deadlines_set(
            campaign=campaign,
            district=district,
            conference=RuleInput(RuleKind.BY, date(2013, 6, day)),
            report=None,
        )
    assert Milestone.objects.filter(set_by=district).count() == 2  # one per deliverable
    assert last_days(campaign, "193", Deliverable.CONFERENCE) == {date(2013, 6, 7)}
    district_deadlines_set(campaign=campaign, district=district, conference=None, report=None)
    assert not Milestone.objects.filter(set_by=district).exists()
    assert last_days(campaign, "193", Deliverable.CONFERENCE) == {date(2013, 6, 10)}


def test_a_deadline_already_past_is_refused(campaign: Campaign, settings: Settings) -> None:
    settings.XHHT_TODAY = date(2013, 6, 6)
    with pytest.raises(CampaignError, match="05/06/2013"):
        district_deadlines_set(
            campaign=campaign,
            district=unit("193"),
            conference=RuleInput(RuleKind.BY, date(2013, 6, 5)),
            report=None,
        )
    assert last_days(campaign, "193", Deliverable.CONFERENCE) == {date(2013, 6, 10)}


def test_the_rules_page_saves_deadlines(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.halong_officer)
    url = reverse("campaigns:rules", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert reverse("campaigns:rules_deadlines", args=[campaign.pk]) in page
    assert 'name="action"' not in page
    response = client.post(
        reverse("campaigns:rules_deadlines", args=[campaign.pk]),
        {
            "d-conference_kind": "by",
            "d-conference_date": "05/06/2013",
            "d-report_kind": "by",
            "d-report_date": "",
            "d-wording": "Công văn số 45/PGDĐT",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    assert last_days(campaign, "193", Deliverable.CONFERENCE) == {date(2013, 6, 5)}
    page = client.get(url).content.decode()
    assert 'value="05/06/2013"' in page
    work = client_for(personas.commune_officer_of_bai_chay).get(
        reverse("site:my_work", args=[campaign.pk])
    )
    html = work.content.decode()
    assert "05/06/2013" in html and "Công văn số 45/PGDĐT" in html


def test_the_rules_page_refuses_a_later_date_and_keeps_it(
    personas: Personas, campaign: Campaign
) -> None:
    client = english(client_for(personas.halong_officer))
    response = client.post(
        reverse("campaigns:rules_deadlines", args=[campaign.pk]),
        {
            "d-conference_kind": "by",
            "d-conference_date": "2013-06-20",
            "d-report_kind": "by",
            "d-report_date": "",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "20/06/2013" in html and "10/06/2013" in html and "later than" in html
    assert 'value="2013-06-20"' in html
    assert not Milestone.objects.filter(set_by=unit("193")).exists()


def test_the_rules_pages_take_each_action_by_post_only_and_from_the_district_alone(
    personas: Personas, campaign: Campaign
) -> None:
    data = {"d-conference_kind": "by", "d-conference_date": "05/06/2013", "d-report_kind": "by"}
    for name in RULES_ACTIONS:
        url = reverse(name, args=[campaign.pk])
        assert client_for(personas.halong_officer).get(url).status_code == 405, name
        for other in ("commune_officer_of_bai_chay", "province_officer", "home_affairs_officer"):
            client = client_for(personas.of(other))
            assert client.post(url, data | {"commune-criteria": "x"}).status_code == 404, name
    assert not Milestone.objects.filter(set_by__level="district").exists()


def test_only_a_district_sets_rules_for_communes(campaign: Campaign) -> None:
    with pytest.raises(CampaignError):
        district_deadlines_set(
            campaign=campaign,
            district=unit("06673"),
            conference=RuleInput(RuleKind.BY, date(2013, 6, 5)),
            report=None,
        )


def test_the_commune_s_work_page_names_the_district_that_set_its_deadline(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    url = reverse("site:my_work", args=[campaign.pk])
    set_by = "thời hạn do Thành phố Hạ Long quy định"
    client.get(url)  # the session warmed
    with CaptureQueriesContext(connection) as province_s:
        assert set_by not in client.get(url).content.decode()  # the province's: not named
    district_deadlines_set(
        campaign=campaign,
        district=unit("193"),
        conference=RuleInput(RuleKind.BY, date(2013, 6, 5)),
        report=RuleInput(RuleKind.BEFORE, date(2013, 6, 9)),
    )
    with CaptureQueriesContext(connection) as district_s:
        page = client.get(url).content.decode()
    # Both the conference and the report name it; the setters are read at most in one more
    # query, not one for each.
    assert page.count(set_by) == 2
    assert len(district_s) <= len(province_s) + 1
