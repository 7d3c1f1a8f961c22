"""Chasing late units from the dashboard's call list: mail them the reminder now, or make
the reminder letter for them, keep it and mail it; then back to the dashboard, which says
how many were mailed and which units have no address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.http import require_POST

from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign
from xhht.documents import chase as service
from xhht.orgunits.models import OrgUnit

NONE_LATE = gettext_noop("None of the units chosen is late below your unit: nobody was chased.")


def _chasing(request: AuthenticatedHttpRequest, campaign_id: int) -> tuple[Campaign, OrgUnit]:
    """The campaign and the user's own unit, when it may chase the units below it."""
    campaign, unit = dashboards.own_work_or_404(request.user, campaign_id)
    if not service.may_chase(request.user, unit):
        raise Http404
    return campaign, unit


def _chosen(request: AuthenticatedHttpRequest) -> list[OrgUnit]:
    """The units ticked; the service keeps those below the user's unit and late."""
    ids = {int(raw) for raw in request.POST.getlist("unit") if raw.strip().isdigit()}
    return list(OrgUnit.objects.filter(pk__in=ids))


def _names(units: list[OrgUnit]) -> str:
    return ", ".join(u.display_name for u in units)


def _report(request: AuthenticatedHttpRequest, result: service.ChaseResult) -> None:
    """Say how it went: how many were mailed, which have no address, which failed."""
    count = len(result.sent)
    messages.success(
        request,
        ngettext("%(count)d unit was mailed.", "%(count)d units were mailed.", count)
        % {"count": count},
    )
    if result.no_address:
        count = len(result.no_address)
        messages.warning(
            request,
            ngettext(
                "%(count)d unit has no e-mail address: %(names)s.",
                "%(count)d units have no e-mail address: %(names)s.",
                count,
            )
            % {"count": count, "names": _names(result.no_address)},
        )
    if result.failed:
        count = len(result.failed)
        messages.error(
            request,
            ngettext(
                "The mail server could not be reached for %(count)d unit: %(names)s. "
                "Try again later.",
                "The mail server could not be reached for %(count)d units: %(names)s. "
                "Try again later.",
                count,
            )
            % {"count": count, "names": _names(result.failed)},
        )


@login_required
@require_POST
def chase_mail(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Mail the reminder now to the late units chosen."""
    campaign, unit = _chasing(request, campaign_id)
    result = service.chase_mail(
        campaign=campaign, unit=unit, units=_chosen(request), user=request.user
    )
    if not (result.sent or result.no_address or result.failed):
        messages.warning(request, _(NONE_LATE))
    else:
        _report(request, result)
    return redirect("campaigns:dashboard", campaign.pk)


@login_required
@require_POST
def chase_letter(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Make the reminder letter for the late units chosen, keep it and mail it to them."""
    campaign, unit = _chasing(request, campaign_id)
    result = service.chase_letter(
        campaign=campaign, unit=unit, units=_chosen(request), user=request.user
    )
    if result.document is None:
        messages.warning(request, _(NONE_LATE))
    else:
        messages.success(
            request,
            _("The reminder letter is made and kept on the documents page: %(name)s.")
            % {"name": result.document.name},
        )
        _report(request, result)
    return redirect("campaigns:dashboard", campaign.pk)


urlpatterns = [
    path("campaigns/<int:campaign_id>/chase/", chase_mail, name="chase"),
    path("campaigns/<int:campaign_id>/chase/letter/", chase_letter, name="chase_letter"),
]
