"""API routes: a campaign's figures rolled up a unit's subtree, as the roll-up page shows
them: sent and accepted reports only (a draft is its unit's own), per indicator its sums,
its percentage recomputed from the sums, the targets in force and the units below."""

# No `from __future__ import annotations`: ninja reads a paginated route's annotations in
# ninja.pagination's namespace (its wrapper's), where these names are unknown.

from datetime import date
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from xhht.accounts.models import User
from xhht.api.auth import user_of
from xhht.api.errors import ERRORS, ApiError
from xhht.api.schemas import Id, Pages
from xhht.api.units import UNKNOWN_UNIT, CodeParam
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign
from xhht.orgunits.models import Level, OrgUnit
from xhht.rollup.focus import rollup_focus_or_404
from xhht.rollup.services import IndicatorRow, Sums, TargetShown, rollup_build

router = Router(tags=["rollup"])


class FiguresOut(Schema):
    value: int | None
    denominator: int | None
    percent: float | None
    baseline: int | None
    baseline_denominator: int | None
    baseline_percent: float | None
    reported: int
    expected: int


class TargetOut(Schema):
    year: int
    value: float
    source: str
    in_force_from: date
    national: bool


class ChildOut(Schema):
    unit: str
    name: str
    level: Level
    figures: FiguresOut
    below_target: bool


class IndicatorOut(Schema):
    indicator: str
    name: str
    level: Level
    is_ratio: bool
    unit_label: str
    figures: FiguresOut
    target: TargetOut | None
    below_target: bool
    targets: list[TargetOut]
    children: list[ChildOut]


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _figures(sums: Sums) -> FiguresOut:
    return FiguresOut(
        value=sums.value,
        denominator=sums.denominator,
        percent=_number(sums.percent),
        baseline=sums.baseline,
        baseline_denominator=sums.baseline_denominator,
        baseline_percent=_number(sums.baseline_percent),
        reported=sums.reported,
        expected=sums.expected,
    )


def _target(shown: TargetShown) -> TargetOut:
    return TargetOut(
        year=shown.year,
        value=float(shown.value),
        source=shown.source,
        in_force_from=shown.in_force_from,
        national=shown.national,
    )


def indicator_out(row: IndicatorRow) -> IndicatorOut:
    reference = row.reference_target
    return IndicatorOut(
        indicator=row.indicator.code,
        name=row.indicator.name,
        level=Level(row.indicator.level),
        is_ratio=row.indicator.is_ratio,
        unit_label=row.indicator.unit_label,
        figures=_figures(row.sums),
        target=_target(reference) if reference is not None else None,
        below_target=row.below,
        targets=[_target(t) for year in sorted(row.targets) for t in row.targets[year]],
        children=[
            ChildOut(
                unit=child.code,
                name=child.name,
                level=Level(child.level),
                figures=_figures(child.sums),
                below_target=row.under_target(child.sums),
            )
            for child in row.children
        ],
    )


def _focus_or_404(
    user: User, campaign: Campaign, code: str | None
) -> tuple[OrgUnit, set[int] | None]:
    """The roll-up page's choice of unit (rollup.focus), the unit named by its code in the
    campaign's tree. An unknown code and a unit outside the user's reach: the same 404."""
    if code is None:
        return rollup_focus_or_404(user, campaign, None)
    in_tree = OrgUnit.objects.subtree_of(campaign.root).in_force(campaign.tree_date)
    pk = in_tree.filter(code=code).values_list("pk", flat=True).first()
    try:
        if pk is None:
            raise Http404
        return rollup_focus_or_404(user, campaign, pk)
    except Http404:
        raise ApiError(404, _(UNKNOWN_UNIT) % {"code": code}, field="unit") from None


@router.get("/campaigns/{campaign_id}/rollup", response={200: list[IndicatorOut], **ERRORS})
@paginate(Pages)
def rollup(request: HttpRequest, campaign_id: Id, unit: CodeParam = None) -> list[IndicatorOut]:
    """Each indicator of the campaign summed over a unit's subtree (`?unit=<code>`, the
    user's own unit by default), from sent and accepted reports: sums, percentage, the
    targets in force at the data cut-off, and the breakdown by the units directly below."""
    user = user_of(request)
    campaign = dashboards.campaign_or_404(user, campaign_id)
    focus, readable = _focus_or_404(user, campaign, unit)
    # As the page: a draft is its unit's own until it is sent, so no unit above sums it.
    built = rollup_build(
        campaign=campaign, unit=focus, include_drafts=False, indicator_ids=readable
    )
    return [indicator_out(row) for row in built.rows]
