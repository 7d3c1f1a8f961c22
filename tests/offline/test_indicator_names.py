"""An error of an Excel or a DHIS2 import names the indicator by its name (the name the
unit reads on its report), never by its code alone (GDHT, LIT_15_60)."""

from __future__ import annotations

import pytest

from tests.conftest import Personas, unit
from tests.offline.test_datavalueset import dv, run
from tests.offline.test_workbook import book, column_of, row_of, upload
from tests.reports.factories import seed_campaign
from xhht.indicators.models import Indicator
from xhht.offline.datavalueset import ABOVE_TOTAL_CODE, BAD_VALUE_CODE, DUPLICATE_CODE
from xhht.offline.workbook import communes_workbook, unit_workbook

pytestmark = pytest.mark.django_db

BAI_CHAY, HALONG = "06673", "193"


def name(code: str) -> str:
    return Indicator.objects.get(code=code).name


def test_an_excel_error_names_the_indicator(personas: Personas) -> None:
    campaign = seed_campaign()
    wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    ws = wb.worksheets[0]
    r = row_of(ws, "GDHT")
    ws.cell(row=r, column=8, value=12.5)  # its value: not a whole number
    [error] = upload(wb, personas.commune_officer_of_bai_chay, campaign).errors
    assert error.cell == f"H{r}"
    assert error.message.startswith(f"{name('GDHT')} (Số liệu tại ngày chốt): ")
    assert "GDHT" not in error.message


def test_an_excel_error_of_the_communes_sheet_names_the_commune_and_the_indicator(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    wb = book(communes_workbook(campaign=campaign, district=unit(HALONG), user=None).content)
    ws = wb.worksheets[0]
    value, denominator = column_of(ws, "DHHT", 2), column_of(ws, "DHHT", 3)
    ws.cell(row=row_of(ws, BAI_CHAY), column=value, value=90)
    ws.cell(row=row_of(ws, BAI_CHAY), column=denominator, value=60)  # a part over its whole
    [error] = upload(wb, personas.halong_officer, campaign).errors
    assert error.message.startswith(f"{unit(BAI_CHAY).display_name}, {name('DHHT')} (")
    assert "DHHT" not in error.message


def test_a_dhis2_conflict_names_the_indicator_and_keeps_its_code_as_the_object(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    bad = run(campaign, [dv(BAI_CHAY, "CDHT", "12,5")], officer).conflicts
    run(campaign, [dv(BAI_CHAY, "GDHT", 50, "denominator")], officer)
    values = [dv(BAI_CHAY, "GDHT", 60), dv(BAI_CHAY, "DHHT", 1), dv(BAI_CHAY, "DHHT", 2)]
    conflicts = [*bad, *run(campaign, values, officer).conflicts]
    messages = {(c.error_code, c.object): c.message for c in conflicts}
    assert set(messages) == {
        (BAD_VALUE_CODE, "CDHT"),
        (ABOVE_TOTAL_CODE, "GDHT"),
        (DUPLICATE_CODE, "DHHT"),
    }
    for (_error, code), message in messages.items():
        assert message.startswith(name(code)), message
        assert code not in message
