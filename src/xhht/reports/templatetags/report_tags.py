"""The report page's cells, written in Python rather than included once per cell (a report's
form has hundreds): `report_cell`, one field with its label for screen readers, the version
saved meanwhile and its errors; `{% report_targets targets is_ratio %}`, an
indicator's targets in force."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from xhht.kernel.widgets import esc, field_html

register = template.Library()


@lru_cache(maxsize=256)
def _label(label: str) -> str:
    """A column's label escaped: a few labels for hundreds of cells."""
    return esc(label)


def report_cell(cell: Any) -> str:
    """`cell`: {"form", "name": the field's, "saved": the version saved by someone else or
    None}; drawn as its bound field would be (widgets.field_html)."""
    if not cell:
        return ""
    form, name = cell["form"], cell["name"]
    label = form.fields[name].label
    label = _label(label) if type(label) is str else esc(label)  # a lazy one: its language
    html = f'<label class="cell"><span class="sr">{label}</span>{field_html(form, name)}</label>'
    if cell["saved"] is not None:
        saved = esc(cell["saved"] or "—")
        html += f'<small class="saved">{esc(gettext("saved:"))} {saved}</small>'
    if errors := form.errors.get(name):
        listed = " ".join(esc(error) for error in errors)
        html += f'<span class="errors" role="alert">{listed}</span>'
    return html


def _shown(value: Any) -> str:
    """What `{{ value }}` writes: localised (a decimal comma), escaped."""
    return esc(localize(value))


@register.simple_tag
def report_rows(rows: list[dict[str, Any]], target_years: list[int]) -> SafeString:
    """The figure table's rows, one per indicator (what a `{% for %}` over the rows wrote, in
    a tenth of the time): its name and unit, its problems, its cells and targets."""
    years = " / ".join(esc(year) for year in target_years)
    labels = {
        "baseline": esc(gettext("Baseline")),
        "value": esc(gettext("At the cut-off")),
        "own": f"{esc(gettext('Own targets'))} {years}",
        "targets": esc(gettext("Targets in force")),
        "justification": esc(gettext("Justification")),
    }
    counted, total = gettext("counted"), gettext("total")
    out = []
    for r in rows:
        row, cells, problems = r["row"], r["c"], r["problems"]
        indicator = row.indicator
        ratio = indicator.is_ratio
        if ratio:
            unit = (
                f"{_shown(indicator.numerator_label or counted)} / "
                f"{_shown(indicator.denominator_label or total)}"
            )
        else:
            unit = _shown(indicator.unit_label)
        listed = "".join(f"<li>{_shown(m)}</li>" for m in problems)
        baseline: str = report_cell(cells["baseline"])
        value: str = report_cell(cells["value"])
        if ratio:
            baseline += " / " + report_cell(cells["baseline_denominator"])
            value += " / " + report_cell(cells["denominator"])
            if row.percent is not None:
                value += f" <small>= {_shown(row.percent)}%</small>"
        own = "".join(f"{report_cell(cell)} " for cell in r["own"])
        marked = ' class="has-problem"' if problems else ""
        listing = f'<ul class="problems" role="alert">{listed}</ul>' if problems else ""
        out.append(
            f'\n      <tr id="indicator-{_shown(indicator.code)}"{marked}>\n'
            f'        <th scope="row">{_shown(indicator.name)} <small class="muted">'
            f"{_shown(indicator.code)} · {unit}</small>\n"
            f"          {listing}</th>\n"
            f'        <td data-label="{labels["baseline"]}">{baseline}</td>\n'
            f'        <td data-label="{labels["value"]}">{value}</td>\n'
            f'        <td data-label="{labels["own"]}">{own}</td>\n'
            f'        <td data-label="{labels["targets"]}">'
            f"{report_targets(r['targets'], ratio)}</td>\n"
            f'        <td data-label="{labels["justification"]}">'
            f"{report_cell(cells['justification'])}</td>\n"
            "      </tr>\n      "
        )
    return mark_safe("".join(out))


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
