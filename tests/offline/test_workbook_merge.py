"""An uploaded workbook writes only what its user changed (three-way merge against what the
file showed); a figure changed both in the file and on the site is a conflict named by its
cell; all errors come in one pass; the unit above entering for a commune is recorded."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

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
    upload,
    values,
)
from tests.reports.factories import report_obligation, seed_campaign, signature, signed_pdf
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator
from xhht.offline.workbook import communes_workbook, unit_workbook
from xhht.reports import reading
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import Report, SectionText
from xhht.reports.services import report_send

pytestmark = pytest.mark.django_db

# The unit sheet's columns: baseline F, out of G, value H, out of I, targets J K, note L.
VALUE, OUT_OF, TARGET_2015 = 8, 9, 10


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def indicator_id(code: str) -> int:
    return Indicator.objects.get(code=code).pk


def someone_saves(campaign: Campaign, unit_code: str, user: Any, **figures: dict[str, Any]) -> None:
    """Another person saves figures on the report page (no Seen: what they typed is written)."""
    report = report_open(obligation=report_obligation(campaign, unit_code), user=user)
    report_save(
        report=report,
        texts={},
        values={indicator_id(code): fields for code, fields in figures.items()},
        user=user,
    )


def test_the_same_workbook_uploaded_again_is_no_conflict_and_a_text_save_changes_nothing(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    wb = page_download(officer, obligation)
    ws = wb.worksheets[0]
    r = row_of(ws, "GDHT")
    ws.cell(row=r, column=VALUE, value=120)
    ws.cell(row=r, column=OUT_OF, value=400)
    assert page_upload(officer, campaign, wb, obligation).status_code == 302
    revision = Report.objects.get(obligation=obligation).revision
    # The same file again: saved by this very user, nothing to change, nothing refused.
    assert page_upload(officer, campaign, wb, obligation).status_code == 302
    report = Report.objects.get(obligation=obligation)
    assert report.revision == revision
    # A text saved on the report page does not make the workbook stale.
    section = reading.sections_for(report)[0]
    report_save(report=report, texts={section.pk: "Đã triển khai."}, values={}, user=officer)
    ws.cell(row=r, column=TARGET_2015, value=75)
    assert page_upload(officer, campaign, wb, obligation).status_code == 302
    row = values(BAI_CHAY, "GDHT")
    assert (row.value, row.denominator, row.figure("target_2015")) == (120, 400, Decimal("75.00"))
    assert SectionText.objects.get(report=report, section=section).text == "Đã triển khai."


def test_only_the_figures_the_user_changed_are_written(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    report_open(obligation=obligation, user=officer)
    wb = page_download(officer, obligation)
    # While the file is out, the district enters GDHT on the report page.
    someone_saves(campaign, BAI_CHAY, personas.halong_officer, GDHT={"value": 3, "denominator": 9})
    ws = wb.worksheets[0]
    r = row_of(ws, "DHHT")
    ws.cell(row=r, column=VALUE, value=5)
    ws.cell(row=r, column=OUT_OF, value=10)
    assert page_upload(officer, campaign, wb, obligation).status_code == 302
    # GDHT was left as the file showed it (empty): the district's figures stay.
    assert (values(BAI_CHAY, "GDHT").value, values(BAI_CHAY, "GDHT").denominator) == (3, 9)
    assert (values(BAI_CHAY, "DHHT").value, values(BAI_CHAY, "DHHT").denominator) == (5, 10)


def test_a_figure_both_changed_is_a_conflict_named_by_its_cell(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    report_open(obligation=obligation, user=officer)
    wb = page_download(officer, obligation)
    someone_saves(campaign, BAI_CHAY, personas.halong_officer, GDHT={"value": 3})
    ws = wb.worksheets[0]
    gdht, dhht = row_of(ws, "GDHT"), row_of(ws, "DHHT")
    ws.cell(row=gdht, column=VALUE, value=9)
    ws.cell(row=dhht, column=VALUE, value=5)
    ws.cell(row=dhht, column=OUT_OF, value=10)
    response = page_upload(officer, campaign, wb, obligation)
    assert response.status_code == 400
    errors = page_errors(response)
    assert list(errors) == [(ws.title, f"H{gdht}")]
    message = errors[(ws.title, f"H{gdht}")]
    name = Indicator.objects.get(code="GDHT").name  # an error names the indicator by its name
    assert name in message and "halong" in message and " 3 " in message and " 9" in message
    # Nothing at all was written, not even the figure without a conflict.
    assert values(BAI_CHAY, "GDHT").value == 3 and values(BAI_CHAY, "DHHT").value is None
    # Typing the saved figure in the cell settles it; the rest goes in.
    ws.cell(row=gdht, column=VALUE, value=3)
    assert page_upload(officer, campaign, wb, obligation).status_code == 302
    assert values(BAI_CHAY, "GDHT").value == 3 and values(BAI_CHAY, "DHHT").value == 5


def test_the_conflict_message_says_who_saved_what(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report_open(obligation=report_obligation(campaign, BAI_CHAY), user=officer)
    wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
    someone_saves(campaign, BAI_CHAY, personas.halong_officer, GDHT={"value": 1200})
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, "GDHT"), column=VALUE, value=1300)
    result = upload(wb, officer, campaign)
    [error] = result.errors
    gdht = Indicator.objects.get(code="GDHT").name  # an error names the indicator by its name
    assert error.message.startswith(f"{gdht} (Value at the cut-off): halong saved 1,200 here at")
    assert "your file changes it to 1,300" in error.message


def test_a_workbook_without_tokens_is_compared_with_the_stored_version(
    personas: Personas,
) -> None:
    """A file made before the workbook carried what it showed (format 1)."""
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report_open(obligation=report_obligation(campaign, BAI_CHAY), user=officer)

    def old_file() -> Any:
        wb = book(unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content)
        meta = wb["meta"]
        for r in range(meta.max_row, 0, -1):
            key = str(meta.cell(row=r, column=1).value)
            if key.startswith("seen:") or key == "sheet":
                meta.delete_rows(r)
            if key == "format_version":
                meta.cell(row=r, column=2, value=1)
        return wb

    wb = old_file()
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, "GDHT"), column=VALUE, value=7)
    assert upload(wb, officer, campaign).ok
    assert values(BAI_CHAY, "GDHT").value == 7
    # Saved since it was made: refused as before, nothing overwritten.
    wb = old_file()
    someone_saves(campaign, BAI_CHAY, personas.halong_officer, DHHT={"value": 4})
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, "GDHT"), column=VALUE, value=8)
    result = upload(wb, officer, campaign)
    assert [e.cell for e in result.errors] == ["A1"]
    assert "download a new form" in result.errors[0].message
    assert values(BAI_CHAY, "GDHT").value == 7 and values(BAI_CHAY, "DHHT").value == 4


def test_every_error_of_the_file_is_listed_in_one_pass(personas: Personas) -> None:
    """Cell errors, a sent report's changed cell and a conflict, all at once; nothing written."""
    campaign = seed_campaign()
    halong = personas.halong_officer
    sent = report_open(obligation=report_obligation(campaign, HA_KHAU), user=None)
    rows = {v.indicator_id: {"value": 1, "denominator": 2} for v in sent.values.all()}
    sent = report_save(report=sent, texts={}, values=rows, user=None)
    report_send(report=sent, user=None, signature=signature(), signed_file=signed_pdf())
    wb = page_download(halong, report_obligation(campaign, HALONG), communes=True)
    ws = wb.worksheets[0]
    third = next(
        str(ws.cell(row=r, column=1).value)
        for r in range(4, ws.max_row + 1)
        if ws.cell(row=r, column=1).value not in (BAI_CHAY, HA_KHAU)
    )
    someone_saves(campaign, third, None, GDHT={"value": 3})
    value = column_of(ws, "GDHT", 2)
    letter = ws.cell(row=1, column=value).column_letter
    ws.cell(row=row_of(ws, BAI_CHAY), column=value, value="nhiều")
    ws.cell(row=row_of(ws, HA_KHAU), column=value, value=2)
    ws.cell(row=row_of(ws, third), column=value, value=4)
    response = page_upload(halong, campaign, wb)
    assert response.status_code == 400
    assert set(page_errors(response)) == {
        (ws.title, f"{letter}{row_of(ws, BAI_CHAY)}"),
        (ws.title, f"{letter}{row_of(ws, HA_KHAU)}"),
        (ws.title, f"{letter}{row_of(ws, third)}"),
    }
    assert values(HA_KHAU, "GDHT").value == 1 and values(third, "GDHT").value == 3
    assert not Report.objects.filter(obligation__unit=unit(BAI_CHAY)).exists()


def district_enters(campaign: Campaign, code: str, user: Any, **figures: Any) -> None:
    """The district starts a commune's report from its communes workbook (so it is entered on
    the commune's behalf, readable by the district)."""
    wb = page_download(user, report_obligation(campaign, HALONG), communes=True)
    ws = wb.worksheets[0]
    for indicator, value in figures.items():
        ws.cell(row=row_of(ws, code), column=column_of(ws, indicator, 2), value=value)
    assert page_upload(user, campaign, wb).status_code == 302


def test_a_district_filling_its_communes_merges_and_is_recorded_as_the_unit_above(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    halong = personas.halong_officer
    district_enters(campaign, BAI_CHAY, halong, DHHT=1)
    wb = page_download(halong, report_obligation(campaign, HALONG), communes=True)
    # The commune saves GDHT itself while the district's file is out.
    someone_saves(campaign, BAI_CHAY, personas.commune_officer_of_bai_chay, GDHT={"value": 30})
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, BAI_CHAY), column=column_of(ws, "DHHT", 2), value=6)
    ws.cell(row=row_of(ws, HA_KHAU), column=column_of(ws, "GDHT", 2), value=7)
    assert page_upload(halong, campaign, wb).status_code == 302
    assert values(BAI_CHAY, "GDHT").value == 30  # the commune's own figure stays
    assert values(BAI_CHAY, "DHHT").value == 6 and values(HA_KHAU, "GDHT").value == 7
    entered = Report.objects.filter(obligation__unit__code__in=[BAI_CHAY, HA_KHAU])
    assert [r.entered_by_reviewer for r in entered] == [True, True]
    marks = AuditEntry.objects.filter(action="report.entered_by_reviewer")
    assert marks.count() == 2 and {m.user for m in marks} == {halong}
    assert not Report.objects.filter(entered_by_reviewer=True).exclude(pk__in=entered).exists()


def test_a_communes_own_draft_is_a_grey_row_without_figures_and_refuses_what_is_typed(
    personas: Personas,
) -> None:
    """A commune's draft is its own until sent: the district's workbook neither shows its
    figures nor carries its Seen token, and the district cannot write into it."""
    campaign = seed_campaign()
    halong = personas.halong_officer
    someone_saves(campaign, BAI_CHAY, personas.commune_officer_of_bai_chay, GDHT={"value": 30})
    wb = page_download(halong, report_obligation(campaign, HALONG), communes=True)
    ws = wb.worksheets[0]
    row, gdht = row_of(ws, BAI_CHAY), column_of(ws, "GDHT", 2)
    assert ws.cell(row=row, column=3).value == "Bản nháp của xã"
    assert ws.cell(row=row, column=gdht).value is None
    assert ws.cell(row=row, column=gdht).protection.locked
    assert not ws.cell(row=row_of(ws, HA_KHAU), column=gdht).protection.locked
    keys = [str(r[0].value) for r in wb["meta"].iter_rows()]
    assert f"seen:{HA_KHAU}" in keys and f"seen:{BAI_CHAY}" not in keys
    # The same file uploaded untouched changes nothing; a figure typed there is refused.
    assert page_upload(halong, campaign, wb).status_code == 302
    assert values(BAI_CHAY, "GDHT").value == 30
    ws.cell(row=row, column=gdht, value=31)
    ws.cell(row=row_of(ws, HA_KHAU), column=gdht, value=7)
    with translation.override("en"):
        result = upload(wb, halong, campaign)
    [error] = result.errors
    assert error.cell == f"{ws.cell(row=1, column=gdht).column_letter}{row}"
    name = unit(BAI_CHAY).display_name
    assert f"the report of {name} is its own draft: only {name} enters it" in error.message
    assert values(BAI_CHAY, "GDHT").value == 30
    assert not Report.objects.filter(obligation__unit=unit(HA_KHAU)).exists()
    assert not Report.objects.get(obligation__unit=unit(BAI_CHAY)).entered_by_reviewer


def test_the_unit_above_entering_one_communes_workbook_is_recorded(personas: Personas) -> None:
    campaign = seed_campaign()
    halong = personas.halong_officer
    obligation = report_obligation(campaign, BAI_CHAY)
    wb = page_download(halong, obligation)  # no report yet: the district may start it
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, "GDHT"), column=VALUE, value=2)
    assert page_upload(halong, campaign, wb, obligation).status_code == 302
    assert Report.objects.get(obligation=obligation).entered_by_reviewer
    # Another commune's own draft: the district's copy of its form is refused.
    officer = personas.commune_officer_of_bai_chay
    ha_khau = report_obligation(campaign, HA_KHAU)
    wb = page_download(halong, ha_khau)
    someone_saves(campaign, HA_KHAU, None, GDHT={"value": 5})
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, "DHHT"), column=VALUE, value=1)
    assert page_upload(halong, campaign, wb, ha_khau).status_code == 400
    assert not Report.objects.get(obligation=ha_khau).entered_by_reviewer
    # Its own unit's upload is not "the unit above".
    wb = page_download(officer, obligation)
    ws = wb.worksheets[0]
    ws.cell(row=row_of(ws, "DHHT"), column=VALUE, value=1)
    assert page_upload(officer, campaign, wb, obligation).status_code == 302
    assert values(BAI_CHAY, "DHHT").value == 1


def test_a_bulk_upload_also_stops_at_a_conflict(personas: Personas) -> None:
    campaign = seed_campaign()
    halong = personas.halong_officer
    district_enters(campaign, BAI_CHAY, halong, DHHT=1)
    wb = book(communes_workbook(campaign=campaign, district=unit(HALONG), user=halong).content)
    someone_saves(campaign, BAI_CHAY, personas.commune_officer_of_bai_chay, GDHT={"value": 30})
    ws = wb.worksheets[0]
    value = column_of(ws, "GDHT", 2)
    ws.cell(row=row_of(ws, BAI_CHAY), column=value, value=31)
    ws.cell(row=row_of(ws, HA_KHAU), column=value, value=7)
    with translation.override("en"):  # the page visit above left Vietnamese active
        result = upload(wb, halong, campaign)
    [error] = result.errors
    assert error.cell == f"{ws.cell(row=1, column=value).column_letter}{row_of(ws, BAI_CHAY)}"
    gdht = Indicator.objects.get(code="GDHT").name
    assert error.message.startswith(f"{unit(BAI_CHAY).display_name}, {gdht} (Value at the cut-off)")
    assert "baichay saved 30 here" in error.message
    assert not Report.objects.filter(obligation__unit=unit(HA_KHAU)).exists()
    assert values(BAI_CHAY, "GDHT").value == 30
