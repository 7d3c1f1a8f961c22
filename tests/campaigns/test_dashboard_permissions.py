"""Every dashboard URL × every persona: who gets 200, who 404, who is sent to log in.

One test per URL walks all personas over one published campaign (publishing
per persona would cost a second each)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from tests.campaigns.progress import TODAY, Progress, seed_progress
from tests.conftest import (
    ON_2025,
    PERSONAS,
    Personas,
    PublishedCampaign,
    Row,
    assert_table,
    client_for,
    unit,
)

pytestmark = pytest.mark.django_db

TAKING_PART = set(PERSONAS) - {"outsider"}
PROVINCE = {"province_officer", "viewer", "administrator"}

Url = Callable[[int], str]


def page(name: str, code: str | None = None) -> Url:
    def url(campaign_id: int) -> str:
        base = reverse(f"campaigns:{name}", args=[campaign_id])
        return f"{base}?unit={unit(code).pk}" if code else base

    return url


# URL, the personas that get 200; every other persona gets 404.
PAGES: list[Row[int]] = [
    Row("list", lambda _pk: reverse("campaigns:list"), set(PERSONAS)),
    Row("dashboard", page("dashboard"), TAKING_PART),
    Row("print", page("print"), TAKING_PART),
    Row("calendar", page("calendar"), TAKING_PART),
    Row("status sheet", page("status_xlsx"), TAKING_PART),
    Row("province dashboard", page("dashboard", "22"), PROVINCE),
    Row("Hạ Long dashboard", page("dashboard", "193"), PROVINCE | {"halong_officer"}),
    Row(
        "Bãi Cháy dashboard",
        page("dashboard", "06673"),
        PROVINCE | {"halong_officer", "commune_officer_of_bai_chay"},
    ),
    Row(
        "Trần Phú dashboard",
        page("dashboard", "06712"),
        PROVINCE | {"mongcai_officer", "commune_officer_of_tran_phu"},
    ),
    Row("Sở Nội vụ dashboard", page("dashboard", "SNV"), PROVINCE | {"home_affairs_officer"}),
    Row("Hạ Long print", page("print", "193"), PROVINCE | {"halong_officer"}),
    Row("Hạ Long calendar", page("calendar", "193"), PROVINCE | {"halong_officer"}),
    Row("Hạ Long status sheet", page("status_xlsx", "193"), PROVINCE | {"halong_officer"}),
    Row("Móng Cái status sheet", page("status_xlsx", "194"), PROVINCE | {"mongcai_officer"}),
]


@pytest.fixture
def progress(make_campaign: PublishedCampaign) -> Progress:
    return seed_progress(make_campaign(today=TODAY))


@pytest.mark.parametrize("row", PAGES, ids=[row.name for row in PAGES])
def test_page_by_persona(personas: Personas, progress: Progress, row: Row[int]) -> None:
    assert_table(personas, [row], progress.campaign.pk, anonymous=True)


def test_an_unknown_campaign_or_a_bad_unit_is_404(personas: Personas, progress: Progress) -> None:
    client = client_for(personas.province_officer)
    assert (
        client.get(reverse("campaigns:dashboard", args=[progress.campaign.pk + 99])).status_code
        == 404
    )
    url = reverse("campaigns:dashboard", args=[progress.campaign.pk])
    assert client.get(url, {"unit": "abc"}).status_code == 404
    assert client.get(url, {"unit": "999999"}).status_code == 404
    # A unit of the 2025 tree is not in this campaign's tree.
    assert (
        client_for(personas.administrator).get(url, {"unit": unit("22", ON_2025).pk}).status_code
        == 404
    )


def test_a_commune_officer_sees_nothing_of_another_commune(
    personas: Personas, progress: Progress
) -> None:
    client = client_for(personas.commune_officer_of_tran_phu)
    for name in ("dashboard", "print", "calendar"):
        html = client.get(reverse(f"campaigns:{name}", args=[progress.campaign.pk])).content
        text = html.decode()
        assert "Phường Trần Phú" in text, name
        assert "Phường Bãi Cháy" not in text and "Thành phố Hạ Long" not in text, name
        assert "Nhà văn hóa phường Bãi Cháy" not in text, name


def test_a_district_sees_nothing_of_another_district(
    personas: Personas, progress: Progress
) -> None:
    client = client_for(personas.mongcai_officer)
    html = client.get(reverse("campaigns:dashboard", args=[progress.campaign.pk])).content.decode()
    assert "Phường Trần Phú" in html
    assert "Phường Bãi Cháy" not in html and "Thành phố Hạ Long" not in html
    calendar = client.get(reverse("campaigns:calendar", args=[progress.campaign.pk])).content
    assert "Nguyễn Văn Bình" not in calendar.decode()
