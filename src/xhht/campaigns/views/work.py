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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import attachments, dashboards, sector, services
from xhht.campaigns.deadlines import district_deadlines_set, own_report
from xhht.campaigns.forms import (
    REPORT_BY_DATE,
    REPORT_DAYS_AFTER,
    REPORT_ON_CONFERENCE_DAY,
    BranchForm,
    BranchInviteForm,
    CascadeForm,
    ConferenceForm,
    ConferencePlanForm,
    DeadlinesForm,
)
from xhht.campaigns.models import (
    Campaign,
    Conference,
    ConferenceAttachment,
    ConferencePlan,
    Deliverable,
    Milestone,
    Obligation,
    RuleKind,
)
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit

WORK_CSS = "xhht/work.css"


def unit_in_campaign_or_404(user: User, campaign: Campaign, unit_id: int) -> OrgUnit:
    unit = scope.unit_or_404(user, unit_id)
    if not campaign.root.is_ancestor_of(unit):
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


def _conference_obligation_or_404(
    user: User, campaign_id: int, unit_id: int
) -> tuple[Campaign, OrgUnit, Obligation]:
    """The unit's conference obligation, for the unit itself or the unit above it."""
    campaign = dashboards.campaign_or_404(user, campaign_id)
    unit = unit_in_campaign_or_404(user, campaign, unit_id)
    if not (scope.can_change_unit_work(user, unit) or scope.can_review_work_of(user, unit)):
        raise Http404
    obligation = get_object_or_404(
        Obligation, campaign=campaign, unit=unit, deliverable=Deliverable.CONFERENCE
    )
    return campaign, unit, obligation


@login_required
@require_http_methods(["GET", "POST"])
def conference_announce(
    request: AuthenticatedHttpRequest, campaign_id: int, unit_id: int
) -> HttpResponse:
    """Announce the date of the unit's conference before it is held, for the press calendar."""
    user = request.user
    campaign, unit, obligation = _conference_obligation_or_404(user, campaign_id, unit_id)
    plan = ConferencePlan.objects.filter(obligation=obligation).first()
    if request.method == "POST":
        form = ConferencePlanForm(request.POST)
        if form.is_valid():
            try:
                services.conference_announce(obligation=obligation, user=user, **form.cleaned_data)
            except services.CampaignError as error:
                _refuse(form, error)
            else:
                messages.success(
                    request,
                    _("The conference of %(unit)s is announced.") % {"unit": unit.display_name},
                )
                return redirect(_work_url(user, campaign, unit))
    else:
        names = ("planned_on", "venue", "chair", "exhibition")
        initial = {name: getattr(plan, name) for name in names} if plan else {}
        form = ConferencePlanForm(initial=initial)
    context = {
        "campaign": campaign,
        "unit": unit,
        "obligation": obligation,
        "plan": plan,
        "form": form,
        "on_behalf": unit.pk != user.unit_id,
        "back": _work_url(user, campaign, unit),
        "work_css": WORK_CSS,
    }
    return render(request, "campaigns/work/conference_announce.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def conference_record(
    request: AuthenticatedHttpRequest, campaign_id: int, unit_id: int
) -> HttpResponse:
    """Record (or correct) the unit's conference, by the unit or by the unit above it."""
    user = request.user
    campaign, unit, obligation = _conference_obligation_or_404(user, campaign_id, unit_id)
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


def _district_of(user: User, campaign_id: int) -> tuple[Campaign, OrgUnit]:
    """The campaign and the user's own district, which sets rules for its communes in it."""
    return dashboards.own_work_or_404(user, campaign_id, Level.DISTRICT)


def _deadlines_initial(campaign: Campaign, district: OrgUnit) -> dict[str, Any]:
    """The district's rules as the form shows them; its report rule read back as the day of
    the conference deadline, some days after it, or a date."""
    initial: dict[str, Any] = {"report_mode": REPORT_ON_CONFERENCE_DAY}
    own = services.district_deadlines(campaign, district)
    for deliverable, milestone in own.items():
        if milestone is not None:
            initial[f"{deliverable}_kind"] = milestone.rule_kind
            initial[f"{deliverable}_date"] = milestone.rule_date
            initial["wording"] = milestone.wording
    report = own[Deliverable.REPORT]
    conference = own[Deliverable.CONFERENCE] or services.commune_rule_of(
        campaign, Deliverable.CONFERENCE
    )
    if report is not None:
        after = (report.last_day - conference.last_day).days if conference else None
        if after is None or after < 0:
            initial["report_mode"] = REPORT_BY_DATE
        elif after > 0 and report.rule_kind == RuleKind.BY:
            initial |= {"report_mode": REPORT_DAYS_AFTER, "report_days": after}
        elif after > 0:
            initial["report_mode"] = REPORT_BY_DATE
    return initial


def _rules_page(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    district: OrgUnit,
    *,
    deadlines: DeadlinesForm | None = None,
) -> HttpResponse:
    """The rules page; the form shown as typed, with its errors, when it was refused."""
    if deadlines is None:
        deadlines = DeadlinesForm(initial=_deadlines_initial(campaign, district), prefix="d")
    context = {
        "campaign": campaign,
        "unit": district,
        "deadlines": deadlines,
        "province_rules": [
            services.commune_rule_of(campaign, d)
            for d in (Deliverable.CONFERENCE, Deliverable.REPORT)
        ],
        "own_report": own_report(campaign, district),
        "own_rules": services.district_deadlines(campaign, district),
        "communes": _communes_owing(campaign, district).count(),
        "work_css": WORK_CSS,
    }
    return render(request, "campaigns/work/rules.html", context)


@login_required
@require_GET
def rules(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """A district's own deadlines for its communes (its commendation rules are the awards')."""
    campaign, district = _district_of(request.user, campaign_id)
    return _rules_page(request, campaign, district)


@login_required
@require_POST
def rules_deadlines(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Set (or withdraw) the district's deadlines for its communes."""
    campaign, district = _district_of(request.user, campaign_id)
    form = DeadlinesForm(request.POST, prefix="d")
    if form.is_valid():
        try:
            district_deadlines_set(
                campaign=campaign,
                district=district,
                conference=form.rule(Deliverable.CONFERENCE),
                report=form.rule(Deliverable.REPORT),
                report_days_after=form.report_days_after(),
                wording=form.cleaned_data["wording"],
                user=request.user,
            )
        except services.CampaignError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The deadlines for your communes are saved."))
            return redirect("campaigns:rules", campaign.pk)
    return _rules_page(request, campaign, district, deadlines=form)


def _communes_owing(campaign: Campaign, district: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(
        parent=district,
        obligations__campaign=campaign,
        obligations__deliverable=Deliverable.CONFERENCE,
    )


# -- an agency's sector line ---------------------------------------------------------------


def _agency_of(user: User, campaign_id: int) -> tuple[Campaign, OrgUnit]:
    """The campaign and the user's own agency, whose sector line it is."""
    return dashboards.own_work_or_404(user, campaign_id, Level.AGENCY)


def _cascade_initial(cascade: Milestone | None, own: Obligation | None) -> dict[str, Any]:
    """The rule set for the branches; before any, the agency's own deadline."""
    if cascade is not None:
        return {"kind": cascade.rule_kind, "on": cascade.rule_date, "wording": cascade.wording}
    if own is not None:
        return {"kind": own.milestone.rule_kind, "on": own.milestone.rule_date}
    return {}


def _sector_line_page(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    agency: OrgUnit,
    *,
    branch_form: BranchForm | None = None,
    cascade_form: CascadeForm | None = None,
    invite: tuple[int, BranchInviteForm] | None = None,
) -> HttpResponse:
    """The sector line page; a form the user posted and that was refused is shown as typed,
    with its errors (`invite`: the branch's pk and its invitation form)."""
    own = sector.agency_report_of(campaign, agency)
    branches = []
    for row in sector.branch_rows(campaign, agency, today()):
        form = None
        if row.username is None:
            prefix = f"invite-{row.unit.pk}"
            form = BranchInviteForm(prefix=prefix, initial={"email": row.unit.contact_email})
            if invite is not None and invite[0] == row.unit.pk:
                form = invite[1]
        branches.append((row, form))
    cascade = sector.cascade_of(campaign, agency)
    if branch_form is None:
        branch_form = BranchForm(prefix="branch")
    if cascade_form is None:
        cascade_form = CascadeForm(prefix="cascade", initial=_cascade_initial(cascade, own))
    context = {
        "campaign": campaign,
        "unit": agency,
        "own": own,
        "cascade": cascade,
        "branches": branches,
        "branch_form": branch_form,
        "cascade_form": cascade_form,
        "work_css": WORK_CSS,
    }
    return render(request, "campaigns/work/sector_line.html", context)


@login_required
@require_GET
def sector_line(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """An agency registers its branch units and cascades its report to them."""
    campaign, agency = _agency_of(request.user, campaign_id)
    return _sector_line_page(request, campaign, agency)


@login_required
@require_POST
def sector_line_branch(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Register a branch unit of the agency."""
    campaign, agency = _agency_of(request.user, campaign_id)
    form = BranchForm(request.POST, prefix="branch")
    if form.is_valid():
        try:
            branch = sector.branch_register(agency=agency, **form.cleaned_data)
        except services.CampaignError as error:
            _refuse(form, error)
        else:
            messages.success(
                request, _("%(name)s is registered as a branch unit.") % {"name": branch.name}
            )
            return redirect("campaigns:sector_line", campaign.pk)
    return _sector_line_page(request, campaign, agency, branch_form=form)


@login_required
@require_POST
def sector_line_invite(
    request: AuthenticatedHttpRequest, campaign_id: int, branch_id: int
) -> HttpResponse:
    """Invite a branch unit's officer to log in: an account, and a one-time link by e-mail."""
    campaign, agency = _agency_of(request.user, campaign_id)
    branch = get_object_or_404(
        OrgUnit, pk=branch_id, parent=agency, level=Level.AGENCY, valid_until__isnull=True
    )
    form = BranchInviteForm(request.POST, prefix=f"invite-{branch.pk}")
    if form.is_valid():
        try:
            invited = sector.branch_invite(
                agency=agency,
                branch=branch,
                email=form.cleaned_data["email"],
                user=request.user,
                base_url=f"{request.scheme}://{request.get_host()}",
            )
        except services.CampaignError as error:
            _refuse(form, error)
        else:
            messages.success(
                request,
                _("%(name)s: an invitation to log in as %(username)s was sent to %(email)s.")
                % {"name": branch.name, "username": invited.username, "email": invited.email},
            )
            return redirect("campaigns:sector_line", campaign.pk)
    return _sector_line_page(request, campaign, agency, invite=(branch.pk, form))


@login_required
@require_POST
def sector_line_cascade(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Cascade the agency's report to its branch units, due by the rule posted."""
    campaign, agency = _agency_of(request.user, campaign_id)
    form = CascadeForm(request.POST, prefix="cascade")
    if form.is_valid():
        try:
            _milestone, added = sector.sector_cascade(
                campaign=campaign,
                agency=agency,
                rule=form.rule(),
                wording=form.cleaned_data["wording"],
            )
        except services.CampaignError as error:
            _refuse(form, error)
        else:
            messages.success(
                request,
                _("The report is cascaded; %(n)s branch units added.") % {"n": added},
            )
            return redirect("campaigns:sector_line", campaign.pk)
    return _sector_line_page(request, campaign, agency, cascade_form=form)
