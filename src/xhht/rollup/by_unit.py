"""The roll-ups of several units at once (the annexes' commune sheet: one per district), from
one grouped query of every unit's own figures, summed up each unit's path in Python.

`rollups_build(campaign=c, units=us)` equals `[rollup_build(campaign=c, unit=u) for u in us]`
(sent and accepted reports, every indicator) in a fixed number of queries, however many units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Count, F, Q, Sum

from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.kernel.clock import today
from xhht.orgunits.models import PATH_SEPARATOR, OrgUnit
from xhht.reports.indicators import indicators_of
from xhht.reports.models import DataValue
from xhht.reports.validation import WITHIN_WHOLE
from xhht.rollup.services import (
    COUNTED,
    LEVEL_ORDER,
    ChildRow,
    Rollup,
    Subtree,
    Sums,
    collected_in,
    indicator_rows,
    owed_key,
    sum_figures,
    targets_in_force,
)

Figures = dict[str, Any]  # the keys of rollup.services._sums: s_value, …, n_reported


def _ancestry(path: str) -> list[int]:
    """ "/1/5/37/" → [1, 5, 37]: the unit's ancestors from the top, then the unit."""
    return [int(part) for part in path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR)]


def _accumulate(into: dict[int, Figures], key: int, figures: Figures) -> None:
    current = into.get(key)
    if current is None:
        into[key] = dict(figures)
        return
    for name, value in figures.items():
        current[name] = sum_figures(current[name], value)


def _within(units: Sequence[OrgUnit], path_field: str) -> Q:
    return reduce(or_, (Q(**{f"{path_field}__startswith": u.path}) for u in units))


def _own_figures(campaign: Campaign, units: Sequence[OrgUnit]) -> dict[str, dict[int, Figures]]:
    """unit path → indicator id → the sums of the unit's own counted figures, for the
    indicators its level collects (as rollup.services counts them), in `units`' subtrees."""
    path = "report__obligation__unit__path"
    rows = (
        DataValue.objects.filter(
            WITHIN_WHOLE,  # a part larger than its whole is not summed
            _within(units, path),
            report__obligation__campaign=campaign,
            report__status__in=COUNTED,
            report__obligation__unit__level=F("indicator__level"),
        )
        .values(path, "indicator_id")
        .annotate(
            s_value=Sum("value"),
            s_denominator=Sum("denominator"),
            s_baseline=Sum("baseline"),
            s_baseline_denominator=Sum("baseline_denominator"),
            n_reported=Count("value"),
        )
        .order_by()
    )
    own: dict[str, dict[int, Figures]] = defaultdict(dict)
    for row in rows:
        own[row.pop(path)][row.pop("indicator_id")] = row
    return own


def _subtree() -> Subtree:
    return Subtree({}, defaultdict(dict), defaultdict(int), defaultdict(int))


def _subtrees(campaign: Campaign, units: Sequence[OrgUnit]) -> dict[int, Subtree]:
    """unit id → its subtree's figures and reports owed, each unit's own rows summed into
    the unit itself and into its child they lie under."""
    owed = (
        Obligation.objects.filter(
            _within(units, "unit__path"), campaign=campaign, deliverable=Deliverable.REPORT
        )
        .values_list("unit__path", "unit__level", "unit__code")
        .annotate(n=Count("id"))
        .order_by()
    )
    own = _own_figures(campaign, units)
    subtrees = {}
    for unit in units:
        depth = len(_ancestry(unit.path))
        found = subtrees[unit.pk] = _subtree()
        for path, level, code, n in owed:
            if not path.startswith(unit.path):
                continue
            # A member body also counts under its own code (the indicators it owns).
            keys = {level, owed_key(level, code)}
            for key in keys:
                found.expected[key] += n
                if path != unit.path:
                    found.expected_below[(_ancestry(path)[depth], key)] += n
        for path, figures in own.items():
            if not path.startswith(unit.path):
                continue
            child = _ancestry(path)[depth] if path != unit.path else None
            for indicator_id, sums in figures.items():
                _accumulate(found.totals, indicator_id, sums)
                if child is not None:
                    _accumulate(found.by_child[indicator_id], child, sums)
    return subtrees


def rollups_build(*, campaign: Campaign, units: Sequence[OrgUnit]) -> list[Rollup]:
    """The roll-up of each of `units` in `campaign`, as rollup_build makes it with its
    defaults (sent and accepted reports, every indicator), in `units`' order."""
    if not units:
        return []
    indicators = list(indicators_of(campaign.root))
    subtrees = _subtrees(campaign, units)
    below = {
        pk: {c for c, _level in found.expected_below}
        | {c for rows in found.by_child.values() for c in rows}
        for pk, found in subtrees.items()
    }
    children_of: dict[int | None, list[OrgUnit]] = defaultdict(list)
    wanted = OrgUnit.objects.filter(pk__in=set().union(*below.values()), parent__in=units)
    for child in wanted.only("pk", "parent_id", "code", "name", "full_name", "type_label", "level"):
        children_of[child.parent_id].append(child)
    cutoff = campaign.data_cutoff or today()
    collected = collected_in(campaign, indicators)
    targets = targets_in_force(campaign, [i.pk for i in indicators], cutoff)
    rollups = []
    for unit in units:
        children = sorted(
            (c for c in children_of[unit.pk] if c.pk in below[unit.pk]),
            key=lambda u: (LEVEL_ORDER.get(u.level, 9), u.code.isdigit(), u.code),
        )
        rows = indicator_rows(indicators, subtrees[unit.pk], children, collected, targets)
        shown = [ChildRow(c.pk, c.code, c.display_name, c.level, Sums()) for c in children]
        rollups.append(Rollup(campaign, unit, cutoff, False, rows, shown))
    return rollups
