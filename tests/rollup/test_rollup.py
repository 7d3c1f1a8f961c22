"""Roll-up: sums up the subtree, percentages from summed counts, counted reports, targets in
force at the data cut-off, the units that pull an indicator down (red only under a target),
the indicators the campaign collects, a district's prefill and its refresh when the units
below change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from tests.conftest import Personas, PublishedCampaign, unit
from tests.reports.factories import report_obligation, signature, signed_pdf
from tests.reports.figures import report_with
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator, IndicatorKind
from xhht.reports.editing import ReportError, report_open, report_save
from xhht.reports.indicators import TargetInput, indicator_create, target_add
from xhht.reports.models import DataValue
from xhht.reports.services import report_return, report_send
from xhht.rollup.below import (
    ALL_EQUAL,
    NOTHING_BELOW,
    REFRESHED,
    collects_below,
    report_compare_below,
    report_prefill_from_children,
    report_refresh_from_children,
)
from xhht.rollup.services import rollup_build

pytestmark = pytest.mark.django_db

BAI_CHAY, HA_KHANH, HA_PHONG, TRAN_PHU = "06673", "06649", "06652", "06712"


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    campaign = make_campaign(content_pack=True)
    report_with(campaign, BAI_CHAY, {"GDHT": {"value": 1, "denominator": 10}})
    report_with(campaign, HA_KHANH, {"GDHT": {"value": 90, "denominator": 100}})
    report_with(campaign, TRAN_PHU, {"GDHT": {"value": 30, "denominator": 100}})
    report_with(campaign, HA_PHONG, {"GDHT": {"value": 50, "denominator": 50}}, send=False)
    return campaign


def test_a_percentage_is_recomputed_from_summed_counts_never_averaged(campaign: Campaign) -> None:
    row = rollup_build(campaign=campaign, unit=unit("193")).row("GDHT")
    assert row is not None
    assert (row.sums.value, row.sums.denominator) == (91, 110)
    assert row.sums.percent == Decimal("82.7")  # the mean of 10 % and 90 % would be 50 %
    assert (row.sums.reported, row.sums.expected) == (2, 20)


def test_the_province_sums_its_districts_and_breaks_them_down(campaign: Campaign) -> None:
    rollup = rollup_build(campaign=campaign, unit=unit("22"))
    row = rollup.row("GDHT")
    assert row is not None
    assert (row.sums.value, row.sums.denominator, row.sums.reported) == (121, 210, 3)
    by_code = {c.code: c for c in row.children}
    assert by_code["193"].sums.percent == Decimal("82.7")
    assert by_code["194"].sums.percent == Decimal("30.0")
    assert by_code["194"].sums.expected == 17
    # Below the province's own 57.6 %, Móng Cái pulls it down; Hạ Long does not.
    assert [c.code for c in row.pulling_down] == ["194"]


def test_drafts_count_only_when_asked(campaign: Campaign) -> None:
    row = rollup_build(campaign=campaign, unit=unit("193"), include_drafts=True).row("GDHT")
    assert row is not None
    assert (row.sums.value, row.sums.denominator, row.sums.reported) == (141, 160, 3)


def test_a_districts_copy_of_its_communes_figures_is_not_counted_again(
    campaign: Campaign, personas: Personas
) -> None:
    report_with(campaign, "193", {"GDHT": {"value": 500, "denominator": 1000}})
    row = rollup_build(campaign=campaign, unit=unit("22")).row("GDHT")
    assert row is not None and row.sums.value == 121


def test_only_targets_in_force_at_the_cutoff_are_shown(campaign: Campaign) -> None:
    assert campaign.data_cutoff == date(2013, 4, 30)
    target_add(
        indicator=Indicator.objects.get(code="GDHT"),
        province=unit("22"),
        user=None,
        target=TargetInput(2015, Decimal("45"), "NQ 01-NQ/TV", date(2010, 11, 12)),
    )
    rollup = rollup_build(campaign=campaign, unit=unit("22"))
    gdht = rollup.row("GDHT")
    assert gdht is not None
    # QĐ 281/QĐ-TTg of 20/02/2014 sets 70 % for 2020: not yet in force on 30/04/2013.
    assert 2020 not in gdht.targets
    assert [(t.value, t.national) for t in gdht.targets[2015]] == [(Decimal("45.00"), False)]
    studious = rollup.row("QN_GD_HIEU_HOC")
    assert studious is not None and studious.targets[2015][0].value == Decimal("60")
    # QĐ 692 is of 04/05/2013, four days after the cut-off.
    literacy = rollup.row("LIT_15_60")
    assert literacy is not None and literacy.targets == {}


def test_the_pulling_down_units_are_those_below_the_target(campaign: Campaign) -> None:
    target_add(
        indicator=Indicator.objects.get(code="GDHT"),
        province=unit("22"),
        user=None,
        target=TargetInput(2015, Decimal("85"), "KH 12/KH-UBND", date(2013, 1, 2)),
    )
    row = rollup_build(campaign=campaign, unit=unit("193")).row("GDHT")
    assert row is not None
    assert [c.code for c in row.pulling_down] == [BAI_CHAY]  # 10 % < 85 %; Hà Khánh has 90 %


def test_a_districts_report_is_prefilled_with_its_communes_sums(
    campaign: Campaign, personas: Personas
) -> None:
    report = report_open(
        obligation=report_obligation(campaign, "193"), user=personas.halong_officer
    )
    gdht = DataValue.objects.get(report=report, indicator__code="GDHT")
    assert (gdht.value, gdht.denominator) == (91, 110)  # opened with its communes' sums
    assert report.revision == 1  # saved like any edit: a concurrent editor is told
    assert AuditEntry.objects.filter(action="report.prefilled", user=personas.halong_officer)
    district_level = DataValue.objects.get(report=report, indicator__code="XMC_STD_DISTRICT")
    assert district_level.value is None  # the district's own figure is never prefilled
    own = DataValue.objects.get(report=report, indicator__code="QN_GD_HIEU_HOC")
    own.value = 7
    own.save()
    gdht.value = None
    gdht.save()
    filled = report_prefill_from_children(report=report, user=personas.halong_officer)
    assert filled == 1  # only the emptied row is filled again
    own.refresh_from_db()
    gdht.refresh_from_db()
    assert own.value == 7 and gdht.value == 91  # what the district wrote is kept


def test_red_means_under_the_target_in_force_only(campaign: Campaign) -> None:
    row = rollup_build(campaign=campaign, unit=unit("193")).row("GDHT")
    assert row is not None and row.reference_target is None  # QĐ 281 is of 2014
    # Under Hạ Long's own 82,7 %, Bãi Cháy still pulls it down; nothing is under a target.
    assert [c.code for c in row.pulling_down] == [BAI_CHAY]
    assert not row.below and row.children_below == set()
    target_add(
        indicator=Indicator.objects.get(code="GDHT"),
        province=unit("22"),
        user=None,
        target=TargetInput(2015, Decimal("85"), "KH 12/KH-UBND", date(2013, 1, 2)),
    )
    row = rollup_build(campaign=campaign, unit=unit("193")).row("GDHT")
    assert row is not None and row.below  # 82,7 % < 85 %
    assert row.children_below == {unit(BAI_CHAY).pk}


def test_only_indicators_the_campaign_collects_are_listed(campaign: Campaign) -> None:
    def new(code: str, level: str) -> Indicator:
        return indicator_create(
            province=unit("22"), user=None, code=code, name=code, kind=IndicatorKind.RATIO,
            level=level, unit_label="%",
        )  # fmt: skip

    # After publication, the communes' template (built when they opened their reports) does
    # not hold a new commune indicator: nobody collects it.
    new("QN_MOI_XA", "commune")
    # No district has opened its report: their template, built on first use, will hold it.
    new("QN_MOI_HUYEN", "district")
    rollup = rollup_build(campaign=campaign, unit=unit("22"))
    codes = {r.indicator.code for r in rollup.rows}
    assert "QN_MOI_XA" not in codes
    assert "QN_MOI_HUYEN" in codes
    assert "LIT_15_35" in codes  # in the template, reported by some


def test_a_district_collects_below_a_commune_and_an_agency_do_not(campaign: Campaign) -> None:
    assert collects_below(campaign, unit("193"))
    assert collects_below(campaign, unit("22"))
    assert not collects_below(campaign, unit(BAI_CHAY))
    assert not collects_below(campaign, unit("SNV"))


def test_a_stale_district_report_is_told_and_refreshed(
    campaign: Campaign, personas: Personas
) -> None:
    halong = personas.halong_officer
    report = report_open(obligation=report_obligation(campaign, "193"), user=halong)
    own = DataValue.objects.get(report=report, indicator__code="XMC_STD_DISTRICT")
    own.value, own.denominator = 1, 1
    own.save()
    assert report_compare_below(report=report).differences == []
    # Bãi Cháy's report (1 of 10) is returned: the sums drop, the report keeps 91 / 110.
    report_return(
        report=report_obligation(campaign, BAI_CHAY).report, user=halong, reason="Sai số liệu"
    )
    comparison = report_compare_below(report=report)
    assert comparison.units_sent == 1
    gdht = {
        (d.name, d.in_report, d.summed)
        for d in comparison.differences
        if d.indicator.code == "GDHT"
    }
    assert gdht == {("value", 91, 90), ("denominator", 110, 100)}
    done = report_refresh_from_children(report=report, user=halong)
    assert done.changed == len(comparison.differences) and done.units_sent == 1
    row = DataValue.objects.get(report=report, indicator__code="GDHT")
    own.refresh_from_db()
    assert (row.value, row.denominator) == (90, 100)
    assert (own.value, own.denominator) == (1, 1)  # the district's own figure is its own
    assert AuditEntry.objects.filter(action="report.refreshed", user=halong).exists()
    assert AuditEntry.objects.filter(action="report.value_changed", object_id=str(row.pk))
    again = report_refresh_from_children(report=report, user=halong)
    assert again.changed == 0
    with translation.override("en"):
        assert done.message == REFRESHED % {"n": done.changed, "units": 1}
        assert again.message == ALL_EQUAL % {"units": 1}


def test_a_sent_report_is_not_refreshed(campaign: Campaign, personas: Personas) -> None:
    halong = personas.halong_officer
    report = report_open(obligation=report_obligation(campaign, "193"), user=halong)
    own = report.values.filter(indicator__level="district").select_related("indicator")
    values = {
        r.indicator_id: {"value": 1, "denominator": 1} if r.indicator.is_ratio else {"value": 1}
        for r in own
    }
    report_save(report=report, texts={}, values=values, user=halong)
    report = report_send(
        report=report, user=halong, signature=signature(), signed_file=signed_pdf()
    )
    report_return(
        report=report_obligation(campaign, BAI_CHAY).report, user=halong, reason="Sai số liệu"
    )
    assert report_compare_below(report=report).differences  # told, though not refreshed
    with pytest.raises(ReportError):
        report_refresh_from_children(report=report, user=halong)
    row = DataValue.objects.get(report=report, indicator__code="GDHT")
    assert (row.value, row.denominator) == (91, 110)


def test_with_nothing_sent_below_nothing_is_taken(campaign: Campaign, personas: Personas) -> None:
    report = report_open(obligation=report_obligation(campaign, "195"), user=None)  # Cẩm Phả
    done = report_refresh_from_children(report=report, user=None)
    assert (done.changed, done.units_sent) == (0, 0)
    with translation.override("en"):
        assert done.message == NOTHING_BELOW
