"""A unit's own campaign work: what it owes, its conference, rules for its subtree, its
sector line; and the attachments, served only to users in scope."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import attachments, dashboards, sector, services
from xhht.campaigns.forms import (
    BranchForm,
    CascadeForm,
    CommendationForm,
    ConferenceForm,
    DeadlinesForm,
)
from xhht.campaigns.models import (
    Campaign,
    CommendationRule,
    Conference,
    ConferenceAttachment,
    Deliverable,
    Obligation,
)
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit

WORK_CSS = "xhht/work.css"


def unit_in_campaign_or_404(user: User, campaign: Campaign, unit_id: int) -> OrgUnit:
    unit = scope.unit_or_404(user, unit_id)
    if not campaign.root.is_ancestor_of(unit):
        raise Http404
    return unit


def _own_unit_or_404(user: User, campaign: Campaign, level: str) -> OrgUnit:
    """The user's own unit when it has `level`, lies in the campaign and the user works for it."""
    unit = user.unit
    if (
        unit is None
        or unit.level != level
        or not campaign.root.is_ancestor_of(unit)
        or not scope.can_change_unit_work(user, unit)
    ):
        raise Http404
    return unit


def _refuse(form: forms.Form, error: services.CampaignError) -> None:
    """Put the service's refusal on the field it names, or on the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _work_url(user: User, campaign: Campaign, unit: OrgUnit) -> str:
    if unit.pk == user.unit_id:
        return reverse("site:my_work", args=[campaign.pk])
    return reverse("site:unit_work", args=[campaign.pk, unit.pk])


# -- a conference -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def conference_record(
    request: AuthenticatedHttpRequest, campaign_id: int, unit_id: int
) -> HttpResponse:
    """Record (or correct) the unit's conference, by the unit or by the unit above it."""
    user = request.user
    campaign = dashboards.campaign_or_404(user, campaign_id)
    unit = unit_in_campaign_or_404(user, campaign, unit_id)
    if not (scope.can_change_unit_work(user, unit) or scope.can_review_work_of(user, unit)):
        raise Http404
    obligation = get_object_or_404(
        Obligation, campaign=campaign, unit=unit, deliverable=Deliverable.CONFERENCE
    )
    conference = Conference.objects.filter(obligation=obligation).first()
    current = conference.attachments.order_by("kind", "pk") if conference else None
    if request.method == "POST":
        form = ConferenceForm(request.POST, request.FILES, attachments=current)
        if form.is_valid() and _save_conference(form, user, obligation, conference):
            messages.success(
                request,
                _("The conference of %(unit)s is recorded.") % {"unit": unit.display_name},
            )
            return redirect(_work_url(user, campaign, unit))
    else:
        initial: dict[str, Any] = {}
        if conference is not None:
            initial = {
                name: getattr(conference, name)
                for name in ("held_on", "venue", "chair", "participants", "exhibition_held")
            } | {"notes": conference.notes}
        form = ConferenceForm(initial=initial, attachments=current)
    context = {
        "campaign": campaign,
        "unit": unit,
        "obligation": obligation,
        "conference": conference,
        "form": form,
        "on_behalf": unit.pk != user.unit_id,
        "back": _work_url(user, campaign, unit),
        "work_css": WORK_CSS,
    }
    return render(request, "campaigns/work/conference_form.html", context)


def _save_conference(
    form: ConferenceForm, user: User, obligation: Obligation, conference: Conference | None
) -> bool:
    data = form.cleaned_data
    fields = {
        name: data[name]
        for name in ("held_on", "venue", "chair", "participants", "exhibition_held", "notes")
    }
    try:
        if conference is None:
            services.conference_record(
                obligation=obligation, user=user, uploads=form.uploads(), **fields
            )
        else:
            services.conference_update(
                conference=conference,
                user=user,
                uploads=form.uploads(),
                remove=list(data.get("remove") or []),
                **fields,
            )
    except services.CampaignError as error:
        _refuse(form, error)
        return False
    return True


@login_required
@require_GET
def attachment(request: AuthenticatedHttpRequest, attachment_id: int) -> FileResponse:
    """A conference's minutes or photo, for users who may see the unit; 404 for others."""
    user = request.user
    item = scope.object_or_404(
        ConferenceAttachment.objects.all(),
        user,
        unit="conference__obligation__unit",
        pk=attachment_id,
    )
    return attachments.attachment_response(
        file=item.file, content_type=item.content_type, name=item.original_name
    )


# -- a district's rules for its communes --------------------------------------------------


def _deadlines_initial(campaign: Campaign, district: OrgUnit) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for deliverable, milestone in services.district_deadlines(campaign, district).items():
        if milestone is not None:
            initial[f"{deliverable}_kind"] = milestone.rule_kind
            initial[f"{deliverable}_date"] = milestone.rule_date
            initial["wording"] = milestone.wording
    return initial


def _commendation_form(
    campaign: Campaign, district: OrgUnit, level: str, data: Any = None
) -> CommendationForm:
    rule = CommendationRule.objects.filter(
        campaign=campaign, set_by=district, conference_level=level
    ).first()
    initial = (
        {
            "criteria": rule.criteria,
            "individuals": rule.individuals,
            "collectives": rule.collectives,
        }
        if rule
        else {}
    )
    return CommendationForm(data, prefix=level, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def rules(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """A district's own deadlines for its communes and its commendation criteria and quotas."""
    user = request.user
    campaign = dashboards.campaign_or_404(user, campaign_id)
    district = _own_unit_or_404(user, campaign, Level.DISTRICT)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    deadlines = DeadlinesForm(
        request.POST if action == "deadlines" else None,
        initial=_deadlines_initial(campaign, district),
        prefix="d",
    )
    commendation: dict[str, CommendationForm] = {
        level: _commendation_form(
            campaign, district, level, request.POST if action == level else None
        )
        for level in (Level.COMMUNE, Level.DISTRICT)
    }
    if action == "deadlines" and deadlines.is_valid():
        try:
            services.district_deadlines_set(
                campaign=campaign,
                district=district,
                conference=deadlines.rule(Deliverable.CONFERENCE),
                report=deadlines.rule(Deliverable.REPORT),
                wording=deadlines.cleaned_data["wording"],
            )
        except services.CampaignError as error:
            _refuse(deadlines, error)
        else:
            messages.success(request, _("The deadlines for your communes are saved."))
            return redirect("campaigns:rules", campaign.pk)
    if action in commendation and commendation[action].is_valid():
        form = commendation[action]
        try:
            services.commendation_rule_set(
                campaign=campaign,
                set_by=district,
                conference_level=action,
                criteria=form.cleaned_data["criteria"],
                individuals=form.cleaned_data["individuals"],
                collectives=form.cleaned_data["collectives"],
            )
        except services.CampaignError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The commendation rule is saved."))
            return redirect("campaigns:rules", campaign.pk)
    context = {
        "campaign": campaign,
        "unit": district,
        "deadlines": deadlines,
        "commune_form": commendation[Level.COMMUNE],
        "district_form": commendation[Level.DISTRICT],
        "province_rules": [
            services.commune_rule_of(campaign, d)
            for d in (Deliverable.CONFERENCE, Deliverable.REPORT)
        ],
        "own_rules": services.district_deadlines(campaign, district),
        "communes": _communes_owing(campaign, district).count(),
        "work_css": WORK_CSS,
    }
    return render(request, "campaigns/work/rules.html", context)


def _communes_owing(campaign: Campaign, district: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(
        parent=district,
        obligations__campaign=campaign,
        obligations__deliverable=Deliverable.CONFERENCE,
    )


# -- an agency's sector line ---------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sector_line(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """An agency registers its branch units and cascades its report to them."""
    user = request.user
    campaign = dashboards.campaign_or_404(user, campaign_id)
    agency = _own_unit_or_404(user, campaign, Level.AGENCY)
    own = sector.agency_report_of(campaign, agency)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    branch_form = BranchForm(request.POST if action == "branch" else None, prefix="branch")
    cascade = sector.cascade_of(campaign, agency)
    cascade_form = CascadeForm(
        request.POST if action == "cascade" else None,
        prefix="cascade",
        initial={"kind": cascade.rule_kind, "on": cascade.rule_date, "wording": cascade.wording}
        if cascade
        else {"kind": own.milestone.rule_kind, "on": own.milestone.rule_date}
        if own
        else {},
    )
    if action == "branch" and branch_form.is_valid():
        try:
            branch = sector.branch_register(agency=agency, **branch_form.cleaned_data)
        except services.CampaignError as error:
            _refuse(branch_form, error)
        else:
            messages.success(
                request, _("%(name)s is registered as a branch unit.") % {"name": branch.name}
            )
            return redirect("campaigns:sector_line", campaign.pk)
    if action == "cascade" and cascade_form.is_valid():
        try:
            _milestone, added = sector.sector_cascade(
                campaign=campaign,
                agency=agency,
                rule=cascade_form.rule(),
                wording=cascade_form.cleaned_data["wording"],
            )
        except services.CampaignError as error:
            _refuse(cascade_form, error)
        else:
            messages.success(
                request,
                _("The report is cascaded; %(n)s branch units added.") % {"n": added},
            )
            return redirect("campaigns:sector_line", campaign.pk)
    context = {
        "campaign": campaign,
        "unit": agency,
        "own": own,
        "cascade": cascade,
        "branches": sector.branch_rows(campaign, agency, today()),
        "branch_form": branch_form,
        "cascade_form": cascade_form,
        "work_css": WORK_CSS,
    }
    return render(request, "campaigns/work/sector_line.html", context)
