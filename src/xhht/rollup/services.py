"""Indicators rolled up a unit's subtree: communes → district → province, agencies apart.

Each indicator is summed from the reports of the units that collect it (a
commune indicator from communes' reports, never again from a district's copy),
in one aggregate query over the materialised path grouped by indicator and by
the child of the unit each row lies under: the breakdown, whose sums (with the
unit's own rows) are the totals. A percentage is recomputed
from the summed numerator and denominator, never averaged. Only sent and
accepted reports count unless drafts are asked for. Targets are those in force
at the campaign's data cut-off, national and the province's own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    Q,
    Sum,
)

from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.indicators.models import Indicator, Target
from xhht.kernel.clock import today
from xhht.orgunits.models import PATH_SEPARATOR, Level, OrgUnit
from xhht.reports.indicators import indicators_of
from xhht.reports.models import (
    RECEIVED,
    DataValue,
    Report,
    ReportStatus,
    ReportTemplate,
    TemplateIndicator,
)
from xhht.reports.validation import WITHIN_WHOLE_SQL

COUNTED = RECEIVED  # the figures summed: sent and accepted reports
WITH_DRAFTS = tuple(ReportStatus.values)
FIELDS = ("value", "denominator", "baseline", "baseline_denominator")
COUNT_FIELDS = ("value", "baseline")
PULLING_DOWN = 3
LEVEL_ORDER: dict[str, int] = {
    Level.DISTRICT: 0,
    Level.COMMUNE: 1,
    Level.AGENCY: 2,
    Level.PROVINCE: 3,
    Level.COUNTRY: 4,
}


def _percent(num: int | None, den: int | None) -> Decimal | None:
    if num is None or not den:
        return None
    return (Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Sums:
    """Summed figures of the units that reported, and how many were expected to."""

    value: int | None = None
    denominator: int | None = None
    baseline: int | None = None
    baseline_denominator: int | None = None
    reported: int = 0
    expected: int = 0

    # Read many times a page (targets, the units pulling it down, the table): computed once.
    @cached_property
    def percent(self) -> Decimal | None:
        return _percent(self.value, self.denominator)

    @cached_property
    def baseline_percent(self) -> Decimal | None:
        return _percent(self.baseline, self.baseline_denominator)


@dataclass(frozen=True)
class TargetShown:
    year: int
    value: Decimal
    source: str
    in_force_from: date
    national: bool


@dataclass(frozen=True)
class ChildRow:
    pk: int
    code: str
    name: str
    level: str
    sums: Sums

    def figure(self, is_ratio: bool) -> Decimal | int | None:
        return self.sums.percent if is_ratio else self.sums.value


@dataclass
class IndicatorRow:
    indicator: Indicator
    sums: Sums
    targets: dict[int, list[TargetShown]] = field(default_factory=dict)
    children: list[ChildRow] = field(default_factory=list)
    pulling_down: list[ChildRow] = field(default_factory=list)

    @property
    def figure(self) -> Decimal | int | None:
        return self.sums.percent if self.indicator.is_ratio else self.sums.value

    @property
    def reference_target(self) -> TargetShown | None:
        """The nearest target year's target, the province's own before the national one."""
        for year in sorted(self.targets):
            shown = sorted(self.targets[year], key=lambda t: t.national)
            if shown:
                return shown[0]
        return None

    def under_target(self, sums: Sums) -> bool:
        """Is this percentage below the target in force? Without a target nothing is."""
        target = self.reference_target
        return (
            self.indicator.is_ratio
            and target is not None
            and sums.percent is not None
            and sums.percent < target.value
        )

    @property
    def below(self) -> bool:
        """The unit's own percentage is below the target in force (what is shown red)."""
        return self.under_target(self.sums)

    @property
    def children_below(self) -> set[int]:
        """The units below whose percentage is under the target in force."""
        return {c.pk for c in self.children if self.under_target(c.sums)}


@dataclass
class Rollup:
    campaign: Campaign
    unit: OrgUnit
    cutoff: date
    include_drafts: bool
    rows: list[IndicatorRow]
    children: list[ChildRow]
    restricted: bool = False  # only some indicators (a member body's grant)

    def row(self, code: str) -> IndicatorRow | None:
        return next((r for r in self.rows if r.indicator.code == code), None)


# -- the queries ------------------------------------------------------------------------


def sum_figures(a: int | None, b: int | None) -> int | None:
    """SUM's arithmetic: nothing plus a number is that number."""
    if a is None:
        return b
    return a if b is None else a + b


def _grouped(
    campaign: Campaign,
    unit: OrgUnit,
    statuses: Iterable[str],
    indicator_ids: Iterable[int] | None,
) -> tuple[dict[int, dict[str, Any]], dict[int, dict[int, dict[str, Any]]]]:
    """(indicator id → totals, indicator id → child id → sums): a total is its children's
    sums plus the unit's own rows.

    The database groups by indicator and a whole-number key per row (see
    _GROUPED_SQL); the keys are then mapped to the child they lie under."""
    rows = _grouped_rows(campaign, unit, statuses, indicator_ids)
    at_key, at_indicator, at_sums = 0, 1, range(2, 2 + len(_SUMS))
    child_of = _children_of_keys(unit, {row[at_key] for row in rows if row[at_key]})
    totals: dict[int, dict[str, Any]] = {}
    by_child: dict[int, dict[int, dict[str, Any]]] = defaultdict(dict)
    for row in rows:
        # PostgreSQL sums whole numbers as numeric: back to int.
        sums = [None if row[i] is None else int(row[i]) for i in at_sums]
        indicator_id = row[at_indicator]
        child = child_of.get(row[at_key])
        if child is not None:
            _accumulate(by_child[indicator_id], child, sums)
        _accumulate(totals, indicator_id, sums)
    return totals, by_child


# One key per unit of the subtree, computed over its few thousand units rather than
# over every figure: 0 for the focus itself, a child itself, else the parent when it
# is a child, else the grandparent (mapped to the child in Python for deeper trees).
# DISTINCT keeps that derived table from being merged into the outer query: merged,
# PostgreSQL estimates the groups from the CASE's columns (a unique id, so one group
# per row) and runs the aggregate serially; kept apart, it sums in parallel workers.
# The level comes from its own join to the unit, whose statistics the planner knows.
_GROUPED_SQL = """
SELECT keys.k, dv.indicator_id, SUM(dv.value), SUM(dv.denominator), SUM(dv.baseline),
       SUM(dv.baseline_denominator), COUNT(dv.value)
FROM {datavalue} dv
JOIN {report} r ON r.id = dv.report_id
JOIN {obligation} o ON o.id = r.obligation_id
JOIN {orgunit} ou ON ou.id = o.unit_id
JOIN {indicator} i ON i.id = dv.indicator_id
JOIN (
    SELECT DISTINCT u.id,
           CASE WHEN u.id = %s THEN 0 WHEN u.parent_id = %s THEN u.id
                WHEN p.parent_id = %s THEN u.parent_id ELSE p.parent_id END AS k
    FROM {orgunit} u LEFT JOIN {orgunit} p ON p.id = u.parent_id
    {within}
) keys ON keys.id = o.unit_id
WHERE o.campaign_id = %s AND r.status IN ({statuses}) AND ou.level = i.level {only}
  AND {within_whole}
GROUP BY keys.k, dv.indicator_id
"""


def _grouped_rows(
    campaign: Campaign,
    unit: OrgUnit,
    statuses: Iterable[str],
    indicator_ids: Iterable[int] | None,
) -> list[tuple[Any, ...]]:
    """(key, indicator id, the five sums) for the counted figures of `unit`'s subtree: in a
    report whose status counts, of a unit that collects the indicator (so that a
    district's copy of its communes' sums is not counted twice)."""
    statuses = list(statuses)
    only = list(indicator_ids) if indicator_ids is not None else None
    sql = _GROUPED_SQL.format(
        datavalue=DataValue._meta.db_table,
        report=Report._meta.db_table,
        obligation=Obligation._meta.db_table,
        orgunit=OrgUnit._meta.db_table,
        indicator=Indicator._meta.db_table,
        statuses=", ".join(["%s"] * len(statuses)),
        within="WHERE u.path LIKE %s" if unit.pk != campaign.root_id else "",
        only=f"AND dv.indicator_id IN ({', '.join(['%s'] * len(only))})" if only else "",
        within_whole=WITHIN_WHOLE_SQL.format(t="dv"),  # a part larger than its whole: no sum
    )
    # The campaign's units all lie in its root's subtree: no path test for the root.
    within = unit.pk != campaign.root_id
    params: list[int | str] = [unit.pk, unit.pk, unit.pk]
    params += [f"{unit.path}%"] if within else []
    params += [campaign.pk, *statuses, *(only or [])]
    if only == []:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _accumulate(into: dict[int, dict[str, Any]], key: int, sums: list[int | None]) -> None:
    current = into.get(key)
    if current is None:
        into[key] = dict(zip(_SUMS, sums, strict=True))
        return
    for name, value in zip(_SUMS, sums, strict=True):
        current[name] = sum_figures(current[name], value)


def _children_of_keys(unit: OrgUnit, keys: set[int]) -> dict[int, int]:
    """For each key unit below `unit`, the id of `unit`'s child whose subtree holds it."""
    depth = unit.path.count(PATH_SEPARATOR)  # "/1/" → the child of "/1/5/37/" is part 2
    child_of = {}
    for pk, path in OrgUnit.objects.filter(pk__in=keys).values_list("pk", "path"):
        parts = path.split(PATH_SEPARATOR)
        if len(parts) > depth + 1 and path.startswith(unit.path):
            child_of[pk] = int(parts[depth])
    return child_of


_SUMS = {
    "s_value": Sum("value"),
    "s_denominator": Sum("denominator"),
    "s_baseline": Sum("baseline"),
    "s_baseline_denominator": Sum("baseline_denominator"),
    "n_reported": Count("value"),
}


def _sums(row: dict[str, Any], expected: int) -> Sums:
    return Sums(
        value=row["s_value"],
        denominator=row["s_denominator"],
        baseline=row["s_baseline"],
        baseline_denominator=row["s_baseline_denominator"],
        reported=row["n_reported"],
        expected=expected,
    )


def _expected(
    campaign: Campaign, unit: OrgUnit
) -> tuple[dict[str, int], dict[tuple[int, str], int]]:
    """How many units of each level owe a report, in the subtree and below each child; a
    member body is asked only the indicators it owns, so each body is counted under its code
    too. The obligations are read once and counted here."""
    owing = Obligation.objects.filter(
        campaign=campaign, deliverable=Deliverable.REPORT, unit__path__startswith=unit.path
    ).values_list("unit_id", "unit__level", "unit__code", "unit__path")
    total: dict[str, int] = defaultdict(int)
    per_child: dict[tuple[int, str], int] = defaultdict(int)
    for unit_id, level, code, path in owing.order_by():
        keys = [level] + ([owed_key(Level.AGENCY, code)] if level == Level.AGENCY else [])
        child = None if unit_id == unit.pk else _child_on_path(unit, path)
        for key in keys:
            total[key] += 1
            if child is not None:
                per_child[(child, key)] += 1
    return dict(total), dict(per_child)


def owed_key(level: str, owner: str) -> str:
    """The key `_expected` counts an indicator's reports under: its level, or for one a
    member body owns, that body."""
    return f"{level}:{owner}" if level == Level.AGENCY and owner else level


def _child_on_path(unit: OrgUnit, path: str) -> int | None:
    """The child of `unit` whose subtree holds `path` (None for `unit` itself)."""
    rest = path[len(unit.path) :].strip(PATH_SEPARATOR)
    head = rest.split(PATH_SEPARATOR, 1)[0]
    return int(head) if head.isdigit() else None


def targets_in_force(
    campaign: Campaign, indicator_ids: Iterable[int], on: date
) -> dict[int, dict[int, list[TargetShown]]]:
    """indicator id → year → the latest national target and the latest of the province's own
    in force on `on` (a 2014 decision's targets are not shown to a 2013 campaign)."""
    found = (
        Target.objects.filter(indicator_id__in=list(indicator_ids), in_force_from__lte=on)
        .filter(Q(province__isnull=True) | Q(province=campaign.root_id))
        .order_by("indicator_id", "year", "in_force_from", "id")
    )
    latest: dict[tuple[int, int, bool], Target] = {}
    for target in found:
        latest[(target.indicator_id, target.year, target.province_id is None)] = target
    out: dict[int, dict[int, list[TargetShown]]] = defaultdict(lambda: defaultdict(list))
    for (indicator_id, year, national), t in sorted(latest.items()):
        out[indicator_id][year].append(
            TargetShown(t.year, t.value, t.source, t.in_force_from, national)
        )
    return {k: dict(v) for k, v in out.items()}


def _pulling_down(row: IndicatorRow) -> list[ChildRow]:
    """The reporting children with the lowest percentage, below the target (or, without one,
    below the unit's own overall percentage)."""
    if not row.indicator.is_ratio:
        return []
    target = row.reference_target
    bar = target.value if target is not None else row.sums.percent
    if bar is None:
        return []
    low = [c for c in row.children if c.sums.percent is not None and c.sums.percent < bar]
    return sorted(low, key=lambda c: (c.sums.percent, c.code))[:PULLING_DOWN]


def collected_in(campaign: Campaign, indicators: list[Indicator]) -> set[int]:
    """The indicators the campaign collects: those in its report templates and, for a level
    whose template is not built yet, those it will be built with (the level's active ones)."""
    ids = set(
        TemplateIndicator.objects.filter(template__campaign=campaign).values_list(
            "indicator_id", flat=True
        )
    )
    built = set(ReportTemplate.objects.filter(campaign=campaign).values_list("level", flat=True))
    return ids | {i.pk for i in indicators if i.active and i.level not in built}


EMPTY: dict[str, Any] = {f"s_{name}": None for name in FIELDS} | {"n_reported": 0}


@dataclass
class Subtree:
    """What a unit's subtree holds, as the roll-up's queries give it: each indicator's sums
    over the whole (`totals`) and by child (`by_child`), and how many reports each level
    owes there, in all (`expected`) and under each child (`expected_below`)."""

    totals: dict[int, dict[str, Any]]
    by_child: dict[int, dict[int, dict[str, Any]]]
    expected: dict[str, int]
    expected_below: dict[tuple[int, str], int]


def indicator_rows(
    indicators: list[Indicator],
    found: Subtree,
    children: list[OrgUnit],
    collected: set[int],
    targets: dict[int, dict[int, list[TargetShown]]],
) -> list[IndicatorRow]:
    """The roll-up's rows: each indicator someone below collects or has figures for, with
    its children's breakdown and the children pulling it down."""
    rows = []
    for indicator in indicators:
        key = owed_key(indicator.level, indicator.owner)
        owed = found.expected.get(key, 0)
        total = found.totals.get(indicator.pk)
        if total is None and (owed == 0 or not indicator.active or indicator.pk not in collected):
            continue  # nobody below collects it, or nobody will: retired, or in no template
        row = IndicatorRow(indicator, _sums(total or EMPTY, owed), targets.get(indicator.pk, {}))
        for child in children:
            owed_below = found.expected_below.get((child.pk, key), 0)
            got = found.by_child.get(indicator.pk, {}).get(child.pk)
            if got is None and owed_below == 0:
                continue
            row.children.append(
                ChildRow(
                    child.pk,
                    child.code,
                    child.display_name,
                    child.level,
                    _sums(got or EMPTY, owed_below),
                )
            )
        row.pulling_down = _pulling_down(row)
        rows.append(row)
    return rows


def rollup_reads(campaign: Campaign, unit: OrgUnit) -> list[tuple[Any, ...]]:
    """What a roll-up of `unit`'s subtree stands on besides the indicators, the targets and
    the units' names, in one query: each obligation owing a report there, with its report's
    key, state and revision (every save of its figures moves it). A page keeps the roll-up
    it drew under these (kernel.kept)."""
    return list(
        Obligation.objects.filter(
            campaign=campaign,
            deliverable__in=(Deliverable.REPORT, Deliverable.CONSOLIDATED),
            unit__path__startswith=unit.path,
        )
        .values_list("pk", "unit_id", "report__pk", "report__status", "report__revision")
        .order_by("pk")
    )


def rollup_build(
    *,
    campaign: Campaign,
    unit: OrgUnit,
    include_drafts: bool = False,
    indicator_ids: Iterable[int] | None = None,
) -> Rollup:
    """Every indicator the campaign collects (or has figures for) rolled up over `unit`'s
    subtree, with its children's breakdown and the targets in force at the data cut-off.
    `indicator_ids` restricts the indicators (a member body reading what it was granted)."""
    statuses = WITH_DRAFTS if include_drafts else COUNTED
    indicators = list(indicators_of(campaign.root))
    if indicator_ids is not None:
        wanted = set(indicator_ids)
        indicators = [i for i in indicators if i.pk in wanted]
    ids = [i.pk for i in indicators]
    # Unrestricted, the query goes without the list of indicators (an IN list makes SQLite
    # probe each report's rows once per indicator); rows of others are not read below.
    totals, by_child = _grouped(campaign, unit, statuses, None if indicator_ids is None else ids)
    expected, expected_below = _expected(campaign, unit)
    child_ids = {c for c, _level in expected_below} | {
        c for rows in by_child.values() for c in rows
    }
    children_units = sorted(
        OrgUnit.objects.filter(pk__in=child_ids, parent=unit).only(
            "pk", "code", "name", "full_name", "type_label", "level"
        ),
        key=lambda u: (LEVEL_ORDER.get(u.level, 9), u.code.isdigit(), u.code),
    )
    cutoff = campaign.data_cutoff or today()
    collected = collected_in(campaign, indicators)
    targets = targets_in_force(campaign, ids, cutoff)
    rows = indicator_rows(
        indicators,
        Subtree(totals, by_child, expected, expected_below),
        children_units,
        collected,
        targets,
    )
    children = [ChildRow(c.pk, c.code, c.display_name, c.level, Sums()) for c in children_units]
    return Rollup(campaign, unit, cutoff, include_drafts, rows, children, indicator_ids is not None)
