"""The roll-up of a campaign's indicators for a unit: table, chart, breakdown by the units
below, .xlsx export; where the unit's report differs from the current sums of the units
below, and its "refresh from the units below" button."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.indicators.models import Indicator
from xhht.kernel.clock import today
from xhht.kernel.kept import DIRECTORY, INDICATORS, generations, kept
from xhht.orgunits.models import OrgUnit
from xhht.reports import reading
from xhht.reports.editing import ReportError, field_labels
from xhht.reports.models import Report
from xhht.rollup.below import (
    Comparison,
    collects_below,
    report_compare_below,
    report_open_and_refresh,
)
from xhht.rollup.charts import Bar, bars
from xhht.rollup.export import rollup_workbook, target_years
from xhht.rollup.focus import rollup_focus_or_404
from xhht.rollup.services import IndicatorRow, Rollup, rollup_build, rollup_reads

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _looked_at(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[Campaign, OrgUnit, set[int] | None]:
    """The campaign, the unit looked at (?unit=, else the user's own) and the indicators the
    user may read there (None: all). A campaign or a unit outside the user's reach answers
    404."""
    campaign = dashboards.campaign_or_404(request.user, pk)
    raw = request.GET.get("unit", "").strip()
    if raw and not raw.isdigit():
        raise Http404
    focus, readable = rollup_focus_or_404(request.user, campaign, int(raw) if raw else None)
    return campaign, focus, readable


def _target_value(row: IndicatorRow) -> Decimal | None:
    target = row.reference_target
    return target.value if target is not None else None


# A unit's own report: a commune's, a district's, an agency's; the province's consolidated one.
OWN_REPORTS = (Deliverable.REPORT, Deliverable.CONSOLIDATED)


def _report_obligation(campaign: Campaign, unit: OrgUnit) -> Obligation | None:
    return Obligation.objects.filter(
        campaign=campaign, unit=unit, deliverable__in=OWN_REPORTS
    ).first()


def _unit_report(campaign: Campaign, unit: OrgUnit) -> Report | None:
    return Report.objects.filter(
        obligation__campaign=campaign,
        obligation__unit=unit,
        obligation__deliverable__in=OWN_REPORTS,
    ).first()


@dataclass(frozen=True)
class VsBelow:
    """What rollup/_differences.html shows: a unit's report against the current sums
    of the units below, and whether the user may refresh it from them."""

    campaign: Campaign
    unit: OrgUnit
    report: Report | None
    comparison: Comparison | None
    differences: list[tuple[Indicator, list[tuple[str, int | None, int]]]]
    may_refresh: bool
    locked: bool  # the report is sent: its figures wait until it is returned
    back_to_report: bool = False


def vs_below(
    user: User,
    unit: OrgUnit,
    *,
    rollup: Rollup | None = None,
    campaign: Campaign | None = None,
    report: Report | None = None,
    back_to_report: bool = False,
) -> VsBelow | None:
    """The unit's report against the current sums below, for a user who sees the unit (the
    caller checks), when units below it collect indicators its report takes the sums of;
    None otherwise. The report page may show it too (`back_to_report`: the refresh button
    comes back there), with the `report` it read (when it is the unit's own)."""
    campaign = rollup.campaign if rollup is not None else campaign
    assert campaign is not None
    if not collects_below(campaign, unit):
        return None
    fresh = report is not None and report.obligation.deliverable in OWN_REPORTS
    if not fresh:
        report = _unit_report(campaign, unit)
    if report is not None and not reading.can_read(user, report):
        report = None  # another unit's draft: its figures are its own until it is sent
    comparison = report_compare_below(report=report, rollup=rollup, fresh=fresh) if report else None
    may_refresh = (
        unit.pk == user.unit_id
        and scope.can_change_unit_work(user, unit)
        and (report.is_editable if report else bool(_report_obligation(campaign, unit)))
    )
    return VsBelow(
        campaign,
        unit,
        report,
        comparison,
        _grouped_differences(comparison),
        may_refresh,
        report is not None and not report.is_editable,
        back_to_report,
    )


def _grouped_differences(
    comparison: Comparison | None,
) -> list[tuple[Indicator, list[tuple[str, int | None, int]]]]:
    """The differences by indicator: (indicator, [(column label, in the report, sum)])."""
    labels = field_labels()
    grouped: dict[int, tuple[Indicator, list[tuple[str, int | None, int]]]] = {}
    for d in comparison.differences if comparison else []:
        _indicator, lines = grouped.setdefault(d.indicator.pk, (d.indicator, []))
        lines.append((labels.get(d.name, d.name), d.in_report, d.summed))
    return list(grouped.values())


class _Drawn:
    """What the roll-up page's kept part shows, built on first use: when the template keeps
    it under the key of what it is drawn from (kernel.kept), no roll-up is built."""

    def __init__(
        self, campaign: Campaign, focus: OrgUnit, readable: set[int] | None, code: str
    ) -> None:
        self._campaign, self._focus, self._readable, self._code = campaign, focus, readable, code

    @cached_property
    def rollup(self) -> Rollup:
        return rollup_build(
            campaign=self._campaign,
            unit=self._focus,
            # Pages count sent and accepted figures only: a draft is its unit's own until it
            # is sent (scope.can_read_report_of), so no unit above sums it (`xhht rollup
            # --drafts` on the server still does).
            include_drafts=False,
            indicator_ids=self._readable,
        )

    @cached_property
    def chosen(self) -> IndicatorRow | None:
        rows = self.rollup.rows
        found = self.rollup.row(self._code) if self._code else None
        return found or next((r for r in rows if r.children), None)

    @cached_property
    def overview(self) -> str | None:
        ratios = [
            r for r in self.rollup.rows if r.indicator.is_ratio and r.sums.percent is not None
        ]
        if not ratios:
            return None
        return bars(
            [Bar(r.indicator.name, r.sums.percent, _target_value(r)) for r in ratios],
            _("Percentages of %(unit)s against their targets") % {"unit": self._focus.display_name},
            percent=True,
        )

    @cached_property
    def breakdown(self) -> str | None:
        chosen = self.chosen
        if chosen is None:
            return None
        is_ratio = chosen.indicator.is_ratio
        return bars(
            [Bar(c.name, c.figure(is_ratio), _target_value(chosen) if is_ratio else None)
             for c in chosen.children],
            _("%(indicator)s: the units below %(unit)s")
            % {"indicator": chosen.indicator.name, "unit": self._focus.display_name},
            percent=is_ratio,
        )  # fmt: skip

    @cached_property
    def years(self) -> list[int]:
        return target_years(self.rollup)

    @cached_property
    def lines(self) -> list[tuple[IndicatorRow, list[tuple[str, Any]]]]:
        """Each target cell with its column's label (data-label on a phone), translated once."""
        labels = [(y, _("Target %(y)s") % {"y": y}) for y in self.years]
        return [
            (row, [(label, row.targets.get(y, [])) for y, label in labels])
            for row in self.rollup.rows
        ]

    @cached_property
    def below(self) -> set[int]:
        return self.chosen.children_below if self.chosen is not None else set()


@login_required
def rollup_page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    campaign, focus, readable = _looked_at(request, pk)
    cutoff = campaign.data_cutoff or today()
    code = request.GET.get("indicator", "")
    # Read before the data they stand for (kernel.kept).
    versions = generations(DIRECTORY, INDICATORS)
    reads = rollup_reads(campaign, focus)
    root = campaign.root
    granted_across = (
        readable is None and focus.pk != root.pk and bool(scope.indicators_readable_in(user, root))
    )
    query = f"unit={focus.pk}" if focus.pk != user.unit_id else ""
    context = {
        "campaign": campaign,
        "focus": focus,
        "cutoff": cutoff,
        "restricted": readable is not None,
        "granted_across": granted_across,
        "breadcrumb": [
            a
            for a in focus.ancestors()
            if root.is_ancestor_of(a) and scope.indicators_readable_in(user, a) != set()
        ],
        "drawn": _Drawn(campaign, focus, readable, code),
        "kept": kept(
            "rollup",
            campaign.pk,
            cutoff,
            focus.pk,
            None if readable is None else sorted(readable),
            code,
            query,
            reads,
            versions,
        ),
        "query": query,
        "vs": None if readable is not None else vs_below(user, focus, campaign=campaign),
    }
    return render(request, "rollup/page.html", context)


@login_required
def rollup_xlsx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    campaign, focus, readable = _looked_at(request, pk)
    rollup = _Drawn(campaign, focus, readable, "").rollup
    response = HttpResponse(rollup_workbook(rollup), content_type=XLSX)
    drafts = "-with-drafts" if rollup.include_drafts else ""
    filename = f"rollup-{rollup.campaign.pk}-{rollup.unit.code}-{rollup.cutoff:%Y%m%d}{drafts}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def rollup_prefill(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Replace the figures of the user's own report collected below with the current sums of
    the units below (opening the report first when needed)."""
    user = request.user
    campaign = dashboards.campaign_or_404(user, pk)
    if user.unit is None or not scope.can_change_unit_work(user, user.unit):
        raise Http404
    obligation = _report_obligation(campaign, user.unit)
    if obligation is None or not collects_below(campaign, user.unit):
        raise Http404
    try:
        done = report_open_and_refresh(obligation=obligation, user=user)
    except ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done.message)
    if request.POST.get("back") == "report":
        return redirect(reverse("reports:report", args=[obligation.pk]) + "#report-vs-below")
    return redirect(reverse("rollup:page", args=[campaign.pk]) + "#report-vs-below")
