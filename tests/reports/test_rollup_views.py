"""Roll-up pages: URL × persona table, the table and chart, drafts toggle, grants across the
tree, the .xlsx export read back, a district's prefill button; the indicators pages' scope."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.conftest import Personas, client_for, unit
from tests.reports.factories import seed_campaign
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign
from xhht.reports.indicators import grant_add
from xhht.reports.models import DataValue, Indicator

pytestmark = pytest.mark.django_db

OK, NOT_FOUND, REDIRECT = 200, 404, 302


@pytest.fixture
def campaign(personas: Personas) -> Campaign:
    campaign = seed_campaign()
    report_with(campaign, "06673", {"GDHT": {"value": 1, "denominator": 10}})
    report_with(campaign, "06649", {"GDHT": {"value": 90, "denominator": 100}})
    report_with(campaign, "06712", {"GDHT": {"value": 30, "denominator": 100}})
    report_with(campaign, "06652", {"GDHT": {"value": 50, "denominator": 50}}, send=False)
    return campaign


PERSONAS = [
    "province_officer", "halong_officer", "mongcai_officer", "commune_officer_of_bai_chay",
    "home_affairs_officer", "viewer", "administrator", "outsider",
]  # fmt: skip
# persona → (indicators pages, roll-up, roll-up of Trần Phú, its .xlsx)
TABLE = {
    "province_officer": (OK, OK, OK, OK),
    "halong_officer": (NOT_FOUND, OK, NOT_FOUND, NOT_FOUND),
    "mongcai_officer": (NOT_FOUND, OK, OK, OK),
    "commune_officer_of_bai_chay": (NOT_FOUND, OK, NOT_FOUND, NOT_FOUND),
    "home_affairs_officer": (NOT_FOUND, OK, NOT_FOUND, NOT_FOUND),
    "viewer": (NOT_FOUND, OK, OK, OK),
    "administrator": (OK, OK, OK, OK),
    "outsider": (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
}


@pytest.mark.parametrize("who", PERSONAS)
def test_who_reaches_which_page(campaign: Campaign, personas: Personas, who: str) -> None:
    client = client_for(getattr(personas, who))
    gdht = Indicator.objects.get(code="GDHT")
    tran_phu = f"?unit={unit('06712').pk}"
    pages, rollup, other, xlsx = TABLE[who]
    assert client.get(reverse("reports:indicators")).status_code == pages
    assert client.get(reverse("reports:indicator", args=[gdht.pk])).status_code == pages
    assert client.get(reverse("reports:rules")).status_code == pages
    assert client.get(reverse("reports:rollup", args=[campaign.pk])).status_code == rollup
    assert client.get(reverse("reports:rollup", args=[campaign.pk]) + tran_phu).status_code == other
    assert (
        client.get(reverse("reports:rollup_xlsx", args=[campaign.pk]) + tran_phu).status_code
        == xlsx
    )


def test_anonymous_visitors_are_sent_to_log_in(campaign: Campaign) -> None:
    for url in (reverse("reports:indicators"), reverse("reports:rollup", args=[campaign.pk])):
        response = Client().get(url)
        assert response.status_code == REDIRECT and "/accounts/login/" in response["Location"]


def test_refused_personas_change_nothing(campaign: Campaign, personas: Personas) -> None:
    gdht = Indicator.objects.get(code="GDHT")
    for who in ("halong_officer", "viewer", "home_affairs_officer", "outsider"):
        client = client_for(getattr(personas, who))
        response = client.post(reverse("reports:indicator", args=[gdht.pk]), {"action": "retire"})
        assert response.status_code == NOT_FOUND
    gdht.refresh_from_db()
    assert gdht.active


def test_the_district_sees_its_sums_its_communes_and_who_pulls_it_down(
    campaign: Campaign, personas: Personas
) -> None:
    client = client_for(personas.halong_officer)
    page = client.get(reverse("reports:rollup", args=[campaign.pk]) + "?indicator=GDHT")
    text = page.content.decode()
    assert "Chỉ tính báo cáo đã gửi hoặc đã tiếp nhận" in text
    assert "82,7" in text or "82.7" in text  # 91 of 110, not the mean of 10 % and 90 %
    assert "<svg" in text and "Phường Bãi Cháy" in text
    assert "QĐ 281/QĐ-TTg" not in text  # in force only from 20/02/2014
    assert "NQ 01-NQ/TV" in text
    row = page.context["rollup"].row("GDHT")
    assert [c.name for c in row.pulling_down] == ["Phường Bãi Cháy"]
    with_drafts = client.get(reverse("reports:rollup", args=[campaign.pk]) + "?drafts=1")
    assert with_drafts.context["rollup"].row("GDHT").sums.value == 141


def test_the_export_reads_back(campaign: Campaign, personas: Personas) -> None:
    response = client_for(personas.province_officer).get(
        reverse("reports:rollup_xlsx", args=[campaign.pk])
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    first, by_unit = book.worksheets
    rows = {r[0]: r for r in first.iter_rows(min_row=5, values_only=True)}
    assert rows["GDHT"][2:5] == (121, 210, 57.6)
    assert rows["GDHT"][8:10] == (3, 186)
    lines = [r for r in by_unit.iter_rows(min_row=2, values_only=True) if r[2] == "GDHT"]
    assert ("193", 91, 110) in [(r[0], r[4], r[5]) for r in lines]


def test_a_granted_body_reads_its_indicator_across_the_province(
    campaign: Campaign, personas: Personas
) -> None:
    studious = Indicator.objects.get(code="QN_GD_HIEU_HOC")
    grant_add(indicator=studious, agency=unit("SNV"), province=unit("22"), user=None)
    client = client_for(personas.home_affairs_officer)
    own = client.get(reverse("reports:rollup", args=[campaign.pk]))
    assert own.context["granted_across"]
    across = client.get(reverse("reports:rollup", args=[campaign.pk]) + f"?unit={unit('22').pk}")
    assert across.status_code == OK
    assert [r.indicator.code for r in across.context["rollup"].rows] == ["QN_GD_HIEU_HOC"]
    assert across.context["rollup"].rows[0].sums.reported == 3
    commune = client.get(
        reverse("reports:rollup", args=[campaign.pk]) + f"?unit={unit('06673').pk}"
    )
    assert commune.status_code == OK
    assert (
        client.get(
            reverse("reports:rollup_xlsx", args=[campaign.pk]) + f"?unit={unit('193').pk}"
        ).status_code
        == OK
    )


def test_a_district_fills_its_report_from_its_communes(
    campaign: Campaign, personas: Personas
) -> None:
    client = client_for(personas.halong_officer)
    response = client.post(reverse("reports:rollup_prefill", args=[campaign.pk]))
    assert response.status_code == REDIRECT
    row = DataValue.objects.get(report__obligation__unit=unit("193"), indicator__code="GDHT")
    assert (row.value, row.denominator) == (91, 110)
    assert (
        client_for(personas.viewer)
        .post(reverse("reports:rollup_prefill", args=[campaign.pk]))
        .status_code
        == NOT_FOUND
    )
