"""The tasks a directive gave member bodies, as work: each task is a section of its body's
report (templates_build makes one per task, its items the section's guidance), so a task
has no state of its own. Whether a body has reported on a task is read from its sent
report: a draft is the body's own until it is sent, so from above an unsent task is only
"not sent yet"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.models import SENT_UP, Report, ReportTemplate, SectionText, TemplateSection
from xhht.reports.templates_build import template_for

REPORTED = "reported"
SENT_SILENT = "silent"  # sent, with nothing written under this task
NOT_SENT = "not_sent"
LABELS = {
    REPORTED: _("Reported"),
    SENT_SILENT: _("Sent, nothing on this task"),
    NOT_SENT: _("Not sent yet"),
}


# "2. " opening each line of a task's guidance that lists its items (templates_build).
_ITEM_NUMBER = re.compile(r"^\d{1,3}\.\s+")


@dataclass(frozen=True)
class Task:
    section: TemplateSection
    body: OrgUnit

    @property
    def items(self) -> list[str]:
        """The task's items when its guidance lists several, one per line; else none (the
        guidance, if any, is the directive's words under the section's title)."""
        lines = [line.strip() for line in self.section.guidance.splitlines() if line.strip()]
        if len(lines) < 2:
            return []
        return [_ITEM_NUMBER.sub("", line) for line in lines]


@dataclass(frozen=True)
class TaskProgress:
    task: Task
    state: str
    sent_on: date | None

    @property
    def label(self) -> str:
        return str(LABELS[self.state])


def tasks_of(campaign: Campaign, body: OrgUnit | None = None) -> list[Task]:
    """The campaign's tasks of member bodies (of `body` alone when given), in the order of
    the directive. The member bodies' template is made here on first use, as a report's."""
    sections = TemplateSection.objects.live().filter(
        template__campaign=campaign, template__level=Level.AGENCY, agency__isnull=False
    )
    if body is not None:
        sections = sections.filter(agency=body)
    tasks = [
        Task(section=s, body=s.agency)
        for s in sections.select_related("agency").order_by("order")
        if s.agency is not None
    ]
    made = ReportTemplate.objects.filter(campaign=campaign, level=Level.AGENCY)
    if not tasks and not made.exists():
        # A campaign published before its template was made at publishing: made now.
        template_for(campaign, Level.AGENCY)
        return tasks_of(campaign, body)
    return tasks


def _bodies_owing(campaign: Campaign) -> QuerySet[Obligation]:
    """The member bodies' report obligations in the campaign."""
    return Obligation.objects.filter(
        campaign=campaign, deliverable=Deliverable.REPORT, unit__level=Level.AGENCY
    )


def task_progress_reads(campaign: Campaign) -> list[tuple[Any, ...]]:
    """What `task_progress` stands on, in one query: each member body's report obligation
    with its report's key, state, revision (every save of its text moves it) and first
    sending, and the version of the bodies' template (every change to its sections moves
    it). A dashboard keeps the table it drew under these (kernel.kept)."""
    version = ReportTemplate.objects.filter(campaign=campaign, level=Level.AGENCY).values(
        "version"
    )[:1]
    return list(
        _bodies_owing(campaign)
        .annotate(template_version=Subquery(version))
        .values_list(
            "pk",
            "unit_id",
            "report__pk",
            "report__status",
            "report__revision",
            "report__first_sent_on",
            "template_version",
        )
        .order_by("pk")
    )


def task_progress(campaign: Campaign) -> list[TaskProgress]:
    """Every task of a body that owes the campaign a report, with whether the body has
    reported on it (the standing unit's own agency owes none: its tasks are not listed)."""
    owing = set(_bodies_owing(campaign).values_list("unit_id", flat=True))
    tasks = [task for task in tasks_of(campaign) if task.body.pk in owing]
    sent = {
        r.obligation.unit_id: r
        for r in Report.objects.filter(
            obligation__campaign=campaign,
            obligation__unit_id__in={t.body.pk for t in tasks},
            status__in=SENT_UP,
        ).select_related("obligation")
    }
    written = (
        set()
        if not sent
        else {
            (report_id, section_id)
            for report_id, section_id, text in SectionText.objects.filter(
                report__in=list(sent.values()), section__agency__isnull=False
            ).values_list("report_id", "section_id", "text")
            if text.strip()
        }
    )
    rows = []
    for task in tasks:
        report = sent.get(task.body.pk)
        if report is None:
            state = NOT_SENT
        elif (report.pk, task.section.pk) in written:
            state = REPORTED
        else:
            state = SENT_SILENT
        rows.append(
            TaskProgress(task=task, state=state, sent_on=report.first_sent_on if report else None)
        )
    return rows
