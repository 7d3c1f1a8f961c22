"""The report workbook (.xlsx): made pre-filled, read back with openpyxl, uploaded back;
every error is reported with its sheet and cell, and a file with any error writes nothing."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.conftest import Personas, Response, client_for, unit
from tests.reports.factories import report_obligation, seed_campaign, signature, signed_pdf
from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign, Obligation
from xhht.offline.workbook import communes_workbook, unit_workbook
from xhht.offline.workbook_file import WorkbookError
from xhht.offline.workbook_import import workbook_import
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import DataValue, Report
from xhht.reports.seen import seen_decode
from xhht.reports.services import report_send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are asserted on their English source strings."""
    with translation.override("en"):
        yield


HALONG, BAI_CHAY, HA_KHAU = "193", "06673", "06652"


def book(content: bytes) -> Any:
    return load_workbook(io.BytesIO(content))


def upload(wb: Any, user: Any, campaign: Campaign | None = None) -> Any:
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return workbook_import(stream=buffer, name="form.xlsx", user=user, campaign=campaign)


def row_of(ws: Any, code: str) -> int:
    for r in range(4, ws.max_row + 1):
        if ws.cell(row=r, column=1).value == code:
            return r
    raise AssertionError(code)


def column_of(ws: Any, indicator: str, field_index: int) -> int:
    for c in range(4, ws.max_column + 1):
        head = ws.cell(row=2, column=c).value
        if head and str(head).startswith(indicator + " "):
            return c + field_index
    raise AssertionError(indicator)


def values(code: str, indicator: str) -> DataValue:
    return DataValue.objects.get(report__obligation__unit=unit(code), indicator__code=indicator)


def saved(wb: Any) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def page_download(user: User, obligation: Obligation, communes: bool = False) -> Any:
    """The workbook as the offline page hands it to `user`."""
    url = reverse("offline:xlsx_download", args=[obligation.pk])
    response = client_for(user).get(url + ("?communes=1" if communes else ""))
    assert response.status_code == 200
    return book(response.content)


def page_upload(
    user: User, campaign: Campaign, wb: Any, obligation: Obligation | None = None
) -> Response:
    """`wb` uploaded on the offline page by `user`: 302 saved, 400 with the errors."""
    data: dict[str, Any] = {"file": SimpleUploadedFile("form.xlsx", saved(wb))}
    if obligation is not None:
        data["obligation"] = str(obligation.pk)
    url = reverse("offline:xlsx_upload", args=[campaign.pk])
    return client_for(user).post(url, data)


def page_errors(response: Response) -> dict[tuple[str, str], str]:
    """{(sheet, cell): message} of the error table the page shows."""
    rows = re.findall(
        r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", response.content.decode(), re.S
    )
    return {(html.unescape(s), html.unescape(c)): html.unescape(m) for s, c, m in rows}


def test_the_unit_workbook_is_pre_filled_locked_and_carries_its_meta(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=report_obligation(campaign, BAI_CHAY), user=officer)
    gdht = report.values.get(indicator__code="GDHT")
    report_save(
        report=report,
        revision=report.revision,
        texts={},
        values={gdht.indicator_id: {"value": 120, "denominator": 400}},
        user=officer,
    )
    wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    ws = wb.worksheets[0]
    meta = wb["meta"]
    assert meta.sheet_state == "veryHidden" and meta.protection.sheet
    keys = {row[0].value: row[1].value for row in meta.iter_rows()}
    assert keys["campaign"] == campaign.pk and keys["unit"] == BAI_CHAY
    assert keys["template_version"] == 1 and keys["layout"] == "unit"
    assert keys["format_version"] == 2 and keys["sheet"] == ws.title
    assert '"06673":1' in keys["revisions"]  # for information
    # What the file shows of the report, for the upload's three-way merge.
    shown = seen_decode(keys["seen:06673"])
    assert shown is not None and shown.value_shown(gdht.indicator_id, "value") == "120"
    r = row_of(ws, "GDHT")
    assert ws.cell(row=r, column=8).value == 120 and ws.cell(row=r, column=9).value == 400
    assert ws.protection.sheet
    assert ws.cell(row=r, column=1).protection.locked  # the code
    assert not ws.cell(row=r, column=8).protection.locked  # the value
    # A 2013 campaign shows the targets in force at its cut-off, not a 2014 decision's.
    assert ws.cell(row=r, column=5).value is None
    assert ws.cell(row=row_of(ws, "QN_GD_HIEU_HOC"), column=4).value == 60
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert kinds == {"whole", "decimal"}
    assert any(f"H{r}" in str(dv.sqref) for dv in ws.data_validations.dataValidation)


def test_a_commune_fills_its_workbook_and_uploads_it_back(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    ws = wb.worksheets[0]
    r = row_of(ws, "GDHT")
    for column, value in zip(range(6, 13), [300, 400, "320", 410, 70, 85.5], strict=False):
        ws.cell(row=r, column=column, value=value)
    ws.cell(row=r, column=12, value="  Số hộ tăng do tách hộ ")
    result = upload(wb, officer, campaign)
    assert result.ok, result.errors
    assert result.reports_changed == 1 and result.rows_changed == 1
    row = values(BAI_CHAY, "GDHT")
    assert (row.baseline, row.baseline_denominator, row.value, row.denominator) == (
        300,
        400,
        320,
        410,
    )
    assert str(row.figure("target_2015")) == "70.00" and str(row.figure("target_2020")) == "85.50"
    assert row.justification == "Số hộ tăng do tách hộ"
    entry = AuditEntry.objects.get(action="report.value_changed", object_id=str(row.pk))
    assert entry.user == officer and entry.changes["value"] == [None, 320]
    assert Report.objects.get(pk=row.report_id).revision == 1
    # The same file again changes nothing and is no conflict.
    assert upload(wb, officer, campaign).rows_changed == 0


def test_a_district_fills_all_its_communes_in_one_sheet(personas: Personas) -> None:
    campaign = seed_campaign()
    halong = unit(HALONG)
    wb = book(communes_workbook(campaign=campaign, district=halong, user=None).content)
    ws = wb.worksheets[0]
    communes = campaign.obligations.filter(unit__parent=halong, deliverable="report").count()
    assert ws.max_row - 3 == communes == 20
    value, denominator = column_of(ws, "GDHT", 2), column_of(ws, "GDHT", 3)
    for code in (BAI_CHAY, HA_KHAU):
        ws.cell(row=row_of(ws, code), column=value, value=50)
        ws.cell(row=row_of(ws, code), column=denominator, value=200)
    result = upload(wb, personas.halong_officer, campaign)
    assert result.ok, result.errors
    assert result.reports_changed == 2 and result.rows_changed == 2
    assert values(HA_KHAU, "GDHT").value == 50 and values(BAI_CHAY, "GDHT").denominator == 200
    entries = AuditEntry.objects.filter(action="report.value_changed")
    assert entries.count() == 2
    assert {e.user for e in entries} == {personas.halong_officer}
    first = entries.first()
    assert first is not None
    assert first.changes == {"denominator": [None, 200], "value": [None, 50]}
    assert set(Report.objects.values_list("revision", flat=True)) == {1}


def test_every_error_is_reported_with_its_cell_and_nothing_is_written(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    halong = unit(HALONG)
    sent = report_open(obligation=report_obligation(campaign, HA_KHAU), user=None)
    rows = {v.indicator_id: {"value": 1, "denominator": 2} for v in sent.values.all()}
    sent = report_save(report=sent, revision=0, texts={}, values=rows, user=None)
    report_send(report=sent, user=None, signature=signature(), signed_file=signed_pdf())
    wb = book(communes_workbook(campaign=campaign, district=halong, user=None).content)
    ws = wb.worksheets[0]
    bai_chay, ha_khau = row_of(ws, BAI_CHAY), row_of(ws, HA_KHAU)
    baseline = column_of(ws, "GDHT", 0)
    value, denominator = column_of(ws, "GDHT", 2), column_of(ws, "GDHT", 3)
    target = column_of(ws, "GDHT", 4)
    letter = ws.cell(row=1, column=value).column_letter
    ws.cell(row=bai_chay, column=baseline, value="nhiều")  # not a number
    ws.cell(row=bai_chay, column=value, value=12.5)  # not whole
    ws.cell(row=bai_chay, column=denominator, value=-3)  # negative
    ws.cell(row=bai_chay, column=target, value=130)  # a percentage above 100
    dhht_value, dhht_den = column_of(ws, "DHHT", 2), column_of(ws, "DHHT", 3)
    ws.cell(row=bai_chay, column=dhht_value, value=90)
    ws.cell(row=bai_chay, column=dhht_den, value=60)  # numerator > denominator
    ws.cell(row=ha_khau, column=value, value=2)  # a sent report (1 of 2 before)
    ws.cell(row=ws.max_row + 1, column=1, value="99999")  # unknown unit
    ws.cell(row=ws.max_row, column=value, value=4)
    result = upload(wb, personas.halong_officer, campaign)
    found = {(e.sheet, e.cell): e.message for e in result.errors}
    sheet = ws.title
    b = ws.cell(row=1, column=baseline).column_letter
    d = ws.cell(row=1, column=denominator).column_letter
    t = ws.cell(row=1, column=target).column_letter
    dv = ws.cell(row=1, column=dhht_value).column_letter
    assert "not a number" in found[(sheet, f"{b}{bai_chay}")]
    assert "not a whole number" in found[(sheet, f"{letter}{bai_chay}")]
    assert "negative" in found[(sheet, f"{d}{bai_chay}")]
    assert "more than 100" in found[(sheet, f"{t}{bai_chay}")]
    assert "more than the total 60" in found[(sheet, f"{dv}{bai_chay}")]
    assert "Unknown unit code “99999”" in found[(sheet, f"A{ws.max_row}")]
    # In the same pass: the sent report's changed cell.
    assert "can change only after it is returned" in found[(sheet, f"{letter}{ha_khau}")]
    assert DataValue.objects.filter(report__obligation__unit=unit(BAI_CHAY)).count() == 0
    assert not AuditEntry.objects.filter(action="report.value_changed", user__isnull=False).exists()

    wb = book(communes_workbook(campaign=campaign, district=halong, user=None).content)
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, BAI_CHAY), column=value, value=5)
    ws.cell(row=row_of(ws, HA_KHAU), column=value, value=2)
    before = AuditEntry.objects.count()
    result = upload(wb, personas.halong_officer, campaign)
    assert [
        (e.cell, "can change only after it is returned" in e.message) for e in result.errors
    ] == [(f"{letter}{row_of(ws, HA_KHAU)}", True)]
    assert AuditEntry.objects.count() == before
    assert not DataValue.objects.filter(
        report__obligation__unit=unit(BAI_CHAY), value__isnull=False
    ).exists()


def test_out_of_scope_units_and_other_campaigns_are_refused(personas: Personas) -> None:
    campaign = seed_campaign()
    wb = book(communes_workbook(campaign=campaign, district=unit(HALONG), user=None).content)
    ws = wb.worksheets[0]
    value = column_of(ws, "GDHT", 2)
    ws.cell(row=row_of(ws, BAI_CHAY), column=value, value=5)
    ws.cell(row=row_of(ws, HA_KHAU), column=value, value=5)
    # Another district: every row is out of its scope.
    result = upload(wb, personas.mongcai_officer, campaign)
    assert len(result.errors) == 20
    assert all("You may not enter the report" in e.message for e in result.errors)
    # A commune only for itself.
    result = upload(wb, personas.commune_officer_of_bai_chay, campaign)
    assert f"A{row_of(ws, HA_KHAU)}" in {e.cell for e in result.errors}
    assert f"A{row_of(ws, BAI_CHAY)}" not in {e.cell for e in result.errors}
    assert not DataValue.objects.filter(value__isnull=False).exists()
    # A commune's own form in another commune's hands.
    own = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    own.worksheets[0].cell(row=4, column=8, value=1)
    result = upload(own, personas.commune_officer_of_tran_phu, campaign)
    assert [(e.cell, "You may not enter" in e.message) for e in result.errors] == [("A1", True)]
    # The campaign of the page must be the workbook's.
    other = Campaign.objects.create(
        title="Khác",
        root=campaign.root,
        tree_date=campaign.tree_date,
        published_at=campaign.published_at,
    )
    result = upload(own, personas.commune_officer_of_bai_chay, other)
    assert [(e.sheet, e.cell) for e in result.errors] == [("meta", "B4")]
    assert "another campaign" in result.errors[0].message


def test_a_file_that_is_not_a_workbook_is_refused_by_its_content(personas: Personas) -> None:
    seed_campaign()
    for data, words in (
        (b"%PDF-1.4 not a workbook", "is not an Excel workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old Excel file"),
    ):
        with pytest.raises(WorkbookError, match=words):
            workbook_import(stream=io.BytesIO(data), name="x.xlsx", user=None)
    # An .xlsx that XHHT did not make.
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    with pytest.raises(WorkbookError, match="not made by XHHT"):
        workbook_import(stream=buffer, name="x.xlsx", user=None)
