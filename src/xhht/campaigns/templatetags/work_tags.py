"""Template filters of a unit's work pages."""

from __future__ import annotations

from django import template

from xhht.campaigns.models import State

register = template.Library()


@register.filter
def state_label(state: str) -> str:
    """The label of an obligation's derived state ("overdue" → "Overdue")."""
    try:
        return str(State(state).label)
    except ValueError:
        return ""
