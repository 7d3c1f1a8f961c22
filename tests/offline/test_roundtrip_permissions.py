"""Offline work pages (Word and Excel round-trips) × every persona: who gets what; refused
personas change nothing."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import PERSONAS, Personas, PublishedCampaign, Row, assert_table, client_for
from tests.reports.factories import report_obligation
from xhht.offline.workbook import unit_workbook
from xhht.reports.editing import report_open
from xhht.reports.models import DataValue, SectionText

pytestmark = pytest.mark.django_db

# Bãi Cháy's report is its own draft: until it is sent no unit above reads it
# (tests/reports/test_draft_permissions.py: after sending, and the unit above's own entry);
# the district may still enter figures on its behalf from a workbook, and is recorded so.
SEE_BAI_CHAY = {"commune_officer_of_bai_chay"}
SEE_HALONG = {"province_officer", "viewer", "administrator", "halong_officer"}
ENTER_BAI_CHAY = {"halong_officer", "commune_officer_of_bai_chay"}

Setting = dict[str, int]  # the campaign's id and two reports' obligations' ids


@pytest.fixture
def setting(personas: Personas, make_campaign: PublishedCampaign) -> Setting:
    campaign = make_campaign(content_pack=True)
    bai_chay = report_obligation(campaign, "06673")
    report_open(obligation=bai_chay, user=None)
    return {
        "campaign": campaign.pk,
        "bai_chay": bai_chay.pk,
        "halong": report_obligation(campaign, "193").pk,
    }


def of(name: str, key: str, query: str = "") -> Callable[[Setting], str]:
    return lambda setting: reverse(name, args=[setting[key]]) + query


PAGES: list[Row[Setting]] = [
    Row("Bãi Cháy offline page", of("offline:offline", "bai_chay"), SEE_BAI_CHAY),
    Row("Bãi Cháy Word", of("offline:word_download", "bai_chay"), SEE_BAI_CHAY),
    Row("Bãi Cháy workbook", of("offline:xlsx_download", "bai_chay"), SEE_BAI_CHAY),
    Row(
        "Hạ Long's communes' workbook",
        of("offline:xlsx_download", "halong", "?communes=1"),
        SEE_HALONG,
    ),
    Row(
        "Bãi Cháy's communes' workbook",
        of("offline:xlsx_download", "bai_chay", "?communes=1"),
        set(),
    ),
]


def test_downloads_and_the_offline_page(personas: Personas, setting: Setting) -> None:
    assert_table(personas, PAGES, setting, anonymous=True)


def test_uploads_only_by_the_unit_or_the_unit_above(personas: Personas, setting: Setting) -> None:
    from tests.conftest import unit
    from xhht.campaigns.models import Campaign

    campaign = Campaign.objects.get(pk=setting["campaign"])
    wb = load_workbook(io.BytesIO(unit_workbook(campaign=campaign, unit=unit("06673")).content))
    wb.worksheets[0]["H4"] = 7
    buffer = io.BytesIO()
    wb.save(buffer)
    word_url = reverse("offline:word_upload", args=[setting["bai_chay"]])
    xlsx_url = reverse("offline:xlsx_upload", args=[setting["campaign"]])
    for name in PERSONAS:
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
        expected = 302 if name in SEE_BAI_CHAY else 404  # the form is on the offline page
        assert client.get(word_url).status_code == expected, name
        xlsx = SimpleUploadedFile("a.xlsx", buffer.getvalue())
        response = client.post(xlsx_url, {"file": xlsx, "obligation": setting["bai_chay"]})
        assert response.status_code == 302, name
    assert DataValue.objects.filter(value=7).count() == 1
