"""Lists of a campaign's obligations beside the dashboard: the conference calendar and the
status sheet."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Count,
    F,
    QuerySet,
)
from django.utils.translation import gettext as _

from xhht.campaigns.calls import parent_name, unit_contacts
from xhht.campaigns.models import (
    Conference,
    ConferencePlan,
    Deliverable,
    Obligation,
    State,
)
from xhht.campaigns.selectors import state_expression
from xhht.orgunits.models import Level, OrgUnit

# -- the conference calendar --------------------------------------------------------


@dataclass(frozen=True)
class CalendarEntry:
    """A conference on the press calendar: held (as recorded) or planned (as announced)."""

    on: date
    held: bool
    unit_pk: int
    unit_name: str
    parent_name: str
    venue: str
    chair: str
    participants: int | None
    exhibition: bool

    @property
    def status_label(self) -> str:
        return _("held") if self.held else _("planned")


@dataclass(frozen=True)
class DueConference:
    last_day: date
    units: list[str]
    count: int


def conference_calendar(obligations: QuerySet[Obligation]) -> list[CalendarEntry]:
    """The conferences in view, held and planned (announced, not yet held), by date."""
    conferences = Conference.objects.filter(obligation__in=obligations).select_related(
        "obligation__unit__parent"
    )
    plans = ConferencePlan.objects.filter(
        obligation__in=obligations, obligation__fulfilled_on__isnull=True
    ).select_related("obligation__unit__parent")
    entries = [
        CalendarEntry(
            on=c.held_on,
            held=True,
            unit_pk=c.obligation.unit_id,
            unit_name=c.obligation.unit.display_name,
            parent_name=parent_name(c.obligation.unit),
            venue=c.venue,
            chair=c.chair,
            participants=c.participants,
            exhibition=c.exhibition_held,
        )
        for c in conferences
    ] + [
        CalendarEntry(
            on=p.planned_on,
            held=False,
            unit_pk=p.obligation.unit_id,
            unit_name=p.obligation.unit.display_name,
            parent_name=parent_name(p.obligation.unit),
            venue=p.venue,
            chair=p.chair,
            participants=None,
            exhibition=p.exhibition,
        )
        for p in plans
    ]
    paths = {c.obligation.unit_id: c.obligation.unit.path for c in conferences} | {
        p.obligation.unit_id: p.obligation.unit.path for p in plans
    }
    return sorted(entries, key=lambda e: (e.on, paths[e.unit_pk]))


def conferences_to_hold(
    obligations: QuerySet[Obligation], on: date, names_per_day: int = 30
) -> list[DueConference]:
    """Conferences not yet recorded, by last day: how many, and the first units' names."""
    waiting = obligations.filter(deliverable=Deliverable.CONFERENCE, fulfilled_on__isnull=True)
    counts = dict(
        waiting.values_list("last_day")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("last_day", "n")
    )
    names: dict[date, list[str]] = defaultdict(list)
    for day in counts:
        for unit in OrgUnit.objects.filter(obligations__in=waiting.filter(last_day=day)).order_by(
            "path"
        )[:names_per_day]:
            names[day].append(unit.display_name)
    return [DueConference(day, names[day], counts[day]) for day in sorted(counts)]


# -- the status sheet ------------------------------------------------------------------


@dataclass(frozen=True)
class StatusRow:
    """One obligation as the status sheet lists it."""

    unit_code: str
    unit_name: str
    level_label: str
    district: str
    deliverable_label: str
    rule_text: str
    last_day: date
    fulfilled_on: date | None
    state: str
    state_label: str
    contact_name: str
    contact_phone: str
    returned_on: date | None = None
    last_sent_on: date | None = None  # a report sent again after a return

    @property
    def resent(self) -> bool:
        return self.last_sent_on is not None and self.last_sent_on != self.fulfilled_on


def status_rows(obligations: QuerySet[Obligation], on: date) -> list[StatusRow]:
    """Every obligation in view, by unit path then last day, with whom to contact."""
    labels = dict(State.choices)
    levels = dict(Level.choices)
    rows = list(
        obligations.annotate(state=state_expression(on), last_sent_on=F("report__last_sent_on"))
        .select_related("unit__parent", "milestone")
        .order_by("unit__path", "last_day", "deliverable")
    )
    contacts = unit_contacts({o.unit_id for o in rows})
    out = []
    for o in rows:
        unit = o.unit
        district = unit if unit.level == Level.DISTRICT else unit.parent
        found = contacts.get(unit.pk, [])
        # The unit's contact person when it has one, else its users who left a telephone.
        found = [c for c in found if c.of_unit] or [c for c in found if c.phone]
        out.append(
            StatusRow(
                unit_code=unit.code,
                unit_name=unit.display_name,
                level_label=str(levels[unit.level]),
                district=(
                    district.display_name
                    if district is not None and district.level == Level.DISTRICT
                    else ""
                ),
                deliverable_label=str(o.get_deliverable_display()),
                rule_text=o.milestone.rule_text,
                last_day=o.last_day,
                fulfilled_on=o.fulfilled_on,
                state=o.state,
                state_label=str(labels[o.state]),
                contact_name=", ".join(c.name for c in found if c.name),
                contact_phone=", ".join(c.phone for c in found if c.phone),
                returned_on=o.returned_on,
                last_sent_on=o.last_sent_on,
            )
        )
    return out
