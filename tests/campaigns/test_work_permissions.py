"""Every page of a unit's own work × every persona: who gets 200, who 404 (or is redirected),
and that a refused persona changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import (
    PERSONAS,
    Personas,
    PublishedCampaign,
    Row,
    assert_sent_to_log_in,
    assert_table,
    client_for,
    unit,
)
from xhht.campaigns.models import Campaign, ConferenceAttachment, Deliverable
from xhht.campaigns.services import conference_record

pytestmark = pytest.mark.django_db

IN_PROVINCE = set(PERSONAS) - {"outsider"}
OVER_BAI_CHAY = {
    "province_officer",
    "viewer",
    "administrator",
    "halong_officer",
    "commune_officer_of_bai_chay",
}


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    campaign = make_campaign(today=date(2013, 6, 12), MEDIA_ROOT=tmp_path)
    conference_record(
        obligation=campaign.obligations.get(unit=unit("06673"), deliverable=Deliverable.CONFERENCE),
        user=None,
        held_on=date(2013, 6, 8),
        venue="Hội trường",
        chair="Chủ tịch",
        participants=40,
        uploads=[("photo", SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 8))],
    )
    return campaign


Url = Callable[[Campaign], str]


def work(code: str) -> Url:
    return lambda c: reverse("site:unit_work", args=[c.pk, unit(code).pk])


def record(code: str) -> Url:
    return lambda c: reverse("campaigns:conference_record", args=[c.pk, unit(code).pk])


def the_attachment(c: Campaign) -> str:
    return reverse("campaigns:attachment", args=[ConferenceAttachment.objects.get().pk])


# page, the personas that get 200 on GET; every other persona gets 404, except
# those in the redirect set (the administrator, who acts for no unit).
PAGES: list[Row[Campaign]] = [
    Row(
        "my work",
        lambda c: reverse("site:my_work", args=[c.pk]),
        IN_PROVINCE - {"administrator"},
        redirected={"administrator"},
    ),
    Row("province work", work("22"), {"province_officer", "viewer", "administrator"}),
    Row(
        "Hạ Long work",
        work("193"),
        {"province_officer", "viewer", "administrator", "halong_officer"},
    ),
    Row("Bãi Cháy work", work("06673"), OVER_BAI_CHAY),
    Row(
        "Sở Nội vụ work",
        work("SNV"),
        {"province_officer", "viewer", "administrator", "home_affairs_officer"},
    ),
    Row(
        "Bãi Cháy conference",
        record("06673"),
        {"halong_officer", "commune_officer_of_bai_chay"},
    ),
    Row("Hạ Long conference", record("193"), {"province_officer", "halong_officer"}),
    Row("province conference", record("22"), {"province_officer"}),
    Row(
        "rules",
        lambda c: reverse("campaigns:rules", args=[c.pk]),
        {"halong_officer", "mongcai_officer"},
    ),
    Row(
        "sector line",
        lambda c: reverse("campaigns:sector_line", args=[c.pk]),
        {"home_affairs_officer"},
    ),
    Row("attachment", the_attachment, OVER_BAI_CHAY),
]


@pytest.mark.parametrize("row", PAGES, ids=[row.name for row in PAGES])
@pytest.mark.parametrize("persona", PERSONAS)
def test_page_by_role(
    personas: Personas, campaign: Campaign, row: Row[Campaign], persona: str
) -> None:
    assert_table(personas, [row], campaign, who=[persona])


@pytest.mark.parametrize("row", PAGES, ids=[row.name for row in PAGES])
def test_anonymous_is_sent_to_log_in(campaign: Campaign, row: Row[Campaign]) -> None:
    assert_sent_to_log_in(row.url(campaign), row.name)


def test_a_campaign_of_another_province_is_not_found(personas: Personas) -> None:
    response = client_for(personas.halong_officer).get(reverse("site:my_work", args=[999]))
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["viewer", "province_officer", "mongcai_officer"])
def test_a_refused_persona_changes_nothing(
    personas: Personas, campaign: Campaign, persona: str
) -> None:
    client = client_for(getattr(personas, persona))
    obligation = campaign.obligations.get(unit=unit("06649"), deliverable=Deliverable.CONFERENCE)
    response = client.post(
        reverse("campaigns:conference_record", args=[campaign.pk, unit("06649").pk]),
        {"held_on": "2013-06-08", "venue": "x", "chair": "y", "participants": "5"},
    )
    assert response.status_code == 404
    obligation.refresh_from_db()
    assert obligation.fulfilled_on is None
    assert client.post(
        reverse("campaigns:rules_deadlines", args=[campaign.pk]),
        {"d-conference_kind": "by", "d-conference_date": "2013-06-05"},
    ).status_code == (200 if persona == "mongcai_officer" else 404)
    assert not campaign.milestones.filter(set_by=unit("193")).exists()
