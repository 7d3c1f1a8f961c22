"""The Word and Excel uploads of the offline page: a zip bomb is refused with its message
and nothing written, and a body past the upload limit is refused before it is read."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.bombs import row_counts, zip_bomb
from tests.conftest import Personas, PublishedCampaign, client_for
from tests.offline.test_word import BAI_CHAY
from tests.reports.factories import report_obligation
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.kernel.uploads import BODY_TOO_LARGE, MB, ZIP_TOO_LARGE
from xhht.offline.models import PendingWordUpload
from xhht.reports.editing import report_open
from xhht.reports.models import DataValue, Report, SectionText

pytestmark = pytest.mark.django_db

WRITTEN = (Report, SectionText, DataValue, PendingWordUpload, AuditEntry)


@pytest.fixture(scope="session")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return zip_bomb(tmp_path_factory).read_bytes()


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 8), content_pack=True, MEDIA_ROOT=tmp_path)


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def refused(name: str) -> str:
    with translation.override("en"):
        return ZIP_TOO_LARGE % {"name": name, "size": 1024, "limit": 100}


def test_a_word_bomb_is_refused_and_nothing_is_written(
    personas: Personas, campaign: Campaign, bomb: bytes
) -> None:
    client = english(client_for(personas.commune_officer_of_bai_chay))
    obligation = report_obligation(campaign, BAI_CHAY)
    url = reverse("offline:word_upload", args=[obligation.pk])
    report_open(obligation=obligation, user=personas.commune_officer_of_bai_chay)  # its draft
    before = row_counts(*WRITTEN)
    response = client.post(url, {"file": SimpleUploadedFile("bao-cao.docx", bomb)})
    assert response.status_code == 400
    assert refused("bao-cao.docx") in html.unescape(response.content.decode())
    assert row_counts(*WRITTEN) == before


def test_an_excel_bomb_is_refused_and_nothing_is_written(
    personas: Personas, campaign: Campaign, bomb: bytes
) -> None:
    client = english(client_for(personas.commune_officer_of_bai_chay))
    url = reverse("offline:xlsx_upload", args=[campaign.pk])
    before = row_counts(*WRITTEN)
    response = client.post(url, {"file": SimpleUploadedFile("so-lieu.xlsx", bomb)})
    assert response.status_code == 400
    assert refused("so-lieu.xlsx") in html.unescape(response.content.decode())
    assert row_counts(*WRITTEN) == before


@pytest.mark.parametrize("address", ["offline:word_upload", "offline:xlsx_upload"])
def test_a_body_past_the_upload_limit_is_refused_unread(
    personas: Personas, campaign: Campaign, address: str
) -> None:
    client = english(client_for(personas.commune_officer_of_bai_chay))
    obligation = report_obligation(campaign, BAI_CHAY)
    pk = obligation.pk if address == "offline:word_upload" else campaign.pk
    report_open(obligation=obligation, user=personas.commune_officer_of_bai_chay)
    before = row_counts(*WRITTEN)
    huge = SimpleUploadedFile("bao-cao.docx", bytes(25 * MB))
    response = client.post(reverse(address, args=[pk]), {"file": huge})
    assert response.status_code == 413
    with translation.override("en"):
        assert BODY_TOO_LARGE % {"limit": 20} in html.unescape(response.content.decode())
    assert row_counts(*WRITTEN) == before
