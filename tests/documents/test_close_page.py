"""Closing the campaign from the province's documents page: the confirmation page says what
will happen, the POST closes it, the page says so; nobody but the standing unit reaches it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import (
    Personas,
    PublishedCampaign,
    Row,
    assert_table,
    client_for,
)
from tests.reports.figures import report_with
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports.models import Baseline

pytestmark = pytest.mark.django_db

BAI_CHAY, HA_PHONG = "06673", "06652"


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(content_pack=True)


def confirm_url(campaign: Campaign) -> str:
    return reverse("documents:close_confirm", args=[campaign.pk])


def close_url(campaign: Campaign) -> str:
    return reverse("documents:close", args=[campaign.pk])


def test_the_province_confirms_and_closes_the_campaign(
    personas: Personas, campaign: Campaign
) -> None:
    report_with(campaign, BAI_CHAY)
    report_with(campaign, HA_PHONG, send=False)
    client = client_for(personas.province_officer)
    client.cookies["django_language"] = "en"
    page = reverse("documents:page", args=[campaign.pk])
    assert confirm_url(campaign) in client.get(page).content.decode()

    confirmation = client.get(confirm_url(campaign)).content.decode()
    assert "Units whose figures are carried forward: 1 (" in confirmation
    assert "Units left out, their report not sent or returned to them" in confirmation
    assert "Closing cannot be undone." in confirmation
    assert close_url(campaign) in confirmation
    assert not Baseline.objects.exists()  # looking changes nothing

    response = client.post(close_url(campaign))
    assert response.status_code == 302 and response["Location"] == page
    campaign.refresh_from_db()
    assert campaign.is_closed and campaign.closed_by == personas.province_officer
    assert Baseline.objects.filter(campaign=campaign).exists()
    assert AuditEntry.objects.filter(action="campaign.closed").count() == 1
    after = client.get(page).content.decode()
    assert "This campaign was closed at" in after and "so-gddt" in after
    assert confirm_url(campaign) not in after  # no second button

    again = client.post(close_url(campaign), follow=True).content.decode()
    assert "already closed" in again
    assert AuditEntry.objects.filter(action="campaign.closed").count() == 1


def test_the_vietnamese_page_offers_to_close(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.province_officer)
    page = client.get(reverse("documents:page", args=[campaign.pk])).content.decode()
    assert confirm_url(campaign) in page
    for other in ("halong_officer", "mongcai_officer"):
        district_page = client_for(personas.of(other)).get(
            reverse("documents:page", args=[campaign.pk])
        )
        assert confirm_url(campaign) not in district_page.content.decode()


def test_only_the_standing_unit_reaches_the_closing(personas: Personas, campaign: Campaign) -> None:
    rows: list[Row[Campaign]] = [
        Row("confirmation", confirm_url, {"province_officer"}),
        Row("close", close_url, set(), {"province_officer"}, post=lambda c: {}),
    ]
    assert_table(personas, rows, campaign, anonymous=True)
    assert not Campaign.objects.get(pk=campaign.pk).is_closed  # every POST rolled back


def test_the_wrong_method_is_refused(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.province_officer)
    assert client.post(confirm_url(campaign)).status_code == 405
    assert client.get(close_url(campaign)).status_code == 405
    assert not Campaign.objects.get(pk=campaign.pk).is_closed
