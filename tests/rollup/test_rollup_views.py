"""Roll-up pages: URL × persona table, the table and chart (red only under a target), drafts
toggle (never for a body reading by grant), grants across the tree, the .xlsx export read
back, a district's report against the current sums below and its refresh button; the
indicators pages' scope."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.reports.factories import report_obligation, signature, signed_pdf
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator
from xhht.reports.editing import report_save
from xhht.reports.indicators import TargetInput, grant_add, indicators_seed_extras, target_add
from xhht.reports.models import DataValue, Report
from xhht.reports.services import report_return, report_send
from xhht.rollup.below import ALL_EQUAL, REFRESHED, report_compare_below
from xhht.rollup.views import vs_below

pytestmark = pytest.mark.django_db

OK, NOT_FOUND, REDIRECT = 200, 404, 302
BAI_CHAY = "06673"


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    campaign = make_campaign(content_pack=True)
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
    assert client.get(reverse("rollup:page", args=[campaign.pk])).status_code == rollup
    assert client.get(reverse("rollup:page", args=[campaign.pk]) + tran_phu).status_code == other
    assert client.get(reverse("rollup:xlsx", args=[campaign.pk]) + tran_phu).status_code == xlsx


def test_anonymous_visitors_are_sent_to_log_in(campaign: Campaign) -> None:
    for url in (reverse("reports:indicators"), reverse("rollup:page", args=[campaign.pk])):
        response = Client().get(url)
        assert response.status_code == REDIRECT and "/accounts/login/" in response["Location"]


def test_refused_personas_change_nothing(campaign: Campaign, personas: Personas) -> None:
    gdht = Indicator.objects.get(code="GDHT")
    for who in ("halong_officer", "viewer", "home_affairs_officer", "outsider"):
        client = client_for(getattr(personas, who))
        response = client.post(reverse("reports:indicator_retire", args=[gdht.pk]))
        assert response.status_code == NOT_FOUND
    gdht.refresh_from_db()
    assert gdht.active


def test_the_district_sees_its_sums_its_communes_and_who_pulls_it_down(
    campaign: Campaign, personas: Personas
) -> None:
    client = client_for(personas.halong_officer)
    page = client.get(reverse("rollup:page", args=[campaign.pk]) + "?indicator=GDHT")
    text = page.content.decode()
    assert "Chỉ tính báo cáo đã gửi hoặc đã tiếp nhận" in text
    assert "82,7" in text or "82.7" in text  # 91 of 110, not the mean of 10 % and 90 %
    assert "<svg" in text and "Phường Bãi Cháy" in text
    assert "QĐ 281/QĐ-TTg" not in text  # in force only from 20/02/2014
    assert "NQ 01-NQ/TV" in text
    row = page.context["drawn"].rollup.row("GDHT")
    assert [c.name for c in row.pulling_down] == ["Phường Bãi Cháy"]
    # a commune's draft is its own until it is sent: asking for drafts changes nothing
    with_drafts = client.get(reverse("rollup:page", args=[campaign.pk]) + "?drafts=1")
    assert with_drafts.context["drawn"].rollup.row("GDHT").sums.value == row.sums.value
    assert not with_drafts.context["drawn"].rollup.include_drafts


def test_the_export_reads_back(campaign: Campaign, personas: Personas) -> None:
    indicators_seed_extras(province=unit("22"))  # a count of teachers, in "người"
    target_add(
        indicator=Indicator.objects.get(code="GDHT"),
        province=unit("22"),
        user=None,
        target=TargetInput(2015, Decimal("45.5"), "KH 12/KH-UBND", date(2013, 1, 2)),
    )
    response = client_for(personas.province_officer).get(reverse("rollup:xlsx", args=[campaign.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('-20130430.xlsx"')
    book = load_workbook(BytesIO(response.content))
    first, by_unit = book.worksheets
    assert first["B2"].value == datetime(2013, 4, 30) and first["B2"].number_format == "dd/mm/yyyy"
    titles = [c.value for c in first[4]]
    rows = {
        r[0]: dict(zip(titles, r, strict=True))
        for r in first.iter_rows(min_row=5, values_only=True)
    }
    gdht = rows["GDHT"]
    with translation.override("vi"):
        own_2015 = translation.gettext("Target %(year)s, the province's own") % {"year": 2015}
        national_2015 = translation.gettext("Target %(year)s, national") % {"year": 2015}
        value, out_of, percent, unit_label = (
            translation.gettext(t) for t in ("Value", "Out of", "%", "Unit")
        )
        reported, pulling = (
            translation.gettext("Units reported"),
            translation.gettext("Units pulling it down"),
        )
    assert (gdht[value], gdht[out_of], gdht[percent]) == (121, 210, 57.6)
    assert gdht[reported] == 3
    # Targets are numbers, each with its source in the next column.
    assert gdht[own_2015] == 45.5
    source = next(r for r in first.iter_rows(min_row=5, values_only=True) if r[0] == "GDHT")
    assert source[titles.index(own_2015) + 1] == "KH 12/KH-UBND"
    # NQ 01-NQ/TV is Quảng Ninh's own resolution: its targets are the province's, not national.
    assert rows["QN_GD_HIEU_HOC"][own_2015] == 60
    # No national decision in force on 30/04/2013 sets a 2015 figure: no national column.
    assert national_2015 not in titles
    studious_row = next(
        r for r in first.iter_rows(min_row=5, values_only=True) if r[0] == "QN_GD_HIEU_HOC"
    )
    assert studious_row[titles.index(own_2015) + 1] == "NQ 01-NQ/TV"
    assert gdht[pulling] == "Thành phố Móng Cái (30,0%)"  # under the province's 57,6 %
    assert rows["QN_GV_BIET_PHAI_TTHTCD"][unit_label] == "người"  # a count keeps its unit
    lines = [r for r in by_unit.iter_rows(min_row=2, values_only=True) if r[2] == "GDHT"]
    assert ("193", 91, 110) in [(r[0], r[4], r[5]) for r in lines]


def test_a_granted_body_reads_its_indicator_across_the_province(
    campaign: Campaign, personas: Personas
) -> None:
    studious = Indicator.objects.get(code="QN_GD_HIEU_HOC")
    grant_add(indicator=studious, agency=unit("SNV"), province=unit("22"), user=None)
    client = client_for(personas.home_affairs_officer)
    own = client.get(reverse("rollup:page", args=[campaign.pk]))
    assert own.context["granted_across"]
    across = client.get(reverse("rollup:page", args=[campaign.pk]) + f"?unit={unit('22').pk}")
    assert across.status_code == OK
    assert [r.indicator.code for r in across.context["drawn"].rollup.rows] == ["QN_GD_HIEU_HOC"]
    assert across.context["drawn"].rollup.rows[0].sums.reported == 3
    commune = client.get(reverse("rollup:page", args=[campaign.pk]) + f"?unit={unit('06673').pk}")
    assert commune.status_code == OK
    assert (
        client.get(
            reverse("rollup:xlsx", args=[campaign.pk]) + f"?unit={unit('193').pk}"
        ).status_code
        == OK
    )


def test_a_district_fills_its_report_from_its_communes(
    campaign: Campaign, personas: Personas
) -> None:
    client = client_for(personas.halong_officer)
    response = client.post(reverse("rollup:prefill", args=[campaign.pk]))
    assert response.status_code == REDIRECT
    row = DataValue.objects.get(report__obligation__unit=unit("193"), indicator__code="GDHT")
    assert (row.value, row.denominator) == (91, 110)
    assert (
        client_for(personas.viewer).post(reverse("rollup:prefill", args=[campaign.pk])).status_code
        == NOT_FOUND
    )


def rollup_url(campaign: Campaign, query: str = "") -> str:
    return reverse("rollup:page", args=[campaign.pk]) + (f"?{query}" if query else "")


def refresh_url(campaign: Campaign) -> str:
    return reverse("rollup:prefill", args=[campaign.pk])


def cell_class(page: str, cell_id: str) -> str:
    found = re.search(rf'<td class="([^"]*)" id="{cell_id}"[^>]*>', page)
    assert found is not None, cell_id
    return found.group(1)


def test_the_table_is_red_only_under_a_target_in_force(
    campaign: Campaign, personas: Personas
) -> None:
    client = client_for(personas.halong_officer)
    page = client.get(rollup_url(campaign, "indicator=GDHT")).content.decode()
    # No target in force (QĐ 281 is of 2014): Bãi Cháy is still listed as pulling it down,
    # but nothing is red, in the table or in the breakdown.
    assert "below" not in cell_class(page, "pct-GDHT")
    assert "below" not in cell_class(page, f"pct-GDHT-{BAI_CHAY}")
    assert re.search(r'<td class="low"[^>]*><span><a [^>]*>Phường Bãi Cháy</a>', page)
    target_add(
        indicator=Indicator.objects.get(code="GDHT"),
        province=unit("22"),
        user=None,
        target=TargetInput(2015, Decimal("85"), "KH 12/KH-UBND", date(2013, 1, 2)),
    )
    page = client.get(rollup_url(campaign, "indicator=GDHT")).content.decode()
    assert "below" in cell_class(page, "pct-GDHT")  # 82,7 % < 85 %
    assert "below" in cell_class(page, f"pct-GDHT-{BAI_CHAY}")  # 10 %
    assert "below" not in cell_class(page, "pct-GDHT-06649")  # Hà Khánh, 90 %


def test_a_district_refreshes_its_stale_report_from_its_communes(
    campaign: Campaign, personas: Personas
) -> None:
    client = client_for(personas.halong_officer)
    page = client.get(rollup_url(campaign)).content.decode()
    assert f'action="{refresh_url(campaign)}"' in page  # offered before the report exists
    client.post(refresh_url(campaign))
    report = Report.objects.get(obligation__unit=unit("193"))
    row = DataValue.objects.get(report=report, indicator__code="GDHT")
    assert (row.value, row.denominator) == (91, 110)
    # Bãi Cháy's report is returned: Hạ Long's report still holds the old sums.
    report_return(
        report=report_obligation(campaign, BAI_CHAY).report,
        user=personas.halong_officer,
        reason="Sai số liệu",
    )
    page = client.get(rollup_url(campaign)).content.decode()
    assert 'id="differs-GDHT"' in page and "<del>91</del> → <ins>90</ins>" in page
    changed = len(report_compare_below(report=report).differences)
    response = client.post(refresh_url(campaign), follow=True)
    with translation.override("vi"):
        refreshed = translation.gettext(REFRESHED) % {"n": changed, "units": 1}
        equal = translation.gettext(ALL_EQUAL) % {"units": 1}
    assert [str(m) for m in response.context["messages"]] == [refreshed]
    row.refresh_from_db()
    assert (row.value, row.denominator) == (90, 100)
    assert 'id="differs-GDHT"' not in response.content.decode()
    again = client.post(refresh_url(campaign), follow=True)
    assert [str(m) for m in again.context["messages"]] == [equal]


@pytest.mark.parametrize(
    ("who", "offered"),
    [("halong_officer", True), ("province_officer", True),
     ("commune_officer_of_bai_chay", False), ("home_affairs_officer", False), ("viewer", False)],
)  # fmt: skip
def test_the_refresh_is_offered_to_units_with_units_below_only(
    campaign: Campaign, personas: Personas, who: str, offered: bool
) -> None:
    user = getattr(personas, who)
    client = client_for(user)
    page = client.get(rollup_url(campaign)).content.decode()
    assert (f'action="{refresh_url(campaign)}"' in page) == offered
    response = client.post(refresh_url(campaign))
    assert response.status_code == (REDIRECT if offered else NOT_FOUND)
    if user.unit is not None:
        # A commune's or an agency's report is not opened by a refusal.
        assert Report.objects.filter(obligation__unit=user.unit).exists() == (
            offered or who == "commune_officer_of_bai_chay"
        )


def test_a_sent_district_report_is_shown_stale_but_not_refreshed(
    campaign: Campaign, personas: Personas
) -> None:
    halong = personas.halong_officer
    client = client_for(halong)
    client.post(refresh_url(campaign))
    report = Report.objects.get(obligation__unit=unit("193"))
    own = report.values.filter(indicator__level="district").select_related("indicator")
    values = {
        r.indicator_id: {"value": 1, "denominator": 1} if r.indicator.is_ratio else {"value": 1}
        for r in own
    }
    report_save(report=report, texts={}, values=values, user=halong)
    report_send(report=report, user=halong, signature=signature(), signed_file=signed_pdf())
    report_return(
        report=report_obligation(campaign, BAI_CHAY).report, user=halong, reason="Sai số liệu"
    )
    page = client.get(rollup_url(campaign)).content.decode()
    assert 'id="differs-GDHT"' in page and f'action="{refresh_url(campaign)}"' not in page
    # The province, which reviews Hạ Long, sees it too.
    province = client_for(personas.province_officer).get(
        rollup_url(campaign, f"unit={unit('193').pk}")
    )
    assert 'id="differs-GDHT"' in province.content.decode()
    client.post(refresh_url(campaign))
    row = DataValue.objects.get(report=report, indicator__code="GDHT")
    assert (row.value, row.denominator) == (91, 110)


def test_a_granted_body_never_reads_drafts(campaign: Campaign, personas: Personas) -> None:
    studious = Indicator.objects.get(code="QN_GD_HIEU_HOC")
    grant_add(indicator=studious, agency=unit("SNV"), province=unit("22"), user=None)
    across = f"unit={unit('22').pk}&drafts=1"
    client = client_for(personas.home_affairs_officer)
    page = client.get(rollup_url(campaign, across))
    rollup = page.context["drawn"].rollup
    assert not rollup.include_drafts and rollup.row("QN_GD_HIEU_HOC").sums.reported == 3
    assert not re.search(r'href="[^"]*drafts=1', page.content.decode())  # nor is the toggle
    xlsx = client.get(reverse("rollup:xlsx", args=[campaign.pk]) + f"?{across}")
    assert "with-drafts" not in xlsx["Content-Disposition"]
    sheet = load_workbook(BytesIO(xlsx.content)).worksheets[0]
    titles = [c.value for c in sheet[4]]
    line = next(r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == "QN_GD_HIEU_HOC")
    with translation.override("vi"):
        assert line[titles.index(translation.gettext("Units reported"))] == 3
    # Nor does the province: a draft is its unit's own until it is sent.
    mine = client_for(personas.province_officer)
    counted = mine.get(rollup_url(campaign, "drafts=1")).context["drawn"].rollup
    assert not counted.include_drafts and counted.row("QN_GD_HIEU_HOC").sums.reported == 3
    drafts = mine.get(reverse("rollup:xlsx", args=[campaign.pk]) + "?drafts=1")
    assert "with-drafts" not in drafts["Content-Disposition"]


def test_the_refresh_from_the_report_page_comes_back_there(
    campaign: Campaign, personas: Personas
) -> None:
    client = client_for(personas.halong_officer)
    response = client.post(refresh_url(campaign), {"back": "report"})
    obligation = report_obligation(campaign, "193")
    assert response["Location"] == (
        reverse("reports:report", args=[obligation.pk]) + "#report-vs-below"
    )
    vs = vs_below(personas.halong_officer, unit("193"), campaign=campaign, back_to_report=True)
    assert vs is not None and vs.may_refresh and vs.report == obligation.report
    assert vs_below(personas.halong_officer, unit(BAI_CHAY), campaign=campaign) is None
