"""What the dashboard needs to offer chasing late units: whether the user may."""

from __future__ import annotations

from django import template

from xhht.accounts.models import User
from xhht.documents.chase import may_chase as _may_chase
from xhht.orgunits.models import OrgUnit

register = template.Library()


@register.filter
def may_chase(user: User, unit: OrgUnit) -> bool:
    """Whether `user` may chase the late units below `unit` (its own country, province or district)."""
    return _may_chase(user, unit)
