"""API routes: the campaigns the user takes part in, their rules, their obligations with the
state the dashboards give them, the conferences held and planned, and conference papers.

`obligations_router` holds the routes of one obligation (/api/obligations/…)."""

# No `from __future__ import annotations`: ninja reads a paginated route's annotations in
# ninja.pagination's namespace (its wrapper's), where these names are unknown.

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from pydantic import WithJsonSchema

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.api.auth import user_of
from xhht.api.errors import ERRORS
from xhht.api.schemas import Id, Pages
from xhht.api.units import CodeParam, unit_by_code_or_404
from xhht.awards import selectors as awards
from xhht.awards.models import Paper, PaperKind, PaperState
from xhht.campaigns import dashboards, listings
from xhht.campaigns.models import (
    Campaign,
    Deliverable,
    Milestone,
    Obligation,
    RuleKind,
    State,
)
from xhht.campaigns.selectors import obligations_with_state
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports import reading
from xhht.reports.models import Report

# An obligation's state as the dashboards give it; in a withdrawn campaign what was not done
# is "withdrawn" (asked no more: never overdue, pending or returned), what was done keeps its.
WITHDRAWN = "withdrawn"
DONE = (State.ON_TIME.value, State.LATE.value)
ObligationState = Annotated[
    Literal["on_time", "late", "returned", "overdue", "pending", "withdrawn"],
    WithJsonSchema(
        {"type": "string", "enum": [*State.values, WITHDRAWN], "title": "ObligationState"}
    ),
]

router = Router(tags=["campaigns"])
obligations_router = Router(tags=["obligations"])

Timeliness = Literal["on_time", "late", "open"]
# Whether the work was done by its last day; "open" while it is not done (a returned report
# is not done: it is owed again until it is sent again).
TIMELINESS: dict[str, Timeliness] = {
    State.ON_TIME: "on_time",
    State.LATE: "late",
    State.RETURNED: "open",
    State.OVERDUE: "open",
    State.PENDING: "open",
}
NOT_SENT = "not_sent"


def _user(context: dict[str, Any]) -> User:
    """The caller, for a resolver that answers by who asks."""
    request: HttpRequest = context["request"]
    return user_of(request)


# -- campaigns ------------------------------------------------------------------------------


class DirectiveOut(Schema):
    number: str | None
    symbol: str | None
    issued_on: date | None


class MilestoneOut(Schema):
    id: int
    deliverable: Deliverable
    level: Level
    rule: RuleKind
    rule_date: date
    rule_text: str
    last_day: date
    set_by: str
    applies_within: str
    quota_individuals: int | None
    quota_collectives: int | None

    @staticmethod
    def resolve_rule(milestone: Milestone) -> str:
        return milestone.rule_kind

    @staticmethod
    def resolve_set_by(milestone: Milestone) -> str:
        return milestone.set_by.code

    @staticmethod
    def resolve_applies_within(milestone: Milestone) -> str:
        return milestone.scope.code


class CampaignOut(Schema):
    id: int
    title: str
    root: str
    tree_date: date
    data_cutoff: date | None
    published_at: datetime
    closed_at: datetime | None
    withdrawn_at: datetime | None = Field(
        description="When the campaign was withdrawn for good: it asks nothing more of its units."
    )
    withdrawn_reason: str = Field(description="Why it was withdrawn; empty while it is not.")
    directive: DirectiveOut | None

    @staticmethod
    def resolve_root(campaign: Campaign) -> str:
        return campaign.root.code

    @staticmethod
    def resolve_directive(campaign: Campaign) -> DirectiveOut | None:
        directive = campaign.directive
        if directive is None:
            return None
        parsed = directive.parsed or {}
        return DirectiveOut(
            number=parsed.get("number"),
            symbol=parsed.get("symbol"),
            issued_on=_iso_day(parsed.get("date")),
        )


class CampaignDetailOut(CampaignOut):
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_milestones(campaign: Campaign, context: dict[str, Any]) -> list[Milestone]:
        return milestones_seen(_user(context), campaign)


def _iso_day(text: object) -> date | None:
    """The directive's date as the parser wrote it (yyyy-mm-dd), if it read one."""
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def milestones_seen(user: User, campaign: Campaign) -> list[Milestone]:
    """The campaign's rules that give a unit `user` sees something to do."""
    owed = Obligation.objects.filter(milestone=OuterRef("pk"), unit__in=scope.visible_units(user))
    return list(
        campaign.milestones.filter(Exists(owed))
        .select_related("set_by", "scope")
        .order_by("last_day", "level", "deliverable", "pk")
    )


@router.get("", response={200: list[CampaignOut], **ERRORS})
@paginate(Pages)
def campaign_list(request: HttpRequest) -> QuerySet[Campaign]:
    """The campaigns the user takes part in (a unit it sees owes something), newest first."""
    campaigns = dashboards.campaigns_for(user_of(request)).select_related("directive")
    return campaigns.order_by("-published_at", "-pk")


@router.get("/{campaign_id}", response={200: CampaignDetailOut, **ERRORS})
def campaign_detail(request: HttpRequest, campaign_id: Id) -> Campaign:
    """One campaign, with the rules that apply to the units the user sees."""
    return dashboards.campaign_or_404(user_of(request), campaign_id)


# -- obligations ----------------------------------------------------------------------------


class ReportStateOut(Schema):
    """Where the obligation's report stands, as far as the caller may know: a unit's report
    not yet sent is its own, so the units above see "not_sent" whether it is begun or not."""

    status: str
    label: str
    first_sent_on: date | None = None
    last_sent_on: date | None = Field(
        default=None,
        description="The latest sending, later than the first when sent again after a return.",
    )


class ObligationOut(Schema):
    id: int
    campaign: int
    unit: str
    unit_name: str
    deliverable: Deliverable
    rule_text: str
    last_day: date
    fulfilled_on: date | None = Field(
        description="The day it was done; for a report, its first sending, which judges its "
        "timeliness. Empty while a returned report awaits correction."
    )
    returned_on: date | None = Field(
        description="The day its report was returned for correction; empty once sent again."
    )
    state: ObligationState = Field(
        description="Its state on today's date, as the dashboards count it; `withdrawn` for "
        "what was not done in a withdrawn campaign, which asks nothing more."
    )
    timeliness: Timeliness
    report: ReportStateOut | None

    @staticmethod
    def resolve_campaign(obligation: Obligation) -> int:
        return obligation.campaign_id

    @staticmethod
    def resolve_unit(obligation: Obligation) -> str:
        return obligation.unit.code

    @staticmethod
    def resolve_unit_name(obligation: Obligation) -> str:
        return obligation.unit.display_name

    @staticmethod
    def resolve_rule_text(obligation: Obligation) -> str:
        return obligation.milestone.rule_text

    @staticmethod
    def resolve_state(obligation: Obligation) -> str:
        state = state_of(obligation)
        if obligation.campaign.withdrawn_at is not None and state not in DONE:
            return WITHDRAWN
        return str(state)

    @staticmethod
    def resolve_timeliness(obligation: Obligation) -> Timeliness:
        return TIMELINESS[state_of(obligation)]

    @staticmethod
    def resolve_report(obligation: Obligation, context: dict[str, Any]) -> ReportStateOut | None:
        return report_state(_user(context), obligation)


def state_of(obligation: Obligation) -> State:
    """The state campaigns.selectors.obligations_with_state annotated on the row."""
    return State(vars(obligation)["state"])


def report_state(user: User, obligation: Obligation) -> ReportStateOut | None:
    """None for an obligation that is no report; else what `user` may know of its report
    (reports.reading.can_read: whoever reads it sees its status)."""
    if obligation.deliverable not in reading.REPORT_DELIVERABLES:
        return None
    try:
        report: Report | None = obligation.report
    except ObjectDoesNotExist:
        report = None
    if report is None or not reading.can_read(user, report):
        return ReportStateOut(status=NOT_SENT, label=_("Not sent yet"))
    return ReportStateOut(
        status=report.status,
        label=report.get_status_display(),
        first_sent_on=report.first_sent_on,
        last_sent_on=report.last_sent_on,
    )


def _with_state(obligations: QuerySet[Obligation]) -> QuerySet[Obligation]:
    return obligations_with_state(obligations, today()).select_related(
        "unit", "milestone", "report", "campaign"
    )


def _in_state(found: QuerySet[Obligation], campaign: Campaign, state: str) -> QuerySet[Obligation]:
    """`found` narrowed to the obligations the API reports in `state` (ObligationOut.state)."""
    withdrawn = campaign.withdrawn_at is not None
    if state == WITHDRAWN:
        return found.filter(~Q(state__in=DONE)) if withdrawn else found.none()
    if withdrawn and state not in DONE:
        return found.none()
    return found.filter(Q(state=state))  # the annotation (stubs do not see it)


def campaign_unit_or_404(user: User, campaign: Campaign, code: str) -> OrgUnit:
    """The unit of the campaign's tree (in force on its tree date) with `code`, that `user`
    sees: what ?unit=<code> names; 404 otherwise."""
    unit = unit_by_code_or_404(user, code, on=campaign.tree_date, field="unit")
    return dashboards.focus_or_404(user, campaign, unit.pk)


@router.get("/{campaign_id}/obligations", response={200: list[ObligationOut], **ERRORS})
@paginate(Pages)
def obligation_list(
    request: HttpRequest,
    campaign_id: Id,
    unit: CodeParam = None,
    deliverable: Deliverable | None = None,
    state: ObligationState | None = None,
) -> QuerySet[Obligation]:
    """The obligations the dashboard counts for the user (`?unit=<code>`: that unit's own),
    by unit in tree order then last day; `?deliverable=`, `?state=` narrow them."""
    user = user_of(request)
    campaign = dashboards.campaign_or_404(user, campaign_id)
    focus = (
        dashboards.focus_or_404(user, campaign, None)
        if unit is None
        else campaign_unit_or_404(user, campaign, unit)
    )
    obligations = dashboards.obligations_in_view(user, campaign, focus)
    if unit is not None:
        obligations = obligations.filter(unit=focus)
    if deliverable is not None:
        obligations = obligations.filter(deliverable=deliverable)
    found = _with_state(obligations)
    if state is not None:
        found = _in_state(found, campaign, state)
    return found.order_by("unit__path", "last_day", "deliverable", "pk")


@obligations_router.get("/{obligation_id}", response={200: ObligationOut, **ERRORS})
def obligation_detail(request: HttpRequest, obligation_id: Id) -> Obligation:
    """One obligation of a unit the user sees."""
    return scope.object_or_404(
        _with_state(Obligation.objects.all()), user_of(request), unit="unit", pk=obligation_id
    )


# -- conferences and papers -----------------------------------------------------------------


class ConferenceOut(Schema):
    unit: str
    unit_name: str
    held: bool
    held_on: date | None
    planned_on: date | None
    venue: str
    chair: str
    participants: int | None
    exhibition: bool


@router.get("/{campaign_id}/conferences", response={200: list[ConferenceOut], **ERRORS})
@paginate(Pages)
def conference_list(request: HttpRequest, campaign_id: Id) -> list[ConferenceOut]:
    """The review conferences of the units the user sees, held (as recorded) and planned (as
    announced, not yet held), by date: the dashboard's conference calendar."""
    user = user_of(request)
    campaign = dashboards.campaign_or_404(user, campaign_id)
    focus = dashboards.focus_or_404(user, campaign, None)
    entries = listings.conference_calendar(dashboards.obligations_in_view(user, campaign, focus))
    codes = dict(
        OrgUnit.objects.filter(pk__in={e.unit_pk for e in entries}).values_list("pk", "code")
    )
    return [
        ConferenceOut(
            unit=codes[e.unit_pk],
            unit_name=e.unit_name,
            held=e.held,
            held_on=e.on if e.held else None,
            planned_on=None if e.held else e.on,
            venue=e.venue,
            chair=e.chair,
            participants=e.participants,
            exhibition=e.exhibition,
        )
        for e in entries
    ]


class PaperOut(Schema):
    id: int
    unit: str
    recipient: str
    received: bool
    author: str
    kind: PaperKind
    author_unit: str
    title: str
    state: PaperState
    position: int | None
    proposed_at: datetime

    @staticmethod
    def resolve_unit(paper: Paper) -> str:
        return paper.unit.code

    @staticmethod
    def resolve_recipient(paper: Paper) -> str:
        return paper.recipient.code

    @staticmethod
    def resolve_received(paper: Paper, context: dict[str, Any]) -> bool:
        return paper.recipient_id == _user(context).unit_id


@router.get("/{campaign_id}/papers", response={200: list[PaperOut], **ERRORS})
@paginate(Pages)
def paper_list(request: HttpRequest, campaign_id: Id) -> list[Paper]:
    """The papers page of the user's unit: the papers it proposed, then those proposed to it
    (its programme first, in order). 404 for a user who does no unit's own work in it."""
    campaign, unit = dashboards.own_work_or_404(user_of(request), campaign_id)
    related = ("unit", "recipient")
    return [
        *awards.papers_of(campaign, unit).select_related(*related),
        *awards.papers_received(campaign, unit).select_related(*related),
    ]
