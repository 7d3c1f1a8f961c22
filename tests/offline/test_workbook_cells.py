"""Cells of an uploaded workbook: a formula without a computed value is an error (never a
silent clearing), one with a value counts as that value; numbers are read and quoted the
Vietnamese way; in the all-communes sheet every error names the commune and the indicator."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from tests.conftest import Personas, unit
from tests.offline.test_workbook import (
    BAI_CHAY,
    HA_KHAU,
    HALONG,
    book,
    column_of,
    page_download,
    page_errors,
    page_upload,
    row_of,
    saved,
    upload,
    values,
)
from tests.reports.factories import report_obligation, seed_campaign
from xhht.indicators.models import Indicator
from xhht.offline.workbook import communes_workbook, unit_workbook
from xhht.offline.workbook_import import workbook_import
from xhht.reports.models import Report

pytestmark = pytest.mark.django_db

BASELINE, VALUE, OUT_OF, TARGET_2015 = 6, 8, 9, 10


def named(code: str) -> str:
    """How an error names the indicator `code`: by its name."""
    return Indicator.objects.get(code=code).name


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def with_cached_value(content: bytes, formula: str, value: str) -> bytes:
    """The workbook as Excel would save it: the formula's computed value stored beside it."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(
                    rb"(<f>" + re.escape(formula.encode()) + rb"</f>)<v\s*/?>(</v>)?",
                    rb"\1<v>" + value.encode() + rb"</v>",
                    data,
                )
            target.writestr(item, data)
    return out.getvalue()


def test_a_formula_without_a_computed_value_never_clears_a_saved_figure(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    wb = page_download(officer, obligation)
    ws = wb.worksheets[0]
    r = row_of(ws, "GDHT")
    ws.cell(row=r, column=VALUE, value=120)
    ws.cell(row=r, column=OUT_OF, value=900)
    assert page_upload(officer, campaign, wb, obligation).status_code == 302
    wb = page_download(officer, obligation)
    ws = wb.worksheets[0]
    ws.cell(row=r, column=BASELINE, value=100)
    ws.cell(row=r, column=VALUE, value=f"=F{r}+300")  # written by a script: no value stored
    response = page_upload(officer, campaign, wb, obligation)
    assert response.status_code == 400
    assert list(page_errors(response)) == [(ws.title, f"H{r}")]
    row = values(BAI_CHAY, "GDHT")
    assert (row.value, row.baseline) == (120, None)  # nothing written, nothing cleared
    with translation.override("en"):  # the page left its language active
        result = upload(wb, officer, campaign)
    assert [(e.cell, e.message) for e in result.errors] == [
        (
            f"H{r}",
            f"{named('GDHT')} (Value at the cut-off): the formula =F{r}+300 has no computed "
            "value in the "
            "file: open the file in Excel and save it, or type the number",
        )
    ]


def test_a_formula_with_its_computed_value_counts_as_that_value(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    ws = wb.worksheets[0]
    r = row_of(ws, "GDHT")
    ws.cell(row=r, column=BASELINE, value=100)
    ws.cell(row=r, column=VALUE, value=f"=F{r}+300")
    ws.cell(row=r, column=OUT_OF, value=900)
    content = with_cached_value(saved(wb), f"F{r}+300", "400")
    result = workbook_import(
        stream=io.BytesIO(content), name="form.xlsx", user=officer, campaign=campaign
    )
    assert result.ok, result.errors
    assert (values(BAI_CHAY, "GDHT").baseline, values(BAI_CHAY, "GDHT").value) == (100, 400)


def test_vietnamese_thousands_are_read_as_the_web_form_reads_them(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    ws = wb.worksheets[0]
    r = row_of(ws, "GDHT")
    ws.cell(row=r, column=BASELINE, value="1.234")
    ws.cell(row=r, column=BASELINE + 1, value="12 500")
    ws.cell(row=r, column=VALUE, value="1.300")
    ws.cell(row=r, column=OUT_OF, value="1.234.567")
    ws.cell(row=r, column=TARGET_2015, value="85,5")
    result = upload(wb, officer, campaign)
    assert result.ok, result.errors
    row = values(BAI_CHAY, "GDHT")
    assert (row.baseline, row.baseline_denominator, row.value, row.denominator) == (
        1234,
        12500,
        1300,
        1234567,
    )
    assert row.figure("target_2015") == Decimal("85.50")


def test_what_is_not_a_whole_number_is_quoted_as_the_user_reads_it(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    ws = wb.worksheets[0]
    gdht, dhht = row_of(ws, "GDHT"), row_of(ws, "DHHT")
    ws.cell(row=gdht, column=BASELINE, value=12.5)
    ws.cell(row=gdht, column=VALUE, value=datetime(2013, 6, 1))
    ws.cell(row=gdht, column=OUT_OF, value=True)
    ws.cell(row=dhht, column=BASELINE, value="12.5")
    ws.cell(row=dhht, column=VALUE, value=-1500)
    with translation.override("vi"):  # the messages' numbers and dates, not their words
        found = {e.cell: e.message for e in upload(wb, officer, campaign).errors}
    assert "12,5" in found[f"F{gdht}"] and "12.5" not in found[f"F{gdht}"]
    assert "01/06/2013" in found[f"H{gdht}"] and "2013-06-01" not in found[f"H{gdht}"]
    assert "“TRUE”" in found[f"I{gdht}"]
    assert "“12.5”" in found[f"F{dhht}"]  # text is quoted as typed
    assert "-1.500" in found[f"H{dhht}"]
    assert all(m.startswith((f"{named('GDHT')} (", f"{named('DHHT')} (")) for m in found.values())
    assert not Report.objects.exists()  # nothing was opened, nothing written


def test_every_error_of_the_communes_sheet_names_the_commune_and_the_indicator(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    halong = personas.halong_officer
    wb = page_download(halong, report_obligation(campaign, HALONG), communes=True)
    ws = wb.worksheets[0]
    value, denominator = column_of(ws, "GDHT", 2), column_of(ws, "GDHT", 3)
    ws.cell(row=row_of(ws, BAI_CHAY), column=value, value="mười")
    ws.cell(row=row_of(ws, HA_KHAU), column=value, value=50)
    ws.cell(row=row_of(ws, HA_KHAU), column=denominator, value=20)
    ws.cell(row=row_of(ws, HA_KHAU), column=column_of(ws, "DHHT", 4), value=120)
    response = page_upload(halong, campaign, wb)
    assert response.status_code == 400
    shown = page_errors(response)
    assert len(shown) == 3
    for (sheet, _cell), message in shown.items():
        assert sheet == ws.title
        assert (named("GDHT") in message) or (named("DHHT") in message)
    bai_chay, ha_khau = unit(BAI_CHAY).display_name, unit(HA_KHAU).display_name
    letter = ws.cell(row=1, column=value).column_letter
    gdht, dhht = named("GDHT"), named("DHHT")
    assert shown[(ws.title, f"{letter}{row_of(ws, BAI_CHAY)}")].startswith(f"{bai_chay}, {gdht} (")
    assert shown[(ws.title, f"{letter}{row_of(ws, HA_KHAU)}")].startswith(f"{ha_khau}, {gdht} (")
    with translation.override("en"):  # the same file, its messages in English
        result = upload(book(saved(wb)), halong, campaign)
    assert sorted(e.message for e in result.errors) == sorted(
        [
            f"{bai_chay}, {gdht} (Value at the cut-off): “mười” is not a number",
            f"{ha_khau}, {gdht} (Value at the cut-off): 50 is more than the total 20 (cell "
            f"{ws.cell(row=1, column=denominator).column_letter}{row_of(ws, HA_KHAU)})",
            f"{ha_khau}, {dhht} (Own target 2015): 120 is more than 100%",
        ]
    )


def test_a_communes_workbook_formula_without_value_is_an_error_too(personas: Personas) -> None:
    campaign = seed_campaign()
    wb = book(communes_workbook(campaign=campaign, district=unit(HALONG), user=None).content)
    ws = wb.worksheets[0]
    value = column_of(ws, "GDHT", 2)
    letter = ws.cell(row=1, column=value).column_letter
    r = row_of(ws, BAI_CHAY)
    ws.cell(row=r, column=value, value="=1+1")
    result = upload(wb, personas.halong_officer, campaign)
    assert [e.cell for e in result.errors] == [f"{letter}{r}"]
    assert "has no computed value" in result.errors[0].message
