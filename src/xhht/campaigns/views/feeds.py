"""Calendar feeds (.ics) of a unit's deadlines: a download for a signed-in user, and a
secret per-user link for calendar apps that cannot sign in."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.campaigns.calendar import deadlines_ics, feed_token, feed_user, unit_deadlines
from xhht.orgunits.models import OrgUnit

ICS = "text/calendar; charset=utf-8"


def _ics_response(unit: OrgUnit, *, download: bool) -> HttpResponse:
    response = HttpResponse(
        deadlines_ics(unit=unit, obligations=unit_deadlines(unit)), content_type=ICS
    )
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="xhht-{unit.code}.ics"'
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_GET
def unit_ics(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    user = request.user
    unit = scope.unit_or_404(user, unit_pk)
    return _ics_response(unit, download=True)


@require_GET
def user_ics(request: HttpRequest, token: str) -> HttpResponse:
    """The feed behind a user's secret link: that user's unit's deadlines."""
    user = feed_user(token)
    if user is None or user.unit is None or not scope.can_see_unit(user, user.unit):
        raise Http404
    return _ics_response(user.unit, download=False)


@login_required
@require_GET
def subscribe(request: AuthenticatedHttpRequest) -> HttpResponse:
    """How to put the unit's deadlines in a calendar app: the secret link and a download."""
    user = request.user
    context: dict[str, object] = {"unit": user.unit}
    if user.unit is not None:
        path = reverse("campaigns:user_ics", kwargs={"token": feed_token(user)})
        context.update(
            feed_url=request.build_absolute_uri(path),
            webcal_url="webcal://" + request.get_host() + path,
            deadlines=unit_deadlines(user.unit),
        )
    return render(request, "campaigns/feeds/subscribe.html", context)
