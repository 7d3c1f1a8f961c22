"""Template filters of a unit's work pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from xhht.campaigns.models import Campaign, Obligation, State

register = template.Library()


@register.filter
def state_label(state: str) -> str:
    """The label of an obligation's derived state ("overdue" → "Overdue")."""
    try:
        return str(State(state).label)
    except ValueError:
        return ""


@register.filter
def review_note(obligation: Obligation, campaign: Campaign) -> str:
    """The words under a cell of the table of units reviewed: the day it was done, returned
    or is due (one filter per cell: cheaper than the template's own tags)."""
    if obligation.fulfilled_on is not None:
        return f"{obligation.fulfilled_on:%d/%m/%Y}"
    if obligation.returned_on is not None:
        return _("returned on %(day)s") % {"day": f"{obligation.returned_on:%d/%m/%Y}"}
    if campaign.withdrawn_at is not None:
        return _("not done; the campaign is withdrawn")
    return _("by %(day)s") % {"day": f"{obligation.last_day:%d/%m/%Y}"}
