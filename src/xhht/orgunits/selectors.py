"""Reads of the tree that pages and commands share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Value, When

from xhht.kernel.text import match_key
from xhht.orgunits.models import Level, OrgUnit, OrgUnitQuerySet


@dataclass(frozen=True)
class TypeCount:
    level: str
    level_label: str
    type_label: str
    count: int


def subtree_counts(units: OrgUnitQuerySet) -> list[TypeCount]:
    """How many units of each level and type `units` holds, the top level first."""
    order = [Level.COUNTRY, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.AGENCY]
    labels = dict(Level.choices)
    rows = units.values("level", "type_label").annotate(n=Count("id")).order_by()
    counts = [
        TypeCount(row["level"], str(labels[row["level"]]), row["type_label"], row["n"])
        for row in rows
    ]
    return sorted(counts, key=lambda c: (order.index(Level(c.level)), -c.count, c.type_label))


def level_totals(counts: list[TypeCount]) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for count in counts:
        totals[count.level_label] = totals.get(count.level_label, 0) + count.count
    return list(totals.items())


def children_of(unit: OrgUnit) -> OrgUnitQuerySet:
    """The unit's children with how many children each has, agencies last."""
    return (
        OrgUnit.objects.filter(parent=unit)
        .annotate(child_count=Count("children"))
        .order_by(
            Case(
                When(level=Level.AGENCY, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            "code",
        )
    )


# Words too common in agency names to tell two apart.
_NOISE = {"tỉnh", "thành", "phố", "các", "và", "của", "ban", "chỉ", "đạo", "cấp"}


def _tokens(text: str, noise: set[str]) -> set[str]:
    return {token for token in match_key(text).split() if _strip_tone(token) not in noise}


def _strip_tone(token: str) -> str:
    return token.rstrip("12345")


@dataclass(frozen=True)
class NameMatch:
    unit: OrgUnit | None  # the unit the name stands for, when one clearly wins
    suggestions: list[OrgUnit]  # the closest units, best first


def match_unit_name(name: str, candidates: list[OrgUnit]) -> NameMatch:
    """The candidate a written name stands for ("Sở Nội vụ" → Sở Nội vụ tỉnh Quảng Ninh).

    Names are compared on their match keys (tone placement, case, spacing and
    abbreviations folded) as sets of syllables, ignoring the words every
    agency name shares and the province's own name."""
    noise = set(_NOISE)
    for unit in candidates:
        if unit.level == Level.AGENCY and unit.parent is not None:
            noise |= {_strip_tone(t) for t in match_key(unit.parent.name).split()}
    wanted = _tokens(name, noise)
    if not wanted:
        return NameMatch(None, [])
    scored: list[tuple[float, OrgUnit]] = []
    for unit in candidates:
        names = [unit.display_name, unit.short_name, unit.name]
        best = 0.0
        for candidate_name in filter(None, names):
            have = _tokens(candidate_name, noise)
            if have:
                best = max(best, len(wanted & have) / len(wanted | have))
        if best > 0:
            scored.append((best, unit))
    scored.sort(key=lambda pair: -pair[0])
    suggestions = [unit for _, unit in scored[:5]]
    if scored and scored[0][0] >= 0.5 and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.15):
        return NameMatch(scored[0][1], suggestions)
    return NameMatch(None, suggestions)
