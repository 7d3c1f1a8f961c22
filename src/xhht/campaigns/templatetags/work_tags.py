"""Template filters of a unit's work pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from xhht.campaigns.models import Campaign, Deliverable, Obligation, State
from xhht.kernel.widgets import esc

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


@register.simple_tag
def review_rows(review: Any, campaign: Campaign, can_review_children: bool) -> SafeString:
    """The rows of the table of units reviewed (what a `{% for %}` over them wrote, in a
    fraction of the time): each unit with its telephone, each cell with its state, its note
    and, for a conference, the link to record it."""
    if not review.rows:
        colspan = len(review.deliverables) + 1
        return mark_safe(
            f'\n    <tr><td colspan="{colspan}">{esc(_("No unit in this state."))}</td></tr>\n    '
        )
    correct, on_behalf = esc(_("correct")), esc(_("record on its behalf"))
    out = []
    for row in review.rows:
        unit = row.unit
        link = esc(reverse("site:unit_work", args=[campaign.pk, unit.pk]))
        phone = esc(unit.contact_phone)
        called = f'<small><a href="tel:{phone}">{phone}</a></small>' if unit.contact_phone else ""
        cells = []
        for o in row.cells:
            if not o:
                cells.append("<td>—</td>")
                continue
            state = ""
            if not campaign.withdrawn_at or o.fulfilled_on:
                state = f'<span class="state st-{esc(o.state)}">{esc(state_label(o.state))}</span>'
            record = ""
            if can_review_children and o.deliverable == Deliverable.CONFERENCE:
                where = esc(reverse("campaigns:conference_record", args=[campaign.pk, unit.pk]))
                record = (
                    f'<small><a href="{where}">{correct if o.fulfilled_on else on_behalf}</a>'
                    "</small>"
                )
            cells.append(
                f"<td>{state}\n        <small>{esc(review_note(o, campaign))}</small>\n"
                f"        {record}\n      </td>"
            )
        out.append(
            f'\n    <tr>\n      <td class="unit"><a href="{link}">{esc(unit.display_name)}</a>'
            f"{called}</td>\n      {''.join(cells)}\n    </tr>\n    "
        )
    return mark_safe("".join(out))
