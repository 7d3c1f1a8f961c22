"""Template filters shared by every page."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.safestring import SafeString, mark_safe

from xhht.kernel.richtext import to_html

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


@register.filter
def richtext(value: object) -> SafeString:
    """A report text's markup as safe HTML: paragraphs, lists, bold, italic and tables
    (`kernel.richtext`; every character the user typed is escaped)."""
    return mark_safe(to_html(str(value or "")))
