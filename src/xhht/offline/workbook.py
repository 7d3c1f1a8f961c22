"""The offline Excel form of reports (.xlsx): made here, read back in workbook_import.py.

Two layouts, one format:

- "unit": one unit's report, a row per indicator (baseline, value, denominator,
  the unit's own targets, a justification), with the national targets in force
  at the campaign's data cut-off for reference;
- "communes": every commune of a district, a row per commune and a group of
  columns per indicator (the same seven fields).

A very hidden, protected sheet "meta" carries the campaign, the unit, the date,
the layout, the template (its version for information only: a workbook stays good
while its indicators are still in the template), the name of the data sheet, and
for each report the figures it showed (a `Seen` token, seen.py), so that an upload
writes only what its user changed. Cells the user must not edit are locked (the
data sheet is protected); numeric cells carry data validation. The upload checks
everything again: protection and validation only help the person filling the file in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from xhht.accounts.models import User
from xhht.campaigns.models import Campaign, Deliverable
from xhht.indicators.models import Indicator, Target
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports import reading
from xhht.reports.editing import field_labels as report_field_labels
from xhht.reports.models import (
    FIGURE_FIELDS,
    DataValue,
    Report,
    ReportStatus,
    ReportTemplate,
    own_targets_attach,
    target_field,
    target_year,
)
from xhht.reports.seen import Seen, seen_encode, seen_of
from xhht.reports.templates_build import template_for

FORMAT = "xhht-report-workbook"
# 1: a revision per report (any later save refused the file); 2: a Seen token per report
# ("seen:<unit code>") and the data sheet's name ("sheet").
FORMAT_VERSION = 2
FORMAT_VERSIONS = frozenset({1, 2})
SEEN_KEY = "seen:"
# Excel keeps at most 32,767 characters in a cell: a long token spans the row's cells.
META_CHUNK = 32_000
META_SHEET = "meta"
UNIT_LAYOUT = "unit"
COMMUNES_LAYOUT = "communes"
OWN_DRAFT_STATUS = gettext_noop("Commune's own draft")
HEADER_ROW = 3
FIRST_ROW = 4
# Communes layout: code, commune, status, then the fields of each indicator.
COMMUNES_FIRST_FIELD_COLUMN = 4
# Workbooks made before the meta sheet named the target years asked for these.
LEGACY_TARGET_YEARS = (2015, 2020)

WHOLE_FIELDS = FIGURE_FIELDS


def fields_for(years: Sequence[int]) -> tuple[str, ...]:
    """An indicator's columns: the four figures, an own target per year, the justification."""
    return (*WHOLE_FIELDS, *(target_field(year) for year in years), "justification")


def unit_first_field_column(years: Sequence[int]) -> int:
    """Unit layout: code, indicator, unit label, a national target per year, then the fields."""
    return 4 + len(years)


# Fields a count has no use for: it has no denominator.
RATIO_ONLY = frozenset({"baseline_denominator", "denominator"})

HEADER_FILL = PatternFill("solid", fgColor="DCE6F0")
LOCKED_FILL = PatternFill("solid", fgColor="EDEDED")
INPUT_FILL = PatternFill("solid", fgColor="FFFDE7")
UNLOCKED = Protection(locked=False)


def field_labels() -> dict[str, str]:
    """The figure columns as the pages name them, as column headings."""
    return report_field_labels(capitalise=True)


@dataclass(frozen=True)
class WorkbookFile:
    name: str
    content: bytes


def national_targets(
    campaign: Campaign, indicators: Iterable[Indicator]
) -> dict[tuple[int, int], Decimal]:
    """{(indicator id, year): value} of the targets in force at the campaign's cut-off:
    national ones or the campaign province's own, the latest in force winning."""
    on = campaign.data_cutoff or campaign.tree_date
    found: dict[tuple[int, int], Decimal] = {}
    targets = (
        Target.objects.filter(indicator__in=list(indicators), in_force_from__lte=on)
        .filter(Q(province__isnull=True) | Q(province_id=campaign.root_id))
        .order_by("in_force_from", "province_id")
    )
    for target in targets:
        found[(target.indicator_id, target.year)] = target.value
    return found


def template_indicators(template: ReportTemplate) -> list[Indicator]:
    return [
        link.indicator
        for link in template.templateindicator_set.select_related("indicator").order_by(
            "order", "indicator__code"
        )
    ]


def commune_obligations_of(campaign: Campaign, district: OrgUnit) -> dict[int, OrgUnit]:
    """{unit id: commune} of the district's communes that owe a report in the campaign."""
    obligations = (
        campaign.obligations.filter(
            deliverable=Deliverable.REPORT, unit__parent=district, unit__level=Level.COMMUNE
        )
        .select_related("unit")
        .order_by("unit__code")
    )
    return {o.unit_id: o.unit for o in obligations}


def reports_of(campaign: Campaign, unit_ids: Iterable[int]) -> dict[int, Report]:
    """{unit id: report} of the reports already opened for these units, with their rows
    read once (the cells and the Seen token are made from the same rows)."""
    reports = (
        Report.objects.filter(
            obligation__campaign=campaign,
            obligation__deliverable__in=(Deliverable.REPORT, Deliverable.CONSOLIDATED),
            obligation__unit_id__in=list(unit_ids),
        )
        .select_related("obligation")
        .prefetch_related("values", "texts")
    )
    return {r.obligation.unit_id: r for r in reports}


def values_of(reports: Iterable[Report]) -> dict[tuple[int, int], DataValue]:
    """{(report id, indicator id): row}, with the rows' own targets."""
    rows = DataValue.objects.filter(report__in=[r.pk for r in reports])
    return {(row.report_id, row.indicator_id): row for row in own_targets_attach(rows)}


def seen_token(report: Report | None) -> str:
    """The figures the workbook shows of a report (texts are not in a workbook); a report
    not opened yet shows every figure empty."""
    return seen_encode(Seen(values=seen_of(report).values) if report is not None else Seen())


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _header(ws: Worksheet, row: int, column: int, text: str, width: float | None = None) -> None:
    cell = ws.cell(row=row, column=column, value=text)
    cell.font = Font(bold=True)
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if width is not None:
        ws.column_dimensions[get_column_letter(column)].width = width


def _input(ws: Worksheet, row: int, column: int, value: Any, editable: bool) -> None:
    cell = ws.cell(row=row, column=column, value=_plain(value) if value != "" else None)
    if editable:
        cell.protection = UNLOCKED
        cell.fill = INPUT_FILL
    else:
        cell.fill = LOCKED_FILL


def _validations(ws: Worksheet) -> tuple[DataValidation, DataValidation]:
    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not a whole number"),
        error=_("Enter a whole number, 0 or more."),
    )
    target = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=_("Not a number"),
        error=_("Enter a number, 0 or more."),
    )
    ws.add_data_validation(whole)
    ws.add_data_validation(target)
    return whole, target


def _validate(dv: tuple[DataValidation, DataValidation], field: str, ref: str) -> None:
    if field in WHOLE_FIELDS:
        dv[0].add(ref)
    elif target_year(field) is not None:
        dv[1].add(ref)


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may change
    ws.protection.formatRows = False
    ws.freeze_panes = f"C{FIRST_ROW}"


def _meta(
    wb: Workbook,
    *,
    layout: str,
    campaign: Campaign,
    unit: OrgUnit,
    template: ReportTemplate,
    indicators: Sequence[Indicator],
    reports: dict[str, Report | None],
    sheet: str,
) -> None:
    """The meta sheet; `reports`: {unit code: its report or None} of the data sheet."""
    ws = wb.create_sheet(META_SHEET)
    revisions = {code: r.revision if r is not None else 0 for code, r in reports.items()}
    rows: list[tuple[str, Any]] = [
        ("format", FORMAT),
        ("format_version", FORMAT_VERSION),
        ("layout", layout),
        ("campaign", campaign.pk),
        ("campaign_title", campaign.title),
        ("unit", unit.code),
        ("unit_id", unit.pk),
        ("made_on", today().isoformat()),
        ("template", template.pk),
        ("template_level", template.level),
        ("template_version", template.version),
        ("target_years", ",".join(str(year) for year in template.target_years)),
        ("indicators", ",".join(i.code for i in indicators)),
        ("revisions", json.dumps(revisions, separators=(",", ":"))),
        ("sheet", sheet),
    ]
    for row in rows:
        ws.append(list(row))
    for code, report in reports.items():
        token = seen_token(report)
        chunks = [token[i : i + META_CHUNK] for i in range(0, len(token), META_CHUNK)]
        ws.append([f"{SEEN_KEY}{code}", *chunks])
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def _title(ws: Worksheet, campaign: Campaign, unit: OrgUnit, hint: str) -> None:
    cutoff = campaign.data_cutoff
    title = f"{campaign.title} · {unit.display_name}"
    if cutoff is not None:
        title += " · " + _("figures as of %(date)s") % {"date": f"{cutoff:%d/%m/%Y}"}
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    ws.cell(row=2, column=1, value=hint).font = Font(italic=True)


def unit_workbook(*, campaign: Campaign, unit: OrgUnit) -> WorkbookFile:
    """One unit's report as a workbook: a row per indicator of its template asked of it."""
    template = template_for(campaign, unit.level)
    indicators = [i for i in template_indicators(template) if i.asked_of(unit)]
    report = reports_of(campaign, [unit.pk]).get(unit.pk)
    rows = values_of([report]) if report is not None else {}
    editable = report is None or report.is_editable
    targets = national_targets(campaign, indicators)
    labels = field_labels()

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Indicators")[:31]
    _title(
        ws,
        campaign,
        unit,
        _("Fill in the yellow cells; grey cells cannot change. Upload the file back to XHHT.")
        if editable
        else _("This report has been sent: the file is for reading only."),
    )
    years = template.target_years
    fields = fields_for(years)
    heads = [
        (_("Code"), 14),
        (_("Indicator"), 48),
        (_("Unit"), 8),
        *((_("National target %(year)s") % {"year": year}, 11) for year in years),
    ] + [(labels[f], 28 if f == "justification" else 12) for f in fields]
    for column, (text, width) in enumerate(heads, start=1):
        _header(ws, HEADER_ROW, column, text, width)
    dv = _validations(ws)
    for offset, indicator in enumerate(indicators):
        r = FIRST_ROW + offset
        row = rows.get((report.pk, indicator.pk)) if report is not None else None
        ws.cell(row=r, column=1, value=indicator.code)
        ws.cell(row=r, column=2, value=indicator.name).alignment = Alignment(wrap_text=True)
        ws.cell(row=r, column=3, value=indicator.unit_label)
        for index, year in enumerate(years):
            national = targets.get((indicator.pk, year))
            ws.cell(row=r, column=4 + index, value=_plain(national))
        for index, field in enumerate(fields):
            column = unit_first_field_column(years) + index
            can = editable and (indicator.is_ratio or field not in RATIO_ONLY)
            value = row.figure(field) if row is not None else None
            _input(ws, r, column, value, can)
            if can:
                _validate(dv, field, f"{get_column_letter(column)}{r}")
    _protect(ws)
    _meta(
        wb,
        layout=UNIT_LAYOUT,
        campaign=campaign,
        unit=unit,
        template=template,
        indicators=indicators,
        reports={unit.code: report},
        sheet=ws.title,
    )
    return WorkbookFile(name=f"xhht-{campaign.pk}-{unit.code}.xlsx", content=_bytes(wb))


def communes_workbook(*, campaign: Campaign, district: OrgUnit, user: User | None) -> WorkbookFile:
    """Every commune of a district: a row per commune, seven columns per indicator. A
    commune's own draft (one `user` may not read: reading.can_read) is a grey row with no
    figure, its Seen token left out: the file shows it empty, and the import refuses what
    is typed there."""
    template = template_for(campaign, Level.COMMUNE)
    indicators = template_indicators(template)
    communes = commune_obligations_of(campaign, district)
    opened = reports_of(campaign, communes)
    own = {pk for pk, r in opened.items() if user is not None and not reading.can_read(user, r)}
    reports = {pk: r for pk, r in opened.items() if pk not in own}
    rows = values_of(reports.values())
    labels = field_labels()
    fields = fields_for(template.target_years)

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _("Communes")[:31]
    _title(
        ws,
        campaign,
        district,
        _(
            "A row per commune. Fill in the yellow cells; grey cells cannot change "
            "(a sent report changes only after it is returned; a commune's own draft is "
            "entered by the commune until it is sent). Upload the file back to XHHT."
        ),
    )
    for column, (text, width) in enumerate(
        [(_("Code"), 9), (_("Unit name"), 26), (_("Status"), 12)], start=1
    ):
        _header(ws, HEADER_ROW, column, text, width)
    for position, indicator in enumerate(indicators):
        first = COMMUNES_FIRST_FIELD_COLUMN + position * len(fields)
        ws.merge_cells(
            start_row=2, start_column=first, end_row=2, end_column=first + len(fields) - 1
        )
        _header(ws, 2, first, f"{indicator.code} — {indicator.name}")
        for index, field in enumerate(fields):
            _header(
                ws, HEADER_ROW, first + index, labels[field], 22 if field == "justification" else 11
            )
    ws.row_dimensions[2].height = 45
    dv = _validations(ws)
    statuses = dict(ReportStatus.choices)
    for offset, commune in enumerate(communes.values()):
        r = FIRST_ROW + offset
        report = reports.get(commune.pk)
        editable = commune.pk not in own and (report is None or report.is_editable)
        ws.cell(row=r, column=1, value=commune.code)
        ws.cell(row=r, column=2, value=commune.display_name)
        status = report.status if report is not None else ReportStatus.DRAFT
        shown = _(OWN_DRAFT_STATUS) if commune.pk in own else str(statuses[status])
        ws.cell(row=r, column=3, value=shown)
        for position, indicator in enumerate(indicators):
            first = COMMUNES_FIRST_FIELD_COLUMN + position * len(fields)
            row = rows.get((report.pk, indicator.pk)) if report is not None else None
            for index, field in enumerate(fields):
                can = editable and (indicator.is_ratio or field not in RATIO_ONLY)
                value = row.figure(field) if row is not None else None
                _input(ws, r, first + index, value, can)
    # Validation by column ranges: one entry per column, not per cell.
    last = FIRST_ROW + max(len(communes), 1) - 1
    for position, indicator in enumerate(indicators):
        first = COMMUNES_FIRST_FIELD_COLUMN + position * len(fields)
        for index, field in enumerate(fields):
            if indicator.is_ratio or field not in RATIO_ONLY:
                letter = get_column_letter(first + index)
                _validate(dv, field, f"{letter}{FIRST_ROW}:{letter}{last}")
    _protect(ws)
    _meta(
        wb,
        layout=COMMUNES_LAYOUT,
        campaign=campaign,
        unit=district,
        template=template,
        indicators=indicators,
        reports={
            commune.code: reports.get(commune.pk)
            for commune in communes.values()
            if commune.pk not in own
        },
        sheet=ws.title,
    )
    return WorkbookFile(
        name=f"xhht-{campaign.pk}-{district.code}-communes.xlsx", content=_bytes(wb)
    )


def _bytes(wb: Workbook) -> bytes:
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def made_on(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None
