"""The roll-up of a campaign's indicators for a unit: table, chart, breakdown by the units
below, .xlsx export; and a district's "fill my report from my communes" button."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.orgunits.models import OrgUnit
from xhht.reports.models import Report
from xhht.reports.rollup import (
    IndicatorRow,
    Rollup,
    prefill_message,
    report_prefill_from_children,
    rollup_build,
)
from xhht.reports.rollup_charts import Bar, bars
from xhht.reports.rollup_export import rollup_workbook, target_years
from xhht.reports.services import ReportError, report_open

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _focus(request: HttpRequest, user: User, campaign: Campaign) -> tuple[OrgUnit, set[int] | None]:
    """The unit looked at (?unit=, else the user's own) and the indicators the user may read
    there (None: all). A unit outside the user's reach answers 404."""
    raw = request.GET.get("unit", "").strip()
    if not raw:
        focus = dashboards.focus_or_404(user, campaign, None)
    else:
        if not raw.isdigit():
            raise Http404
        found = OrgUnit.objects.filter(pk=int(raw), path__startswith=campaign.root.path).first()
        if found is None:
            raise Http404
        focus = found
    readable = scope.indicators_readable_in(user, focus)
    if readable is not None and not readable:
        raise Http404
    return focus, readable


def _build(request: HttpRequest, pk: int) -> tuple[User, Rollup, set[int] | None]:
    user = _user(request)
    campaign = dashboards.campaign_or_404(user, pk)
    focus, readable = _focus(request, user, campaign)
    rollup = rollup_build(
        campaign=campaign,
        unit=focus,
        include_drafts=request.GET.get("drafts") == "1",
        indicator_ids=readable,
    )
    return user, rollup, readable


def _chosen(request: HttpRequest, rollup: Rollup) -> IndicatorRow | None:
    code = request.GET.get("indicator", "")
    found = rollup.row(code) if code else None
    return found or next((r for r in rollup.rows if r.children), None)


def _target_value(row: IndicatorRow) -> Decimal | None:
    target = row.reference_target
    return target.value if target is not None else None


def _own_report(user: User, rollup: Rollup) -> Report | None:
    """The user's own report in this campaign, when the page looks at the user's own unit."""
    if rollup.unit.pk != user.unit_id or not scope.can_change_unit_work(user, rollup.unit):
        return None
    return Report.objects.filter(
        obligation__campaign=rollup.campaign,
        obligation__unit=rollup.unit,
        obligation__deliverable=Deliverable.REPORT,
    ).first()


@login_required
def rollup_page(request: HttpRequest, pk: int) -> HttpResponse:
    user, rollup, readable = _build(request, pk)
    chosen = _chosen(request, rollup)
    ratios = [r for r in rollup.rows if r.indicator.is_ratio and r.sums.percent is not None]
    overview = bars(
        [Bar(r.indicator.code, r.sums.percent, _target_value(r)) for r in ratios],
        _("Percentages of %(unit)s against their targets") % {"unit": rollup.unit.display_name},
        percent=True,
    )
    breakdown = None
    if chosen is not None:
        is_ratio = chosen.indicator.is_ratio
        breakdown = bars(
            [Bar(c.name, c.figure(is_ratio), _target_value(chosen) if is_ratio else None)
             for c in chosen.children],
            f"{chosen.indicator.name} — {rollup.unit.display_name}",
            percent=is_ratio,
        )  # fmt: skip
    root = rollup.campaign.root
    granted_across = (
        readable is None
        and rollup.unit.pk != root.pk
        and bool(scope.indicators_readable_in(user, root))
    )
    query = [f"unit={rollup.unit.pk}"] if rollup.unit.pk != user.unit_id else []
    if rollup.include_drafts:
        query.append("drafts=1")
    years = target_years(rollup)
    context = {
        "campaign": rollup.campaign,
        "rollup": rollup,
        "focus": rollup.unit,
        "restricted": readable is not None,
        "granted_across": granted_across,
        "breadcrumb": [
            a
            for a in rollup.unit.ancestors()
            if root.is_ancestor_of(a) and scope.indicators_readable_in(user, a) != set()
        ],
        "years": years,
        "lines": [(row, [row.targets.get(y, []) for y in years]) for row in rollup.rows],
        "chosen": chosen,
        "overview": overview if ratios else None,
        "breakdown": breakdown,
        "query": "&".join(query),
        "own_report": _own_report(user, rollup),
        "has_children": any(r.children for r in rollup.rows),
    }
    return render(request, "reports/rollup/page.html", context)


@login_required
def rollup_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    rollup = _build(request, pk)[1]
    response = HttpResponse(rollup_workbook(rollup), content_type=XLSX)
    filename = f"rollup-{rollup.campaign.pk}-{rollup.unit.code}-{rollup.cutoff:%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def rollup_prefill(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill the empty figures of the user's own report from the reports of the units below."""
    user = _user(request)
    campaign = dashboards.campaign_or_404(user, pk)
    if user.unit is None or not scope.can_change_unit_work(user, user.unit):
        raise Http404
    obligation = Obligation.objects.filter(
        campaign=campaign, unit=user.unit, deliverable=Deliverable.REPORT
    ).first()
    if obligation is None:
        raise Http404
    try:
        report = report_open(obligation=obligation, user=user)
        count = report_prefill_from_children(report=report, user=user)
    except ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, prefill_message(count))
    return redirect(reverse("reports:rollup", args=[campaign.pk]))
