"""A district's deadlines for its communes: their conferences and their reports.

A directive often sets the district's own deadlines only; "a commune reports by
the day of its conference" is then a rule the system added (Milestone.assumed).
The district sets its communes' report deadline itself: on the conference
day, some days after the conference deadline, or by a date; never later than
its own report is due, and never already past.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign, Deliverable, Milestone, Obligation, RuleKind
from xhht.campaigns.services import (
    CampaignError,
    RuleInput,
    check_campaign_writable,
    commune_rule_of,
    district_deadlines,
    milestone_refine,
    milestone_unrefine,
    rule_check_not_past,
)
from xhht.orgunits.models import Level, OrgUnit

NOT_A_DISTRICT = gettext_noop("Only a district-level unit sets rules for its communes.")
NO_COMMUNE_RULE = gettext_noop(
    "The campaign has no rule for the communes' %(deliverable)s to refine."
)
LATER_THAN_OWN = gettext_noop(
    "The deadline “%(rule)s” is later than your own report is due (%(own_rule)s): your "
    "communes' reports must reach you by %(own)s."
)


def _last_day(rule: RuleInput) -> Milestone:
    probe = Milestone()
    probe.rule_kind, probe.rule_date = rule.normalised()
    probe.last_day = probe.rule.last_day()
    return probe


def _conference_last_day(campaign: Campaign, conference: RuleInput | None) -> Milestone | None:
    """The communes' conference deadline the report follows: the district's new one, or the
    province's."""
    if conference is not None:
        return _last_day(conference)
    return commune_rule_of(campaign, Deliverable.CONFERENCE)


def _report_rule(
    campaign: Campaign,
    conference: RuleInput | None,
    report: RuleInput | None,
    days_after: int | None,
) -> RuleInput | None:
    if report is not None:
        return report
    if days_after is not None:
        base = _conference_last_day(campaign, conference)
        if base is None:
            label = Deliverable(Deliverable.CONFERENCE).label
            raise CampaignError(_(NO_COMMUNE_RULE) % {"deliverable": label}, field="report_days")
        return RuleInput(RuleKind.BY, base.last_day + timedelta(days=days_after))
    return conference  # on the conference day


def own_report(campaign: Campaign, district: OrgUnit) -> Obligation | None:
    """The report the district itself owes: its communes' reports must reach it before."""
    return (
        Obligation.objects.filter(campaign=campaign, unit=district, deliverable=Deliverable.REPORT)
        .select_related("milestone")
        .first()
    )


def _refine(
    campaign: Campaign,
    district: OrgUnit,
    deliverable: str,
    rule: RuleInput | None,
    *,
    field: str,
    wording: str,
) -> None:
    parent = commune_rule_of(campaign, deliverable)
    if parent is None:
        if rule is None:
            return
        label = Deliverable(deliverable).label
        raise CampaignError(_(NO_COMMUNE_RULE) % {"deliverable": label}, field=field)
    current = Milestone.objects.filter(parent=parent, set_by=district).first()
    if rule is None:
        if current is not None:
            milestone_unrefine(milestone=current)
        return
    if current is not None and (current.rule_kind, current.rule_date) == rule.normalised():
        return
    rule_check_not_past(rule, field=field)
    latest = None
    if deliverable == Deliverable.REPORT:
        own = own_report(campaign, district)
        probe = _last_day(rule)
        if own is not None and probe.last_day > own.last_day:
            raise CampaignError(
                _(LATER_THAN_OWN)
                % {
                    "rule": probe.rule_text,
                    "own_rule": own.milestone.rule_text,
                    "own": f"{own.last_day:%d/%m/%Y}",
                },
                field=field,
            )
        if parent.assumed:  # the directive does not bind the communes: the district does
            latest = own.last_day if own is not None else parent.last_day
    try:
        milestone_refine(
            parent=parent,
            set_by=district,
            kind=rule.kind,
            on=rule.on,
            wording=wording,
            latest=latest,
        )
    except CampaignError as exc:
        raise CampaignError(exc.message, field=field) from None


def district_deadlines_set(
    *,
    campaign: Campaign,
    district: OrgUnit,
    conference: RuleInput | None,
    report: RuleInput | None,
    report_days_after: int | None = None,
    wording: str = "",
    user: User | None = None,
) -> None:
    """A district's deadlines for its communes' conferences and reports, all or nothing.

    The commune report is due by `report`, else `report_days_after` days after
    the communes' conference deadline, else the same day as the conference;
    None for all withdraws the district's rules. A new rule is never later than
    the province's (a rule the system added aside), nor than the district's own
    report, and never already past. A change is audited."""
    if district.level != Level.DISTRICT:
        raise CampaignError(_(NOT_A_DISTRICT))
    check_campaign_writable(campaign)
    before = _in_force(campaign, district)
    report_field = (
        "report_days" if report is None and report_days_after is not None else "report_date"
    )
    with transaction.atomic():
        _refine(
            campaign,
            district,
            Deliverable.CONFERENCE,
            conference,
            field="conference_date",
            wording=wording,
        )
        _refine(
            campaign,
            district,
            Deliverable.REPORT,
            _report_rule(campaign, conference, report, report_days_after),
            field=report_field,
            wording=wording,
        )
        after = _in_force(campaign, district)
        if after != before:
            audit_log(
                action="campaign.commune_deadlines_set",
                obj=campaign,
                user=user,
                unit=district,
                changes={"before": before, "after": after, "report_days_after": report_days_after},
            )


def _in_force(campaign: Campaign, district: OrgUnit) -> dict[str, str | None]:
    """The district's own rules, as the audit records them (None: the province's)."""
    return {
        deliverable: f"{m.rule_kind} {m.rule_date:%Y-%m-%d}" if m else None
        for deliverable, m in district_deadlines(campaign, district).items()
    }
