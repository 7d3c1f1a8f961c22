"""Who reaches which nomination: a district sees its own nominations and its communes',
never another district's; only the level a nomination was sent to reviews it; a draft
is its unit's alone. One table of page × persona (tests/conftest.py's helper)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.awards.factories import nominate, person
from tests.conftest import Personas, PublishedCampaign, Row, assert_table, unit
from xhht.awards.models import Nomination
from xhht.awards.services import nominations_send, rule_set

pytestmark = pytest.mark.django_db

EVERYONE_ABOVE_BAI_CHAY = {
    "commune_officer_of_bai_chay",
    "halong_officer",
    "province_officer",
    "viewer",
    "administrator",
}


@dataclass(frozen=True)
class Nominations:
    of_commune: Nomination  # Bãi Cháy's, sent to Hạ Long's conference
    of_district: Nomination  # Hạ Long's, sent to the province
    draft: Nomination  # Hạ Long's, not sent


@pytest.fixture
def nominations(make_campaign: PublishedCampaign) -> Nominations:
    campaign = make_campaign()
    rule_set(
        campaign=campaign,
        set_by=unit("193"),
        conference_level="district",
        criteria="Gia đình học tập tiêu biểu",
        individuals=1,
        collectives=None,
    )
    of_commune = nominate(campaign, unit("06673"), person("Phạm Thị Mai"))
    nominations_send(campaign=campaign, unit=unit("06673"), user=None)
    of_district = nominate(campaign, unit("193"), person("Nguyễn Thị Lan"))
    nominations_send(campaign=campaign, unit=unit("193"), note="Một cá nhân", user=None)
    draft = nominate(campaign, unit("193"), person("Trần Văn Bình"))
    return Nominations(of_commune, of_district, draft)


def url(name: str, which: str) -> Callable[[Nominations], str]:
    """The address of `name` for one of the nominations (a field of Nominations)."""
    return lambda n: reverse(name, args=[getattr(n, which).pk])


def test_who_reaches_each_nomination(personas: Personas, nominations: Nominations) -> None:
    rows: list[Row[Nominations]] = [
        Row(
            "a commune's sent nomination",
            url("awards:nomination", "of_commune"),
            EVERYONE_ABOVE_BAI_CHAY,
        ),
        Row(
            "a district's sent nomination",
            url("awards:nomination", "of_district"),
            {"halong_officer", "province_officer", "viewer", "administrator"},
        ),
        Row(
            "a district's draft",
            url("awards:nomination", "draft"),
            {"halong_officer"},
        ),
        Row(
            "accept the commune's: its district alone",
            url("awards:accept", "of_commune"),
            set(),
            {"halong_officer"},
            post=lambda n: {"shown_state": "sent"},
        ),
        Row(
            "accept the district's: the province alone",
            url("awards:accept", "of_district"),
            set(),
            {"province_officer"},
            post=lambda n: {"shown_state": "sent"},
        ),
        Row(
            "change the draft: its unit alone",
            url("awards:nomination_edit", "draft"),
            {"halong_officer"},
        ),
    ]
    assert_table(personas, rows, nominations, anonymous=True)
