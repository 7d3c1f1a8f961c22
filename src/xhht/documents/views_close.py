"""Closing the campaign, from the province's documents page: a confirmation page that says
what will happen, and the POST that does it (reports.closing); the standing unit only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign
from xhht.campaigns.views.work import WORK_CSS
from xhht.orgunits.models import OrgUnit
from xhht.reports.closing import CampaignCloseError, campaign_close, close_preview


def may_close(user: User, campaign: Campaign, unit: OrgUnit) -> bool:
    """The standing unit closes: an officer of the campaign's province who runs its campaigns."""
    return unit.pk == campaign.root_id and scope.can_run_campaigns_in(user, campaign.root)


def _closing(request: AuthenticatedHttpRequest, campaign_id: int) -> Campaign:
    """The campaign, when the user may close it (closed already or not); 404 otherwise."""
    campaign, unit = dashboards.own_work_or_404(request.user, campaign_id)
    if not may_close(request.user, campaign, unit):
        raise Http404
    return campaign


@login_required
@require_GET
def close_confirm(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """What closing will do, and the button that does it."""
    campaign = _closing(request, campaign_id)
    context = {
        "campaign": campaign,
        "unit": campaign.root,
        "preview": None if campaign.is_closed else close_preview(campaign),
        "work_css": WORK_CSS,
    }
    return render(request, "documents/close.html", context)


@login_required
@require_POST
def close(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Close the campaign; back to the documents page, which says it is closed."""
    campaign = _closing(request, campaign_id)
    try:
        kept = campaign_close(campaign=campaign, user=request.user)
    except CampaignCloseError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "The campaign is closed: its reports can no longer change, and %(count)d "
                "figures are kept as the baseline of the province's next campaign."
            )
            % {"count": kept},
        )
    return redirect("documents:page", campaign.pk)


urlpatterns = [
    path("campaigns/<int:campaign_id>/documents/close/", close_confirm, name="close_confirm"),
    path("campaigns/<int:campaign_id>/documents/close/confirm/", close, name="close"),
]
