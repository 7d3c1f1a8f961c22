"""A number typed into a conference form that no hall holds (10^30 participants) is the
form's own message (in the page's language: English here, whatever the catalogue holds),
with nothing written; not an overflow and a 500."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.campaigns.forms import MAX_PARTICIPANTS
from xhht.campaigns.models import Campaign, Conference, Deliverable

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 12), MEDIA_ROOT=tmp_path / "media")


@pytest.mark.parametrize("participants", [str(10**30), str(MAX_PARTICIPANTS + 1), "-5"])
def test_an_impossible_number_of_participants_is_refused_with_nothing_written(
    personas: Personas, campaign: Campaign, participants: str
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("campaigns:conference_record", args=[campaign.pk, unit("06673").pk]),
        {
            "held_on": "2013-06-08",
            "venue": "Hội trường UBND phường Bãi Cháy",
            "chair": "Nguyễn Văn Bình",
            "participants": participants,
        },
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["participants"]
    too_many = participants != "-5"
    assert error.startswith("At most 100") if too_many else error.startswith("Ensure")
    assert participants in response.content.decode()  # what was typed, kept to correct
    assert not Conference.objects.exists()
    obligation = campaign.obligations.get(unit=unit("06673"), deliverable=Deliverable.CONFERENCE)
    assert obligation.fulfilled_on is None


def test_the_largest_number_allowed_is_recorded(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    client.post(
        reverse("campaigns:conference_record", args=[campaign.pk, unit("06673").pk]),
        {
            "held_on": "2013-06-08",
            "venue": "Hội trường",
            "chair": "Nguyễn Văn Bình",
            "participants": str(MAX_PARTICIPANTS),
        },
    )
    assert Conference.objects.get().participants == MAX_PARTICIPANTS
