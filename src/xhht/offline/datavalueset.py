"""Figures in bulk in the shape of DHIS2's dataValueSets (JSON or CSV), ids as codes.

A value names its unit (`orgUnit`, GSO code), its indicator (`dataElement`, indicator code)
and which figure of the row it is (`categoryOptionCombo`: default/value, denominator,
baseline, baseline_denominator); its `comment` is the row's justification. Every value is
checked the way the Excel import checks a cell (workbook_cells.whole; a count has no
denominator; a part no larger than its total), against the uploader's scope and the reports'
state, all under the reports' locks; any conflict writes nothing and every one is listed
with the positions of the values it concerns. Figures are written by the reports' one
write function, editing.figures_save (audited per row, as the report page's are).

A dry run plans under the same locks and writes nothing; a report not opened yet is
planned as empty (opening it may carry baselines, which a real run then counts)."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.campaigns.models import Campaign, Obligation
from xhht.campaigns.services import CampaignError, check_campaign_writable
from xhht.indicators.models import Indicator
from xhht.offline.datavalueset_payload import DataValueIn
from xhht.offline.workbook import RATIO_ONLY, field_labels, template_indicators
from xhht.offline.workbook_cells import NO_DENOMINATOR, ON_INDICATOR, blank, number_text, whole
from xhht.offline.workbook_import import MAY_NOT_ENTER, OWN_DRAFT, REPORT_LOCKED, UNKNOWN_UNIT
from xhht.reports import reading
from xhht.reports.editing import ReportError, figures_save, report_open
from xhht.reports.models import DataValue, Report, ReportStatus
from xhht.reports.seen import value_key
from xhht.reports.templates_build import template_for
from xhht.reports.validation import PART_OF_WHOLE, parts_over_whole

# categoryOptionCombo → the row's field; absent is the value itself.
FIELD_OF_COMBO = {
    "": "value",
    "default": "value",
    "value": "value",
    "denominator": "denominator",
    "baseline": "baseline",
    "baseline_denominator": "baseline_denominator",
}


class Strategy(enum.StrEnum):
    CREATE = "CREATE"  # only fields still empty; a stored figure is left
    UPDATE = "UPDATE"  # only fields holding a figure; an empty one is left
    CREATE_AND_UPDATE = "CREATE_AND_UPDATE"
    DELETE = "DELETE"  # the fields are cleared


# Conflict codes, DHIS2's way (an id per kind of refusal).
UNKNOWN_UNIT_CODE = "E7612"
NOT_IN_SCOPE_CODE = "E7617"
UNKNOWN_INDICATOR_CODE = "E7610"
BAD_COMBO_CODE = "E7613"
BAD_PERIOD_CODE = "E7611"
BAD_VALUE_CODE = "E7619"
ABOVE_TOTAL_CODE = "E7620"
DUPLICATE_CODE = "E7621"
LOCKED_CODE = "E7640"
OWN_DRAFT_CODE = "E7641"
CLOSED_CODE = "E7642"

NO_UNIT = gettext_noop("The value names no unit (“orgUnit”), and the set names none either.")
NOT_IN_FORM = gettext_noop("“%(code)s” is not an indicator of the report of %(unit)s.")
BAD_COMBO = gettext_noop(
    "“%(combo)s” is not a figure of a row: use default, denominator, baseline or "
    "baseline_denominator."
)
BAD_PERIOD = gettext_noop(
    "The period “%(period)s” is not this campaign's: its figures are as of %(day)s (or "
    "the year %(year)s)."
)
ABOVE_TOTAL = gettext_noop("%(num)s is more than its total %(den)s")
DUPLICATE = gettext_noop("%(indicator)s (%(field)s) of %(unit)s is given more than once.")
CLOSED = gettext_noop("The campaign is closed: its reports can no longer change.")
DONE = gettext_noop(
    "%(imported)d values imported, %(updated)d updated, %(deleted)d deleted, %(ignored)d ignored."
)
DRY = gettext_noop(
    "Dry run, nothing was written: %(imported)d values would be imported, %(updated)d "
    "updated, %(deleted)d deleted, %(ignored)d ignored."
)
LEFT = gettext_noop(
    "%(count)d values were left as stored because of the import strategy %(strategy)s."
)
FAILED = gettext_noop("Nothing was written: %(count)d conflicts; see “conflicts”.")


# -- the summary ---------------------------------------------------------------------------


@dataclass
class ImportConflict:
    object: str
    value: str
    error_code: str
    property: str
    message: str
    indexes: list[int] = field(default_factory=list)


@dataclass
class ImportSummary:
    strategy: Strategy = Strategy.CREATE_AND_UPDATE
    dry_run: bool = False
    imported: int = 0
    updated: int = 0
    deleted: int = 0
    ignored: int = 0
    left_by_strategy: int = 0  # of `ignored`: a field the strategy does not touch
    conflicts: list[ImportConflict] = field(default_factory=list)
    reports_changed: int = 0

    @property
    def status(self) -> str:
        if self.conflicts:
            return "ERROR"
        return "WARNING" if self.left_by_strategy else "SUCCESS"

    @property
    def description(self) -> str:
        if self.conflicts:
            return _(FAILED) % {"count": len(self.conflicts)}
        counts = {
            "imported": self.imported,
            "updated": self.updated,
            "deleted": self.deleted,
            "ignored": self.ignored,
        }
        text = _(DRY if self.dry_run else DONE) % counts
        if self.left_by_strategy:
            left = {"count": self.left_by_strategy, "strategy": self.strategy.value}
            text += " " + _(LEFT) % left
        return text

    def as_dhis2(self) -> dict[str, Any]:
        """DHIS2's import summary."""
        return {
            "responseType": "ImportSummary",
            "status": self.status,
            "description": self.description,
            "importCount": {
                "imported": self.imported,
                "updated": self.updated,
                "ignored": self.ignored,
                "deleted": self.deleted,
            },
            "conflicts": [
                {
                    "object": c.object,
                    "value": c.value,
                    "errorCode": c.error_code,
                    "property": c.property,
                    "indexes": c.indexes,
                    "message": c.message,
                }
                for c in self.conflicts
            ],
            "dryRun": self.dry_run,
            "dataSetComplete": "false",
        }


class _Conflicts:
    """Conflicts alike (same object, value, code, field and message) listed once, with
    every position they concern."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str, str, str, str], ImportConflict] = {}

    def add(self, index: int, obj: str, value: Any, code: str, prop: str, message: str) -> None:
        text = "" if value is None else str(value)
        key = (obj, text, code, prop, message)
        conflict = self.found.setdefault(key, ImportConflict(obj, text, code, prop, message))
        conflict.indexes.append(index)

    def __bool__(self) -> bool:
        return bool(self.found)


# -- checking each value against the campaign, without the reports ---------------------------


@dataclass
class _Target:
    """A value that names a unit, an indicator and a field it may write."""

    index: int
    raw: DataValueIn
    obligation: Obligation
    indicator: Indicator
    name: str
    number: int | None  # None: clear it
    comment: str


class _Resolver:
    def __init__(self, campaign: Campaign, user: User | None, conflicts: _Conflicts) -> None:
        self.campaign = campaign
        self.user = user
        self.conflicts = conflicts
        self.obligations = {
            o.unit.code: o
            for o in campaign.obligations.filter(
                deliverable__in=reading.REPORT_DELIVERABLES
            ).select_related("unit")
        }
        self.forms: dict[str, dict[str, Indicator]] = {}
        self.allowed: dict[int, str] = {}  # unit id → "" or the conflict code
        self.labels = field_labels()
        cutoff = reading.cutoff_of(campaign)
        self.cutoff = cutoff
        self.periods = {f"{cutoff:%Y%m%d}", str(cutoff.year)}

    def form_of(self, level: str) -> dict[str, Indicator]:
        if level not in self.forms:
            template = template_for(self.campaign, level)
            self.forms[level] = {i.code: i for i in template_indicators(template)}
        return self.forms[level]

    def refusal(self, obligation: Obligation) -> str:
        """Why the user may not enter this unit's work: a conflict code, or ""."""
        unit = obligation.unit
        if unit.pk not in self.allowed:
            user = self.user
            if user is None:  # the operator at the command line
                self.allowed[unit.pk] = ""
            elif not scope.can_see_unit(user, unit):  # its existence is not told
                self.allowed[unit.pk] = UNKNOWN_UNIT_CODE
            elif not scope.can_enter_work_of(user, unit):
                self.allowed[unit.pk] = NOT_IN_SCOPE_CODE
            else:
                self.allowed[unit.pk] = ""
        return self.allowed[unit.pk]

    def unit_of(self, index: int, raw: DataValueIn) -> Obligation | None:
        add = self.conflicts.add
        if not raw.org_unit:
            add(index, "", "", UNKNOWN_UNIT_CODE, "orgUnit", _(NO_UNIT))
            return None
        obligation = self.obligations.get(raw.org_unit)
        refusal = UNKNOWN_UNIT_CODE if obligation is None else self.refusal(obligation)
        if obligation is None or refusal == UNKNOWN_UNIT_CODE:
            message = _(UNKNOWN_UNIT) % {"code": raw.org_unit}
            add(index, raw.org_unit, raw.org_unit, UNKNOWN_UNIT_CODE, "orgUnit", message)
            return None
        if refusal:
            message = _(MAY_NOT_ENTER) % {"unit": obligation.unit.display_name}
            add(index, raw.org_unit, raw.org_unit, refusal, "orgUnit", message)
            return None
        return obligation

    def target(self, index: int, raw: DataValueIn, strategy: Strategy) -> _Target | None:
        add = self.conflicts.add
        obligation = self.unit_of(index, raw)
        ok = obligation is not None
        if raw.period and raw.period not in self.periods:
            day, year = f"{self.cutoff:%d/%m/%Y}", self.cutoff.year
            message = _(BAD_PERIOD) % {"period": raw.period, "day": day, "year": year}
            add(index, raw.period, raw.period, BAD_PERIOD_CODE, "period", message)
            ok = False
        combo = raw.category_option_combo
        name = FIELD_OF_COMBO.get(combo.lower())
        if name is None:
            message = _(BAD_COMBO) % {"combo": combo}
            add(index, combo, combo, BAD_COMBO_CODE, "categoryOptionCombo", message)
            ok = False
        if obligation is None:
            return None
        code = raw.data_element
        indicator = self.form_of(obligation.unit.level).get(code)
        if indicator is None:
            message = _(NOT_IN_FORM) % {"code": code, "unit": obligation.unit.display_name}
            add(index, code, code, UNKNOWN_INDICATOR_CODE, "dataElement", message)
            return None
        if not ok or name is None:
            return None
        number = self.number(index, raw, indicator, name, strategy)
        if number is False:
            return None
        return _Target(index, raw, obligation, indicator, name, number, raw.comment)

    def number(
        self, index: int, raw: DataValueIn, indicator: Indicator, name: str, strategy: Strategy
    ) -> Any:
        """The figure a value gives (None: clear the field), or False when it is wrong."""
        if strategy is Strategy.DELETE or blank(raw.value):
            return None
        number, reason = whole(raw.value)
        if not reason and name in RATIO_ONLY and not indicator.is_ratio:
            reason = _(NO_DENOMINATOR) % {"name": indicator.name}
        if reason:
            located = {"indicator": indicator.name, "field": self.labels[name], "reason": reason}
            message = _(ON_INDICATOR) % located
            self.conflicts.add(index, indicator.code, raw.value, BAD_VALUE_CODE, name, message)
            return False
        return number


# -- under the reports' locks ----------------------------------------------------------------


def _locked_reports(campaign: Campaign, unit_ids: Sequence[int]) -> dict[int, Report]:
    """{unit id: report} of the units' reports in the campaign, locked till the end."""
    reports = (
        Report.objects.select_for_update(of=("self",))
        .filter(
            obligation__campaign=campaign,
            obligation__deliverable__in=reading.REPORT_DELIVERABLES,
            obligation__unit_id__in=list(unit_ids),
        )
        .select_related("obligation__unit", "updated_by")
    )
    return {r.obligation.unit_id: r for r in reports}


def _refusals(
    reports: dict[int, Report], targets: list[_Target], user: User | None, conflicts: _Conflicts
) -> None:
    """A report the user may not change: sent (and not returned), or a unit's own draft."""
    statuses = dict(ReportStatus.choices)
    reasons: dict[int, tuple[str, str]] = {}
    for unit_id, report in reports.items():
        unit = report.obligation.unit
        if user is not None and not reading.can_read(user, report):
            reasons[unit_id] = (OWN_DRAFT_CODE, _(OWN_DRAFT) % {"unit": unit.display_name})
        elif not report.is_editable:
            message = _(REPORT_LOCKED) % {"status": statuses[report.status]}
            reasons[unit_id] = (LOCKED_CODE, message)
    for target in targets:
        found = reasons.get(target.obligation.unit_id)
        if found is not None:
            code = target.obligation.unit.code
            conflicts.add(target.index, code, code, found[0], "orgUnit", found[1])


def _open_missing(
    campaign: Campaign,
    reports: dict[int, Report],
    targets: list[_Target],
    user: User | None,
    strategy: Strategy,
) -> dict[int, Report]:
    """Open (report_open) the reports not opened yet that something will be written into."""
    if strategy in (Strategy.UPDATE, Strategy.DELETE):
        return {}  # nothing is stored in a report not opened yet
    wanted = {
        t.obligation.unit_id: t.obligation
        for t in targets
        if t.obligation.unit_id not in reports and (t.number is not None or t.comment)
    }
    for obligation in wanted.values():
        report_open(obligation=obligation, user=user)
    return _locked_reports(campaign, sorted(wanted)) if wanted else {}


def _verdict(strategy: Strategy, stored: Any, new: Any) -> str:
    """What writing `new` over `stored` is: same, left (by the strategy), imported,
    updated or deleted."""
    empty = stored is None or stored == ""
    if value_key(new) == value_key(stored):
        return "same"
    if (strategy is Strategy.CREATE and not empty) or (strategy is Strategy.UPDATE and empty):
        return "left"
    if new is None or new == "":
        return "deleted"
    return "imported" if empty else "updated"


_WRITES = ("imported", "updated", "deleted")
Writes = dict[int, dict[int, dict[str, Any]]]  # unit id → indicator id → field → value


class _Planner:
    """Decides what each value does against the stored rows; counts it in the summary."""

    def __init__(
        self,
        reports: dict[int, Report],
        strategy: Strategy,
        summary: ImportSummary,
        conflicts: _Conflicts,
    ) -> None:
        self.reports = reports
        self.strategy = strategy
        self.summary = summary
        self.conflicts = conflicts
        self.labels = field_labels()
        self.rows: dict[tuple[int, int], DataValue] = {
            (row.report_id, row.indicator_id): row
            for row in DataValue.objects.filter(report__in=list(reports.values()))
        }
        self.writes: Writes = {}
        self.by_field: dict[tuple[int, int, str], _Target] = {}

    def row_of(self, unit_id: int, indicator_id: int) -> DataValue | None:
        report = self.reports.get(unit_id)
        return None if report is None else self.rows.get((report.pk, indicator_id))

    def duplicate(self, target: _Target, name: str) -> bool:
        """Whether another value gave this field already (a conflict, unless the same)."""
        unit = target.obligation.unit
        key = (unit.pk, target.indicator.pk, name)
        first = self.by_field.setdefault(key, target)
        if first is target:
            return False
        if name == "justification" and first.comment == target.comment:
            return False
        label = self.labels[name]
        named = {"indicator": target.indicator.name, "field": label, "unit": unit.display_name}
        code, message = target.indicator.code, _(DUPLICATE) % named
        for index in (first.index, target.index):
            self.conflicts.add(index, code, target.raw.value, DUPLICATE_CODE, name, message)
        return True

    def write(self, target: _Target, name: str, value: Any) -> str:
        row = self.row_of(target.obligation.unit_id, target.indicator.pk)
        verdict = _verdict(self.strategy, None if row is None else row.figure(name), value)
        if verdict in _WRITES:
            fields = self.writes.setdefault(target.obligation.unit_id, {})
            fields.setdefault(target.indicator.pk, {})[name] = value
        return verdict

    def plan(self, target: _Target) -> None:
        if self.duplicate(target, target.name):
            return
        verdict = self.write(target, target.name, target.number)
        note = "same"
        deleting = self.strategy is Strategy.DELETE
        if deleting and target.name == "value":
            note = self.write(target, "justification", "")  # DHIS2 deletes a value's comment
        elif target.comment and not deleting and not self.duplicate(target, "justification"):
            note = self.write(target, "justification", target.comment)
        summary = self.summary
        if verdict in _WRITES:
            setattr(summary, verdict, getattr(summary, verdict) + 1)
        elif note in _WRITES:
            summary.updated += 1
        else:
            summary.ignored += 1
            summary.left_by_strategy += "left" in (verdict, note)

    def check_totals(self) -> None:
        """A part no larger than its total, as the rows will stand once written."""
        for unit_id, indicators in self.writes.items():
            for indicator_id, fields in indicators.items():
                row = self.row_of(unit_id, indicator_id)
                figures = {
                    name: fields.get(name, None if row is None else row.figure(name))
                    for pair in PART_OF_WHOLE
                    for name in pair
                }
                for num, den in parts_over_whole(figures):
                    if num not in fields and den not in fields:
                        continue  # as stored before this import: not this import's doing
                    part, total = figures[num], figures[den]
                    target = self.by_field.get((unit_id, indicator_id, num))
                    target = target or self.by_field[(unit_id, indicator_id, den)]
                    reason = _(ABOVE_TOTAL) % {"num": number_text(part), "den": number_text(total)}
                    code = target.indicator.code
                    named = target.indicator.name
                    located = {"indicator": named, "field": self.labels[num], "reason": reason}
                    message = _(ON_INDICATOR) % located
                    raw = target.raw.value
                    self.conflicts.add(
                        target.index, code, raw, ABOVE_TOTAL_CODE, target.name, message
                    )


class _Rollback(Exception):
    """Raised to undo a dry run, or a run with conflicts."""


def datavalueset_import(
    *,
    campaign: Campaign,
    values: Sequence[DataValueIn],
    user: User | None,
    dry_run: bool = False,
    strategy: Strategy = Strategy.CREATE_AND_UPDATE,
) -> ImportSummary:
    """Check every value and, when none has a conflict and it is no dry run, write them.

    `user`: whose scope decides which units' reports may change, recorded as the one who
    changed them (None: the operator at the command line, no scope, no user recorded). With
    any conflict nothing is written and the summary lists them all; its counts are then
    nothing but every value ignored."""
    summary = ImportSummary(strategy=strategy, dry_run=dry_run)
    conflicts = _Conflicts()
    try:
        with transaction.atomic():
            _run(campaign, values, user, summary, conflicts)
            if conflicts or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    except ReportError as error:  # the campaign was closed or withdrawn meanwhile
        for index in range(len(values)):
            conflicts.add(index, str(campaign.pk), "", CLOSED_CODE, "dataSet", str(error))
    if conflicts:
        found = list(conflicts.found.values())
        return ImportSummary(strategy, dry_run, ignored=len(values), conflicts=found)
    return summary


def _run(
    campaign: Campaign,
    values: Sequence[DataValueIn],
    user: User | None,
    summary: ImportSummary,
    conflicts: _Conflicts,
) -> None:
    strategy = summary.strategy
    try:
        check_campaign_writable(campaign)
        refused = _(CLOSED) if campaign.is_closed else ""
    except CampaignError as withdrawn:
        refused = withdrawn.message
    if refused:  # the data set takes no value: each one says why
        for index in range(len(values)):
            conflicts.add(index, str(campaign.pk), "", CLOSED_CODE, "dataSet", refused)
        return
    resolver = _Resolver(campaign, user, conflicts)
    found = (resolver.target(index, raw, strategy) for index, raw in enumerate(values))
    targets = [target for target in found if target is not None]
    reports = _locked_reports(campaign, sorted({t.obligation.unit_id for t in targets}))
    _refusals(reports, targets, user, conflicts)
    if conflicts:
        return
    if not summary.dry_run:
        reports.update(_open_missing(campaign, reports, targets, user, strategy))
    planner = _Planner(reports, strategy, summary, conflicts)
    for target in targets:
        planner.plan(target)
    planner.check_totals()
    if conflicts or summary.dry_run or not planner.writes:
        return
    changes = {reports[unit_id]: fields for unit_id, fields in planner.writes.items()}
    figures_save(changes=changes, user=user, stored=planner.rows)
    for report in changes:  # the unit above entered them: said on each, as on the page
        reading.report_entered_by_reviewer(report=report, user=user)
    summary.reports_changed = len(changes)
