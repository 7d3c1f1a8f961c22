"""What a report page says at its top: the problems of its figures, each linked to where it
is corrected, and what sending the report will need."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from xhht.reports.models import DataValue
from xhht.reports.validation import Problem


@dataclass(frozen=True)
class SummaryItem:
    """One line of a summary: a message, the anchor of the place it is about (or ""), and,
    for a problem of the saved figures, whether it stops sending and what the unit wrote."""

    message: str
    anchor: str = ""
    blocks: bool = True
    excusable: bool = True
    justification: str = ""


def form_errors(form: forms.Form) -> list[SummaryItem]:
    """Every field error of a refused form, linked to its field (in the form's order)."""
    items: list[SummaryItem] = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS:
            continue
        anchor = form[name].id_for_label or ""
        items.extend(SummaryItem(str(message), anchor) for message in errors)
    return items


def problem_items(problems: Iterable[Problem], rows: Sequence[DataValue]) -> list[SummaryItem]:
    """The report's problems, each linked to its indicator's row, with its justification."""
    justification = {row.indicator.code: row.justification.strip() for row in rows}
    return [
        SummaryItem(
            p.message,
            f"indicator-{p.indicator_code}" if p.indicator_code else "",
            blocks=not p.justified,
            excusable=p.excusable,
            justification=justification.get(p.indicator_code, "") if p.excusable else "",
        )
        for p in problems
    ]


def missing_figures(rows: Sequence[DataValue]) -> list[DataValue]:
    """The rows whose required figures are still empty: sending needs them."""
    return [
        row
        for row in rows
        if row.value is None or (row.indicator.is_ratio and row.denominator is None)
    ]
