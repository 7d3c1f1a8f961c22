"""Reads behind the report pages: a unit's sections, the targets in force at a campaign's
cut-off, a report's history, the reports a unit receives."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.audit.services import audit_log, history_of
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.indicators.models import Target
from xhht.kernel.kept import INDICATORS, generation, kept, remembered
from xhht.orgunits.models import OrgUnit
from xhht.reports.editing import field_labels
from xhht.reports.mail import MAIL_ACTION, Outcome
from xhht.reports.models import (
    FIGURE_FIELDS,
    Channel,
    DataValue,
    Proposal,
    Report,
    ReportEvent,
    ReportStatus,
    TemplateSection,
    target_year,
)
from xhht.reports.validation import Problem, report_problems

REPORT_DELIVERABLES = (Deliverable.REPORT, Deliverable.CONSOLIDATED)


def report_obligation_or_404(user: User, pk: int, *, with_report: bool = False) -> Obligation:
    """A report obligation whose unit `user` may see; 404 otherwise. `with_report`: its
    report comes in the same query, for a page that reads it next (`report_of`) before it
    changes anything."""
    along = ("report__template", "report__updated_by") if with_report else ()
    return scope.object_or_404(
        Obligation.objects.select_related(
            "unit__parent", "campaign", "milestone", "recipient", *along
        ),
        user,
        unit="unit",
        pk=pk,
        deliverable__in=REPORT_DELIVERABLES,
    )


def events_shown(report: Report, user: User) -> list[ReportEvent]:
    """The report's review steps `user` may read: a report handed to its leader is the unit's
    own step (scope.can_read_steps_of); the units above see what was sent and decided."""
    own = scope.can_read_steps_of(user, report.obligation.unit)
    events = report.events.select_related("by")
    return [e for e in events if own or e.kind != ReportEvent.Kind.TO_LEADER]


def report_of(obligation: Obligation) -> Report | None:
    """The obligation's one report, if any (unordered: see scope.object_or_404), with its
    obligation's unit and campaign: those `obligation` was read with, else read along. One
    read with the obligation (`report_obligation_or_404(with_report=True)`) is taken as is."""
    if Obligation.report.is_cached(obligation):
        try:
            return obligation.report
        except Report.DoesNotExist:
            return None
    held = Obligation.unit.is_cached(obligation) and Obligation.campaign.is_cached(obligation)
    along = () if held else ("obligation__unit", "obligation__campaign")
    found = next(
        iter(
            Report.objects.filter(obligation=obligation)
            .select_related("template", "updated_by", *along)
            .order_by()[:1]
        ),
        None,
    )
    if found is not None and held:
        found.obligation = obligation
    return found


def can_read(user: User, report: Report) -> bool:
    """May `user` read `report`? The rule is scope's: a report not sent up is its unit's own."""
    return scope.can_read_report_of(
        user,
        report.obligation.unit,
        sent=report.is_sent_up,
        entered_above=report.entered_by_reviewer,
    )


def readable_report_of(user: User, obligation: Obligation) -> Report | None:
    """The obligation's report for a page that shows it: None while there is none; 404 for
    one `user` may not read (another unit's draft), so its content is not told."""
    report = report_of(obligation)
    if report is not None and not can_read(user, report):
        raise Http404
    return report


def sections_for(report: Report) -> list[TemplateSection]:
    """The template's sections this unit writes: all common ones, and for an agency only
    the tasks the directive gave it. Remembered under the template's version and the
    generation of the templates (kernel.kept), both raised by every change to its sections."""
    unit_id = report.obligation.unit_id
    template = report.template

    def read() -> tuple[TemplateSection, ...]:
        return tuple(
            template.sections.live()
            .filter(Q(agency__isnull=True) | Q(agency_id=unit_id))
            .order_by("order")
        )

    key = kept("sections", template.pk, template.version, unit_id, generation(INDICATORS))
    return list(remembered(key, read))


def cutoff_of(campaign: Campaign) -> date:
    return campaign.data_cutoff or campaign.tree_date


def targets_in_force(campaign: Campaign, indicator_ids: list[int]) -> dict[int, list[Target]]:
    """Per indicator, the latest target of each year in force at the campaign's cut-off
    (a 2013 campaign does not show a 2014 decision's targets). Remembered under the
    generation of the indicators and their targets (kernel.kept): the caller changes
    nothing in what it is given."""
    province, cutoff = campaign.root_id, cutoff_of(campaign)
    ids = sorted(set(indicator_ids))

    def read() -> dict[int, list[Target]]:
        found: dict[tuple[int, int], Target] = {}
        for target in Target.objects.filter(
            Q(province__isnull=True) | Q(province_id=province),
            indicator_id__in=ids,
            in_force_from__lte=cutoff,
        ).order_by("indicator_id", "year", "in_force_from", "pk"):
            found[(target.indicator_id, target.year)] = target
        out: dict[int, list[Target]] = {}
        for (indicator_id, _year), target in sorted(found.items()):
            out.setdefault(indicator_id, []).append(target)
        return out

    return remembered(kept("targets", province, cutoff, ids, generation(INDICATORS)), read)


def problems_by_indicator(
    report: Report, problems: Sequence[Problem] | None = None
) -> tuple[dict[str, list[str]], list[str]]:
    """Broken checks per indicator code, and those that name no indicator (`problems`: the
    report's, when the caller has them already)."""
    by_code: dict[str, list[str]] = {}
    loose: list[str] = []
    for problem in report_problems(report) if problems is None else problems:
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
    "report.taken_back": gettext_noop("Took the report back from the leader"),
    "report.sent": gettext_noop("Sent"),
    "report.resent": gettext_noop("Sent again"),
    "report.registered": gettext_noop("Registered as received"),
    "report.registration_reopened": gettext_noop(
        "Took the registered report back to correct its text and figures"
    ),
    "report.returned": gettext_noop("Returned"),
    "report.reopened": gettext_noop("Reopened the accepted report and returned it"),
    "report.accepted": gettext_noop("Accepted"),
    "report.entered_by_reviewer": gettext_noop("Entered by the unit above"),
    "report.prefilled": gettext_noop("Filled with the communes' sums"),
    "report.refreshed": gettext_noop("Updated with the communes' sums"),
    "proposal.added": gettext_noop("Added a proposal"),
    "proposal.changed": gettext_noop("Changed a proposal"),
    "proposal.removed": gettext_noop("Removed a proposal"),
    "proposal.forwarded": gettext_noop("Forwarded a proposal"),
    "proposal.answered": gettext_noop("Recorded the answer to a proposal"),
}
MAIL_SENT = gettext_noop("Told the unit by e-mail that its report was returned (to %(to)s)")
MAIL_FAILED = gettext_noop(
    "The e-mail telling the unit that its report was returned could not be sent (%(to)s): %(error)s"
)
MAIL_NO_ADDRESS = gettext_noop(
    "No e-mail address is known for the unit: it was not told by e-mail that its report "
    "was returned"
)
# Audit keys that are no model field of their object, as the history names them.
_EXTRA_LABELS = {
    "reason": gettext_noop("reason"),
    "received_on": gettext_noop("received on"),
    "version_sent_on": gettext_noop("the accepted version was sent on"),
    "accepted_despite": gettext_noop("accepted despite"),
    "forwarded_on": gettext_noop("forwarded on"),
    "answered_on": gettext_noop("answered on"),
    "prefilled": gettext_noop("indicators filled"),
    "refreshed": gettext_noop("indicators updated"),
}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def _field_label(model: type[Model], name: str, labels: dict[str, str] | None = None) -> str:
    if model is DataValue and (name in (*FIGURE_FIELDS, "justification") or target_year(name)):
        return (labels if labels is not None else field_labels())[name]
    if name in _EXTRA_LABELS:
        return _(_EXTRA_LABELS[name])
    if name == "status":
        return _("status")
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(found, "verbose_name", name))


def _value_text(model: type[Model], name: str, value: Any, units: dict[str, str]) -> str:
    """A recorded value as the pages write it: labels for choices, words for yes and no,
    dates dd/mm/yyyy, numbers 1.234,5."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return _short(", ".join(str(item) for item in value))
    choices: dict[str, Any] = {}
    if name == "status":
        choices = dict(Proposal.Status.choices if model is Proposal else ReportStatus.choices)
    elif name == "channel":
        choices = dict(Channel.choices)
    if str(value) in choices:
        return str(choices[str(value)])
    if model is Proposal and name == "addressed_to":
        return units.get(str(value), str(value))
    if isinstance(value, int):
        return formats.number_format(value, force_grouping=True)
    text = str(value)
    if _ISO_DAY.match(text):
        return f"{date.fromisoformat(text):%d/%m/%Y}"
    if _DECIMAL.match(text):
        return formats.number_format(Decimal(text).normalize(), force_grouping=True)
    return _short(text)


def _short(value: Any) -> str:
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def _mail_action(changes: dict[str, Any]) -> str:
    outcome = changes.get("outcome")
    if outcome == Outcome.SENT:
        return _(MAIL_SENT) % {"to": changes.get("to", "")}
    if outcome == Outcome.FAILED:
        return _(MAIL_FAILED) % {"to": changes.get("to", ""), "error": changes.get("error", "")}
    return _(MAIL_NO_ADDRESS)


_MODELS: dict[str, type[Model]] = {
    "reports.report": Report,
    "reports.datavalue": DataValue,
    "reports.proposal": Proposal,
}


HISTORY_SHOWN = 30  # the latest lines the history page shows; the whole history on demand


def history_shown(report: Report, *, whole: bool = False) -> tuple[list[HistoryLine], bool]:
    """The history a report's history page shows: its latest HISTORY_SHOWN lines (each
    save of figures adds some, and every line costs the page), or the whole of it; and
    whether there is more than was shown."""
    if whole:
        return history(report), False
    lines = history(report, limit=HISTORY_SHOWN + 1)
    return lines[:HISTORY_SHOWN], len(lines) > HISTORY_SHOWN


def history(report: Report, *, limit: int = 200) -> list[HistoryLine]:
    """Who entered what, newest first: the report's own entries, its figures' and its
    proposals', every field named in words and every value written as the pages write it
    (the latest `limit` entries)."""
    names = {
        str(r.pk): f"{r.indicator.name} ({r.indicator.code})"
        for r in report.values.select_related("indicator")
    }
    titles = {f"section:{s.pk}": f"{s.number} {s.title}".strip() for s in sections_for(report)}
    proposal_ids = [str(pk) for pk in report.proposals.values_list("pk", flat=True)]
    entries = list(
        (
            history_of(report)
            | AuditEntry.objects.filter(object_type="reports.datavalue", object_id__in=list(names))
            | AuditEntry.objects.filter(
                Q(object_type="reports.proposal"),
                Q(object_id__in=proposal_ids) | Q(unit_id=report.obligation.unit_id),
            )
        )
        .select_related("user__unit")
        .order_by("-at", "-pk")[:limit]
    )
    unit_ids = {
        str(change[1])
        for entry in entries
        if entry.object_type == "reports.proposal"
        for name, change in (entry.changes or {}).items()
        if name == "addressed_to" and isinstance(change, list)
    } | {
        str(change[0])
        for entry in entries
        if entry.object_type == "reports.proposal"
        for name, change in (entry.changes or {}).items()
        if name == "addressed_to" and isinstance(change, list)
    }
    units = {
        str(pk): name
        for pk, name in OrgUnit.objects.filter(
            pk__in=[u for u in unit_ids if u.isdigit()]
        ).values_list("pk", "name")
    }
    labels = field_labels()  # translated once for every line
    return [_history_line(entry, names, titles, units, labels) for entry in entries]


def _history_line(
    entry: AuditEntry,
    rows: dict[str, str],
    sections: dict[str, str],
    units: dict[str, str],
    labels: dict[str, str],
) -> HistoryLine:
    who = entry.user.get_username() if entry.user else _("the system")
    unit = entry.user.unit.display_name if entry.user and entry.user.unit else ""
    changes = entry.changes or {}
    if entry.action == MAIL_ACTION:
        return HistoryLine(at=entry.at, who=who, unit=unit, action=_mail_action(changes))
    model = _MODELS.get(entry.object_type, Report)
    prefix = f"{rows.get(entry.object_id, '')} · " if model is DataValue else ""
    what = []
    for name, change in changes.items():
        old, new = change if isinstance(change, list) and len(change) == 2 else (None, change)
        if name.startswith("section:"):
            label = sections.get(name, _("a section no longer in the report"))
            what.append((label, _short(old), _short(new)))
            continue
        what.append(
            (
                prefix + _field_label(model, name, labels),
                _value_text(model, name, old, units),
                _value_text(model, name, new, units),
            )
        )
    return HistoryLine(
        at=entry.at,
        who=who,
        unit=unit,
        action=_(_ACTIONS.get(entry.action, entry.action)),
        what=what,
    )


def report_entered_by_reviewer(*, report: Report, user: User | None) -> None:
    """Mark that the unit above entered this report for its unit (once, audited): the one
    place that tells the unit above from the unit itself (or the system, `user` None)."""
    if user is None or user.unit_id == report.obligation.unit_id:
        return
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


NOT_SENT_YET = (ReportStatus.DRAFT, ReportStatus.WITH_LEADER)


def received_by(campaign: Campaign, unit: OrgUnit, status: str = "") -> QuerySet[Obligation]:
    """The report obligations of the units directly below `unit` (those it reviews).
    `status` "none" is a report not sent yet: a unit's draft and its leader step are its own."""
    qs = (
        campaign.obligations.filter(deliverable=Deliverable.REPORT, unit__parent=unit)
        .select_related("unit", "report", "milestone")
        .order_by("unit__level", "unit__name_key")
    )
    if status == "none":
        qs = qs.filter(Q(report__isnull=True) | Q(report__status__in=NOT_SENT_YET))
    elif status in ReportStatus.values and status not in NOT_SENT_YET:
        qs = qs.filter(report__status=status)
    return qs


def received_statuses() -> list[tuple[str, str]]:
    """The filters of the received list: what the unit above may know of a report."""
    return [("none", _("Not sent yet"))] + [
        (s.value, str(s.label)) for s in ReportStatus if s not in NOT_SENT_YET
    ]


@dataclass(frozen=True)
class ReturnMail:
    """What became of the e-mail telling the unit of the latest return."""

    outcome: str  # mail.Outcome
    to: str
    error: str
    phone: str  # the unit's telephone, to tell it otherwise


def return_mail(report: Report) -> ReturnMail | None:
    """The outcome of the e-mail about the latest return; None before a return, or while
    the e-mail is not yet tried."""
    event = report.events.filter(kind=ReportEvent.Kind.RETURNED).order_by("-at", "-pk").first()
    if event is None:
        return None
    entry = next(
        (
            e
            for e in history_of(report).filter(action=MAIL_ACTION).order_by("-at", "-pk")[:20]
            if (e.changes or {}).get("event") == event.pk
        ),
        None,
    )
    if entry is None:
        return None
    unit = report.obligation.unit
    users = User.objects.filter(unit=unit, is_active=True).exclude(phone="")
    phones = [unit.contact_phone, *users.values_list("phone", flat=True)]
    return ReturnMail(
        outcome=str(entry.changes.get("outcome", "")),
        to=str(entry.changes.get("to", "")),
        error=str(entry.changes.get("error", "")),
        phone=", ".join(dict.fromkeys(p for p in phones if p)),
    )


@dataclass(frozen=True)
class ReportProgress:
    """Where a unit's report stands, for the unit's work page: its status, the latest
    return's reason, and the next thing to do with it."""

    status: str
    label: str
    returned_on: date | None = None
    returned_by: str = ""
    reason: str = ""
    action: str = ""

    @property
    def is_returned(self) -> bool:
        return self.status == ReportStatus.RETURNED

    @property
    def is_with_leader(self) -> bool:
        return self.status == ReportStatus.WITH_LEADER


def report_progress(obligation: Obligation, *, can_change: bool) -> ReportProgress | None:
    """None for an obligation that is not a report, or a report not started."""
    if obligation.deliverable not in REPORT_DELIVERABLES:
        return None
    report = Report.objects.filter(obligation=obligation).first()
    if report is None:
        return None
    status = ReportStatus(report.status)
    progress = ReportProgress(status=status.value, label=str(status.label))
    if report.is_returned:
        event = report.returns().select_related("by__unit").first()
        if event is not None:
            by = event.by
            who = (by.unit.display_name if by and by.unit else "") or (
                by.get_username() if by else ""
            )
            progress = ReportProgress(
                status=status.value,
                label=progress.label,
                returned_on=event.on,
                returned_by=who,
                reason=event.reason,
            )
    actions = {
        ReportStatus.DRAFT: _("Continue the report"),
        ReportStatus.WITH_LEADER: _("Open the report"),
        ReportStatus.RETURNED: _("Correct it and send it again"),
        ReportStatus.SENT: _("Read the report"),
        ReportStatus.ACCEPTED: _("Read the report"),
    }
    action = actions[status] if can_change else _("Open the report")
    return ReportProgress(**{**progress.__dict__, "action": action})
