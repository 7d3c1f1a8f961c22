"""Reads behind the campaign dashboards: counts by state, by level, by child unit, the call list.

Every figure comes from the obligations the user may see (accounts.scope), never from a
query per unit: a unit's dashboard reads its obligations once, each with its unit's place
and its state on the day (calls.owed_rows), and counts every table and its call list from
them in Python; a few hundred rows for a province, some ten thousand for the country. The
campaigns' list groups in the database.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    QuerySet,
)
from django.http import Http404
from django.utils.translation import gettext_lazy

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.campaigns.calls import CallList, Owed, called_on, calls_of, owed_rows, unit_call_list
from xhht.campaigns.models import (
    Campaign,
    Deliverable,
    Obligation,
    ObligationQuerySet,
    State,
)
from xhht.campaigns.selectors import state_expression
from xhht.orgunits.models import PATH_SEPARATOR, Level, OrgUnit

LEVEL_ORDER = [Level.COUNTRY, Level.PROVINCE, Level.DISTRICT, Level.COMMUNE, Level.AGENCY]
DELIVERABLE_ORDER = [
    Deliverable.CONFERENCE,
    Deliverable.REPORT,
    Deliverable.NOMINATION,
    Deliverable.CONSOLIDATED,
]
STATE_ORDER = [State.ON_TIME, State.LATE, State.RETURNED, State.OVERDUE, State.PENDING]


@dataclass(frozen=True)
class Tally:
    """How many obligations stand in each state."""

    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0
    returned: int = 0  # sent, returned, and owed again until sent anew

    @classmethod
    def of(cls, counts: dict[str, int]) -> Tally:
        return cls(**{state: counts.get(state, 0) for state in State.values})

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.on_time + other.on_time,
            self.late + other.late,
            self.overdue + other.overdue,
            self.pending + other.pending,
            self.returned + other.returned,
        )

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.returned + self.overdue + self.pending

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def due(self) -> int:
        """Obligations whose last day has passed, that are done, or that were returned."""
        return self.total - self.pending

    @property
    def percent_done(self) -> int:
        return percent_of(self.done, self.total)

    @property
    def percent_on_time(self) -> int:
        """Of the obligations due (or done), the share done on time."""
        return percent_of(self.on_time, self.due)

    def count(self, state: str) -> int:
        return int(getattr(self, state))

    def segments(self) -> list[tuple[str, str, int]]:
        """(state, label, count) in display order."""
        return [(s.value, str(s.label), self.count(s.value)) for s in STATE_ORDER]


def percent_of(part: int, whole: int) -> int:
    """`part` of `whole` in whole percent, never rounded to 100 % while something is missing
    nor to 0 % once something is there: 430 of 432 done reads 99 %, not "complete"."""
    if not whole:
        return 0
    percent = round(100 * part / whole)
    if part < whole:
        percent = min(percent, 99)
    if part > 0:
        percent = max(percent, 1)
    return percent


@dataclass(frozen=True)
class LevelRow:
    level: str
    level_label: str
    deliverable: str
    deliverable_label: str
    tally: Tally


@dataclass(frozen=True)
class UnitRow:
    """One child unit of the focus: its own obligations and those of its subtree below it."""

    pk: int
    code: str
    name: str
    level: str
    own: Tally
    below: Tally

    @property
    def tally(self) -> Tally:
        return self.own + self.below


@dataclass(frozen=True)
class Section:
    """The child units of one level (districts, communes, agencies)."""

    level: str
    title: str
    rows: list[UnitRow]
    has_below: bool

    @property
    def total(self) -> Tally:
        return sum((row.tally for row in self.rows), Tally())


@dataclass(frozen=True)
class OwnObligation:
    deliverable_label: str
    rule_text: str
    last_day: date
    fulfilled_on: date | None
    state: str
    state_label: str
    returned_on: date | None = None
    last_sent_on: date | None = None  # a report sent again: the version under review
    assumed: bool = False  # its rule was set by the system: the directive does not say it
    deliverable: str = ""
    level: str = ""  # the owing unit's

    @property
    def resent(self) -> bool:
        return self.last_sent_on is not None and self.last_sent_on != self.fulfilled_on


@dataclass(frozen=True)
class Dashboard:
    campaign: Campaign
    focus: OrgUnit
    today: date
    total: Tally
    by_level: list[LevelRow]
    sections: list[Section]
    own: list[OwnObligation]
    calls: CallList
    units: list[tuple[str, int]]  # (level label, how many units of it owe something)

    @property
    def level_totals(self) -> list[tuple[str, Tally]]:
        totals: dict[str, Tally] = {}
        for row in self.by_level:
            totals[row.level_label] = totals.get(row.level_label, Tally()) + row.tally
        return list(totals.items())


# -- scope ----------------------------------------------------------------------


def campaigns_for(user: User) -> QuerySet[Campaign]:
    """The campaigns `user` takes part in: those with an obligation in a unit it may see."""
    visible = Obligation.objects.filter(campaign=OuterRef("pk"), unit__in=scope.visible_units(user))
    return Campaign.objects.filter(Exists(visible)).select_related("root")


def campaign_or_404(user: User, pk: int) -> Campaign:
    """The campaign `user` takes part in with key `pk`; 404 otherwise (a lookup by key is
    not ordered: see scope.object_or_404)."""
    campaign = next(iter(campaigns_for(user).filter(pk=pk).order_by()[:1]), None)
    if campaign is None:
        raise Http404
    return campaign


def own_work_or_404(
    user: User, campaign_id: int, level: str | None = None
) -> tuple[Campaign, OrgUnit]:
    """The campaign and the user's own unit, whose own work the user does in it (of `level`,
    when given); 404 for a user who works for no such unit of the campaign's tree."""
    campaign = campaign_or_404(user, campaign_id)
    unit = user.unit
    if (
        unit is None
        or (level is not None and unit.level != level)
        or not campaign.root.is_ancestor_of(unit)
        or not scope.can_change_unit_work(user, unit)
    ):
        raise Http404
    return campaign, unit


def focus_or_404(user: User, campaign: Campaign, unit_pk: int | None) -> OrgUnit:
    """The unit a dashboard looks at: `unit_pk` if the user may see it and it lies in the
    campaign's tree, else the user's own unit (the campaign's root for the administrator)."""
    root = campaign.root
    if unit_pk is not None:
        unit = scope.unit_or_404(user, unit_pk)
        if not (root.is_ancestor_of(unit) or unit.is_ancestor_of(root)):
            raise Http404
        return unit
    own = user.unit
    if own is not None and (root.is_ancestor_of(own) or own.is_ancestor_of(root)):
        return own
    return root


def obligations_in_view(user: User, campaign: Campaign, focus: OrgUnit) -> QuerySet[Obligation]:
    """The campaign's obligations of units in `focus`'s subtree that `user` may see.

    Outside an agency's own subtree only the published plan's obligations count
    (the frozen denominators); what an agency cascaded to its branches shows in
    that agency's view."""
    obligations = Obligation.objects.filter(
        campaign=campaign, unit__in=scope.visible_units(user).subtree_of(focus)
    )
    return obligations if focus.level == Level.AGENCY else obligations.planned()


def _counted(obligations: ObligationQuerySet, user: User) -> QuerySet[Obligation]:
    """An agency counts its branches' work; everyone else the plan's obligations only."""
    unit = user.unit
    return obligations if unit is not None and unit.level == Level.AGENCY else obligations.planned()


# -- tables -----------------------------------------------------------------------


def tally_by_campaign(user: User, on: date) -> dict[int, Tally]:
    """The tally of every campaign `user` takes part in, over what it sees, in one query.

    No filter on the campaigns: with one, SQLite probes the (campaign, unit) index
    once per pair and the page of a national administrator takes ten times longer."""
    rows = (
        _counted(Obligation.objects.filter(unit__in=scope.visible_units(user)), user)
        .annotate(state=state_expression(on))
        .values("campaign_id", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        counts[row["campaign_id"]][row["state"]] = row["n"]
    # A withdrawn campaign asks nothing more: it counts nobody overdue.
    withdrawn = set(
        Campaign.objects.filter(withdrawn_at__isnull=False).values_list("pk", flat=True)
    )
    return {pk: Tally.of(c) for pk, c in counts.items() if pk not in withdrawn}


def tally_by_level(obligations: QuerySet[Obligation], on: date) -> list[LevelRow]:
    """Counts by the owing unit's level and the deliverable, levels top-down."""
    rows = (
        obligations.annotate(state=state_expression(on))
        .values("unit__level", "deliverable", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for row in rows:
        counts[(row["unit__level"], row["deliverable"])][row["state"]] = row["n"]
    return _level_rows(counts)


def _level_rows(counts: dict[tuple[str, str], dict[str, int]]) -> list[LevelRow]:
    """(level, deliverable) → state → count as rows, levels top-down."""
    levels = dict(Level.choices)
    deliverables = dict(Deliverable.choices)
    ordered = sorted(
        counts,
        key=lambda k: (LEVEL_ORDER.index(Level(k[0])), DELIVERABLE_ORDER.index(Deliverable(k[1]))),
    )
    return [
        LevelRow(
            level,
            str(levels[level]),
            deliv,
            str(deliverables[deliv]),
            Tally.of(counts[(level, deliv)]),
        )
        for level, deliv in ordered
    ]


# Lazy: translated in the language of the request that renders them.
SECTION_TITLES = {
    Level.PROVINCE: gettext_lazy("By province"),
    Level.DISTRICT: gettext_lazy("By district"),
    Level.COMMUNE: gettext_lazy("By commune"),
    Level.AGENCY: gettext_lazy("By agency"),
}


def sections_by_child(obligations: QuerySet[Obligation], focus: OrgUnit, on: date) -> list[Section]:
    """The focus's children that owe something, grouped by level: each district with its own
    obligations and its communes', each commune, each agency with its branches."""
    return levels_and_sections(obligations, focus, on)[1]


def levels_and_sections(
    obligations: QuerySet[Obligation], focus: OrgUnit, on: date
) -> tuple[list[LevelRow], list[Section]]:
    """`tally_by_level` and `sections_by_child` of the same obligations, read once."""
    return _levels_and_sections(owed_rows(obligations, on), focus)


def _levels_and_sections(rows: list[Owed], focus: OrgUnit) -> tuple[list[LevelRow], list[Section]]:
    """The counts by the owing unit's level and the deliverable, and by the child of the focus
    each obligation lies under (its path says which): the child's own, or its subtree's."""
    by_level: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    own: dict[int, dict[str, int]] = defaultdict(dict)
    below: dict[int, dict[str, int]] = defaultdict(dict)
    depth = len(focus.path)
    for row in rows:
        counts = by_level[(row.level, row.deliverable)]
        counts[row.state] = counts.get(row.state, 0) + 1
        if row.unit_id == focus.pk or not row.path.startswith(focus.path):
            continue
        child = int(row.path[depth:].split(PATH_SEPARATOR, 1)[0])
        target = (own if row.parent_id == focus.pk else below)[child]
        target[row.state] = target.get(row.state, 0) + 1
    return _level_rows(by_level), _sections(own, below)


def _sections(own: dict[int, dict[str, int]], below: dict[int, dict[str, int]]) -> list[Section]:
    """The children's rows by level, from their own counts and those of the units below."""
    if not own and not below:
        return []
    children = OrgUnit.objects.filter(pk__in=set(own) | set(below)).only(
        "pk", "code", "name", "full_name", "type_label", "level"
    )
    by_level: dict[str, list[UnitRow]] = defaultdict(list)
    for unit in children:
        by_level[unit.level].append(
            UnitRow(
                pk=unit.pk,
                code=unit.code,
                name=unit.display_name,
                level=unit.level,
                own=Tally.of(own.get(unit.pk, {})),
                below=Tally.of(below.get(unit.pk, {})),
            )
        )
    sections = []
    for level in LEVEL_ORDER:
        if level not in by_level:
            continue
        unit_rows = sorted(by_level[level], key=lambda r: (r.code.isdigit(), r.code))
        has_below = any(r.below.total for r in unit_rows)
        sections.append(Section(level, str(SECTION_TITLES[level]), unit_rows, has_below))
    return sections


def own_obligations(
    obligations: QuerySet[Obligation], focus: OrgUnit, on: date
) -> list[OwnObligation]:
    """What the focus unit itself owes, by last day."""
    labels = dict(State.choices)
    rows = (
        obligations.filter(unit=focus)
        .annotate(state=state_expression(on), last_sent_on=F("report__last_sent_on"))
        .select_related("milestone")
        .order_by("last_day", "deliverable")
    )
    return [
        OwnObligation(
            deliverable_label=str(o.get_deliverable_display()),
            rule_text=o.milestone.rule_text,
            last_day=o.last_day,
            fulfilled_on=o.fulfilled_on,
            state=o.state,
            state_label=str(labels[o.state]),
            returned_on=o.returned_on,
            last_sent_on=o.last_sent_on,
            assumed=o.milestone.assumed,
            deliverable=o.deliverable,
            level=focus.level,
        )
        for o in rows
    ]


# -- the page -------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardReads:
    """What a dashboard reads on every view, as plain values: what the focus owes itself,
    and below it every obligation in view with its state on the day. The rest is built
    from them and the units' names and contacts (dashboard_of); the page keeps what it
    drew under a key of these (kernel.kept)."""

    own: list[OwnObligation]
    owed: list[Owed]  # none for a commune: what it owes itself is all there is
    called: list[Owed] | None  # the country calls on fewer units: those; else `owed`


def dashboard_read(*, user: User, campaign: Campaign, focus: OrgUnit, on: date) -> DashboardReads:
    """The reads of `focus`'s dashboard as `user` sees it on `on`."""
    obligations = obligations_in_view(user, campaign, focus)
    own = own_obligations(obligations, focus, on)
    if focus.level == Level.COMMUNE:
        return DashboardReads(own=own, owed=[], called=None)
    # Read once for every table and the call list.
    called = called_on(obligations, focus)
    return DashboardReads(
        own=own,
        owed=owed_rows(obligations, on),
        called=None if called is obligations else owed_rows(called, on),
    )


def dashboard_of(
    reads: DashboardReads,
    *,
    campaign: Campaign,
    focus: OrgUnit,
    on: date,
    call_limit: int | None = 50,
) -> Dashboard:
    """The dashboard built from its reads (reading the units' names and contacts)."""
    if focus.level == Level.COMMUNE:
        # Nothing lies below a commune: what it owes itself is all there is to count.
        return _leaf_dashboard(campaign, focus, on, reads.own)
    rows = reads.owed
    by_level, sections = _levels_and_sections(rows, focus)
    return Dashboard(
        campaign=campaign,
        focus=focus,
        today=on,
        total=sum((row.tally for row in by_level), Tally()),
        by_level=by_level,
        sections=sections,
        own=reads.own,
        calls=calls_of(rows if reads.called is None else reads.called, on, call_limit),
        # Nothing below the focus owes anything: only the focus itself can.
        units=_units_by_level(rows) if sections else [(row.level_label, 1) for row in by_level[:1]],
    )


def dashboard_build(
    *, user: User, campaign: Campaign, focus: OrgUnit, on: date, call_limit: int | None = 50
) -> Dashboard:
    """Everything a dashboard shows for `focus` as `user` sees it on `on`."""
    reads = dashboard_read(user=user, campaign=campaign, focus=focus, on=on)
    return dashboard_of(reads, campaign=campaign, focus=focus, on=on, call_limit=call_limit)


def _leaf_dashboard(
    campaign: Campaign, focus: OrgUnit, on: date, own: list[OwnObligation]
) -> Dashboard:
    """The dashboard of a unit with no unit below it, from its own obligations alone."""
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for o in own:
        states = counts[(o.level, o.deliverable)]
        states[o.state] = states.get(o.state, 0) + 1
    by_level = _level_rows(counts)
    return Dashboard(
        campaign=campaign,
        focus=focus,
        today=on,
        total=sum((row.tally for row in by_level), Tally()),
        by_level=by_level,
        sections=[],
        own=own,
        calls=unit_call_list(
            focus.pk, ((o.deliverable, o.state, o.last_day, o.returned_on) for o in own), on
        ),
        units=[(row.level_label, 1) for row in by_level[:1]],
    )


def units_by_level(obligations: QuerySet[Obligation]) -> list[tuple[str, int]]:
    """How many units of each level owe something, levels top-down."""
    return _units_by_level(owed_rows(obligations, date.min))


def _units_by_level(rows: list[Owed]) -> list[tuple[str, int]]:
    units: dict[str, set[int]] = defaultdict(set)
    for row in rows:
        units[row.level].add(row.unit_id)
    labels = dict(Level.choices)
    return [(str(labels[level]), len(units[level])) for level in LEVEL_ORDER if level in units]


def breadcrumb(user: User, campaign: Campaign, focus: OrgUnit) -> list[OrgUnit]:
    """The focus's ancestors that `user` may see, within the campaign's tree."""
    return visible_ancestors(user, focus, within=campaign.root)


def visible_ancestors(user: User, unit: OrgUnit, within: OrgUnit | None = None) -> list[OrgUnit]:
    """`unit`'s ancestors, root first, that `user` may see (and that lie in `within`'s
    subtree, when given).

    Which they are is decided on their paths, read off the unit's own, so that only those
    shown are read: none for an officer looking at its own unit."""
    ids = [int(part) for part in unit.path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR)[:-1]]
    shown = []
    for depth, pk in enumerate(ids, start=1):
        path = PATH_SEPARATOR + PATH_SEPARATOR.join(map(str, ids[:depth])) + PATH_SEPARATOR
        if (within is None or path.startswith(within.path)) and scope.can_see_unit(
            user, OrgUnit(pk=pk, path=path)
        ):
            shown.append(pk)
    by_id = OrgUnit.objects.in_bulk(shown) if shown else {}
    return [by_id[pk] for pk in shown if pk in by_id]
