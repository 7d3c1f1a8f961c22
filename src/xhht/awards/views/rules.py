"""A district's criteria and quotas of commendation: at its communes' conferences (what
each may commend) and at its own (what each commune may put forward to it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.awards import services
from xhht.awards.forms import RuleForm
from xhht.awards.models import CommendationRule
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign
from xhht.orgunits.models import Level, OrgUnit

LEVELS = (Level.COMMUNE, Level.DISTRICT)


def _saved_form(campaign: Campaign, district: OrgUnit, level: str) -> RuleForm:
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
    return RuleForm(prefix=level, initial=initial)


def _page(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    district: OrgUnit,
    posted: dict[str, RuleForm] | None = None,
) -> HttpResponse:
    """The rules page; a form that was refused is shown as typed, with its errors."""
    forms = {
        level: (posted or {}).get(level) or _saved_form(campaign, district, level)
        for level in LEVELS
    }
    context = {
        "campaign": campaign,
        "unit": district,
        "commune_form": forms[Level.COMMUNE],
        "district_form": forms[Level.DISTRICT],
    }
    return render(request, "awards/rules.html", context)


@login_required
@require_GET
def rules(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    campaign, district = dashboards.own_work_or_404(request.user, campaign_id, Level.DISTRICT)
    return _page(request, campaign, district)


@login_required
@require_POST
def rule_save(request: AuthenticatedHttpRequest, campaign_id: int, level: str) -> HttpResponse:
    """Set (or, all empty, withdraw) the criteria and quota at conferences of `level`."""
    if level not in LEVELS:
        raise Http404
    campaign, district = dashboards.own_work_or_404(request.user, campaign_id, Level.DISTRICT)
    form = RuleForm(request.POST, prefix=level)
    if form.is_valid():
        try:
            services.rule_set(
                campaign=campaign,
                set_by=district,
                conference_level=level,
                criteria=form.cleaned_data["criteria"],
                individuals=form.cleaned_data["individuals"],
                collectives=form.cleaned_data["collectives"],
                user=request.user,
            )
        except services.AwardsError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The commendation rule is saved."))
            return redirect("awards:rules", campaign.pk)
    return _page(request, campaign, district, {level: form})


urlpatterns = [
    path("campaigns/<int:campaign_id>/awards/rules/", rules, name="rules"),
    path("campaigns/<int:campaign_id>/awards/rules/<str:level>/", rule_save, name="rule_save"),
]
