"""`{% task_progress campaign focus %}` on the dashboard of the campaign's root: per task the
directive gave a member body, whether the body has reported on it (reports.assigned)."""

from __future__ import annotations

from typing import Any

from django import template

from xhht.campaigns.models import Campaign
from xhht.orgunits.models import OrgUnit
from xhht.reports.assigned import REPORTED, task_progress

register = template.Library()


@register.inclusion_tag("reports/_task_progress.html")
def task_progress_table(campaign: Campaign, focus: OrgUnit) -> dict[str, Any]:
    rows = task_progress(campaign) if focus.pk == campaign.root_id else []
    return {
        "rows": rows,
        "reported": sum(row.state == REPORTED for row in rows),
        "bodies": len({row.task.body.pk for row in rows}),
    }
