"""Dashboards of a campaign: the list, a unit's dashboard, its A4 print, the conference
calendar and the status sheet; each for the user's scope, drilled down with ?unit=."""

from __future__ import annotations

from datetime import date
from functools import cached_property

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.campaigns import charts, dashboards, listings
from xhht.campaigns.exports import calendar_workbook, status_workbook
from xhht.campaigns.models import Campaign
from xhht.kernel.clock import today
from xhht.kernel.kept import DIRECTORY, generation, kept
from xhht.orgunits.models import OrgUnit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CALLS_ON_SCREEN = 50
CALLS_ON_PAPER = 300


def _unit_param(request: HttpRequest) -> int | None:
    raw = request.GET.get("unit", "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return int(raw)


class _Drawn:
    """What the dashboard's kept parts show, built on first use: when the template keeps
    them under the key of their reads (kernel.kept), none of it is built."""

    def __init__(
        self,
        reads: dashboards.DashboardReads,
        campaign: Campaign,
        focus: OrgUnit,
        on: date,
        call_limit: int,
    ) -> None:
        self._reads, self._campaign, self._focus = reads, campaign, focus
        self._on, self._call_limit = on, call_limit

    @cached_property
    def dash(self) -> dashboards.Dashboard:
        return dashboards.dashboard_of(
            self._reads,
            campaign=self._campaign,
            focus=self._focus,
            on=self._on,
            call_limit=self._call_limit,
        )

    @cached_property
    def progress(self) -> str:
        name = self._focus.display_name
        return charts.progress_bar(self.dash.total, _("Progress of %(unit)s") % {"unit": name})

    @cached_property
    def level_chart(self) -> str:
        return charts.stacked_bars(list(self.dash.level_totals), _("By level"))

    @cached_property
    def section_charts(self) -> list[tuple[dashboards.Section, str]]:
        name = self._focus.display_name
        return [
            (
                section,
                charts.stacked_bars(
                    [(row.name, row.tally) for row in section.rows], f"{section.title} — {name}"
                ),
            )
            for section in self.dash.sections
        ]


def _dashboard_context(
    request: AuthenticatedHttpRequest, pk: int, call_limit: int, printing: bool = False
) -> dict[str, object]:
    user = request.user
    campaign = dashboards.campaign_or_404(user, pk)
    focus = dashboards.focus_or_404(user, campaign, _unit_param(request))
    on = today()
    # Read before the names and contacts it stands for (kernel.kept).
    directory = generation(DIRECTORY)
    reads = dashboards.dashboard_read(user=user, campaign=campaign, focus=focus, on=on)
    return {
        "campaign": campaign,
        "focus": focus,
        "today": on,
        "drawn": _Drawn(reads, campaign, focus, on, call_limit),
        "directory": directory,
        # Everything the kept parts are drawn from; the reader's right to chase is added
        # by the template, which asks for it.
        "kept": kept(
            "dashboard",
            reads,
            directory,
            (campaign.pk, campaign.withdrawn_at, campaign.withdrawn_reason),
            campaign.withdrawn_by_id,
            focus.pk,
            on,
            call_limit,
            printing,
        ),
        "breadcrumb": dashboards.breadcrumb(user, campaign, focus),
        "is_own_unit": focus.pk == user.unit_id,
        "unit_query": "" if focus.pk == user.unit_id else f"?unit={focus.pk}",
    }


@login_required
def campaign_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    campaigns = list(dashboards.campaigns_for(user))
    tallies = dashboards.tally_by_campaign(user, today())
    rows = [(c, tallies.get(c.pk, dashboards.Tally())) for c in campaigns]
    return render(request, "campaigns/list.html", {"rows": rows, "today": today()})


@login_required
def campaign_dashboard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    context = _dashboard_context(request, pk, CALLS_ON_SCREEN)
    return render(request, "campaigns/dashboard.html", context)


@login_required
def campaign_print(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    context = _dashboard_context(request, pk, CALLS_ON_PAPER, printing=True)
    return render(request, "campaigns/dashboard_print.html", context)


@login_required
def campaign_calendar(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    campaign = dashboards.campaign_or_404(user, pk)
    focus = dashboards.focus_or_404(user, campaign, _unit_param(request))
    obligations = dashboards.obligations_in_view(user, campaign, focus)
    context = {
        "campaign": campaign,
        "focus": focus,
        "today": today(),
        "unit_query": "" if focus.pk == user.unit_id else f"?unit={focus.pk}",
        "conferences": listings.conference_calendar(obligations),
        "to_hold": listings.conferences_to_hold(obligations, today()),
    }
    return render(request, "campaigns/calendar.html", context)


@login_required
def campaign_calendar_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    campaign = dashboards.campaign_or_404(user, pk)
    focus = dashboards.focus_or_404(user, campaign, _unit_param(request))
    obligations = dashboards.obligations_in_view(user, campaign, focus)
    content = calendar_workbook(entries=listings.conference_calendar(obligations))
    response = HttpResponse(content, content_type=XLSX)
    filename = f"conferences-{campaign.pk}-{focus.code}-{today():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def campaign_status_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    campaign = dashboards.campaign_or_404(user, pk)
    focus = dashboards.focus_or_404(user, campaign, _unit_param(request))
    obligations = dashboards.obligations_in_view(user, campaign, focus)
    on = today()
    content = status_workbook(
        title=f"{campaign.title} — {focus.display_name}",
        as_of=on,
        rows=listings.status_rows(obligations, on),
        summary=dashboards.tally_by_level(obligations, on),
    )
    response = HttpResponse(content, content_type=XLSX)
    filename = f"status-{campaign.pk}-{focus.code}-{on:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
