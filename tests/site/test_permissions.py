"""Every page × every role: who gets 200, who 404, who is sent to log in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from tests.conftest import (
    PERSONAS,
    Personas,
    Row,
    assert_sent_to_log_in,
    assert_table,
    client_for,
    unit,
)
from xhht.accounts.models import User
from xhht.api.models import ApiToken
from xhht.api.tokens import token_create

pytestmark = pytest.mark.django_db

Url = Callable[[None], str]


def unit_page(code: str) -> Url:
    return lambda _: reverse("site:unit", args=[unit(code).pk])


def onboarding_page(code: str) -> Url:
    return lambda _: reverse("accounts:onboarding", args=[unit(code).pk])


def token_revoke_page(_: None) -> str:
    """The revoke page of a token of Hạ Long's officer (made the first time it is asked)."""
    token = ApiToken.objects.filter(user__username="halong").first()
    if token is None:
        halong = User.objects.get(username="halong")
        token, _raw = token_create(user=halong, name="Công cụ", read_only=False)
    return reverse("tokens:revoke", args=[token.pk])


# page, the personas that get 200; every other persona gets 404.
PAGES: list[Row[None]] = [
    Row("home", lambda _: reverse("site:home"), set(PERSONAS)),
    Row("password", lambda _: reverse("accounts:password_change"), set(PERSONAS)),
    Row("API tokens", lambda _: reverse("tokens:tokens"), set(PERSONAS)),
    Row("revoke Hạ Long's API token", token_revoke_page, {"halong_officer"}),
    Row("province page", unit_page("22"), {"province_officer", "viewer", "administrator"}),
    Row(
        "Hạ Long page",
        unit_page("193"),
        {"province_officer", "viewer", "administrator", "halong_officer"},
    ),
    Row(
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
    Row(
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
    Row(
        "Sở Nội vụ page",
        unit_page("SNV"),
        {"province_officer", "viewer", "administrator", "home_affairs_officer"},
    ),
    Row("province onboarding", onboarding_page("22"), {"province_officer", "administrator"}),
    Row("Hạ Long onboarding", onboarding_page("193"), {"province_officer", "administrator"}),
]


@pytest.mark.parametrize("row", PAGES, ids=[row.name for row in PAGES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_by_role(personas: Personas, row: Row[None], persona: str) -> None:
    assert_table(personas, [row], None, who=[persona])


@pytest.mark.parametrize("row", PAGES, ids=[row.name for row in PAGES])
def test_anonymous_is_sent_to_log_in(personas: Personas, row: Row[None]) -> None:
    assert_sent_to_log_in(row.url(None), row.name)


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_site_only_for_the_administrator(personas: Personas, persona: str) -> None:
    response = client_for(getattr(personas, persona)).get(reverse("admin:index"))
    assert (response.status_code == 200) == (persona == "administrator")


def test_a_district_page_lists_its_communes_and_hides_other_districts(personas: Personas) -> None:
    page = client_for(personas.halong_officer).get(reverse("site:home")).content.decode()
    assert "Phường Bãi Cháy" in page
    assert "Phường Trần Phú" not in page
    assert "Thành phố Móng Cái" not in page
