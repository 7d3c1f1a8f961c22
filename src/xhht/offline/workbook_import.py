"""Reading an uploaded report workbook back: check everything, then write all or nothing.

Every problem is reported with its sheet, its cell (A1) and a reason the user can act
on, all of them in one pass; a file with any problem writes nothing. Checked: the file
is an .xlsx made by XHHT (its meta sheet, a known format), for this campaign and this
report's form (every indicator it carries is still in the template; other edits of the
template do not matter); each unit code is known and in the uploader's scope (a district
for its communes, a commune for itself); each figure is a whole number (1.234 is read as
Vietnamese thousands), not negative, a numerator no larger than its denominator, not a
formula without a computed value; a sent report is not changed.

Only what the user changed is written: the workbook carries what it showed of each
report (a Seen token, seen.py) and each figure goes through the same three-way merge as
editing.report_save; a figure both the user and someone else changed is a conflict,
named by its cell. A workbook without tokens (format 1) is compared with the stored
version, and refused when the report was saved since it was made, as before.

The figures are written by the reports' one write function, editing.figures_save, as
the report page's are: in bulk (one prepared update, one audit entry per changed row,
bulk-created, each report's revision raised), so that a 10,000-row file stays well
under ten seconds. A unit entered by the unit above is marked so, as on the page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import IO, Any

from django.db import transaction
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.campaigns.dashboards import campaigns_for
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.campaigns.services import CampaignError, check_campaign_writable
from xhht.indicators.models import Indicator
from xhht.offline.workbook import (
    COMMUNES_FIRST_FIELD_COLUMN,
    COMMUNES_LAYOUT,
    FIRST_ROW,
    META_SHEET,
    SEEN_KEY,
    commune_obligations_of,
    fields_for,
    template_indicators,
    unit_first_field_column,
)
from xhht.offline.workbook_cells import (
    INDICATOR_GONE,
    CellError,
    Reader,
    UnitRows,
    blank,
    cell_text,
    formula_cells,
    quoted,
)
from xhht.offline.workbook_file import (
    NOT_OURS,
    NOT_XLSX,
    WorkbookError,
    WorkbookMeta,
    data_sheet,
    int_or_none,
    meta_of,
    sniff_xlsx,
    target_years_of,
)
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports import reading
from xhht.reports.editing import ReportError, figures_save, merge_verdict, report_open
from xhht.reports.models import DataValue, Report, ReportStatus, own_targets_attach
from xhht.reports.seen import Seen, seen_decode, value_key
from xhht.reports.templates_build import template_for

OTHER_CAMPAIGN = gettext_noop(
    "This workbook belongs to another campaign (no. %(id)s), not to “%(title)s”."
)
NO_CAMPAIGN = gettext_noop("No campaign of yours has the number %(id)s.")
UNKNOWN_UNIT = gettext_noop("Unknown unit code “%(code)s” in this campaign.")
OTHER_TEMPLATE = gettext_noop(
    "This file is the form of another report (another campaign's or another level's "
    "form), not of the report of %(unit)s: download the form of this report."
)
MAY_NOT_ENTER = gettext_noop("You may not enter the report of %(unit)s.")
UNKNOWN_INDICATOR = gettext_noop("Unknown indicator code “%(code)s”.")
NO_INDICATOR_CODE = gettext_noop("The indicator code is missing on this row.")
NO_UNIT_CODE = gettext_noop("The unit code is missing on this row.")
NOT_A_COMMUNE = gettext_noop("Unknown unit code “%(code)s”: it is not a commune of %(district)s.")
TWICE = gettext_noop("“%(code)s” is already on row %(row)s.")
REPORT_LOCKED = gettext_noop("the report is %(status)s: it can change only after it is returned")
CONFLICT = gettext_noop(
    "%(who)s saved %(saved)s here at %(time)s, after this file was made, and your file "
    "changes it to %(typed)s. Nothing was saved: type the saved figure here to keep it, "
    "or enter yours on the report page"
)
STALE = gettext_noop(
    "The report of %(unit)s was saved by %(who)s at %(time)s, after this file was made: "
    "download a new form so that nothing of theirs is overwritten."
)
SOMEONE = gettext_noop("someone")
OWN_DRAFT = gettext_noop(
    "the report of %(unit)s is its own draft: only %(unit)s enters it until it is sent"
)


@dataclass
class ImportResult:
    campaign: Campaign | None = None
    unit: OrgUnit | None = None
    layout: str = ""
    errors: list[CellError] = field(default_factory=list)
    reports_changed: int = 0
    rows_changed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class _Import:
    def __init__(self, user: User | None, result: ImportResult, meta: WorkbookMeta) -> None:
        self.user = user
        self.result = result
        self.meta = meta
        self.tokens = any(key.startswith(SEEN_KEY) for key in meta.values)
        self.target_years = target_years_of(meta)

    def meta_error(self, key: str, message: str) -> None:
        self.result.errors.append(CellError(META_SHEET, self.meta.ref(key), message))

    def may_change(self, unit: OrgUnit) -> bool:
        if self.user is None:  # the command line without --user: the operator
            return True
        return scope.can_enter_work_of(self.user, unit)

    def seen_of(self, code: str) -> tuple[bool, Seen | None]:
        """(whether the file carries tokens, the Seen of this unit's report). A unit the
        file did not carry was shown empty."""
        if not self.tokens:
            return False, None
        token = self.meta.get(SEEN_KEY + code)
        return True, seen_decode(token) if token else Seen()

    def revision_of(self, code: str) -> int:
        try:
            revisions = json.loads(str(self.meta.get("revisions")))
            return int(revisions.get(code, 0))
        except (ValueError, TypeError, AttributeError):
            raise WorkbookError(_(NOT_OURS)) from None


def _campaign_and_unit(imp: _Import, expected: Campaign | None) -> tuple[Campaign, OrgUnit] | None:
    meta = imp.meta
    campaign_id = int_or_none(meta.get("campaign"))
    if expected is not None and campaign_id != expected.pk:
        imp.meta_error(
            "campaign", _(OTHER_CAMPAIGN) % {"id": meta.get("campaign"), "title": expected.title}
        )
        return None
    campaigns = Campaign.objects.all() if imp.user is None else campaigns_for(imp.user)
    campaign = expected
    if campaign is None and campaign_id is not None:
        campaign = campaigns.select_related("root").filter(pk=campaign_id).first()
    if campaign is None:
        imp.meta_error("campaign", _(NO_CAMPAIGN) % {"id": meta.get("campaign")})
        return None
    code = cell_text(meta.get("unit"))
    unit = OrgUnit.objects.in_force(campaign.tree_date).filter(code=code).first() if code else None
    if unit is None or not campaign.root.is_ancestor_of(unit):
        imp.meta_error("unit", _(UNKNOWN_UNIT) % {"code": code})
        return None
    return campaign, unit


def _indicators(imp: _Import, campaign: Campaign, level: str) -> dict[str, Indicator] | None:
    """The template's indicators by code; None when the file is another template's form.
    The template's version does not matter: its headings are not in a workbook."""
    template = template_for(campaign, level)
    if int_or_none(imp.meta.get("template")) != template.pk:
        assert imp.result.unit is not None
        imp.meta_error("template", _(OTHER_TEMPLATE) % {"unit": imp.result.unit.display_name})
        return None
    return {i.code: i for i in template_indicators(template)}


def _gone_names(codes: list[str]) -> dict[str, str]:
    """{code: name} of indicators a file carries that its template no longer has."""
    return dict(Indicator.objects.filter(code__in=codes).values_list("code", "name"))


def workbook_import(
    *, stream: IO[bytes], name: str, user: User | None, campaign: Campaign | None = None
) -> ImportResult:
    """Check an uploaded workbook and, when it has no error at all, save what its user
    changed.

    `campaign`: the campaign of the page it was uploaded on (None from the command
    line). `user`: the uploader, whose scope decides which units it may fill (None:
    the operator at the command line; the changes are then recorded without a user).
    Raises WorkbookError for a file that is not an XHHT workbook at all."""
    sniff_xlsx(stream, name)
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise WorkbookError(_(NOT_XLSX) % {"name": name}) from None
    try:
        meta = meta_of(book)
        result = ImportResult(layout=str(meta.get("layout")))
        imp = _Import(user, result, meta)
        found = _campaign_and_unit(imp, campaign)
        if found is None:
            return result
        try:
            check_campaign_writable(found[0])
        except CampaignError as refused:  # withdrawn: the whole file is refused
            result.errors.append(CellError("", "", refused.message))
            return result
        result.campaign, result.unit = found
        sheet_name = data_sheet(book, meta)
        formulas = formula_cells(stream, sheet_name)
        communes = result.layout == COMMUNES_LAYOUT
        read = _read_communes_layout if communes else _read_unit_layout
        fields = fields_for(imp.target_years)
        units = read(imp, book[sheet_name], Reader(sheet_name, formulas, communes, fields))
    finally:
        book.close()
    if units is not None:
        _apply(imp, units, sheet_name)
    return result


def _read_unit_layout(imp: _Import, sheet: Any, reader: Reader) -> list[UnitRows] | None:
    campaign, unit = imp.result.campaign, imp.result.unit
    assert campaign is not None and unit is not None
    if not imp.may_change(unit):
        reader.error("A1", _(MAY_NOT_ENTER) % {"unit": unit.display_name})
        imp.result.errors.extend(reader.errors)
        return None
    indicators = _indicators(imp, campaign, unit.level)
    if indicators is None:
        return None
    target = UnitRows(unit=unit, row=0)
    seen: dict[str, int] = {}
    first_field = unit_first_field_column(imp.target_years)
    last = first_field + len(reader.field_names) - 1
    rows: list[tuple[int, str, list[tuple[str, Any]]]] = []
    for r, row in enumerate(
        sheet.iter_rows(min_row=FIRST_ROW, max_col=last, values_only=True), start=FIRST_ROW
    ):
        cells = list(row) + [None] * (last - len(row))
        inputs = [
            (f"{get_column_letter(c)}{r}", cells[c - 1]) for c in range(first_field, last + 1)
        ]
        rows.append((r, cell_text(cells[0]), inputs))
    # Rows the form was made with but the template no longer has (even if deleted since).
    carried = [c for c in cell_text(imp.meta.get("indicators")).split(",") if c]
    gone = {c: "" for c in carried if c not in indicators}
    gone.update(_gone_names([code for _r, code, _i in rows if code and code not in indicators]))
    for r, code, inputs in rows:
        filled = any(not blank(v) or ref in reader.formulas for ref, v in inputs)
        if not code:
            if filled:
                reader.error(f"A{r}", _(NO_INDICATOR_CODE))
            continue
        indicator = indicators.get(code)
        if indicator is None:
            if code not in gone:
                reader.error(f"A{r}", _(UNKNOWN_INDICATOR) % {"code": code})
            elif filled:  # taken out of the template: harmless while its row is empty
                label = f"{code} — {gone[code]}" if gone[code] else code
                reader.error(f"A{r}", _(INDICATOR_GONE) % {"indicator": label})
            continue
        if code in seen:
            reader.error(f"A{r}", _(TWICE) % {"code": indicator.name, "row": seen[code]})
            continue
        seen[code] = r
        reader.fields(target, indicator, iter(inputs))
    imp.result.errors.extend(reader.errors)
    return [target]


def _read_communes_layout(imp: _Import, sheet: Any, reader: Reader) -> list[UnitRows] | None:
    campaign, district = imp.result.campaign, imp.result.unit
    assert campaign is not None and district is not None
    indicators = _indicators(imp, campaign, Level.COMMUNE)
    if indicators is None:
        return None
    codes = [c for c in cell_text(imp.meta.get("indicators")).split(",") if c]
    gone = _gone_names([c for c in codes if c not in indicators])
    communes = {u.code: u for u in commune_obligations_of(campaign, district).values()}
    found: list[UnitRows] = []
    seen: dict[str, int] = {}
    width = len(reader.field_names)
    last = COMMUNES_FIRST_FIELD_COLUMN + width * len(codes) - 1
    for r, row in enumerate(
        sheet.iter_rows(min_row=FIRST_ROW, max_col=last, values_only=True), start=FIRST_ROW
    ):
        cells = list(row) + [None] * (last - len(row))
        code = cell_text(cells[0])
        if not code:
            if any(cell_text(c) for c in cells[COMMUNES_FIRST_FIELD_COLUMN - 1 :]):
                reader.error(f"A{r}", _(NO_UNIT_CODE))
            continue
        commune = communes.get(code)
        if commune is None:
            reader.error(
                f"A{r}", _(NOT_A_COMMUNE) % {"code": code, "district": district.display_name}
            )
            continue
        if code in seen:
            reader.error(f"A{r}", _(TWICE) % {"code": code, "row": seen[code]})
            continue
        seen[code] = r
        if not imp.may_change(commune):
            reader.error(f"A{r}", _(MAY_NOT_ENTER) % {"unit": commune.display_name})
            continue
        target = UnitRows(unit=commune, row=r)
        for position, indicator_code in enumerate(codes):
            first = COMMUNES_FIRST_FIELD_COLUMN + position * width
            group = [
                (f"{get_column_letter(c)}{r}", cells[c - 1]) for c in range(first, first + width)
            ]
            indicator = indicators.get(indicator_code)
            if indicator is None:
                reader.gone(target, indicator_code, gone, group)
            else:
                reader.fields(target, indicator, iter(group))
        found.append(target)
    imp.result.errors.extend(reader.errors)
    return found


# -- what changes, checked against what is stored now ------------------------------------


@dataclass
class _Change:
    unit: OrgUnit
    report: Report | None
    seen: Seen | None  # what the file showed; None: a file without tokens
    revision: int | None  # a file without tokens: the revision it was made from
    values: dict[int, dict[str, Any]]  # only the fields to write


def _locked_reports(campaign: Campaign, units: list[UnitRows]) -> dict[int, Report]:
    reports = (
        Report.objects.select_for_update(of=("self",))
        .filter(
            obligation__campaign=campaign,
            obligation__deliverable__in=(Deliverable.REPORT, Deliverable.CONSOLIDATED),
            obligation__unit_id__in=[u.unit.pk for u in units],
        )
        .select_related("obligation__unit", "updated_by")
    )
    return {r.obligation.unit_id: r for r in reports}


@dataclass
class _Merged:
    writes: dict[int, dict[str, Any]] = field(default_factory=dict)
    conflicts: list[tuple[int, str, Any, Any]] = field(default_factory=list)
    touched: list[tuple[int, str]] = field(default_factory=list)  # in the sheet's order


class _Planner:
    """Decides, under the reports' locks, what each figure of the file does: nothing, a
    write, or a conflict (merge_verdict, as report_save decides it)."""

    def __init__(self, imp: _Import, sheet: str, reports: dict[int, Report]) -> None:
        self.imp = imp
        self.sheet = sheet
        self.reports = reports
        self.saved: dict[tuple[int, int], DataValue] = {
            (row.report_id, row.indicator_id): row
            for row in own_targets_attach(
                DataValue.objects.filter(report__in=list(reports.values()))
            )
        }
        self.names = dict(Indicator.objects.values_list("pk", "name"))
        communes = imp.result.layout == COMMUNES_LAYOUT
        self.reader = Reader(sheet, {}, communes, fields_for(imp.target_years))
        self.statuses = dict(ReportStatus.choices)

    def error(self, item: UnitRows, indicator_id: int, name: str, reason: str) -> None:
        indicator = self.names.get(indicator_id, "")
        self.imp.result.errors.append(
            CellError(
                self.sheet,
                item.cells[(indicator_id, name)],
                self.reader.located(item.unit, indicator, name, reason),
            )
        )

    def _merged(self, item: UnitRows, report: Report | None, seen: Seen | None) -> _Merged:
        """Each typed figure against the stored one and the one the file showed."""
        merged = _Merged()
        for indicator_id, fields in item.values.items():
            row = self.saved.get((report.pk, indicator_id)) if report is not None else None
            for name, typed in fields.items():
                stored = row.figure(name) if row is not None else None
                shown = None if seen is None else seen.value_shown(indicator_id, name) or ""
                verdict = merge_verdict(shown, value_key(typed), value_key(stored))
                if verdict == "write":
                    merged.writes.setdefault(indicator_id, {})[name] = typed
                elif verdict == "conflict":
                    merged.conflicts.append((indicator_id, name, typed, stored))
                if verdict != "skip":
                    merged.touched.append((indicator_id, name))
        return merged

    def refusal(self, report: Report | None) -> str:
        """Why the file may not change this report at all ("" when it may)."""
        if report is None:
            return ""
        user = self.imp.user
        if user is not None and not reading.can_read(user, report):
            return _(OWN_DRAFT) % {"unit": report.obligation.unit.display_name}
        if not report.is_editable:
            return _(REPORT_LOCKED) % {"status": self.statuses[report.status]}
        return ""

    def plan(self, item: UnitRows) -> _Change | None:
        report = self.reports.get(item.unit.pk)
        tokens, seen = self.imp.seen_of(item.unit.code)
        merged = self._merged(item, report, seen)
        writes, conflicts, touched = merged.writes, merged.conflicts, merged.touched
        if not touched:
            return None
        reason = self.refusal(report)
        if reason:
            for indicator_id, name in touched:
                self.error(item, indicator_id, name, reason)
            return None
        who = report.updated_by.get_username() if report and report.updated_by else _(SOMEONE)
        when = f"{localtime(report.updated_at):%H:%M %d/%m/%Y}" if report is not None else ""
        for indicator_id, name, typed, stored in conflicts:
            reason = _(CONFLICT) % {
                "who": who,
                "saved": quoted(stored),
                "time": when,
                "typed": quoted(typed),
            }
            self.error(item, indicator_id, name, reason)
        revision = None
        if not tokens:
            revision = self.imp.revision_of(item.unit.code)
            if report is not None and report.revision != revision:
                self.imp.result.errors.append(
                    CellError(
                        self.sheet,
                        f"A{item.row}" if item.row else "A1",
                        _(STALE) % {"unit": item.unit.display_name, "who": who, "time": when},
                    )
                )
                return None
        if conflicts:
            return None
        return _Change(item.unit, report, seen, revision, writes)


def _apply(imp: _Import, units: list[UnitRows], sheet: str) -> None:
    """Plan every unit's changes under lock; save them when the file has no error at all."""
    campaign = imp.result.campaign
    assert campaign is not None
    try:
        with transaction.atomic():
            planner = _Planner(imp, sheet, _locked_reports(campaign, units))
            changes = [c for c in (planner.plan(item) for item in units) if c is not None]
            if imp.result.errors or not changes:
                return
            _save(imp, campaign, changes, planner.saved)
            _mark_entered(imp, changes)
    except ReportError as error:
        imp.result.errors.append(CellError("", "", str(error)))
        imp.result.reports_changed = imp.result.rows_changed = 0


def _obligation(campaign: Campaign, unit: OrgUnit) -> Obligation:
    return campaign.obligations.get(
        unit=unit, deliverable__in=(Deliverable.REPORT, Deliverable.CONSOLIDATED)
    )


def _save(
    imp: _Import,
    campaign: Campaign,
    changes: list[_Change],
    stored: dict[tuple[int, int], DataValue],
) -> None:
    """Write the planned figures through the reports' one write function (figures_save),
    with the rows the planner read (a report opened now has its rows read there)."""
    for change in changes:
        if change.report is None:
            # Opened now (a district's report starts with its communes' sums): what the
            # user typed differs from the empty form it was shown, and is written over them.
            change.report = report_open(
                obligation=_obligation(campaign, change.unit), user=imp.user
            )
    saved = {change.report: change.values for change in changes if change.report is not None}
    imp.result.rows_changed = figures_save(changes=saved, user=imp.user, stored=stored)
    imp.result.reports_changed = len(saved)


def _mark_entered(imp: _Import, changes: list[_Change]) -> None:
    """The unit above filled these reports for their units: said on each, as on the page."""
    for change in changes:
        if change.report is not None:
            reading.report_entered_by_reviewer(report=change.report, user=imp.user)
