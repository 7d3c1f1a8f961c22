"""Reads behind the report pages: a unit's sections, the targets in force at a campaign's
cut-off, a report's history, the reports a unit receives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.audit.services import audit_log, history_of
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.orgunits.models import OrgUnit
from xhht.reports.models import (
    DataValue,
    Report,
    ReportStatus,
    Target,
    TemplateSection,
)
from xhht.reports.validation import report_problems

EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.WITH_LEADER)
REPORT_DELIVERABLES = (Deliverable.REPORT, Deliverable.CONSOLIDATED)


def report_obligation_or_404(user: User, pk: int) -> Obligation:
    """A report obligation whose unit `user` may see; 404 otherwise."""
    obligation = get_object_or_404(
        Obligation.objects.select_related(
            "unit__parent", "campaign__root", "milestone", "recipient"
        ),
        pk=pk,
        deliverable__in=REPORT_DELIVERABLES,
    )
    if not scope.can_see_unit(user, obligation.unit):
        raise Http404
    return obligation


def may_enter(user: User, unit: OrgUnit) -> bool:
    """The unit itself, or the unit above entering for a unit that cannot."""
    return scope.can_change_unit_work(user, unit) or scope.can_review_work_of(user, unit)


def report_of(obligation: Obligation) -> Report | None:
    return (
        Report.objects.filter(obligation=obligation)
        .select_related("template", "updated_by", "obligation__unit", "obligation__campaign")
        .first()
    )


def sections_for(report: Report) -> list[TemplateSection]:
    """The template's sections this unit writes: all common ones, and for an agency only
    the tasks the directive gave it."""
    unit_id = report.obligation.unit_id
    return list(
        report.template.sections.live()
        .filter(Q(agency__isnull=True) | Q(agency_id=unit_id))
        .order_by("order")
    )


def rows_of(report: Report) -> list[DataValue]:
    return list(
        report.values.select_related("indicator").order_by("indicator__order", "indicator__code")
    )


def cutoff_of(campaign: Campaign) -> date:
    return campaign.data_cutoff or campaign.tree_date


def targets_in_force(campaign: Campaign, indicator_ids: list[int]) -> dict[int, list[Target]]:
    """Per indicator, the latest target of each year in force at the campaign's cut-off
    (a 2013 campaign does not show a 2014 decision's targets)."""
    found: dict[tuple[int, int], Target] = {}
    for target in Target.objects.filter(
        Q(province__isnull=True) | Q(province_id=campaign.root_id),
        indicator_id__in=indicator_ids,
        in_force_from__lte=cutoff_of(campaign),
    ).order_by("indicator_id", "year", "in_force_from", "pk"):
        found[(target.indicator_id, target.year)] = target
    out: dict[int, list[Target]] = {}
    for (indicator_id, _year), target in sorted(found.items()):
        out.setdefault(indicator_id, []).append(target)
    return out


def problems_by_indicator(report: Report) -> tuple[dict[str, list[str]], list[str]]:
    """Broken checks per indicator code, and those that name no indicator."""
    by_code: dict[str, list[str]] = {}
    loose: list[str] = []
    for problem in report_problems(report):
        if problem.indicator_code:
            by_code.setdefault(problem.indicator_code, []).append(problem.message)
        else:
            loose.append(problem.message)
    return by_code, loose


@dataclass
class HistoryLine:
    at: datetime
    who: str
    unit: str
    action: str
    what: list[tuple[str, str, str]] = field(default_factory=list)


_ACTIONS = {
    "report.opened": gettext_noop("Opened the draft"),
    "report.text_changed": gettext_noop("Changed the text"),
    "report.value_changed": gettext_noop("Changed figures"),
    "report.to_leader": gettext_noop("Passed to the leader"),
    "report.sent": gettext_noop("Sent"),
    "report.resent": gettext_noop("Sent again"),
    "report.registered": gettext_noop("Registered as received"),
    "report.returned": gettext_noop("Returned"),
    "report.accepted": gettext_noop("Accepted"),
    "report.entered_by_reviewer": gettext_noop("Entered by the unit above"),
    "proposal.added": gettext_noop("Added a proposal"),
    "proposal.changed": gettext_noop("Changed a proposal"),
    "proposal.removed": gettext_noop("Removed a proposal"),
    "proposal.forwarded": gettext_noop("Forwarded a proposal"),
    "proposal.answered": gettext_noop("Recorded the answer to a proposal"),
}


def _short(value: Any) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def history(report: Report) -> list[HistoryLine]:
    """Who entered what, newest first: the report's own entries, its figures' and its
    proposals'."""
    rows = {str(r.pk): r.indicator.code for r in report.values.select_related("indicator")}
    sections = {f"section:{s.pk}": f"{s.number} {s.title}".strip() for s in sections_for(report)}
    proposal_ids = [str(pk) for pk in report.proposals.values_list("pk", flat=True)]
    entries = (
        history_of(report)
        | AuditEntry.objects.filter(object_type="reports.datavalue", object_id__in=list(rows))
        | AuditEntry.objects.filter(
            Q(object_type="reports.proposal"),
            Q(object_id__in=proposal_ids) | Q(unit_id=report.obligation.unit_id),
        )
    )
    lines = []
    for entry in entries.select_related("user__unit").order_by("-at", "-pk")[:200]:
        who = entry.user.get_username() if entry.user else _("the system")
        unit = entry.user.unit.display_name if entry.user and entry.user.unit else ""
        prefix = f"{rows[entry.object_id]} · " if entry.object_type == "reports.datavalue" else ""
        what = [
            (
                prefix + sections.get(name, name),
                _short(change[0] if isinstance(change, list) else ""),
                _short(change[1] if isinstance(change, list) else change),
            )
            for name, change in (entry.changes or {}).items()
        ]
        lines.append(
            HistoryLine(
                at=entry.at,
                who=who,
                unit=unit,
                action=_(_ACTIONS.get(entry.action, entry.action)),
                what=what,
            )
        )
    return lines


def report_entered_by_reviewer(*, report: Report, user: User | None) -> None:
    """Mark that the unit above entered this report for its unit (once, audited)."""
    with transaction.atomic():
        updated = Report.objects.filter(pk=report.pk, entered_by_reviewer=False).update(
            entered_by_reviewer=True
        )
        if updated:
            audit_log(
                action="report.entered_by_reviewer",
                obj=report,
                user=user,
                unit=report.obligation.unit,
                changes={"entered_by_reviewer": [False, True]},
            )
    report.entered_by_reviewer = True


def received_by(campaign: Campaign, unit: OrgUnit, status: str = "") -> QuerySet[Obligation]:
    """The report obligations of the units directly below `unit` (those it reviews)."""
    qs = (
        campaign.obligations.filter(deliverable=Deliverable.REPORT, unit__parent=unit)
        .select_related("unit", "report", "milestone")
        .order_by("unit__level", "unit__name_key")
    )
    if status == "none":
        qs = qs.filter(report__isnull=True)
    elif status in ReportStatus.values:
        qs = qs.filter(report__status=status)
    return qs
