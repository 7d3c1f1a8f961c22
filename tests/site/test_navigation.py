"""A user's path between the areas: work page → report → offline forms; dashboard → figures."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from pytest_django import Settings

from tests.conftest import Personas, client_for, unit
from tests.reports.factories import report_obligation, seed_campaign

pytestmark = pytest.mark.django_db


def test_a_commune_goes_from_its_work_to_its_report_and_the_offline_forms(
    personas: Personas, settings: Settings
) -> None:
    settings.XHHT_TODAY = date(2013, 6, 5)
    campaign = seed_campaign()
    client = client_for(personas.commune_officer_of_bai_chay)
    work = client.get(reverse("site:my_work", args=[campaign.pk])).content.decode()
    report_url = reverse("reports:report", args=[report_obligation(campaign, "06673").pk])
    assert report_url in work
    page = client.get(report_url).content.decode()
    assert reverse("offline:offline", args=[report_obligation(campaign, "06673").pk]) in page


def test_the_province_dashboard_leads_to_the_figures_reports_and_proposals(
    personas: Personas, settings: Settings
) -> None:
    settings.XHHT_TODAY = date(2013, 6, 20)
    campaign = seed_campaign()
    page = (
        client_for(personas.province_officer)
        .get(reverse("campaigns:dashboard", args=[campaign.pk]))
        .content.decode()
    )
    for name in ("rollup:page", "reports:received", "reports:proposals"):
        assert reverse(name, args=[campaign.pk]) in page
    assert reverse("reports:indicators") in page
    district = (
        client_for(personas.halong_officer)
        .get(reverse("campaigns:dashboard", args=[campaign.pk]))
        .content.decode()
    )
    assert reverse("reports:proposals", args=[campaign.pk]) not in district
    assert unit("193").display_name in district


def test_a_unit_page_leads_to_its_figures_and_work_in_each_campaign(
    personas: Personas, settings: Settings
) -> None:
    settings.XHHT_TODAY = date(2013, 6, 20)
    campaign = seed_campaign()
    halong = unit("193")
    page = (
        client_for(personas.province_officer)
        .get(reverse("site:unit", args=[halong.pk]))
        .content.decode()
    )
    assert f"{reverse('rollup:page', args=[campaign.pk])}?unit={halong.pk}" in page
    assert reverse("site:unit_work", args=[campaign.pk, halong.pk]) in page
