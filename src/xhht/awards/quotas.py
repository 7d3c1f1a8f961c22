"""Who may put forward whom, to which unit, and how much of the quota is used.

A unit may nominate in a campaign when the directive gives its level a quota (its
nomination obligation, whose rule carries the quota) or when the unit above it gives its
units one for its own conference (a district's rule for its own conference). Nothing
else lets a unit nominate: the seed directive gives a quota to the districts alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from xhht.awards.models import HOLDS_PLACE, CommendationRule, Kind, Nomination
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.orgunits.models import OrgUnit


@dataclass(frozen=True)
class Allowance:
    """What `unit` may put forward in a campaign: to `recipient`, at most `individuals`
    and `collectives` (None: that kind is not asked for), on `criteria`."""

    campaign: Campaign
    unit: OrgUnit
    recipient: OrgUnit
    individuals: int | None
    collectives: int | None
    criteria: str
    source: str  # where the quota comes from, as written
    obligation: Obligation | None  # the nomination obligation it fulfils, if any

    def ceiling(self, kind: str) -> int:
        value = self.individuals if kind == Kind.INDIVIDUAL else self.collectives
        return value or 0


@dataclass(frozen=True)
class RulesNear:
    """A campaign's commendation rules set by a unit (`own`) and by the unit above it
    (`above`), read in one query for a page that asks several questions of them."""

    own: list[CommendationRule]
    above: list[CommendationRule]

    def above_at(self, level: str) -> CommendationRule | None:
        """The rule the unit above set for conferences of `level`, if any."""
        return next((r for r in self.above if r.conference_level == level), None)


def rules_near(campaign: Campaign, unit: OrgUnit) -> RulesNear:
    rules = list(
        CommendationRule.objects.filter(
            campaign=campaign, set_by_id__in=[unit.pk, unit.parent_id or unit.pk]
        )
        .select_related("set_by")
        .order_by("pk")
    )
    return RulesNear(
        own=[r for r in rules if r.set_by_id == unit.pk],
        above=[r for r in rules if r.set_by_id != unit.pk],
    )


def allowance_for(
    campaign: Campaign,
    unit: OrgUnit,
    *,
    owed: list[Obligation] | None = None,
    near: RulesNear | None = None,
) -> Allowance | None:
    """What `unit` may put forward in `campaign`; None when nothing gives it a quota. `owed`
    (all the unit owes in the campaign, with their milestones and recipients) and `near`
    (rules_near): what the caller read already."""
    if owed is None:
        obligation = (
            campaign.obligations.filter(unit=unit, deliverable=Deliverable.NOMINATION)
            .select_related("milestone", "recipient")
            .first()
        )
    else:  # the first by key, as the query takes it
        nominations = [o for o in owed if o.deliverable == Deliverable.NOMINATION]
        obligation = min(nominations, key=lambda o: o.pk, default=None)
    if obligation is not None:
        recipient = obligation.recipient or unit.parent
        if recipient is not None:
            milestone = obligation.milestone
            return Allowance(
                campaign=campaign,
                unit=unit,
                recipient=recipient,
                individuals=milestone.quota_individuals,
                collectives=milestone.quota_collectives,
                criteria=milestone.criteria,
                source=milestone.wording,
                obligation=obligation,
            )
    parent = unit.parent
    if parent is None:
        return None
    if not (bool(owed) if owed is not None else campaign.obligations.filter(unit=unit).exists()):
        return None
    rule = (
        near.above_at(parent.level)
        if near is not None
        else CommendationRule.objects.filter(
            campaign=campaign, set_by=parent, conference_level=parent.level
        ).first()
    )
    if rule is None or (not rule.individuals and not rule.collectives):
        return None
    return Allowance(
        campaign=campaign,
        unit=unit,
        recipient=parent,
        individuals=rule.individuals,
        collectives=rule.collectives,
        criteria=rule.criteria,
        source=_("The rule of %(unit)s for its conference") % {"unit": parent.display_name},
        obligation=None,
    )


def conference_rule_for(
    campaign: Campaign, unit: OrgUnit, near: RulesNear | None = None
) -> CommendationRule | None:
    """The rule the unit above set for commendation at `unit`'s own conference (a
    district's criteria and numbers for its communes' conferences), if any."""
    if unit.parent_id is None:
        return None
    if near is not None:
        return near.above_at(unit.level)
    return CommendationRule.objects.filter(
        campaign=campaign, set_by_id=unit.parent_id, conference_level=unit.level
    ).first()


@dataclass
class Use:
    """How much of one kind's quota is used, and by whom."""

    kind: str
    allowed: int
    holders: list[Nomination] = field(default_factory=list)

    @property
    def used(self) -> int:
        return len(self.holders)

    @property
    def left(self) -> int:
        return max(0, self.allowed - self.used)

    @property
    def label(self) -> str:
        return str(Kind(self.kind).label)


def use_of(campaign: Campaign, unit: OrgUnit, allowance: Allowance | None) -> dict[str, Use]:
    """The use of each kind's quota by `unit`'s nominations that hold a place."""
    uses = {
        kind: Use(kind=kind, allowed=allowance.ceiling(kind) if allowance else 0)
        for kind in Kind.values
    }
    for nomination in Nomination.objects.filter(
        campaign=campaign, unit=unit, state__in=HOLDS_PLACE
    ).order_by("pk"):
        uses[nomination.kind].holders.append(nomination)
    return uses
