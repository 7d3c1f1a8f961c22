"""The list of accepted nominations as an .xlsx workbook: individuals, then collectives."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from xhht.awards.models import Nomination
from xhht.awards.selectors import ListRow, ProvinceList
from xhht.rollup.export import BOLD, HEADER_FILL, Sheet, styled

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)
# One sheet holds both parts, so a column's width suits both: individuals' sex, year of
# birth and position share C-E with collectives' unit, field and summary.
WIDTHS = (6, 28, 22, 22, 24, 28, 24, 48, 24, 32)


def decision_text(nomination: Nomination) -> str:
    """The authority's decision as one line ("Commended; Certificate of merit; Chairman …;
    No. 1234/QĐ-UBND of 15/07/2013"); empty while none is recorded."""
    if not nomination.decision:
        return ""
    parts = [nomination.get_decision_display(), nomination.award]
    if nomination.authority:
        parts.append(nomination.get_authority_display())
    ref, on = nomination.decision_ref, nomination.decided_on
    if ref and on:
        parts.append(_("No. %(ref)s of %(date)s") % {"ref": ref, "date": f"{on:%d/%m/%Y}"})
    elif ref or on:
        parts.append(ref or f"{on:%d/%m/%Y}")
    return "; ".join(part for part in parts if part)


def individual_row(row: ListRow) -> list[object]:
    n = row.nomination
    return [
        row.number, n.name, n.get_sex_display(), n.birth_year, n.position, n.workplace,
        n.get_field_display(), n.achievements, n.unit.display_name, decision_text(n),
    ]  # fmt: skip


def collective_row(row: ListRow) -> list[object]:
    n = row.nomination
    return [
        row.number, n.name, n.workplace, n.get_field_display(), n.achievements,
        n.unit.display_name, decision_text(n),
    ]  # fmt: skip


def _title(ws: Worksheet, text: str, *, size: int) -> None:
    ws.append([text])
    at = ws.max_row
    ws.merge_cells(start_row=at, start_column=1, end_row=at, end_column=len(WIDTHS))
    cell = ws.cell(row=at, column=1)
    cell.font = Font(bold=True, size=size)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def list_part(ws: Sheet, heading: str, titles: Sequence[str], lines: list[list[object]]) -> None:
    """A part's heading, its header row and its lines; a part with none says so."""
    ws.append([styled(ws, heading, font=BOLD)])
    ws.append([styled(ws, t, font=BOLD, fill=HEADER_FILL, alignment=CENTRE) for t in titles])
    for line in lines or [[None, _("None.")]]:
        ws.append(
            [styled(ws, None if value == "" else value, alignment=WRAP if i else CENTRE)
             for i, value in enumerate(line)]
        )  # fmt: skip


def list_workbook(listed: ProvinceList) -> bytes:
    """The recipient's list of accepted nominations, as .xlsx bytes: a title, the campaign,
    then part I (individuals) and part II (collectives), each numbered from 1 in the order
    of the units that put them forward."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Nominations")[:31]
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    _title(ws, _("LIST OF NOMINATIONS FOR COMMENDATION"), size=14)
    _title(ws, listed.campaign.title, size=12)
    _title(ws, _("Put forward to %(unit)s") % {"unit": listed.province.display_name}, size=11)
    ws.append([])
    list_part(
        ws,
        _("I. INDIVIDUALS"),
        [
            _("No."), _("Full name"), _("Sex"), _("Year of birth"), _("Position"), _("Unit"),
            _("Field"), _("Summary of achievements"), _("Put forward by"), _("Decision"),
        ],
        [individual_row(row) for row in listed.individuals],
    )  # fmt: skip
    ws.append([])
    list_part(
        ws,
        _("II. COLLECTIVES"),
        [
            _("No."), _("Name"), _("Unit"), _("Field"), _("Summary of achievements"),
            _("Put forward by"), _("Decision"),
        ],
        [collective_row(row) for row in listed.collectives],
    )  # fmt: skip
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
