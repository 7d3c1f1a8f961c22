"""A district's commendation criteria and quotas: at its communes' conferences and at its
own; refused without criteria, with nothing written and what was typed kept."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.awards.models import CommendationRule
from xhht.awards.services import CRITERIA_NEEDED, AwardsError, rule_set
from xhht.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 1))


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def test_commendation_rules_for_both_conference_levels(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.halong_officer)
    commune = reverse("awards:rule_save", args=[campaign.pk, "commune"])
    district = reverse("awards:rule_save", args=[campaign.pk, "district"])
    page = client.get(reverse("awards:rules", args=[campaign.pk])).content.decode()
    assert commune in page and district in page
    response = client.post(
        commune,
        {
            "commune-criteria": "Gia đình học tập tiêu biểu",
            "commune-individuals": "3",
            "commune-collectives": "2",
        },
    )
    assert response.status_code == 302
    client.post(district, {"district-criteria": "Dòng họ học tập", "district-collectives": "5"})
    rules = {
        r.conference_level: (r.criteria, r.individuals, r.collectives)
        for r in CommendationRule.objects.filter(campaign=campaign, set_by=unit("193"))
    }
    assert rules == {
        "commune": ("Gia đình học tập tiêu biểu", 3, 2),
        "district": ("Dòng họ học tập", None, 5),
    }
    # all empty withdraws the rule
    client.post(commune, {"commune-criteria": ""})
    assert not CommendationRule.objects.filter(conference_level="commune").exists()


def test_the_page_refuses_a_quota_without_criteria_and_keeps_what_was_typed(
    personas: Personas, campaign: Campaign
) -> None:
    rule_set(
        campaign=campaign,
        set_by=unit("193"),
        conference_level="district",
        criteria="Dòng họ học tập",
        individuals=None,
        collectives=5,
    )
    client = english(client_for(personas.halong_officer))
    response = client.post(
        reverse("awards:rule_save", args=[campaign.pk, "commune"]),
        {"commune-criteria": " ", "commune-individuals": "2", "commune-collectives": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert CRITERIA_NEEDED in html
    assert 'name="commune-individuals" value="2"' in html
    assert 'name="commune-collectives" value="1"' in html
    # the other forms show what is saved
    assert "Dòng họ học tập" in html and 'name="district-collectives" value="5"' in html
    assert not CommendationRule.objects.filter(conference_level="commune").exists()


def test_a_quota_without_criteria_is_refused(campaign: Campaign) -> None:
    with pytest.raises(AwardsError) as refused:
        rule_set(
            campaign=campaign,
            set_by=unit("193"),
            conference_level="commune",
            criteria=" ",
            individuals=2,
            collectives=None,
        )
    assert refused.value.field == "criteria"
    assert not CommendationRule.objects.exists()


def test_the_rules_page_takes_each_action_by_post_only_and_from_the_district_alone(
    personas: Personas, campaign: Campaign
) -> None:
    for level in ("commune", "district"):
        url = reverse("awards:rule_save", args=[campaign.pk, level])
        assert client_for(personas.halong_officer).get(url).status_code == 405
        for other in ("commune_officer_of_bai_chay", "province_officer", "home_affairs_officer"):
            client = client_for(personas.of(other))
            assert client.post(url, {f"{level}-criteria": "x"}).status_code == 404
    assert not CommendationRule.objects.exists()


def test_a_commune_sees_the_rule_its_district_set_for_its_conference(
    personas: Personas, campaign: Campaign
) -> None:
    work = reverse("site:my_work", args=[campaign.pk])
    client = english(client_for(personas.commune_officer_of_bai_chay))
    assert "Gia đình học tập tiêu biểu" not in client.get(work).content.decode()
    rule_set(
        campaign=campaign,
        set_by=unit("193"),
        conference_level="commune",
        criteria="Gia đình học tập tiêu biểu",
        individuals=3,
        collectives=1,
    )
    page = client.get(work).content.decode()
    assert "Gia đình học tập tiêu biểu" in page
    assert "at most 3 individuals and 1 collectives" in page
    # a commune of another district does not
    other = english(client_for(personas.commune_officer_of_tran_phu))
    assert "Gia đình học tập tiêu biểu" not in other.get(work).content.decode()
