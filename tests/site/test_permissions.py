"""Every page × every role: who gets 200, who 404, who is sent to log in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Personas, client_for, unit

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


def unit_page(code: str) -> Callable[[], str]:
    return lambda: reverse("site:unit", args=[unit(code).pk])


def onboarding_page(code: str) -> Callable[[], str]:
    return lambda: reverse("accounts:onboarding", args=[unit(code).pk])


# page, the personas that get 200; every other persona gets 404 (or 302/403 where noted).
PAGES: list[tuple[str, Callable[[], str], set[str]]] = [
    ("home", lambda: reverse("site:home"), set(ALL)),
    ("password", lambda: reverse("accounts:password_change"), set(ALL)),
    ("province page", unit_page("22"), {"province_officer", "viewer", "administrator"}),
    (
        "Hạ Long page",
        unit_page("193"),
        {"province_officer", "viewer", "administrator", "halong_officer"},
    ),
    (
        "Bãi Cháy page",
        unit_page("06673"),
        {
            "province_officer",
            "viewer",
            "administrator",
            "halong_officer",
            "commune_officer_of_bai_chay",
        },
    ),
    (
        "Trần Phú page",
        unit_page("06712"),
        {
            "province_officer",
            "viewer",
            "administrator",
            "mongcai_officer",
            "commune_officer_of_tran_phu",
        },
    ),
    (
        "Sở Nội vụ page",
        unit_page("SNV"),
        {"province_officer", "viewer", "administrator", "home_affairs_officer"},
    ),
    ("province onboarding", onboarding_page("22"), {"province_officer", "administrator"}),
    ("Hạ Long onboarding", onboarding_page("193"), {"province_officer", "administrator"}),
]


@pytest.mark.parametrize(("name", "url", "allowed"), PAGES, ids=[p[0] for p in PAGES])
@pytest.mark.parametrize("persona", ALL)
def test_page_by_role(
    personas: Personas, name: str, url: Callable[[], str], allowed: set[str], persona: str
) -> None:
    response = client_for(getattr(personas, persona)).get(url())
    expected = 200 if persona in allowed else 404
    assert response.status_code == expected, f"{persona} on {name}"


@pytest.mark.parametrize(("name", "url", "allowed"), PAGES, ids=[p[0] for p in PAGES])
def test_anonymous_is_sent_to_log_in(
    personas: Personas, name: str, url: Callable[[], str], allowed: set[str]
) -> None:
    response = Client().get(url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ALL)
def test_admin_site_only_for_the_administrator(personas: Personas, persona: str) -> None:
    response = client_for(getattr(personas, persona)).get(reverse("admin:index"))
    assert (response.status_code == 200) == (persona == "administrator")


def test_a_district_page_lists_its_communes_and_hides_other_districts(personas: Personas) -> None:
    page = client_for(personas.halong_officer).get(reverse("site:home")).content.decode()
    assert "Phường Bãi Cháy" in page
    assert "Phường Trần Phú" not in page
    assert "Thành phố Móng Cái" not in page
