"""The one place that decides what a user may see, change and review.

Every view and API endpoint asks here; nothing filters units by hand. An
object outside the user's scope answers 404, so its existence is not told.
"""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from xhht.accounts.models import Role, User
from xhht.indicators.models import IndicatorGrant
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit, OrgUnitQuerySet

M = TypeVar("M", bound=Model)

# Roles whose own unit's work they may change.
_WORKING_ROLES = {Role.PROVINCE, Role.DISTRICT, Role.COMMUNE, Role.AGENCY}


def _sees_everything(user: User) -> bool:
    return bool(user.is_active and user.is_administrator)


def visible_units(user: User) -> OrgUnitQuerySet:
    """The units `user` may see: its own unit and its subtree (the province's
    standing unit therefore sees the whole province, agencies included)."""
    return OrgUnit.objects.filter(visible_through(user, "pk"))


def visible_through(user: User, unit: str) -> Q:
    """The condition that the unit reached by the field path `unit` (e.g. "obligation__unit";
    "pk" for a query of units) is one `user` may see, tested on that unit's own path: the
    rule of `visible_units`, written here only. A subquery of the visible units would add a
    table to a lookup, and PostgreSQL's planner takes several times longer over one that
    joins six."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if _sees_everything(user):
        return Q() if unit == "pk" else Q(**{f"{unit}__isnull": False})  # any unit at all
    if user.unit is None:
        return Q(pk__in=[])
    path = "path__startswith" if unit == "pk" else f"{unit}__path__startswith"  # "pk": units
    return Q(**{path: user.unit.path})


def can_see_unit(user: User, unit: OrgUnit) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if _sees_everything(user):
        return True
    return user.unit is not None and user.unit.is_ancestor_of(unit)


def can_change_unit_work(user: User, unit: OrgUnit) -> bool:
    """May `user` edit the unit's own work (its conference, report, nominations)?"""
    return (
        user.is_authenticated
        and user.is_active
        and user.role in _WORKING_ROLES
        and user.unit_id == unit.pk
    )


def can_review_work_of(user: User, unit: OrgUnit) -> bool:
    """May `user` review (accept, return, enter on its behalf) the work of `unit`?
    Only the unit directly above it may."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role in _WORKING_ROLES
        and unit.parent_id is not None
        and unit.parent_id == user.unit_id
    )


def can_enter_work_of(user: User, unit: OrgUnit) -> bool:
    """May `user` write the unit's own work: the unit itself, or the unit above entering it
    for a unit that cannot (a commune without a computer, a report that came on paper)."""
    return can_change_unit_work(user, unit) or can_review_work_of(user, unit)


def can_read_received_by(user: User, unit: OrgUnit) -> bool:
    """May `user` read what was sent to `unit` (the nominations it received, the papers
    proposed to it)? The unit's own officers, and a viewer who sees the unit."""
    return can_change_unit_work(user, unit) or (
        user.is_authenticated and user.role == Role.VIEWER and can_see_unit(user, unit)
    )


def can_read_steps_of(user: User, unit: OrgUnit) -> bool:
    """May `user` read the unit's internal steps (a report handed to its leader to sign)?
    Only the unit itself; the units above see what was sent."""
    return user.is_authenticated and user.unit_id == unit.pk


def can_read_report_of(user: User, unit: OrgUnit, *, sent: bool, entered_above: bool) -> bool:
    """May `user` read a report of `unit` (its text, figures, attachments, Word and Excel
    forms)? Until it is sent up (a draft, or with the unit's leader) a report is its unit's
    own: its officers read it, and the unit above only when it enters the report on the
    unit's behalf (`entered_above`). Once sent (sent, returned, accepted) whoever sees the
    unit reads it."""
    if not can_see_unit(user, unit):
        return False
    if sent:
        return True
    return can_change_unit_work(user, unit) or (entered_above and can_review_work_of(user, unit))


def can_manage_accounts(user: User, unit: OrgUnit) -> bool:
    """May `user` create accounts for the units of `unit`'s subtree?"""
    if _sees_everything(user):
        return True
    return user.role == Role.PROVINCE and can_see_unit(user, unit)


def can_change_shared_content(user: User | None) -> bool:
    """May `user` change what every province shares (the content pack's indicators, national
    targets)? Only the site administrator; None is the system (seeding, commands)."""
    return user is None or _sees_everything(user)


def can_change_content_of(user: User | None, province_id: int | None) -> bool:
    """May `user` change an indicator or a target owned by `province_id`? A province's own
    its officers change (the caller found it among the province's); the content pack's and
    the national ones (no province) only the administrator."""
    return province_id is not None or can_change_shared_content(user)


def object_or_404(queryset: QuerySet[M], user: User, *, unit: str, **lookup: object) -> M:
    """The one object of `queryset` matching `lookup` whose unit (the field path `unit`,
    e.g. "report__obligation__unit") `user` may see; 404 for another unit's object or none,
    so its existence is not told. Every object lookup of the pages goes through here.

    The lookup names one object (its key): the query is not ordered, as ordering costs
    Django more to compile than the lookup costs the database (select_related's columns
    are hashed one by one)."""
    found = list(queryset.filter(visible_through(user, unit), **lookup).order_by()[:1])
    if not found:
        raise Http404
    return found[0]


def unit_or_404(user: User, pk: int) -> OrgUnit:
    """The unit with `pk` if `user` may see it; 404 otherwise."""
    unit = visible_units(user).filter(pk=pk).select_related("parent").first()
    if unit is None:
        raise Http404
    return unit


def campaign_root(user: User) -> OrgUnit | None:
    """The province (or the country) whose campaigns `user` may import and publish, if any:
    the standing unit's own province, the Ministry's officers' country; for the
    administrator, the province in force today."""
    if not user.is_authenticated or not user.is_active:
        return None
    if (
        user.role == Role.PROVINCE
        and user.unit is not None
        and user.unit.level in (Level.PROVINCE, Level.COUNTRY)
    ):
        return user.unit
    if _sees_everything(user):
        return (
            OrgUnit.objects.in_force(today()).filter(level=Level.PROVINCE).order_by("code").first()
        )
    return None


def can_run_campaigns_in(user: User, root: OrgUnit) -> bool:
    """May `user` run the campaigns rooted at `root`: publish them, edit their templates?"""
    own = campaign_root(user)
    return own is not None and own.pk == root.pk


def readable_unit_or_404(
    user: User, pk: int, *, within: OrgUnit
) -> tuple[OrgUnit, set[int] | None]:
    """A unit of `within`'s subtree whose figures `user` may read, with the indicators it may
    read there (None: all of them, the unit is in its scope; else those granted to its
    agency); 404 for a unit outside the subtree or one whose figures it may not read."""
    unit = OrgUnit.objects.subtree_of(within).filter(pk=pk).first()
    if unit is None:
        raise Http404
    readable = indicators_readable_in(user, unit)
    if readable is not None and not readable:
        raise Http404
    return unit, readable


def can_read_indicator_tree(user: User, indicator_id: int) -> bool:
    """May `user` read one indicator's figures across its province's whole tree? A member
    agency may, for the indicators the province granted it (IndicatorGrant)."""

    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.AGENCY
        and user.unit_id is not None
        and IndicatorGrant.objects.filter(
            agency_id=user.unit_id, indicator_id=indicator_id
        ).exists()
    )


def indicators_readable_in(user: User, unit: OrgUnit) -> set[int] | None:
    """The indicators whose figures `user` may read for `unit`: None for all of them (the unit
    is in its scope); else those granted to it, if `unit` lies in its agency's province."""
    if can_see_unit(user, unit):
        return None
    if not (user.is_authenticated and user.is_active and user.role == Role.AGENCY and user.unit):
        return set()
    province = _province_of(user.unit)
    if not unit.path.startswith(province.path):
        return set()
    granted = IndicatorGrant.objects.filter(agency_id=user.unit_id)
    return set(granted.values_list("indicator_id", flat=True))


def _province_of(unit: OrgUnit) -> OrgUnit:
    """The province `unit` lies in (the country's own agencies: the country)."""
    if unit.level == Level.PROVINCE:
        return unit
    line = [unit, *reversed(unit.ancestors())]
    return next((u for u in line if u.level == Level.PROVINCE), line[-1])
