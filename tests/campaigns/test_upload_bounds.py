"""The directive upload and a conference's minutes: a zip bomb is refused with its message
and nothing written; a body past the upload limit is refused before it is read."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import Settings

from tests.bombs import row_counts, zip_bomb
from tests.campaigns.test_conference import PNG, form_data, record_url
from tests.conftest import Personas, PublishedCampaign, Response, client_for
from xhht.audit.models import AuditEntry
from xhht.campaigns.directives import TOO_LARGE
from xhht.campaigns.models import Campaign, Conference, ConferenceAttachment
from xhht.directives.models import Directive
from xhht.kernel.uploads import BODY_TOO_LARGE, MB, ZIP_TOO_LARGE

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return zip_bomb(tmp_path_factory).read_bytes()


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def page_text(response: Response) -> str:
    return html.unescape(response.content.decode())


def test_a_directive_bomb_is_refused_and_nothing_is_written(
    personas: Personas, bomb: bytes
) -> None:
    client = english(client_for(personas.province_officer))
    data = {"file": SimpleUploadedFile("chi-thi.docx", bomb), "text": ""}
    response = client.post(reverse("campaigns:directive_list"), data)
    assert response.status_code == 200
    with translation.override("en"):
        message = ZIP_TOO_LARGE % {"name": "chi-thi.docx", "size": 1024, "limit": 100}
    assert message in page_text(response)
    assert not Directive.objects.exists()


def test_a_directive_body_past_the_upload_limit_is_refused_unread(personas: Personas) -> None:
    client = english(client_for(personas.province_officer))
    data = {"file": SimpleUploadedFile("chi-thi.pdf", bytes(25 * MB)), "text": "Chỉ thị"}
    response = client.post(reverse("campaigns:directive_list"), data)
    assert response.status_code == 413
    with translation.override("en"):
        assert BODY_TOO_LARGE % {"limit": 20} in page_text(response)
    assert not Directive.objects.exists()


def test_a_directive_past_its_own_limit_is_refused_before_it_is_read(
    personas: Personas, settings: Settings
) -> None:
    settings.XHHT_MAX_UPLOAD_MB = 30  # the server takes it; the directive form does not
    client = english(client_for(personas.province_officer))
    data = {"file": SimpleUploadedFile("chi-thi.pdf", bytes(21 * MB)), "text": ""}
    response = client.post(reverse("campaigns:directive_list"), data)
    assert response.status_code == 200
    with translation.override("en"):
        assert TOO_LARGE % {"name": "chi-thi.pdf", "limit": 20} in page_text(response)
    assert not Directive.objects.exists()


def test_a_bomb_as_conference_minutes_is_refused_and_nothing_is_written(
    personas: Personas, make_campaign: PublishedCampaign, tmp_path: Path, bomb: bytes
) -> None:
    campaign: Campaign = make_campaign(
        today=date(2013, 6, 12), MEDIA_ROOT=tmp_path / "media", XHHT_ATTACHMENT_MAX_MB=2
    )
    client = english(client_for(personas.commune_officer_of_bai_chay))
    minutes = SimpleUploadedFile("bien-ban.docx", bomb)
    photos = [SimpleUploadedFile("ok.png", PNG)]
    before = row_counts(Conference, ConferenceAttachment, AuditEntry)
    response = client.post(record_url(campaign, "06673"), form_data(minutes=minutes, photos=photos))
    assert response.status_code == 200
    with translation.override("en"):
        message = ZIP_TOO_LARGE % {"name": "bien-ban.docx", "size": 1024, "limit": 100}
    assert message in page_text(response)
    assert row_counts(Conference, ConferenceAttachment, AuditEntry) == before
