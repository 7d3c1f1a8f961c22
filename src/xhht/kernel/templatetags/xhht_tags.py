"""Template filters shared by every page."""

from __future__ import annotations

from datetime import date

from django import template

register = template.Library()


@register.filter
def vndate(value: object) -> str:
    """An ISO date ("2013-05-16", or "2013-07" for a month) as Vietnam writes it: 16/05/2013, 07/2013."""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value or "")
    try:
        if len(text) == 7:
            return date.fromisoformat(f"{text}-01").strftime("%m/%Y")
        return date.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return text
