"""The status sheet: a real .xlsx, one row per obligation in the user's scope, and a summary."""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.workbook import Workbook

from tests.campaigns.progress import TODAY, Progress, seed_progress
from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.accounts.models import User
from xhht.campaigns.models import Deliverable, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def progress(make_campaign: PublishedCampaign) -> Progress:
    return seed_progress(make_campaign(today=TODAY))


def download(user: User, progress: Progress, **params: Any) -> Workbook:
    response = client_for(user).get(
        reverse("campaigns:status_xlsx", args=[progress.campaign.pk]), params
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(BytesIO(response.content))


def rows_of(workbook: Workbook) -> list[tuple[Any, ...]]:
    return list(workbook.worksheets[0].iter_rows(min_row=2, values_only=True))


def test_the_province_sheet_lists_every_obligation(personas: Personas, progress: Progress) -> None:
    workbook = download(personas.province_officer, progress)
    sheet = workbook.worksheets[0]
    assert len(rows_of(workbook)) == 432
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:M433"
    assert sheet.column_dimensions["B"].width >= 30
    states = [row[8] for row in rows_of(workbook)]
    assert states.count(str(State.ON_TIME.label)) == 3
    assert states.count(str(State.LATE.label)) == 1
    assert states.count(str(State.OVERDUE.label)) == 369
    assert states.count(str(State.PENDING.label)) == 59


def test_a_row_carries_the_rule_dates_state_and_contact(
    personas: Personas, progress: Progress
) -> None:
    bai_chay = unit("06673")
    bai_chay.contact_name, bai_chay.contact_phone = "Vũ Thị Lan", "0333 846 123"
    bai_chay.save()
    rows = rows_of(download(personas.halong_officer, progress))
    assert len(rows) == 3 + 2 * progress.halong_communes
    report = next(r for r in rows if r[0] == "06673" and r[4] == str(Deliverable.REPORT.label))
    code, name, _level, district, _deliv, rule, last_day, done_on, state, contact, phone = report[
        :11
    ]
    assert report[11:] == (None, None)  # sent once, never returned
    assert (code, name, district) == ("06673", "Phường Bãi Cháy", "Thành phố Hạ Long")
    assert "10/06/2013" in rule
    assert last_day == datetime(2013, 6, 10)
    assert done_on == datetime(2013, 6, 12)
    assert state == str(State.LATE.label)
    assert (contact, phone) == ("Vũ Thị Lan", "0333 846 123")
    assert all(r[3] == "Thành phố Hạ Long" for r in rows)  # the district's own rows too


def test_the_sheet_shows_dates_as_dd_mm_yyyy(personas: Personas, progress: Progress) -> None:
    sheet = download(personas.commune_officer_of_bai_chay, progress).worksheets[0]
    assert sheet.max_row == 3
    assert sheet["G2"].number_format == "dd/mm/yyyy"
    assert sheet["H2"].number_format == "dd/mm/yyyy"


def test_the_summary_sheet_counts_by_level(personas: Personas, progress: Progress) -> None:
    summary = download(personas.province_officer, progress).worksheets[1]
    lines = list(summary.iter_rows(values_only=True))
    assert summary["B2"].value == datetime(2013, 6, 20)
    total = lines[-1]
    assert total[2:9] == (3, 1, 0, 369, 59, 432, 1)


def test_a_drilled_sheet_is_limited_to_the_unit_asked(
    personas: Personas, progress: Progress
) -> None:
    rows = rows_of(download(personas.province_officer, progress, unit=unit("06712").pk))
    assert {r[0] for r in rows} == {"06712"} and len(rows) == 2
