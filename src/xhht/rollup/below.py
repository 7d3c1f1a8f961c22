"""A unit's report against the sums of the units below: pre-filled with them as it opens,
compared with them, refreshed from them; written through reports' report_save."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.indicators.models import Indicator
from xhht.kernel.kept import DIRECTORY, INDICATORS, OBLIGATIONS, generations, kept, remembered
from xhht.orgunits.models import OrgUnit, levels_below
from xhht.reports.editing import report_open, report_save
from xhht.reports.indicators import indicators_of
from xhht.reports.models import (
    DataValue,
    Report,
)
from xhht.rollup.services import COUNT_FIELDS, COUNTED, FIELDS, Rollup, collected_in, rollup_build

NOTHING_BELOW = gettext_noop("No unit below has sent its report yet: there is nothing to take.")
REFRESHED = gettext_noop(
    "%(n)s figures refreshed with the current sums of the units below "
    "(%(units)s units below have sent their report)."
)
# How long a comparison is kept at most: its key changes with any figure below anyway.
COMPARED_SECONDS = 600
ALL_EQUAL = gettext_noop(
    "All figures already equal the current sums of the %(units)s units below that have sent "
    "their report: nothing changed."
)


@dataclass(frozen=True)
class Difference:
    """A figure of a report that is not the current sum of the units below."""

    indicator: Indicator
    name: str  # the column: value, denominator, baseline, baseline_denominator
    in_report: int | None
    summed: int


@dataclass(frozen=True)
class Comparison:
    """A report's figures collected below against the current sums of the sent reports there."""

    differences: list[Difference]
    units_sent: int  # units below whose report is sent or accepted
    revision: int  # the report's revision the comparison read


def collects_below(campaign: Campaign, unit: OrgUnit) -> bool:
    """Do units below `unit` owe reports collecting indicators the campaign collects, whose
    sums its own report takes (a district: its communes'; a commune or an agency: none)?
    Remembered under the generations of what it is read from (kernel.kept): who owes what,
    the units' places, the indicators and templates."""
    if not levels_below(unit.level):
        return False  # nothing of another level stands below: no query to ask

    def read() -> bool:
        levels = set(
            Obligation.objects.filter(
                campaign=campaign,
                deliverable=Deliverable.REPORT,
                unit__path__startswith=unit.path,
            )
            .exclude(unit=unit)
            .exclude(unit__level=unit.level)
            .values_list("unit__level", flat=True)
            .distinct()
        )
        if not levels:
            return False
        candidates = list(indicators_of(campaign.root).filter(level__in=levels))
        return bool(collected_in(campaign, candidates) & {i.pk for i in candidates})

    drawn_from = generations(OBLIGATIONS, DIRECTORY, INDICATORS)
    return remembered(
        kept("collects-below", campaign.pk, unit.pk, unit.path, unit.level, drawn_from), read
    )


def _sent_below(report: Report) -> dict[str, Any]:
    """What the sums below stand on, in one query over the sent and accepted reports below
    the report's unit: how many and which (the sum of their keys), their revisions (every
    save of figures moves one) and their last change; `units`, the units that sent one."""
    unit = report.obligation.unit
    return (
        Report.objects.filter(
            obligation__campaign_id=report.obligation.campaign_id,
            obligation__unit__path__startswith=unit.path,
            status__in=COUNTED,
        )
        .exclude(obligation__unit=unit)
        .aggregate(
            n=Count("pk"),
            units=Count("obligation__unit", distinct=True),
            keys=Sum("pk"),
            revisions=Sum("revision"),
            last=Max("updated_at"),
        )
    )


def _rows_below(report: Report) -> list[DataValue]:
    """The report's rows of indicators collected below its unit (a district's communes')."""
    level = report.obligation.unit.level
    return list(report.values.select_related("indicator").exclude(indicator__level=level))


def _summed(report: Report, rows: list[DataValue], rollup: Rollup | None) -> Rollup:
    """The counted roll-up of the report's unit: `rollup` when it is one, else built."""
    unit = report.obligation.unit
    if (
        rollup is not None
        and rollup.unit.pk == unit.pk
        and not rollup.include_drafts
        and not rollup.restricted
    ):
        return rollup
    return rollup_build(
        campaign=report.obligation.campaign,
        unit=unit,
        indicator_ids=[r.indicator_id for r in rows],
    )


def _fields(indicator: Indicator) -> tuple[str, ...]:
    return FIELDS if indicator.is_ratio else COUNT_FIELDS


def report_compare_below(
    *, report: Report, rollup: Rollup | None = None, fresh: bool = False
) -> Comparison:
    """Where the report's figures collected below differ from the current sums of the sent
    and accepted reports below (a figure nobody below has sent is not compared). `rollup`,
    the counted unrestricted roll-up of the report's unit, saves building it again.

    Without `rollup` (the report page, on every view) the comparison is kept for the next
    view, keyed by the report's revision and by the state of the reports below (which are
    sent, their revisions, their last change): a figure saved below, a report sent,
    returned or accepted there, or a save of this report makes a new key, so the next
    view compares afresh. The sums below are kept apart (`_sums`): after a save of this
    report alone they are compared again, not summed again. `fresh`: the caller read
    `report` in this request, with its obligation, unit and campaign; else it is read
    again."""
    if not fresh:
        report = Report.objects.select_related("obligation__campaign", "obligation__unit").get(
            pk=report.pk
        )
    below = _sent_below(report)
    state = (below["n"], below["keys"], below["revisions"], below["last"])
    drawn_from = generations(DIRECTORY, INDICATORS)
    key = kept("compared-below", report.pk, report.revision, report.status, state, drawn_from)
    if rollup is None:
        known = cache.get(key.key)
        if isinstance(known, Comparison):
            return known
    rows = _rows_below(report)
    differences: list[Difference] = []
    sums = _sums(report, rows, rollup, state) if rows else {}
    for row in rows:
        for name, total in sums.get(row.indicator.code, {}).items():
            if total is not None and getattr(row, name) != total:
                differences.append(Difference(row.indicator, name, getattr(row, name), total))
    comparison = Comparison(differences, below["units"], report.revision)
    cache.set(key.key, comparison, COMPARED_SECONDS)
    return comparison


def _sums(
    report: Report, rows: list[DataValue], rollup: Rollup | None, state: tuple[Any, ...]
) -> dict[str, dict[str, int | None]]:
    """The current sums below of the rows' indicators reported there: code → column → sum.
    Without `rollup`, kept under the state of the reports below and the generations of
    the units and indicators a roll-up reads (kernel.kept), whatever the report's own
    revision."""

    def sums_of(summed: Rollup) -> dict[str, dict[str, int | None]]:
        out: dict[str, dict[str, int | None]] = {}
        for row in rows:
            found = summed.row(row.indicator.code)
            if found is not None and found.sums.reported:
                sums = found.sums
                out[row.indicator.code] = {n: getattr(sums, n) for n in _fields(row.indicator)}
        return out

    if rollup is not None:
        return sums_of(_summed(report, rows, rollup))
    obligation = report.obligation
    key = kept(
        "sums-below",
        obligation.campaign_id,
        obligation.unit_id,
        sorted(row.indicator_id for row in rows),
        state,
        generations(DIRECTORY, INDICATORS),
    )
    found = cache.get(key.key)
    if found is None:
        found = sums_of(_summed(report, rows, None))
        cache.set(key.key, found, COMPARED_SECONDS)
    return found  # type: ignore[no-any-return]


def _write_sums(
    report: Report,
    values: dict[int, dict[str, Any]],
    *,
    revision: int,
    user: User | None,
    what: str,
) -> None:
    """Write the sums through report_save (each figure audited) and note why in the trail."""
    codes = sorted(Indicator.objects.filter(pk__in=values).values_list("code", flat=True))
    with transaction.atomic():
        report_save(report=report, revision=revision, texts={}, values=values, user=user)
        audit_log(
            action=f"report.{what}",
            obj=report,
            user=user,
            unit=report.obligation.unit,
            changes={what: [None, codes]},
        )


def report_prefill_from_children(*, report: Report, user: User | None) -> int:
    """Fill the empty figures of a report's indicators collected below its unit (a district's
    commune indicators) with the roll-up of the sent and accepted reports below; the
    figures it already holds are kept. Returns how many rows changed; audited."""
    report = Report.objects.select_related("obligation__campaign", "obligation__unit").get(
        pk=report.pk
    )
    rows = _rows_below(report)
    if not rows:
        return 0
    summed = _summed(report, rows, None)
    fills: dict[int, dict[str, Any]] = {}
    for row in rows:
        found = summed.row(row.indicator.code)
        if found is None or not found.sums.reported:
            continue
        wanted = {
            name: getattr(found.sums, name)
            for name in _fields(row.indicator)
            if getattr(row, name) is None and getattr(found.sums, name) is not None
        }
        if wanted:
            fills[row.indicator_id] = wanted
    if fills:
        _write_sums(report, fills, revision=report.revision, user=user, what="prefilled")
    return len(fills)


@dataclass(frozen=True)
class Refresh:
    changed: int  # figures replaced
    units_sent: int

    @property
    def message(self) -> str:
        if not self.units_sent:
            return _(NOTHING_BELOW)
        if not self.changed:
            return _(ALL_EQUAL) % {"units": self.units_sent}
        return _(REFRESHED) % {"n": self.changed, "units": self.units_sent}


def report_refresh_from_children(*, report: Report, user: User | None) -> Refresh:
    """Replace every figure of the report collected below that differs from the current sum
    of the sent and accepted reports below with that sum (empty ones included); through
    report_save, so only while the report is editable, and audited. A save by someone else
    between reading and writing refuses it (ReportError), writing nothing."""
    comparison = report_compare_below(report=report)
    values: dict[int, dict[str, Any]] = defaultdict(dict)
    for difference in comparison.differences:
        values[difference.indicator.pk][difference.name] = difference.summed
    if values:
        _write_sums(report, dict(values), revision=comparison.revision, user=user, what="refreshed")
    return Refresh(len(comparison.differences), comparison.units_sent)


def report_open_and_refresh(*, obligation: Obligation, user: User | None) -> Refresh:
    """report_refresh_from_children on the unit's report, opened first when it is not yet: a
    new district report is pre-filled as it opens, and those figures count as refreshed."""
    existed = Report.objects.filter(obligation=obligation).exists()
    report = report_open(obligation=obligation, user=user)
    filled = 0
    if not existed:
        filled = sum(
            getattr(row, name) is not None
            for row in _rows_below(report)
            for name in _fields(row.indicator)
        )
    done = report_refresh_from_children(report=report, user=user)
    return Refresh(filled + done.changed, done.units_sent)
