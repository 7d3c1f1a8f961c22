"""Publishing a campaign, refining its rules down the tree, and recording work done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xhht.accounts.models import User
from xhht.campaigns.models import (
    Campaign,
    Conference,
    Deliverable,
    Milestone,
    Obligation,
    RuleKind,
)
from xhht.campaigns.planning import Plan, RulePlan
from xhht.core.clock import now, today
from xhht.directives.models import Directive
from xhht.orgunits.models import Level, OrgUnit


class CampaignError(ValueError):
    """A request the campaign cannot take; the message is for the user."""


ALREADY_PUBLISHED = "This directive has already been published as a campaign."
NO_RULES = "The plan has no deadline: add at least one before publishing."
UNMATCHED_BODY = "“%(name)s” matches no unit: pick the unit it stands for, or remove it."
LATER_THAN_PARENT = "The new last day %(new)s is later than the rule above it allows (%(parent)s)."
FUTURE_CONFERENCE = "The conference date %(date)s is in the future: record it once it is held."
NOT_A_CONFERENCE = "This obligation is not a conference."
ALREADY_RECORDED = "This conference is already recorded."


@dataclass(frozen=True)
class Owers:
    """The units that owe each level's deliverables, frozen at publication."""

    communes: list[OrgUnit]
    districts: list[OrgUnit]
    agencies: list[OrgUnit]
    province: OrgUnit


def _owers(plan: Plan, root: OrgUnit) -> Owers:
    on = date.fromisoformat(plan.tree_date)
    in_tree = OrgUnit.objects.in_force(on).subtree_of(root)
    standing = plan.standing_agency
    agencies = {
        unit.code: unit for unit in in_tree.filter(level=Level.AGENCY, code__in=plan.agency_codes)
    }
    return Owers(
        communes=list(in_tree.filter(level=Level.COMMUNE).select_related("parent")),
        districts=list(in_tree.filter(level=Level.DISTRICT)),
        agencies=[agencies[c] for c in plan.agency_codes if c in agencies and c != standing],
        province=root,
    )


def plan_check(plan: Plan) -> list[str]:
    """What stops the plan from being published, as messages for the user."""
    problems = []
    if not plan.rules:
        problems.append(_(NO_RULES))
    for body in plan.bodies:
        if body.unmatched:
            problems.append(_(UNMATCHED_BODY) % {"name": body.text})
    return problems


def _milestone(campaign: Campaign, rule: RulePlan, root: OrgUnit) -> Milestone:
    return Milestone.objects.create(
        campaign=campaign,
        deliverable=rule.deliverable,
        level=rule.level,
        rule_kind=rule.kind,
        rule_date=date.fromisoformat(rule.date),
        last_day=rule.last_day,
        wording=rule.wording[:500],
        set_by=root,
        scope=root,
        quota_individuals=rule.quota_individuals,
        quota_collectives=rule.quota_collectives,
    )


def _obligations_for(milestone: Milestone, owers: Owers) -> list[Obligation]:
    def owe(unit: OrgUnit, recipient: OrgUnit | None) -> Obligation:
        return Obligation(
            campaign=milestone.campaign,
            unit=unit,
            deliverable=milestone.deliverable,
            milestone=milestone,
            recipient=recipient,
            last_day=milestone.last_day,
        )

    if milestone.level == Level.COMMUNE:
        return [owe(unit, unit.parent) for unit in owers.communes]
    if milestone.level == Level.DISTRICT:
        return [owe(unit, owers.province) for unit in owers.districts]
    if milestone.level == Level.AGENCY:
        return [owe(unit, owers.province) for unit in owers.agencies]
    return [owe(owers.province, None)]


def campaign_publish(*, directive: Directive, plan: Plan, user: User | None) -> Campaign:
    """Create the campaign and every obligation of it, in one transaction.

    The units expected to report are those in force on the plan's tree date
    now: a unit created or closed later does not change the campaign."""
    problems = plan_check(plan)
    if problems:
        raise CampaignError("\n".join(problems))
    try:
        with transaction.atomic():
            locked = Directive.objects.select_for_update().get(pk=directive.pk)
            if locked.status == Directive.Status.PUBLISHED:
                raise CampaignError(_(ALREADY_PUBLISHED))
            root = locked.root
            campaign = Campaign.objects.create(
                title=plan.title[:300],
                directive=locked,
                root=root,
                tree_date=date.fromisoformat(plan.tree_date),
                data_cutoff=date.fromisoformat(plan.data_cutoff) if plan.data_cutoff else None,
                reminder_days_before=plan.reminder_days_before,
                published_at=now(),
                published_by=user,
            )
            owers = _owers(plan, root)
            obligations: list[Obligation] = []
            for rule in plan.rules:
                obligations.extend(_obligations_for(_milestone(campaign, rule, root), owers))
            Obligation.objects.bulk_create(obligations, batch_size=2000)
            locked.plan = plan.to_json()
            locked.status = Directive.Status.PUBLISHED
            locked.save(update_fields=["plan", "status"])
    except IntegrityError:
        raise CampaignError(_(ALREADY_PUBLISHED)) from None
    return campaign


def milestone_refine(
    *, parent: Milestone, set_by: OrgUnit, kind: str, on: date, wording: str = ""
) -> Milestone:
    """A unit's own rule for its subtree, e.g. a district's earlier deadline for its communes.

    It may never be later than the rule it refines; the obligations of the
    subtree move to the new rule."""
    if kind not in RuleKind.values:
        raise CampaignError(_("Unknown kind of deadline."))
    candidate = Milestone(
        campaign=parent.campaign,
        deliverable=parent.deliverable,
        level=parent.level,
        rule_kind=kind,
        rule_date=on.replace(day=1) if kind == RuleKind.MONTH else on,
        set_by=set_by,
        scope=set_by,
        parent=parent,
        wording=wording[:500],
        quota_individuals=parent.quota_individuals,
        quota_collectives=parent.quota_collectives,
    )
    candidate.last_day = candidate.rule.last_day()
    if candidate.last_day > parent.last_day:
        raise CampaignError(
            _(LATER_THAN_PARENT)
            % {"new": f"{candidate.last_day:%d/%m/%Y}", "parent": f"{parent.last_day:%d/%m/%Y}"}
        )
    with transaction.atomic():
        candidate.save()
        Obligation.objects.filter(milestone=parent, unit__path__startswith=set_by.path).exclude(
            unit=set_by
        ).update(milestone=candidate, last_day=candidate.last_day)
    return candidate


def conference_record(
    *,
    obligation: Obligation,
    user: User | None,
    held_on: date,
    venue: str,
    chair: str,
    participants: int,
    exhibition_held: bool = False,
    notes: str = "",
) -> Conference:
    """Record a conference; it fulfils the obligation as of the day it was held."""
    if obligation.deliverable != Deliverable.CONFERENCE:
        raise CampaignError(_(NOT_A_CONFERENCE))
    if held_on > today():
        raise CampaignError(_(FUTURE_CONFERENCE) % {"date": f"{held_on:%d/%m/%Y}"})
    with transaction.atomic():
        locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
        if hasattr(locked, "conference"):
            raise CampaignError(_(ALREADY_RECORDED))
        conference = Conference.objects.create(
            obligation=locked,
            held_on=held_on,
            venue=venue,
            chair=chair,
            participants=participants,
            exhibition_held=exhibition_held,
            notes=notes,
            recorded_by=user,
            recorded_at=now(),
        )
        obligation_fulfil(obligation=locked, on=held_on, user=user)
    return conference


def obligation_fulfil(*, obligation: Obligation, on: date, user: User | None) -> None:
    """Mark the obligation done as of `on` (the day the work was done or sent)."""
    Obligation.objects.filter(pk=obligation.pk).update(
        fulfilled_on=on, fulfilled_at=now(), fulfilled_by=user
    )
    obligation.fulfilled_on = on
