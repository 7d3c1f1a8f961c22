"""API routes: the nominations for commendation a user may read in a campaign.

What the awards pages show: a unit reads its own nominations, drafts included; the units
above it read what was sent to them and onward, never a draft (a draft is its unit's own
business until it is sent)."""

# No `from __future__ import annotations`: ninja reads a paginated route's annotations in
# ninja.pagination's namespace (its wrapper's), where these names are unknown.

from datetime import date

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from xhht.api.auth import user_of
from xhht.api.campaigns import campaign_unit_or_404
from xhht.api.errors import ERRORS
from xhht.api.schemas import Id, Pages, choices
from xhht.api.units import CodeParam
from xhht.awards import selectors
from xhht.awards.models import Field, Kind, Nomination, State
from xhht.awards.selectors import INDIVIDUALS_FIRST
from xhht.campaigns import dashboards

NominationState = choices(State, "NominationState")

router = Router(tags=["awards"])


class NominationOut(Schema):
    id: int
    campaign: int
    unit: str
    recipient: str
    kind: Kind
    state: NominationState  # type: ignore[valid-type]
    name: str
    sex: str
    birth_year: int | None
    position: str
    workplace: str
    field: Field
    achievements: str
    first_sent_on: date | None
    reviewed_on: date | None
    reason: str
    decision: str
    authority: str
    award: str
    decision_ref: str
    decided_on: date | None

    @staticmethod
    def resolve_campaign(nomination: Nomination) -> int:
        return nomination.campaign_id

    @staticmethod
    def resolve_unit(nomination: Nomination) -> str:
        return nomination.unit.code

    @staticmethod
    def resolve_recipient(nomination: Nomination) -> str:
        return nomination.recipient.code


@router.get("/campaigns/{campaign_id}/nominations", response={200: list[NominationOut], **ERRORS})
@paginate(Pages)
def nomination_list(
    request: HttpRequest,
    campaign_id: Id,
    unit: CodeParam = None,
    state: NominationState | None = None,  # type: ignore[valid-type]
    kind: Kind | None = None,
) -> QuerySet[Nomination]:
    """The nominations the user may read, by the unit that put them forward in tree order,
    individuals first; `?unit=<code>` (that unit's), `?state=`, `?kind=` narrow them."""
    user = user_of(request)
    campaign = dashboards.campaign_or_404(user, campaign_id)
    nominations = selectors.nominations_readable(user, Nomination.objects.filter(campaign=campaign))
    if unit is not None:
        nominations = nominations.filter(unit=campaign_unit_or_404(user, campaign, unit))
    if state is not None:
        nominations = nominations.filter(state=state)
    if kind is not None:
        nominations = nominations.filter(kind=kind)
    return nominations.select_related("unit", "recipient").order_by(
        "unit__path", INDIVIDUALS_FIRST, "pk"
    )
