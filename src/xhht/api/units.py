"""API routes: the org units the user sees, one unit by its code, its children, its subtree.

A code names a unit together with the date it is in force on (the 2025 tree reuses 2013
codes), so every route that takes a code also takes `?on=`; without it, the unit in force
today or else the latest one that had the code."""

# No `from __future__ import annotations`: ninja reads a paginated route's annotations in
# ninja.pagination's namespace (its wrapper's), where these names are unknown.

from datetime import date
from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Path, Query, Router, Schema
from ninja.pagination import paginate

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.api.auth import user_of
from xhht.api.errors import ERRORS, ApiError
from xhht.api.schemas import Pages
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit, OrgUnitQuerySet
from xhht.orgunits.selectors import children_of

router = Router(tags=["units"])

CODE_LENGTH = 20  # OrgUnit.code's max_length
Code = Annotated[str, Path(..., min_length=1, max_length=CODE_LENGTH)]
CodeParam = Annotated[str | None, Query(min_length=1, max_length=CODE_LENGTH)]
UNKNOWN_UNIT = gettext_noop("No unit among yours has the code “%(code)s”.")


class UnitOut(Schema):
    code: str
    name: str
    type: str
    level: Level
    parent: str | None
    valid_from: date
    valid_until: date | None

    @staticmethod
    def resolve_name(unit: OrgUnit) -> str:
        return unit.display_name

    @staticmethod
    def resolve_type(unit: OrgUnit) -> str:
        return unit.type_label

    @staticmethod
    def resolve_parent(unit: OrgUnit) -> str | None:
        return unit.parent.code if unit.parent is not None else None


def unit_by_code_or_404(user: User, code: str, *, on: date | None, field: str) -> OrgUnit:
    """The unit `user` sees with `code`: the one in force on `on`; without `on`, the one in
    force today, else the latest that had the code. 404 (naming `field`) otherwise."""
    having = scope.visible_units(user).filter(code=code).select_related("parent")
    found = having.in_force(on or today()).first()
    if found is None and on is None:
        found = having.order_by("-valid_from").first()
    if found is None:
        raise ApiError(404, _(UNKNOWN_UNIT) % {"code": code}, field=field)
    return found


def _filtered(units: OrgUnitQuerySet, *, level: Level | None, on: date | None) -> OrgUnitQuerySet:
    if level is not None:
        units = units.filter(level=level)
    if on is not None:
        units = units.in_force(on)
    return units


@router.get("", response={200: list[UnitOut], **ERRORS})
@paginate(Pages)
def unit_list(
    request: HttpRequest,
    level: Level | None = None,
    parent: CodeParam = None,
    on: date | None = None,
) -> OrgUnitQuerySet:
    """The units the user sees, in tree order: its own unit and its subtree (every unit for
    the administrator); `?on=` those in force on that day, `?level=`, `?parent=<code>`."""
    user = user_of(request)
    units = _filtered(scope.visible_units(user), level=level, on=on)
    if parent is not None:
        above = unit_by_code_or_404(user, parent, on=on, field="parent")
        units = units.filter(parent=above)
    return units.select_related("parent")


@router.get("/{code}", response={200: UnitOut, **ERRORS})
def unit_detail(request: HttpRequest, code: Code, on: date | None = None) -> OrgUnit:
    """One unit the user sees, by its code (`?on=`: the one in force on that day)."""
    return unit_by_code_or_404(user_of(request), code, on=on, field="code")


@router.get("/{code}/children", response={200: list[UnitOut], **ERRORS})
@paginate(Pages)
def unit_children(request: HttpRequest, code: Code, on: date | None = None) -> OrgUnitQuerySet:
    """The units directly below one, agencies last, as the tree page lists them."""
    unit = unit_by_code_or_404(user_of(request), code, on=on, field="code")
    return children_of(unit).select_related("parent")


@router.get("/{code}/subtree", response={200: list[UnitOut], **ERRORS})
@paginate(Pages)
def unit_subtree(
    request: HttpRequest, code: Code, on: date | None = None, level: Level | None = None
) -> OrgUnitQuerySet:
    """A unit and every unit below it, in tree order (`?level=` one level of them; `?on=`
    those in force on that day)."""
    user = user_of(request)
    unit = unit_by_code_or_404(user, code, on=on, field="code")
    below = scope.visible_units(user).subtree_of(unit)
    return _filtered(below, level=level, on=on).select_related("parent")
