"""Who to call on a campaign's dashboard: the units overdue or with work returned to them,
the longest overdue first, what they owe and their contacts.

A few queries of plain values whatever the number of units: the obligations (or those a
dashboard read already), then the units named, with their parents' names and their contact
person, and their users' telephones in one more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext, ngettext

from xhht.accounts.models import User
from xhht.campaigns.models import Deliverable, Obligation, State
from xhht.campaigns.selectors import state_expression
from xhht.orgunits.models import Level, OrgUnit


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str
    of_unit: bool = False  # the unit's own contact person, not one of its users


@dataclass(frozen=True)
class CallItem:
    """One thing a unit still owes: overdue, or returned to it for correction."""

    label: str
    last_day: date
    days_late: int  # 0 while the last day has not passed
    returned_on: date | None = None

    @property
    def status_text(self) -> str:
        """ "returned on 12/06/2013, awaiting correction" or "5 days late", in the language of
        the page (the call list writes one per item: cheaper here than in its template)."""
        if self.returned_on is not None:
            return gettext("returned on %(day)s, awaiting correction") % {
                "day": f"{self.returned_on:%d/%m/%Y}"
            }
        return ngettext("%(days)s day late", "%(days)s days late", self.days_late) % {
            "days": self.days_late
        }


@dataclass
class CallEntry:
    """A unit with overdue or returned obligations, and whom to call about them."""

    pk: int
    code: str
    name: str
    parent_name: str
    items: list[CallItem] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    @property
    def chase_label(self) -> str:
        return gettext("Chase %(unit)s") % {"unit": self.name}


@dataclass(frozen=True)
class CallList:
    entries: list[CallEntry]
    total_units: int

    @property
    def truncated(self) -> bool:
        return self.total_units > len(self.entries)


def unit_contacts(unit_ids: Iterable[int]) -> dict[int, list[Contact]]:
    """Whom to call for each unit: its contact person first, then its active users with a
    telephone or e-mail. Two queries whatever the number of units."""
    ids = list(unit_ids)
    contacts: dict[int, list[Contact]] = defaultdict(list)
    for pk, name, phone, email in OrgUnit.objects.filter(pk__in=ids).values_list("pk", *_CONTACT):
        _add_unit_contact(contacts, pk, name, phone, email)
    _add_user_contacts(contacts, ids)
    return contacts


_CONTACT = ("contact_name", "contact_phone", "contact_email")


def _add_unit_contact(
    contacts: dict[int, list[Contact]], pk: int, name: str, phone: str, email: str
) -> None:
    if name or phone or email:
        contacts[pk].append(Contact(name, phone, email, of_unit=True))


def _add_user_contacts(contacts: dict[int, list[Contact]], ids: list[int]) -> None:
    """The active users of the units `ids` with a telephone or e-mail, after the units' own."""
    users = (
        User.objects.filter(unit_id__in=ids, is_active=True)
        .order_by("unit_id", "last_name", "first_name", "username")
        .values_list("unit_id", "first_name", "last_name", "username", "phone", "email")
    )
    for unit_id, first, last, username, phone, email in users:
        name = f"{last} {first}".strip() or username
        if phone or email:
            contacts[unit_id].append(Contact(name, phone, email))


def called_on(obligations: QuerySet[Obligation], focus: OrgUnit) -> QuerySet[Obligation]:
    """Of `obligations`, those of `focus` and of the units it calls on: the country calls its
    provinces (each Department of Education, which reports for its province, calls the
    province's units); any other unit every unit below it."""
    if focus.level != Level.COUNTRY:
        return obligations
    return obligations.filter(Q(unit=focus) | Q(unit__parent=focus))


@dataclass(frozen=True)
class Owed:
    """One obligation as a dashboard counts it: its unit, where the unit stands, what it owes,
    by when, and its state on the dashboard's day. A dashboard reads them once for all its
    tables and its call list (a few hundred for a province, some ten thousand for the
    country), rather than grouping them in one query per table."""

    unit_id: int
    parent_id: int | None
    path: str
    level: str
    deliverable: str
    last_day: date
    returned_on: date | None
    state: str


def owed_rows(obligations: QuerySet[Obligation], on: date) -> list[Owed]:
    """`obligations` as `Owed`, their state as of `on` (selectors.state_expression)."""
    rows = (
        obligations.annotate(state=state_expression(on))
        .values_list(
            "unit_id",
            "unit__parent_id",
            "unit__path",
            "unit__level",
            "deliverable",
            "last_day",
            "returned_on",
            "state",
        )
        .order_by()
    )
    return [Owed(*row) for row in rows]


def call_list(obligations: QuerySet[Obligation], on: date, limit: int | None = 50) -> CallList:
    """The units with overdue obligations or work returned to them, the longest overdue
    first, with their contacts."""
    return calls_of(owed_rows(obligations, on), on, limit)


def calls_of(rows: Iterable[Owed], on: date, limit: int | None = 50) -> CallList:
    """`call_list` of obligations read already: the units with some overdue or returned,
    ordered by their oldest last day, then by how many they owe (most first), then by
    place in the tree; the first `limit` of them named, with whom to call."""
    owing: dict[int, list[Owed]] = defaultdict(list)
    for row in rows:
        if row.state in (State.OVERDUE, State.RETURNED):
            owing[row.unit_id].append(row)
    order = sorted(
        owing,
        key=lambda pk: (min(r.last_day for r in owing[pk]), -len(owing[pk]), owing[pk][0].path),
    )
    chosen = order[:limit] if limit is not None else order
    if not chosen:
        return CallList(entries=[], total_units=len(order))
    entries = _entries(chosen)
    labels = dict(Deliverable.choices)
    for pk in chosen:
        for row in sorted(owing[pk], key=lambda r: (r.last_day, r.deliverable)):
            days = max((on - row.last_day).days, 0)
            entries[pk].items.append(
                CallItem(str(labels[row.deliverable]), row.last_day, days, row.returned_on)
            )
    return CallList(entries=[entries[pk] for pk in chosen], total_units=len(order))


def unit_call_list(
    unit_id: int, owed: Iterable[tuple[str, str, date, date | None]], on: date
) -> CallList:
    """`call_list` for a unit with no unit below it, from what it owes, read already:
    (deliverable, state, last day, returned on) by last day and deliverable."""
    labels = dict(Deliverable.choices)
    items = [
        CallItem(str(labels[deliverable]), last_day, max((on - last_day).days, 0), returned_on)
        for deliverable, state, last_day, returned_on in owed
        if state in (State.OVERDUE, State.RETURNED)
    ]
    if not items:
        return CallList(entries=[], total_units=0)
    entry = _entries([unit_id])[unit_id]
    entry.items = items
    return CallList(entries=[entry], total_units=1)


def _entries(ids: list[int]) -> dict[int, CallEntry]:
    """The units `ids` named, with whom to call, still owing nothing (their items follow)."""
    entries: dict[int, CallEntry] = {}
    contacts: dict[int, list[Contact]] = defaultdict(list)
    for unit, contact in _named_with_parent(ids):
        entries[unit.pk] = CallEntry(
            pk=unit.pk, code=unit.code, name=unit.display_name, parent_name=parent_name(unit)
        )
        _add_unit_contact(contacts, unit.pk, *contact)
    _add_user_contacts(contacts, ids)
    for pk, found in contacts.items():
        entries[pk].contacts = found
    return entries


_NAMED = ("code", "name", "full_name", "type_label", "level")


def _named_with_parent(ids: list[int]) -> list[tuple[OrgUnit, tuple[str, str, str]]]:
    """The units `ids` with the fields their names need and their parents' (`parent_name`),
    each with its contact person's name, telephone and e-mail: one query of plain values."""
    fields = ["pk", *_NAMED, *(f"parent__{f}" for f in _NAMED), *_CONTACT]
    named = len(_NAMED)
    found = []
    for row in OrgUnit.objects.filter(pk__in=ids).values_list(*fields):
        unit = OrgUnit(pk=row[0], **dict(zip(_NAMED, row[1 : 1 + named], strict=True)))
        parent_row = row[1 + named : 1 + 2 * named]
        if parent_row[0] is not None:
            unit.parent = OrgUnit(**dict(zip(_NAMED, parent_row, strict=True)))
        found.append((unit, (row[-3], row[-2], row[-1])))
    return found


def parent_name(unit: OrgUnit) -> str:
    """The district (or the agency, for a branch) a unit belongs to; blank below a province."""
    parent = unit.parent
    if parent is None or parent.level not in (Level.DISTRICT, Level.AGENCY):
        return ""
    return parent.display_name
