"""The report template pages × every persona: only the standing unit of the campaign's
province and the administrator get them; everyone else 404 (and changes nothing);
anonymous users are sent to log in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import ON_2025, Personas, client_for, unit
from tests.reports.factories import seed_campaign
from xhht.campaigns.models import Campaign
from xhht.reports.models import ReportTemplate
from xhht.reports.templates_build import template_for

pytestmark = pytest.mark.django_db

ALL = (
    "province_officer",
    "halong_officer",
    "mongcai_officer",
    "commune_officer_of_bai_chay",
    "commune_officer_of_tran_phu",
    "home_affairs_officer",
    "viewer",
    "administrator",
    "outsider",
)
STANDING = {"province_officer", "administrator"}


@pytest.fixture
def campaign(settings: Any) -> Campaign:
    settings.XHHT_TODAY = date(2013, 6, 12)
    return seed_campaign()


Url = Callable[[Campaign], str]


def level(name: str) -> Url:
    return lambda c: reverse("reports:template_edit", args=[c.pk, name])


PAGES: list[tuple[str, Url]] = [
    ("campaigns", lambda c: reverse("reports:templates")),
    ("commune template", level("commune")),
    ("district template", level("district")),
    ("agency template", level("agency")),
    ("province template", level("province")),
]


@pytest.mark.parametrize(("name", "url"), PAGES, ids=[p[0] for p in PAGES])
def test_page_by_role(personas: Personas, campaign: Campaign, name: str, url: Url) -> None:
    got = {
        persona: client_for(getattr(personas, persona)).get(url(campaign)).status_code
        for persona in ALL
    }
    assert got == {persona: 200 if persona in STANDING else 404 for persona in ALL}


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
    for name, url in PAGES:
        response = Client().get(url(campaign))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name


def test_a_level_that_owes_no_report_and_another_provinces_campaign_are_404(
    personas: Personas, campaign: Campaign, settings: Any
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


@pytest.mark.parametrize("persona", sorted(set(ALL) - STANDING))
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
