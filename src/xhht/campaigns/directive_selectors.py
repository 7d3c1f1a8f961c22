"""Reads for the directive pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.campaigns.planning import Plan
from xhht.directives.models import Directive
from xhht.orgunits.models import Level, OrgUnit


def directives_for(user: User) -> QuerySet[Directive]:
    """The directives of the provinces whose campaigns `user` may run."""
    root = scope.campaign_root(user)
    if root is None:
        return Directive.objects.none()
    return Directive.objects.filter(root=root).select_related("root")


def agencies_of(root: OrgUnit) -> list[OrgUnit]:
    return list(
        OrgUnit.objects.filter(parent=root, level=Level.AGENCY)
        .select_related("parent")
        .order_by("code")
    )


@dataclass(frozen=True)
class PreviewRow:
    level: str
    deliverable: str
    rule: str
    last_day: date
    units: int


def plan_preview(plan: Plan, root: OrgUnit) -> list[PreviewRow]:
    """How many obligations each rule of the plan would create, without writing anything."""
    from xhht.campaigns.models import Deliverable, RuleKind, rule_text

    on = date.fromisoformat(plan.tree_date)
    tree = OrgUnit.objects.in_force(on).subtree_of(root)
    agencies = [c for c in plan.agency_codes if c != plan.standing_agency]
    sizes = {
        Level.COMMUNE: tree.filter(level=Level.COMMUNE).count(),
        Level.DISTRICT: tree.filter(level=Level.DISTRICT).count(),
        Level.AGENCY: tree.filter(level=Level.AGENCY, code__in=agencies).count(),
        Level.PROVINCE: 1,
    }
    rows = []
    for rule in plan.rules:
        rows.append(
            PreviewRow(
                level=str(Level(rule.level).label),
                deliverable=str(Deliverable(rule.deliverable).label),
                rule=rule_text(RuleKind(rule.kind), date.fromisoformat(rule.date)),
                last_day=rule.last_day,
                units=sizes[Level(rule.level)],
            )
        )
    return rows
