"""Template tags of the dashboards: a tally's row of cells and the rows of the call list,
written in one go.

A table of a hundred units would otherwise include a template and format seven
numbers per row; here each row is one call and a number below a thousand,
which needs no separator, skips the locale's formatting. The call list, fifty units
with what they owe and whom to call, was most of the province's page.
"""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from xhht.campaigns.calls import CallEntry, Contact
from xhht.campaigns.dashboards import Tally
from xhht.orgunits.models import OrgUnit

register = template.Library()


def number(value: int) -> str:
    """`value` with the locale's thousands separator (`intcomma`), without its cost below 1000."""
    return str(value) if -1000 < value < 1000 else str(intcomma(value))


@register.simple_tag
def tally_cells(tally: Tally) -> SafeString:
    """The cells of campaigns/_tally_head.html's columns for `tally`."""
    return format_html(
        '<td class="num">{}</td><td class="num">{}</td><td class="num{}">{}</td>'
        '<td class="num{}">{}</td><td class="num">{}</td><td class="num">{}</td>'
        '<td class="num">{}%</td>',
        number(tally.on_time),
        number(tally.late),
        " bad" if tally.returned else "",
        number(tally.returned),
        " bad" if tally.overdue else "",
        number(tally.overdue),
        number(tally.pending),
        number(tally.total),
        tally.percent_done,
    )


@register.filter
def done_of(tally: Tally) -> str:
    """ "done/total", as the sections' columns of own work and units below show it."""
    return f"{number(tally.done)}/{number(tally.total)}"


def _contact(contact: Contact) -> str:
    phone = (
        f' · <a href="tel:{escape(contact.phone)}">{escape(contact.phone)}</a>'
        if contact.phone
        else ""
    )
    email = (
        f' · <a href="mailto:{escape(contact.email)}">{escape(contact.email)}</a>'
        if contact.email
        else ""
    )
    return f"<li>{escape(contact.name)}{phone}{email}</li>"


@register.simple_tag
def call_rows(
    entries: list[CallEntry], focus: OrgUnit, dashboard_url: str, chase: bool, linked: bool
) -> SafeString:
    """The rows of the call list: a box to tick for the chase (`chase`, never for the focus
    itself; it belongs to the form `chase`, drawn apart with its token), the unit (a link into its dashboard when `linked`), what it owes, its contacts."""
    labels = {
        key: escape(word)
        for key, word in (
            ("chase", _("Chase")),
            ("belongs", _("Belongs to")),
            ("owed", _("Owed")),
            ("contact", _("Contact")),
        )
    }
    none = f'<li class="muted">{escape(_("no contact recorded"))}</li>'
    url = escape(dashboard_url)
    rows = []
    for e in entries:
        name = escape(e.name)
        tick = (
            f'<input type="checkbox" name="unit" value="{e.pk}" checked form="chase" '
            f'aria-label="{escape(e.chase_label)}">'
            if e.pk != focus.pk
            else ""
        )
        items = "".join(
            f"<li>{escape(i.label)} — {i.last_day:%d/%m/%Y} ({escape(i.status_text)})</li>"
            for i in e.items
        )
        contacts = "".join(_contact(c) for c in e.contacts) or none
        rows.append(
            "<tr>\n"
            + (f'      <td data-label="{labels["chase"]}">{tick}</td>\n' if chase else "")
            + '      <th scope="row">'
            + (f'<a href="{url}?unit={e.pk}">{name}</a>' if linked else name)
            + "</th>\n"
            f'      <td data-label="{labels["belongs"]}">{escape(e.parent_name)}</td>\n'
            f'      <td data-label="{labels["owed"]}"><ul class="plain">{items}</ul></td>\n'
            f'      <td data-label="{labels["contact"]}"><ul class="plain">{contacts}</ul></td>\n'
            "    </tr>"
        )
    return mark_safe("".join(rows))  # every text above is escaped
