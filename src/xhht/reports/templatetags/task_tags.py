"""`{% task_progress_table campaign focus directory %}` on the dashboard of the campaign's
root: per task the directive gave a member body, whether the body has reported on it
(reports.assigned). The table is kept under the key of what it is drawn from (kernel.kept):
the bodies' obligations and reports, their template's version and `directory`, the
generation of the bodies' names."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django import template

from xhht.campaigns.models import Campaign
from xhht.kernel.kept import kept
from xhht.orgunits.models import OrgUnit
from xhht.reports.assigned import REPORTED, TaskProgress, task_progress, task_progress_reads

register = template.Library()


class _Progress:
    """The table's rows and counts, read on first use: not when the table is kept."""

    def __init__(self, campaign: Campaign) -> None:
        self._campaign = campaign

    @cached_property
    def rows(self) -> list[TaskProgress]:
        return task_progress(self._campaign)

    @cached_property
    def reported(self) -> int:
        return sum(row.state == REPORTED for row in self.rows)

    @cached_property
    def bodies(self) -> int:
        return len({row.task.body.pk for row in self.rows})


@register.inclusion_tag("reports/_task_progress.html")
def task_progress_table(campaign: Campaign, focus: OrgUnit, directory: int) -> dict[str, Any]:
    if focus.pk != campaign.root_id:
        return {"progress": None}
    reads = task_progress_reads(campaign)
    if not reads:
        return {"progress": None}  # no member body owes a report: no task to list
    return {"progress": _Progress(campaign), "kept": kept("tasks", campaign.pk, reads, directory)}
