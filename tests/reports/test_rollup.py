"""Roll-up: sums up the subtree, percentages from summed counts, counted reports, targets in
force at the data cut-off, the units that pull an indicator down, a district's prefill."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tests.conftest import Personas, unit
from tests.reports.factories import report_obligation, seed_campaign
from tests.reports.figures import report_with
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports.indicators import TargetInput, target_add
from xhht.reports.models import DataValue, Indicator
from xhht.reports.rollup import report_prefill_from_children, rollup_build
from xhht.reports.services import report_open

pytestmark = pytest.mark.django_db

BAI_CHAY, HA_KHANH, HA_PHONG, TRAN_PHU = "06673", "06649", "06652", "06712"


@pytest.fixture
def campaign(personas: Personas) -> Campaign:
    campaign = seed_campaign()
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
