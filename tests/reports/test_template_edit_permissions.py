"""The report template pages × every persona: only the standing unit of the campaign's
province and the administrator get them; everyone else 404 (and changes nothing);
anonymous users are sent to log in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.urls import reverse
from pytest_django import Settings

from tests.conftest import (
    ON_2025,
    PERSONAS,
    Personas,
    PublishedCampaign,
    Row,
    assert_sent_to_log_in,
    assert_table,
    client_for,
    unit,
)
from xhht.campaigns.models import Campaign
from xhht.reports.models import ReportTemplate
from xhht.reports.templates_build import template_for

pytestmark = pytest.mark.django_db

STANDING = {"province_officer", "administrator"}


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 12), content_pack=True)


Url = Callable[[Campaign], str]


def level(name: str) -> Url:
    return lambda c: reverse("reports:template_edit", args=[c.pk, name])


PAGES: list[Row[Campaign]] = [
    Row("campaigns", lambda c: reverse("reports:templates"), STANDING),
    Row("commune template", level("commune"), STANDING),
    Row("district template", level("district"), STANDING),
    Row("agency template", level("agency"), STANDING),
    Row("province template", level("province"), STANDING),
]


@pytest.mark.parametrize("row", PAGES, ids=[row.name for row in PAGES])
def test_page_by_role(personas: Personas, campaign: Campaign, row: Row[Campaign]) -> None:
    assert_table(personas, [row], campaign)


def test_the_pages_link_each_other(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.province_officer)
    indicators = client.get(reverse("reports:indicators")).content.decode()
    assert reverse("reports:templates") in indicators
    listing = client.get(reverse("reports:templates")).content.decode()
    page = client.get(level("commune")(campaign)).content.decode()
    for name in ("commune", "district", "agency", "province"):
        assert level(name)(campaign) in listing
        assert level(name)(campaign) in page
    assert 'name="viewport"' in page


def test_anonymous_is_sent_to_log_in(campaign: Campaign) -> None:
    for row in PAGES:
        assert_sent_to_log_in(row.url(campaign), row.name)


def test_a_level_that_owes_no_report_and_another_provinces_campaign_are_404(
    personas: Personas, campaign: Campaign, settings: Settings
) -> None:
    client = client_for(personas.province_officer)
    assert client.get(level("ward")(campaign)).status_code == 404
    assert (
        client.get(
            reverse("reports:template_edit", args=[campaign.pk + 999, "commune"])
        ).status_code
        == 404
    )
    # the campaign runs on the 2025 tree's province: not the 2013 standing unit's
    Campaign.objects.filter(pk=campaign.pk).update(root=unit("22", ON_2025))
    assert client.get(level("commune")(campaign)).status_code == 404
    settings.XHHT_TODAY = ON_2025  # the administrator's province is the one in force today
    assert client_for(personas.administrator).get(level("commune")(campaign)).status_code == 200


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - STANDING))
def test_a_refused_persona_changes_nothing(
    personas: Personas, campaign: Campaign, persona: str
) -> None:
    template = template_for(campaign, "commune")
    first = template.sections.get(number="1")
    link = template.templateindicator_set.first()
    assert link is not None
    client = client_for(getattr(personas, persona))
    url = level("commune")(campaign)
    for data in [
        {"action": "add", "add-parent": first.pk, "add-title": "x", "add-applies": "here"},
        {"action": "rename", "section": first.pk, f"r{first.pk}-title": "x"},
        {"action": "up", "section": first.pk},
        {"action": "retire", "section": first.pk},
        {"action": "remove", "section": first.pk},
        {"action": "indicator_out", "indicator": link.indicator_id},
    ]:
        assert client.post(url, data).status_code == 404, data["action"]
    template = ReportTemplate.objects.get(pk=template.pk)
    assert template.version == 1
    first.refresh_from_db()
    assert not first.retired and first.title.startswith("Các đơn vị")
    assert template.sections.count() == 8
    assert template.templateindicator_set.filter(pk=link.pk).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "up", "section": "abc"},
        {"action": "retire", "section": "1.5"},
        {"action": "remove"},
        {"action": "rename", "section": "abc"},
        {"action": "indicator_out", "indicator": "abc"},
    ],
    ids=["up", "retire", "remove-without-id", "rename", "indicator_out"],
)
def test_a_hand_made_non_numeric_id_is_404(
    personas: Personas, campaign: Campaign, data: dict[str, str]
) -> None:
    template = template_for(campaign, "commune")
    client = client_for(personas.province_officer)
    assert client.post(level("commune")(campaign), data).status_code == 404
    assert ReportTemplate.objects.get(pk=template.pk).version == 1
