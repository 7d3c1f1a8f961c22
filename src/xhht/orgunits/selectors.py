"""Reads of the tree that pages and commands share."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Value, When

from xhht.orgunits.models import Level, OrgUnit, OrgUnitQuerySet


@dataclass(frozen=True)
class TypeCount:
    level: str
    level_label: str
    type_label: str
    count: int


def subtree_counts(units: OrgUnitQuerySet) -> list[TypeCount]:
    """How many units of each level and type `units` holds, province first."""
    order = [Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.AGENCY]
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
