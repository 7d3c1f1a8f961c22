"""A unit in several campaigns chooses the one its work page shows; the choice is kept for
the session; by default the latest campaign not withdrawn."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.campaigns.factories import publish, seed_directive
from tests.conftest import Personas, client_for
from xhht.campaigns.models import Campaign
from xhht.campaigns.withdrawal import campaign_withdraw

pytestmark = pytest.mark.django_db


@pytest.fixture
def older(personas: Personas) -> Campaign:
    return publish(seed_directive())


@pytest.fixture
def newer(older: Campaign) -> Campaign:
    campaign = publish(seed_directive())
    Campaign.objects.filter(pk=campaign.pk).update(title="Đợt thứ hai")
    campaign.refresh_from_db()
    assert campaign.published_at >= older.published_at and campaign.pk > older.pk
    return campaign


def shown(client: Client, query: str = "") -> str:
    return str(client.get(reverse("site:my_work_current") + query)["Location"])


def work(campaign: Campaign) -> str:
    return reverse("site:my_work", args=[campaign.pk])


def test_the_latest_is_shown_and_the_page_lists_both_to_choose(
    personas: Personas, older: Campaign, newer: Campaign
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    assert shown(client) == work(newer)
    page = client.get(work(newer)).content.decode()
    assert "Đợt đang xem" in page
    assert f'<option value="{older.pk}"' in page and f'<option value="{newer.pk}" selected' in page


def test_the_choice_is_remembered(personas: Personas, older: Campaign, newer: Campaign) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    assert shown(client, f"?campaign={older.pk}") == work(older)
    assert shown(client) == work(older)  # the nav link keeps it
    assert shown(client, f"?campaign={newer.pk}") == work(newer)
    assert shown(client) == work(newer)
    assert shown(client_for(personas.commune_officer_of_bai_chay)) == work(newer)  # per session


def test_a_campaign_not_ones_own_cannot_be_chosen(
    personas: Personas, older: Campaign, newer: Campaign
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    assert shown(client, "?campaign=999999") == work(newer)
    assert shown(client, "?campaign=abc") == work(newer)


def test_a_withdrawn_campaign_is_no_longer_the_default_nor_a_choice(
    personas: Personas, older: Campaign, newer: Campaign
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    assert shown(client, f"?campaign={newer.pk}") == work(newer)
    campaign_withdraw(campaign=newer, user=personas.province_officer, reason="Trùng văn bản")
    assert shown(client) == work(older)
    assert shown(client, f"?campaign={newer.pk}") == work(older)
    page = client.get(work(older)).content.decode()
    assert "Đợt đang xem" not in page  # one campaign left to choose: no chooser
    withdrawn = client.get(work(newer)).content.decode()  # still readable by its address
    assert "Trùng văn bản" in withdrawn and f'<option value="{older.pk}"' in withdrawn


def test_a_unit_in_one_campaign_gets_no_chooser(personas: Personas, older: Campaign) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    assert shown(client) == work(older)
    assert "Đợt đang xem" not in client.get(work(older)).content.decode()
