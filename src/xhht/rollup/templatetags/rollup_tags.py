"""The roll-up's boxes on pages of the layers below it, which cannot import it.

`{% report_vs_below obligation report %}` on the report page: the unit's report against the
current sums of the units below, when units below collect indicators it sums.
"""

from __future__ import annotations

from typing import Any

from django import template

from xhht.campaigns.models import Obligation
from xhht.reports.models import Report
from xhht.rollup.views import vs_below

register = template.Library()


@register.inclusion_tag("rollup/_differences.html", takes_context=True)
def report_vs_below(
    context: template.Context, obligation: Obligation, report: Report | None = None
) -> dict[str, Any]:
    """The box for the report page, with the report it read; its refresh button comes back
    to the report."""
    user = context["request"].user
    vs = vs_below(
        user, obligation.unit, campaign=obligation.campaign, report=report, back_to_report=True
    )
    return {"vs": vs, "request": context["request"], "csrf_token": context.get("csrf_token")}
