"""Reads of the awards: what a reviewer received, duplicates, counts, the province's list.

A reviewer never sees another unit's drafts: only what was sent to it. The province's
list is what the .xlsx prints and what the proposal ("tờ trình") that goes with it needs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, Q, QuerySet, Value, When

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.awards.models import Field, Kind, Nomination, Paper, PaperState, State, Submission
from xhht.awards.quotas import Allowance, Use, allowance_for, use_of
from xhht.campaigns.models import Campaign
from xhht.orgunits.models import OrgUnit


def draft_hidden_from(user: User, nomination: Nomination) -> bool:
    """A draft is the nominating unit's own business: nobody else sees it
    (scope.can_read_steps_of)."""
    return nomination.state == State.DRAFT and not scope.can_read_steps_of(user, nomination.unit)


def nominations_readable(user: User, nominations: QuerySet[Nomination]) -> QuerySet[Nomination]:
    """`nominations` of units `user` sees, without other units' drafts (the rule above, in
    SQL: the user's own unit alone reads its drafts)."""
    in_scope = nominations.filter(unit__in=scope.visible_units(user))
    return in_scope.exclude(Q(state=State.DRAFT) & ~Q(unit_id=user.unit_id))


# Individuals before collectives, as every list of nominations shows them.
INDIVIDUALS_FIRST = Case(When(kind=Kind.INDIVIDUAL, then=Value(0)), default=Value(1))

# What the level above sees of a unit's nominations: all that were ever sent to it.
SEEN_ABOVE = (State.SENT, State.RETURNED, State.ACCEPTED, State.REJECTED)


def nominations_of(campaign: Campaign, unit: OrgUnit) -> QuerySet[Nomination]:
    """A unit's own nominations in `campaign`, drafts included, individuals first."""
    return (
        Nomination.objects.filter(campaign=campaign, unit=unit)
        .select_related("recipient", "submission")
        .prefetch_related("files")
        .order_by(INDIVIDUALS_FIRST, "pk")
    )


def received_by(campaign: Campaign, recipient: OrgUnit) -> QuerySet[Nomination]:
    """The nominations sent to `recipient` in `campaign`, by unit, individuals first."""
    return (
        Nomination.objects.filter(campaign=campaign, recipient=recipient, state__in=SEEN_ABOVE)
        .select_related("unit", "submission")
        .prefetch_related("files")
        .order_by("unit__name_key", INDIVIDUALS_FIRST, "pk")
    )


@dataclass
class FromUnit:
    """One nominating unit as its reviewer sees it: its quota's use and what it sent."""

    unit: OrgUnit
    allowance: Allowance | None
    uses: dict[str, Use]
    nominations: list[Nomination] = field(default_factory=list)
    notes: list[Submission] = field(default_factory=list)

    @property
    def sent_anything(self) -> bool:
        return bool(self.nominations or self.notes)


def by_unit(campaign: Campaign, recipient: OrgUnit) -> list[FromUnit]:
    """Every unit that may nominate to `recipient`, with what it sent (none yet included),
    in the order of the tree."""
    units = OrgUnit.objects.filter(parent=recipient, obligations__campaign=campaign).distinct()
    received = list(received_by(campaign, recipient))
    notes = list(Submission.objects.filter(campaign=campaign, recipient=recipient).exclude(note=""))
    rows = []
    for unit in sorted(units, key=lambda u: u.name_key):
        allowance = allowance_for(campaign, unit)
        if allowance is None or allowance.recipient.pk != recipient.pk:
            continue
        uses = use_of(campaign, unit, allowance)
        for use in uses.values():  # the level above never sees a draft, nor counts one
            use.holders = [n for n in use.holders if n.state != State.DRAFT]
        row = FromUnit(unit=unit, allowance=allowance, uses=uses)
        row.nominations = [n for n in received if n.unit_id == unit.pk]
        row.notes = [s for s in notes if s.unit_id == unit.pk]
        rows.append(row)
    return rows


@dataclass(frozen=True)
class Tally:
    """Counts of what a reviewer received: by unit and by field, per kind."""

    by_unit: dict[str, Counter[str]]
    by_field: dict[str, Counter[str]]
    total: Counter[str]


def tally(nominations: list[Nomination]) -> Tally:
    """Counts of the nominations that stand (sent or accepted)."""
    standing = [n for n in nominations if n.state in (State.SENT, State.ACCEPTED)]
    units: dict[str, Counter[str]] = {}
    fields: dict[str, Counter[str]] = {}
    for nomination in standing:
        units.setdefault(nomination.unit.display_name, Counter())[nomination.kind] += 1
        label = str(Field(nomination.field).label)
        fields.setdefault(label, Counter())[nomination.kind] += 1
    return Tally(
        by_unit=units,
        by_field=dict(sorted(fields.items())),
        total=Counter(n.kind for n in standing),
    )


def duplicates(campaign: Campaign, nominations: list[Nomination]) -> dict[int, list[Nomination]]:
    """For each of `nominations`, the other nominations of the campaign that put forward the
    same person (the same name on the matching key and the same year of birth) or the same
    collective (the same name): a flag both reviewers see. Drafts and rejected ones aside."""
    keys = {(n.kind, n.name_key, n.birth_year) for n in nominations}
    if not keys:
        return {}
    names = {key for _kind, key, _year in keys}
    candidates = list(
        Nomination.objects.filter(campaign=campaign, name_key__in=names)
        .exclude(state__in=(State.DRAFT, State.REJECTED))
        .select_related("unit", "recipient")
    )
    found: dict[int, list[Nomination]] = {}
    for nomination in nominations:
        same = [
            other
            for other in candidates
            if other.pk != nomination.pk
            and other.kind == nomination.kind
            and other.name_key == nomination.name_key
            and (nomination.kind == Kind.COLLECTIVE or other.birth_year == nomination.birth_year)
        ]
        if same:
            found[nomination.pk] = same
    return found


@dataclass(frozen=True)
class ListRow:
    number: int
    nomination: Nomination


@dataclass(frozen=True)
class ProvinceList:
    """The province's list of accepted nominations: individuals then collectives, each by
    district, numbered in each part; with what the proposal that carries it needs."""

    campaign: Campaign
    province: OrgUnit
    individuals: list[ListRow]
    collectives: list[ListRow]
    units: int  # how many units the accepted nominations come from

    @property
    def total(self) -> int:
        return len(self.individuals) + len(self.collectives)


def province_list(campaign: Campaign, recipient: OrgUnit | None = None) -> ProvinceList:
    """The accepted nominations sent to `recipient` (the campaign's province by default)."""
    recipient = recipient or campaign.root
    accepted = list(
        Nomination.objects.filter(campaign=campaign, recipient=recipient, state=State.ACCEPTED)
        .select_related("unit")
        .order_by("unit__level", "unit__name_key", "pk")
    )

    def numbered(kind: str) -> list[ListRow]:
        rows = [n for n in accepted if n.kind == kind]
        return [ListRow(number=i, nomination=n) for i, n in enumerate(rows, start=1)]

    return ProvinceList(
        campaign=campaign,
        province=recipient,
        individuals=numbered(Kind.INDIVIDUAL),
        collectives=numbered(Kind.COLLECTIVE),
        units=len({n.unit_id for n in accepted}),
    )


def papers_of(campaign: Campaign, unit: OrgUnit) -> QuerySet[Paper]:
    return Paper.objects.filter(campaign=campaign, unit=unit).order_by("proposed_at")


def papers_received(campaign: Campaign, recipient: OrgUnit) -> QuerySet[Paper]:
    """Papers proposed to `recipient`: the programme (selected, in order) first."""
    return (
        Paper.objects.filter(campaign=campaign, recipient=recipient)
        .select_related("unit")
        .order_by("position", "unit__name_key", "proposed_at")
    )


def programme(campaign: Campaign, recipient: OrgUnit | None = None) -> list[Paper]:
    """The papers selected for `recipient`'s conference (the province's by default), in
    the order of the programme: what the conference kit prints."""
    recipient = recipient or campaign.root
    return list(
        Paper.objects.filter(campaign=campaign, recipient=recipient, state=PaperState.SELECTED)
        .select_related("unit")
        .order_by("position", "proposed_at")
    )
