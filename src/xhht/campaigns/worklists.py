"""Reads for the pages where a unit sees what it owes and the work of the units it reviews."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import F, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from xhht.campaigns.models import (
    Campaign,
    Conference,
    ConferencePlan,
    Deliverable,
    Obligation,
    State,
)
from xhht.campaigns.selectors import obligations_with_state
from xhht.orgunits.models import Level, OrgUnit

DELIVERABLE_ORDER = [d.value for d in Deliverable]
LEVEL_ORDER: list[str] = [
    Level.COUNTRY,
    Level.PROVINCE,
    Level.DISTRICT,
    Level.COMMUNE,
    Level.AGENCY,
]


def _annotated(obligations: QuerySet[Obligation], on: date) -> QuerySet[Obligation]:
    return (
        obligations_with_state(obligations, on)
        .annotate(last_sent_on=F("report__last_sent_on"))
        .select_related("unit", "recipient", "milestone", "conference", "conference_plan")
    )


def _setters_attach(campaign: Campaign, obligations: list[Obligation]) -> None:
    """The unit that set each milestone, where the page names it: one set below the
    campaign's root. Nearly all are the root's, so they are read only when some are not
    (a seventh joined table makes PostgreSQL plan the list several times longer)."""
    below = {o.milestone.set_by_id for o in obligations} - {campaign.root_id}
    if not below:
        return
    setters = OrgUnit.objects.in_bulk(below)
    for obligation in obligations:
        if obligation.milestone.set_by_id in setters:
            obligation.milestone.set_by = setters[obligation.milestone.set_by_id]


def sent_again_on(obligation: Obligation) -> date | None:
    """The day a report done on one day was last sent again (after a return), else None;
    for an obligation from `owed_by` or `reviewed_by`."""
    last: date | None = getattr(obligation, "last_sent_on", None)
    if obligation.fulfilled_on is None or last is None or last == obligation.fulfilled_on:
        return None
    return last


def _ordered(obligations: list[Obligation]) -> list[Obligation]:
    return sorted(obligations, key=lambda o: (o.last_day, DELIVERABLE_ORDER.index(o.deliverable)))


def owed_by(campaign: Campaign, unit: OrgUnit, on: date) -> list[Obligation]:
    """What `unit` owes in `campaign`, soonest first, each with its `state` on `on`."""
    owed = _ordered(list(_annotated(campaign.obligations.filter(unit=unit), on)))
    _setters_attach(campaign, owed)
    return owed


def conference_of(obligation: Obligation) -> Conference | None:
    try:
        return obligation.conference
    except Conference.DoesNotExist:
        return None


def plan_of(obligation: Obligation) -> ConferencePlan | None:
    """The conference announced and not yet held; None once it is held."""
    if obligation.fulfilled_on is not None:
        return None
    try:
        return obligation.conference_plan
    except ConferencePlan.DoesNotExist:
        return None


def days_text(obligation: Obligation, on: date) -> str:
    """ "3 days left", "due today", "5 days overdue"; empty once done (a returned report is
    not done: its days count on)."""
    if obligation.fulfilled_on is not None:
        return ""
    days = (obligation.last_day - on).days
    if days == 0:
        return _("due today")
    if days > 0:
        return ngettext("%(n)s day left", "%(n)s days left", days) % {"n": days}
    return ngettext("%(n)s day overdue", "%(n)s days overdue", -days) % {"n": -days}


def next_step(obligation: Obligation) -> str:
    """What the unit should do next about `obligation`, in one sentence."""
    if obligation.fulfilled_on is not None:
        return ""
    recipient = obligation.recipient.display_name if obligation.recipient else ""
    last_day = f"{obligation.last_day:%d/%m/%Y}"
    if obligation.returned_on is not None:
        return _(
            "%(recipient)s returned the report on %(returned)s: correct it and send it again."
        ) % {"recipient": recipient, "returned": f"{obligation.returned_on:%d/%m/%Y}"}
    if obligation.deliverable == Deliverable.CONFERENCE:
        return _("Hold the review conference by %(date)s, then record it here.") % {
            "date": last_day
        }
    if obligation.deliverable == Deliverable.NOMINATION:
        milestone = obligation.milestone
        return _(
            "Send up to %(individuals)s individuals and %(collectives)s collectives "
            "to %(recipient)s by %(date)s."
        ) % {
            "individuals": milestone.quota_individuals or 0,
            "collectives": milestone.quota_collectives or 0,
            "recipient": recipient,
            "date": last_day,
        }
    if obligation.deliverable == Deliverable.CONSOLIDATED:
        return _("Prepare the consolidated report by %(date)s.") % {"date": last_day}
    return _("Send the report to %(recipient)s by %(date)s.") % {
        "recipient": recipient,
        "date": last_day,
    }


@dataclass
class ReviewRow:
    """A unit the viewer reviews, with its obligation for each deliverable (or None)."""

    unit: OrgUnit
    cells: list[Obligation | None] = field(default_factory=list)

    def has_state(self, state: str) -> bool:
        return any(cell is not None and cell.state == state for cell in self.cells)  # type: ignore[attr-defined]


@dataclass
class ReviewTable:
    deliverables: list[tuple[str, str]]  # (value, label)
    rows: list[ReviewRow]


_REVIEWED_FIELDS = (
    "campaign_id",
    "unit_id",
    "deliverable",
    "last_day",
    "fulfilled_on",
    "returned_on",
    *(
        f"unit__{name}"
        for name in (
            "code",
            "name",
            "full_name",
            "type_label",
            "level",
            "name_key",
            "contact_phone",
        )
    ),
)


def reviewed_by(campaign: Campaign, unit: OrgUnit, on: date, state: str = "") -> ReviewTable:
    """The units directly below `unit` that owe work in `campaign` (a district's communes,
    an agency's branches, the province's districts and agencies), one row each.

    With `state`, only the rows with an obligation in that state."""
    if unit.level == Level.COMMUNE:
        return ReviewTable(deliverables=[], rows=[])  # no unit lies below a commune
    # The table shows each cell's state and days, the unit's name and telephone: no more.
    obligations = list(
        obligations_with_state(campaign.obligations.filter(unit__parent=unit), on)
        .select_related("unit")
        .only(*_REVIEWED_FIELDS)
    )
    present = {o.deliverable for o in obligations}
    deliverables = [(d.value, str(d.label)) for d in Deliverable if d.value in present]
    by_unit: dict[int, ReviewRow] = {}
    index = {value: i for i, (value, _label) in enumerate(deliverables)}
    for obligation in obligations:
        row = by_unit.get(obligation.unit_id)
        if row is None:
            row = by_unit[obligation.unit_id] = ReviewRow(
                unit=obligation.unit, cells=[None] * len(deliverables)
            )
        row.cells[index[obligation.deliverable]] = obligation
    rows = sorted(
        by_unit.values(), key=lambda r: (LEVEL_ORDER.index(r.unit.level), r.unit.name_key)
    )
    if state in State.values:
        rows = [row for row in rows if row.has_state(state)]
    return ReviewTable(deliverables=deliverables, rows=rows)
