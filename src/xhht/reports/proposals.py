"""Proposals ("kiến nghị"): written by a unit in its report, each addressed to a body;
the standing unit keeps the register, forwards them and records the answers.

Every change goes through the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log, diff
from xhht.campaigns.models import Campaign
from xhht.core.clock import today
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.models import Proposal, Report, ReportStatus

TEXT_REQUIRED = gettext_noop("Write the proposal.")
ADDRESSEE_REQUIRED = gettext_noop(
    "Choose the body the proposal is addressed to, or write its name."
)
ADDRESSEE_OUTSIDE = gettext_noop(
    "The body a proposal is addressed to must be one of the province's."
)
LOCKED = gettext_noop("This proposal has been forwarded; it can no longer change.")
REPORT_LOCKED = gettext_noop(
    "The report has been sent; its proposals can change only after it is returned."
)
ANSWER_REQUIRED = gettext_noop("Write the answer received.")
FUTURE_DATE = gettext_noop("The date %(date)s is in the future.")
NOT_FORWARDABLE = gettext_noop("Only a new proposal can be forwarded.")
_EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.WITH_LEADER)


class ProposalError(ValueError):
    """A request the register cannot take; the message is for the user."""


@dataclass(frozen=True)
class ProposalInput:
    """One proposal as the form gives it: pk None for a new one."""

    pk: int | None
    text: str
    to: int | None
    to_text: str
    remove: bool = False


def addressees(campaign: Campaign) -> QuerySet[OrgUnit]:
    """The bodies a proposal may be addressed to: the province and its member agencies."""
    return OrgUnit.objects.filter(
        Q(pk=campaign.root_id) | Q(parent_id=campaign.root_id, level=Level.AGENCY)
    ).order_by("-level", "name_key")


def _addressee(campaign: Campaign, pk: int | None) -> OrgUnit | None:
    if pk is None:
        return None
    unit = addressees(campaign).filter(pk=pk).first()
    if unit is None:
        raise ProposalError(_(ADDRESSEE_OUTSIDE))
    return unit


def _snapshot(p: Proposal) -> dict[str, object]:
    return {
        "text": p.text,
        "addressed_to": p.addressed_to_id,
        "addressed_to_text": p.addressed_to_text,
    }


def proposals_sync(*, report: Report, items: list[ProposalInput], user: User | None) -> None:
    """Add, change and remove a report's proposals as its unit wrote them, all or nothing."""
    if report.status not in _EDITABLE:
        raise ProposalError(_(REPORT_LOCKED))
    campaign = report.obligation.campaign
    unit = report.obligation.unit
    current = {p.pk: p for p in report.proposals.all()}
    with transaction.atomic():
        for item in items:
            proposal = current.get(item.pk) if item.pk is not None else None
            if item.pk is not None and proposal is None:
                continue  # removed meanwhile, or not this report's
            if proposal is not None and proposal.status != Proposal.Status.NEW:
                if item.remove or _snapshot(proposal) != {
                    "text": item.text.strip(),
                    "addressed_to": item.to,
                    "addressed_to_text": item.to_text.strip(),
                }:
                    raise ProposalError(_(LOCKED))
                continue
            if proposal is not None and item.remove:
                audit_log(
                    action="proposal.removed",
                    obj=proposal,
                    user=user,
                    unit=unit,
                    changes={"text": [proposal.text, None]},
                )
                proposal.delete()
                continue
            if not item.text.strip():
                raise ProposalError(_(TEXT_REQUIRED))
            if item.to is None and not item.to_text.strip():
                raise ProposalError(_(ADDRESSEE_REQUIRED))
            to = _addressee(campaign, item.to)
            target = proposal or Proposal(report=report)
            before = _snapshot(target) if proposal else {}
            target.text = item.text.strip()
            target.addressed_to = to
            target.addressed_to_text = "" if to else item.to_text.strip()[:300]
            changes = diff(before, _snapshot(target))
            if changes:
                target.save()
                audit_log(
                    action="proposal.changed" if proposal else "proposal.added",
                    obj=target,
                    user=user,
                    unit=unit,
                    changes=changes,
                )


def _check_date(on: date) -> None:
    if on > today():
        raise ProposalError(_(FUTURE_DATE) % {"date": f"{on:%d/%m/%Y}"})


def proposal_forward(*, proposal: Proposal, on: date, user: User | None) -> Proposal:
    """The standing unit forwards a proposal to the body it is addressed to."""
    _check_date(on)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.status != Proposal.Status.NEW:
            raise ProposalError(_(NOT_FORWARDABLE))
        locked.status = Proposal.Status.FORWARDED
        locked.forwarded_on = on
        locked.save(update_fields=["status", "forwarded_on"])
        audit_log(
            action="proposal.forwarded",
            obj=locked,
            user=user,
            changes={"status": [Proposal.Status.NEW, locked.status], "forwarded_on": [None, on]},
        )
    return locked


def proposal_answer(*, proposal: Proposal, answer: str, on: date, user: User | None) -> Proposal:
    """Record the answer the addressed body gave (a new proposal counts as forwarded then)."""
    if not answer.strip():
        raise ProposalError(_(ANSWER_REQUIRED))
    _check_date(on)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        before = {
            "status": locked.status,
            "answer": locked.answer,
            "answered_on": locked.answered_on,
            "forwarded_on": locked.forwarded_on,
        }
        locked.forwarded_on = locked.forwarded_on or on
        locked.status = Proposal.Status.ANSWERED
        locked.answer = answer.strip()
        locked.answered_on = on
        locked.save(update_fields=["status", "answer", "answered_on", "forwarded_on"])
        audit_log(
            action="proposal.answered",
            obj=locked,
            user=user,
            changes=diff(
                before,
                {
                    "status": locked.status,
                    "answer": locked.answer,
                    "answered_on": locked.answered_on,
                    "forwarded_on": locked.forwarded_on,
                },
            ),
        )
    return locked


def proposals_of_campaign(
    campaign: Campaign, *, addressee: str = "", status: str = ""
) -> QuerySet[Proposal]:
    """The register: every proposal of the campaign's reports, filtered by addressee
    (an org unit's pk, or "other" for those written as free text) and status."""
    qs = Proposal.objects.filter(report__obligation__campaign=campaign).select_related(
        "report__obligation__unit", "addressed_to"
    )
    if addressee == "other":
        qs = qs.filter(addressed_to__isnull=True)
    elif addressee.isdigit():
        qs = qs.filter(addressed_to_id=int(addressee))
    if status in Proposal.Status.values:
        qs = qs.filter(status=status)
    return qs.order_by(
        "addressed_to__name_key", "addressed_to_text", "report__obligation__unit__name_key", "pk"
    )
