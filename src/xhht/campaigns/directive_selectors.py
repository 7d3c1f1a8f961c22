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
    passed: bool = False  # its last day is before the day of publishing
    assumed: bool = False  # the system set the rule: the directive does not say it


def plan_preview(plan: Plan, root: OrgUnit, on: date) -> list[PreviewRow]:
    """How many obligations each rule of the plan would create, without writing anything;
    `passed` marks the rules whose last day is before `on`, the day of publishing."""
    from xhht.campaigns.models import Deliverable, RuleKind, rule_text

    tree_date = date.fromisoformat(plan.tree_date)
    tree = OrgUnit.objects.in_force(tree_date).subtree_of(root)
    agencies = [c for c in plan.agency_codes if c != plan.standing_agency]
    sizes = {
        Level.COMMUNE: tree.filter(level=Level.COMMUNE).count(),
        Level.DISTRICT: tree.filter(level=Level.DISTRICT).count(),
        Level.AGENCY: tree.filter(level=Level.AGENCY, code__in=agencies).count(),
        Level.PROVINCE: tree.filter(level=Level.PROVINCE).count(),  # under a country, each
        Level.COUNTRY: 1,
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
                passed=rule.last_day < on,
                assumed=rule.assumed,
            )
        )
    return rows


def overdue_at_once(preview: list[PreviewRow]) -> int:
    """How many obligations would be overdue the moment the plan is published."""
    return sum(row.units for row in preview if row.passed)


def _identity(parsed: dict[str, object]) -> tuple[str, str, str] | None:
    parts = [str(parsed.get(key) or "").strip().casefold() for key in ("number", "symbol", "date")]
    return (parts[0], parts[1], parts[2]) if all(parts) else None


def duplicates_of(directive: Directive) -> list[Directive]:
    """The province's other directives with the same number, symbol and date as `directive`
    (read, or published as a campaign), newest first."""
    identity = _identity(directive.parsed)
    if identity is None:
        return []
    others = (
        Directive.objects.filter(root_id=directive.root_id)
        .exclude(pk=directive.pk)
        .select_related("campaign")
        .order_by("-uploaded_at")
    )
    return [other for other in others if _identity(other.parsed) == identity]
