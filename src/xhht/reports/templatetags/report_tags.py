"""The report page's cells, written in Python rather than included once per cell (a report's
form has hundreds): `{% report_cell cell %}`, one field with its label for screen readers,
the version saved meanwhile and its errors; `{% report_targets targets is_ratio %}`, an
indicator's targets in force."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def report_cell(cell: Any) -> SafeString:
    """`cell`: {"f": the bound field, "saved": the version saved by someone else or None}."""
    if not cell:
        return mark_safe("")
    field = cell["f"]
    html = format_html(
        '<label class="cell"><span class="sr">{}</span>{}</label>', field.label, field
    )
    if cell["saved"] is not None:
        html += format_html(
            '<small class="saved">{} {}</small>', gettext("saved:"), cell["saved"] or "—"
        )
    if field.errors:
        errors = format_html_join(" ", "{}", ((error,) for error in field.errors))
        html += format_html('<span class="errors" role="alert">{}</span>', errors)
    return html


@register.simple_tag
def report_targets(targets: Any, is_ratio: bool) -> SafeString:
    """The targets in force of one indicator, each with its source and the day it took
    effect; a dash when there is none."""
    if not targets:
        return format_html('<small class="muted">{}</small>', "—")
    in_force_from = gettext("in force from")
    return format_html_join(
        "",
        '<small class="target" title="{}, {} {}">{}: {}{} <span class="muted">({})</span></small>',
        (
            (
                t.source,
                in_force_from,
                date_filter(t.in_force_from, "d/m/Y"),
                t.year,
                floatformat(t.value, "-2"),
                "%" if is_ratio else "",
                t.source,
            )
            for t in targets
        ),
    )
