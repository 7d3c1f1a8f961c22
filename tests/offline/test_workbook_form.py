"""Which workbook is the form of which report: edits of the template's headings do not make
a workbook stale, only its indicators matter; the data sheet is found by its name; an
unknown format or another report's form is said plainly."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation
from openpyxl import Workbook

from tests.conftest import Personas, unit
from tests.offline.test_workbook import (
    BAI_CHAY,
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
from xhht.offline.workbook_file import WorkbookError
from xhht.offline.workbook_import import workbook_import
from xhht.reports.indicators import indicator_create, indicator_delete
from xhht.reports.models import Report
from xhht.reports.template_editing import indicator_put_in, indicator_take_out, section_rename
from xhht.reports.templates_build import template_for

pytestmark = pytest.mark.django_db

VALUE, OUT_OF = 8, 9


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def meta_set(wb: Any, key: str, value: Any) -> None:
    meta = wb["meta"]
    for r in range(1, meta.max_row + 1):
        if meta.cell(row=r, column=1).value == key:
            meta.cell(row=r, column=2, value=value)
            return
    raise AssertionError(key)


def test_a_renamed_heading_does_not_make_a_downloaded_workbook_stale(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    wb = page_download(officer, obligation)
    commune = template_for(campaign, "commune")
    section = commune.sections.order_by("order").first()
    assert section is not None
    section_rename(section=section, title="Kết quả đạt được", guidance="", user=None)
    section_rename(section=section, title="Kết quả nổi bật", guidance="Nêu số liệu.", user=None)
    commune.refresh_from_db()
    assert commune.version == 3
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, "GDHT"), column=VALUE, value=11)
    assert page_upload(officer, campaign, wb, obligation).status_code == 302
    assert values(BAI_CHAY, "GDHT").value == 11


def test_an_indicator_taken_out_refuses_only_its_own_filled_row(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    wb = page_download(officer, obligation)
    commune = template_for(campaign, "commune")
    dhht = Indicator.objects.get(code="DHHT")
    indicator_take_out(template=commune, indicator=dhht, user=None)
    ws = wb.worksheets[0]
    gdht_row, dhht_row = row_of(ws, "GDHT"), row_of(ws, "DHHT")
    ws.cell(row=gdht_row, column=VALUE, value=11)
    ws.cell(row=dhht_row, column=VALUE, value=4)
    response = page_upload(officer, campaign, wb, obligation)
    assert response.status_code == 400
    errors = page_errors(response)
    assert list(errors) == [(ws.title, f"A{dhht_row}")]
    assert "DHHT" in errors[(ws.title, f"A{dhht_row}")]
    assert not Report.objects.exists()
    with translation.override("en"):
        message = upload(wb, officer, campaign).errors[0].message
    assert message.startswith(f"“DHHT — {dhht.name}” is no longer in this report's form")
    # Its row left empty, the rest of the file goes in.
    ws.cell(row=dhht_row, column=VALUE).value = None
    assert page_upload(officer, campaign, wb, obligation).status_code == 302
    assert values(BAI_CHAY, "GDHT").value == 11


def test_an_own_indicator_taken_out_and_deleted_leaves_its_empty_row_harmless(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    commune = template_for(campaign, "commune")
    own = indicator_create(
        province=unit("22"), user=None, code="QN_TAM", name="Tạm", kind="count", level="commune"
    )
    indicator_put_in(template=commune, indicator=own, user=None)
    wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    indicator_take_out(template=commune, indicator=own, user=None)
    indicator_delete(indicator=own, user=None)
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, "GDHT"), column=VALUE, value=8)
    assert upload(wb, officer, campaign).ok
    ws.cell(row=row_of(ws, "QN_TAM"), column=VALUE, value=1)
    result = upload(wb, officer, campaign)
    assert [e.cell for e in result.errors] == [f"A{row_of(ws, 'QN_TAM')}"]
    assert "“QN_TAM” is no longer in this report's form" in result.errors[0].message


def test_an_indicator_taken_out_of_the_communes_sheet_names_its_cells(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    wb = book(communes_workbook(campaign=campaign, district=unit(HALONG), user=None).content)
    dhht = Indicator.objects.get(code="DHHT")
    indicator_take_out(template=template_for(campaign, "commune"), indicator=dhht, user=None)
    ws = wb.worksheets[0]
    r = row_of(ws, BAI_CHAY)
    ws.cell(row=r, column=column_of(ws, "GDHT", 2), value=5)
    ws.cell(row=r, column=column_of(ws, "DHHT", 2), value=4)
    result = upload(wb, personas.halong_officer, campaign)
    letter = ws.cell(row=1, column=column_of(ws, "DHHT", 2)).column_letter
    assert [e.cell for e in result.errors] == [f"{letter}{r}"]
    assert result.errors[0].message.startswith(f"{unit(BAI_CHAY).display_name}, {dhht.name} (")
    ws.cell(row=r, column=column_of(ws, "DHHT", 2)).value = None
    assert upload(wb, personas.halong_officer, campaign).ok
    assert values(BAI_CHAY, "GDHT").value == 5


def test_a_sheet_added_before_the_data_sheet_changes_nothing(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    wb = page_download(officer, obligation)
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, "GDHT"), column=VALUE, value=21)
    notes = wb.create_sheet("Ghi chú", 0)
    notes["A4"] = "Số liệu lấy từ sổ theo dõi"
    assert wb.sheetnames[0] == "Ghi chú"
    assert page_upload(officer, campaign, wb, obligation).status_code == 302
    assert values(BAI_CHAY, "GDHT").value == 21


def test_a_renamed_data_sheet_is_found_alone_and_asked_for_among_others(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    ws = wb.worksheets[0]
    title = ws.title
    ws.title = "Số liệu"
    ws.cell(row=row_of(ws, "GDHT"), column=VALUE, value=3)
    assert upload(wb, officer, campaign).ok
    wb.create_sheet("Ghi chú", 0)
    with pytest.raises(WorkbookError, match=f"The sheet “{title}”, which holds the figures"):
        upload(wb, officer, campaign)


def test_an_unknown_format_version_is_refused_plainly(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    wb = page_download(officer, obligation)
    meta_set(wb, "format_version", 7)
    response = page_upload(officer, campaign, wb, obligation)
    assert response.status_code == 400
    assert "định dạng 7" in response.content.decode()
    with translation.override("en"), pytest.raises(WorkbookError, match="does not know"):
        upload(wb, officer, campaign)


def test_another_templates_form_is_said_to_be_another_reports(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    meta_set(wb, "template", template_for(campaign, "district").pk)
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, "GDHT"), column=VALUE, value=3)
    result = upload(wb, officer, campaign)
    assert [(e.sheet, e.cell) for e in result.errors] == [("meta", "B9")]
    assert "is the form of another report" in result.errors[0].message
    assert "version" not in result.errors[0].message
    assert not Report.objects.exists()


def test_the_communes_sheet_labels_its_name_column_as_the_units_name(personas: Personas) -> None:
    campaign = seed_campaign()
    ws = book(
        communes_workbook(campaign=campaign, district=unit(HALONG), user=None).content
    ).worksheets[0]
    assert ws["B3"].value == "Unit name"
    with translation.override("vi"):
        ws = book(
            communes_workbook(campaign=campaign, district=unit(HALONG), user=None).content
        ).worksheets[0]
    assert ws["B3"].value != "Cấp xã"


def test_an_xlsx_without_the_meta_sheet_is_not_ours(personas: Personas) -> None:
    seed_campaign()
    with pytest.raises(WorkbookError, match="not made by XHHT"):
        workbook_import(stream=io.BytesIO(saved(Workbook())), name="x.xlsx", user=None)
