"""Offline work pages (Word and Excel round-trips) × every persona: who gets what; refused
personas change nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import Personas, client_for
from tests.reports.factories import report_obligation, seed_campaign
from xhht.offline.workbook import unit_workbook
from xhht.reports.models import DataValue, SectionText
from xhht.reports.services import report_open

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
SEE_BAI_CHAY = {
    "province_officer",
    "viewer",
    "administrator",
    "halong_officer",
    "commune_officer_of_bai_chay",
}
SEE_HALONG = {"province_officer", "viewer", "administrator", "halong_officer"}
ENTER_BAI_CHAY = {"halong_officer", "commune_officer_of_bai_chay"}


@pytest.fixture
def setting(personas: Personas) -> dict[str, int]:
    campaign = seed_campaign()
    bai_chay = report_obligation(campaign, "06673")
    report_open(obligation=bai_chay, user=None)
    return {
        "campaign": campaign.pk,
        "bai_chay": bai_chay.pk,
        "halong": report_obligation(campaign, "193").pk,
    }


def test_downloads_and_the_offline_page(personas: Personas, setting: dict[str, int]) -> None:
    pages = [
        (reverse("offline:offline", args=[setting["bai_chay"]]), SEE_BAI_CHAY),
        (reverse("offline:word_download", args=[setting["bai_chay"]]), SEE_BAI_CHAY),
        (reverse("offline:xlsx_download", args=[setting["bai_chay"]]), SEE_BAI_CHAY),
        (reverse("offline:xlsx_download", args=[setting["halong"]]) + "?communes=1", SEE_HALONG),
        (reverse("offline:xlsx_download", args=[setting["bai_chay"]]) + "?communes=1", set()),
    ]
    for url, allowed in pages:
        assert Client().get(url).status_code == 302, url  # to log in
        for name in ALL:
            status = client_for(getattr(personas, name)).get(url).status_code
            assert status == (200 if name in allowed else 404), (url, name, status)


def test_uploads_only_by_the_unit_or_the_unit_above(
    personas: Personas, setting: dict[str, int]
) -> None:
    from tests.conftest import unit
    from xhht.campaigns.models import Campaign

    campaign = Campaign.objects.get(pk=setting["campaign"])
    wb = load_workbook(io.BytesIO(unit_workbook(campaign=campaign, unit=unit("06673")).content))
    wb.worksheets[0]["H4"] = 7
    buffer = io.BytesIO()
    wb.save(buffer)
    word_url = reverse("offline:word_upload", args=[setting["bai_chay"]])
    xlsx_url = reverse("offline:xlsx_upload", args=[setting["campaign"]])
    for name in ALL:
        if name in ENTER_BAI_CHAY:
            continue
        client = client_for(getattr(personas, name))
        docx = SimpleUploadedFile("a.docx", b"PK\x03\x04")
        assert client.post(word_url, {"file": docx}).status_code == 404, name
        xlsx = SimpleUploadedFile("a.xlsx", buffer.getvalue())
        status = client.post(xlsx_url, {"file": xlsx}).status_code
        assert status in (400, 404), (name, status)
    assert not DataValue.objects.filter(value__isnull=False).exists()
    assert not SectionText.objects.exists()
    for name in sorted(ENTER_BAI_CHAY):
        client = client_for(getattr(personas, name))
        assert client.get(word_url).status_code == 302  # the form lives on the offline page
        xlsx = SimpleUploadedFile("a.xlsx", buffer.getvalue())
        response = client.post(xlsx_url, {"file": xlsx, "obligation": setting["bai_chay"]})
        assert response.status_code == 302, name
    assert DataValue.objects.filter(value=7).count() == 1
