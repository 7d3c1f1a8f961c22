"""A unit's own targets are rows keyed by year: the years follow the campaign, so a 2025
campaign asks for 2025 and 2030 as the 2013 one asked for 2015 and 2020."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.conftest import Personas
from tests.reports.factories import report_obligation, seed_campaign
from xhht.audit.models import AuditEntry
from xhht.offline.workbook import unit_workbook
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import OwnTarget, target_years_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("year", "years"), [(2013, [2015, 2020]), (2015, [2015, 2020]), (2021, [2025, 2030])]
)
def test_the_years_are_the_next_two_plan_marks(year: int, years: list[int]) -> None:
    assert target_years_for(year) == years


def test_the_seed_campaign_asks_for_2015_and_2020(personas: Personas) -> None:
    report = report_open(obligation=report_obligation(seed_campaign(), "06673"), user=None)
    assert report.template.target_years == [2015, 2020]


def test_a_template_s_years_decide_the_targets_stored_and_the_workbook_s_columns(
    personas: Personas,
) -> None:
    obligation = report_obligation(seed_campaign(), "06673")
    report = report_open(obligation=obligation, user=None)
    report.template.target_years = [2025, 2030]
    report.template.save()
    row = report.values.select_related("indicator").filter(indicator__kind="ratio").first()
    assert row is not None
    officer = personas.commune_officer_of_bai_chay
    values = {row.indicator_id: {"target_2030": Decimal("90.50")}}
    report_save(report=report, texts={}, values=values, user=officer)
    assert list(OwnTarget.objects.values_list("year", "value")) == [(2030, Decimal("90.50"))]
    entry = AuditEntry.objects.get(action="report.value_changed", object_id=str(row.pk))
    assert entry.changes == {"target_2030": [None, "90.50"]} and entry.user == officer
    assert entry.unit == obligation.unit and entry.object_type == "reports.datavalue"
    row.refresh_from_db()
    assert row.figure("target_2030") == Decimal("90.50") and row.figure("target_2025") is None
    report_save(
        report=report, texts={}, values={row.indicator_id: {"target_2030": None}}, user=officer
    )
    assert not OwnTarget.objects.exists()  # emptied: the row is gone
    made = unit_workbook(campaign=obligation.campaign, unit=obligation.unit)
    sheet = load_workbook(io.BytesIO(made.content)).worksheets[0]
    headings = [str(c.value) for c in sheet[3] if c.value]
    assert any("2030" in h for h in headings) and not any("2015" in h for h in headings)
