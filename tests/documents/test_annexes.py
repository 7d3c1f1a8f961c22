"""The annexes workbook of the demo campaign, read back row by row: every unit below with
the roll-up's own figures, every obligation's state, the accepted nominations; numbers as
numbers, dates as dates, header rows bold and frozen."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from tests.conftest import unit
from xhht.awards.models import Nomination, State
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.campaigns.selectors import obligations_with_state
from xhht.documents.annexes import AWARDS, COMMUNES, INDICATORS, PROGRESS, annexes_workbook
from xhht.documents.consolidated import STATE_WORDS
from xhht.orgunits.models import OrgUnit
from xhht.rollup.services import Rollup, rollup_build

pytestmark = pytest.mark.django_db
ON = date(2013, 6, 28)


@pytest.fixture
def campaign(demo_campaign: Campaign) -> Campaign:
    return demo_campaign


def body(ws: Worksheet) -> list[tuple[object, ...]]:
    assert all(cell.font.bold for cell in ws[1] if cell.value is not None)
    assert ws.freeze_panes == "A2"
    return [tuple(row) for row in ws.iter_rows(min_row=2, values_only=True)]


def expected(rollup: Rollup) -> list[tuple[object, ...]]:
    lines: list[tuple[object, ...]] = []
    for child in sorted(rollup.children, key=lambda c: c.code):
        for row in rollup.rows:
            found = next((c for c in row.children if c.pk == child.pk), None)
            if found is None:
                continue
            s = found.sums
            percent = None if s.percent is None else float(s.percent)
            label = None if row.indicator.is_ratio else row.indicator.unit_label or None
            lines.append(
                (child.code, child.name, row.indicator.code, row.indicator.name, s.value, label,
                 s.denominator, percent, s.reported, s.expected)
            )  # fmt: skip
    return lines


def test_the_province_s_indicators_are_the_roll_up_s(campaign: Campaign) -> None:
    book = load_workbook(BytesIO(annexes_workbook(campaign, campaign.root, on=ON)))
    assert book.sheetnames == [INDICATORS, COMMUNES, PROGRESS, AWARDS]
    rollup = rollup_build(campaign=campaign, unit=campaign.root)
    rows = body(book[INDICATORS])
    assert rows == expected(rollup)
    districts = campaign.obligations.filter(
        deliverable=Deliverable.REPORT, unit__parent=campaign.root, unit__level="district"
    ).values_list("unit__code", flat=True)
    assert set(districts) <= {row[0] for row in rows}
    assert any(isinstance(row[4], int) and row[4] > 0 for row in rows)
    communes = body(book[COMMUNES])
    for district in OrgUnit.objects.filter(code__in=districts).order_by("code"):
        mine = expected(rollup_build(campaign=campaign, unit=district))
        assert mine and all(line in communes for line in mine)
    assert len(communes) == sum(
        len(expected(rollup_build(campaign=campaign, unit=d)))
        for d in OrgUnit.objects.filter(code__in=districts)
    )


def test_the_progress_sheet_is_the_obligations_state(campaign: Campaign) -> None:
    book = load_workbook(BytesIO(annexes_workbook(campaign, campaign.root, on=ON)))
    ws = book[PROGRESS]
    rows = body(ws)
    owed = obligations_with_state(
        Obligation.objects.planned().filter(campaign=campaign).exclude(unit=campaign.root), ON
    ).select_related("unit")
    assert len(rows) == owed.count()
    shown = {(row[1], row[3]): row for row in rows}
    for obligation in owed:
        row = shown[(obligation.unit.code, obligation.get_deliverable_display())]
        assert row[4] == datetime.combine(obligation.last_day, datetime.min.time())
        done = obligation.fulfilled_on
        assert row[5] == (datetime.combine(done, datetime.min.time()) if done else None)
        assert row[6] == STATE_WORDS[obligation.state]  # type: ignore[attr-defined]
    assert ws.cell(row=2, column=5).number_format == "dd/mm/yyyy"


def test_the_awards_sheet_lists_the_accepted_nominations(campaign: Campaign) -> None:
    book = load_workbook(BytesIO(annexes_workbook(campaign, campaign.root, on=ON)))
    ws = book[AWARDS]
    assert ws.freeze_panes == "A3" and ws.cell(row=2, column=1).font.bold
    names = {row[1] for row in ws.iter_rows(values_only=True)}
    accepted = Nomination.objects.filter(campaign=campaign, state=State.ACCEPTED)
    assert accepted.exists() and set(accepted.values_list("name", flat=True)) <= names


def test_a_district_s_annexes_cover_its_communes(campaign: Campaign) -> None:
    halong = unit("193")
    book = load_workbook(BytesIO(annexes_workbook(campaign, halong, on=ON)))
    assert book.sheetnames == [INDICATORS, PROGRESS, AWARDS]
    assert body(book[INDICATORS]) == expected(rollup_build(campaign=campaign, unit=halong))
