"""What a unit owes in a campaign, with its reports' progress: a page that combines the
campaign's obligations and the reports that fulfil them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.awards import quotas
from xhht.campaigns import dashboards, services, withdrawal, worklists
from xhht.campaigns.models import Campaign, Deliverable, Obligation, State
from xhht.campaigns.views.work import WORK_CSS, unit_in_campaign_or_404
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports import assigned
from xhht.reports.reading import report_progress

# The session key of the campaign a unit chose to see on its work page.
CHOSEN = "work_campaign"


@login_required
@require_GET
def my_work_current(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What I owe in the campaign I chose (`?campaign=` remembers a choice for the session),
    else in the latest campaign I take part in that is not withdrawn."""
    taking_part = dashboards.campaigns_for(request.user)
    choices = withdrawal.still_asking(taking_part)
    asked = request.GET.get("campaign", "")
    if asked.isdigit() and choices.filter(pk=int(asked)).exists():
        request.session[CHOSEN] = int(asked)
    chosen = request.session.get(CHOSEN)
    campaign = (choices.filter(pk=chosen).first() if isinstance(chosen, int) else None) or (
        choices.first() or taking_part.order_by("-published_at").first()
    )
    if campaign is None:
        return render(request, "campaigns/work/no_campaign.html")
    return redirect("site:my_work", campaign.pk)


@login_required
@require_GET
def my_work(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    user = request.user
    # The campaigns the user takes part in, read once: the one asked for and the chooser's.
    taking_part = list(dashboards.campaigns_for(user).order_by("-published_at", "-pk"))
    campaign = next((c for c in taking_part if c.pk == campaign_id), None)
    if campaign is None:
        raise Http404
    unit = user.unit
    if unit is None or not campaign.root.is_ancestor_of(unit):
        # An administrator acts for no unit: show the campaign's root.
        return redirect("site:unit_work", campaign.pk, campaign.root_id)
    asking = [c for c in taking_part if c.withdrawn_at is None]  # withdrawal.still_asking
    return _unit_work(request, campaign, unit, choices=asking)


@login_required
@require_GET
def unit_work(request: AuthenticatedHttpRequest, campaign_id: int, unit_id: int) -> HttpResponse:
    user = request.user
    campaign = dashboards.campaign_or_404(user, campaign_id)
    unit = unit_in_campaign_or_404(user, campaign, unit_id)
    return _unit_work(request, campaign, unit, choices=None)


def _unit_work(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    unit: OrgUnit,
    *,
    choices: list[Campaign] | None,
) -> HttpResponse:
    user = request.user
    on = today()
    # A withdrawn campaign asks nothing more: its records are shown, nothing is owed.
    asking = campaign.withdrawn_at is None
    can_change = asking and scope.can_change_unit_work(user, unit)
    owed = worklists.owed_by(campaign, unit, on)
    # Whoever may record a unit's conference may also announce it beforehand.
    can_record = asking and (can_change or scope.can_review_work_of(user, unit))
    state = request.GET.get("state", "")
    review = worklists.reviewed_by(campaign, unit, on, state=state)
    near = quotas.rules_near(campaign, unit)  # the rules the page asks about, read once
    rows = [
        {
            "obligation": o,
            "conference": worklists.conference_of(o),
            "plan": worklists.plan_of(o),
            "days": worklists.days_text(o, on) if asking else "",
            "sent_again_on": worklists.sent_again_on(o),
            "next": worklists.next_step(o) if can_change else "",
            "report": report_progress(o, can_change=can_change),
            "can_nominate": o.deliverable == Deliverable.NOMINATION and can_change,
            "can_record": o.deliverable == Deliverable.CONFERENCE and can_record,
            "can_announce": o.deliverable == Deliverable.CONFERENCE
            and can_record
            and o.fulfilled_on is None,
        }
        for o in owed
    ]
    context = {
        "campaign": campaign,
        "unit": unit,
        "rows": rows,
        "review": review,
        "review_state": state if state in State.values else "",
        "states": State.choices,
        "can_change": can_change,
        "can_review_children": can_change,
        "ancestors": dashboards.visible_ancestors(user, unit),
        "district_rules": services.district_deadlines(campaign, unit)
        if unit.level == Level.DISTRICT
        else {},
        "commendation_rules": near.own,
        "conference_rule": quotas.conference_rule_for(campaign, unit, near),
        "sets_rules": can_change and unit.level == Level.DISTRICT,
        "consolidates": can_change and unit.level in (Level.PROVINCE, Level.DISTRICT),
        "nominates": can_change
        and quotas.allowance_for(campaign, unit, owed=owed, near=near) is not None,
        "receives_nominations": can_change and _receives_nominations(campaign, unit, near),
        "has_sector_line": can_change and unit.level == Level.AGENCY,
        "tasks": assigned.tasks_of(campaign, unit) if unit.level == Level.AGENCY else [],
        "today": on,
        "work_css": WORK_CSS,
        "choices": _choices(request, campaign, unit, choices),
    }
    return render(request, "campaigns/work/unit_work.html", context)


def _choices(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    unit: OrgUnit,
    asking: list[Campaign] | None,
) -> list[Campaign]:
    """The campaigns the user's own unit may switch its work page to, when it has several
    (`asking`: those still asking, newest first, when the caller has read them)."""
    if unit.pk != request.user.unit_id:
        return []
    choices = (
        asking
        if asking is not None
        else list(withdrawal.still_asking(dashboards.campaigns_for(request.user)))
    )
    return choices if len(choices) > 1 or campaign not in choices else []


def _receives_nominations(campaign: Campaign, unit: OrgUnit, near: quotas.RulesNear) -> bool:
    """Do units below `unit` nominate to it: the directive's quota (the province) or its
    own rule for its conference (a district)?"""
    if any(rule.conference_level == unit.level for rule in near.own):
        return True
    return (
        Obligation.objects.filter(campaign=campaign, deliverable=Deliverable.NOMINATION)
        .filter(Q(recipient=unit) | Q(recipient=None, unit__parent=unit))
        .exists()
    )
