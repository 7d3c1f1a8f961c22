"""Proposals ("kiến nghị"): written by a unit in its report, each addressed to a body;
the standing unit keeps the register, forwards them and records the answers.

Every change goes through the audit trail.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log, diff
from xhht.campaigns.models import Campaign
from xhht.campaigns.services import check_campaign_writable
from xhht.kernel.clock import today
from xhht.kernel.kept import DIRECTORY, generation, kept, remembered
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.models import RECEIVED, Proposal, Report, TemplateSection

# The directive's section for them: "Đề xuất, kiến nghị", "Các đề xuất, kiến nghị…".
_PROPOSALS_TITLE = re.compile(r"kiến\s+nghị", re.IGNORECASE)
TEXT_REQUIRED = gettext_noop("Write the proposal.")
ADDRESSEE_REQUIRED = gettext_noop(
    "Choose the body the proposal is addressed to, or write its name."
)
ADDRESSEE_OUTSIDE = gettext_noop(
    "The body a proposal is addressed to must be one of the province's."
)
LOCKED = gettext_noop(
    "The proposal “%(text)s” has been forwarded by the standing unit; it can no longer change "
    "or be removed."
)
REPORT_LOCKED = gettext_noop(
    "The report has been sent; its proposals can change only after it is returned."
)
ANSWER_REQUIRED = gettext_noop("Write the answer received.")
FUTURE_DATE = gettext_noop("The date %(date)s is in the future.")
NOT_FORWARDABLE = gettext_noop("Only a new proposal can be forwarded.")
REPORT_NOT_SENT = gettext_noop(
    "The report holding this proposal has not been sent (it is “%(status)s”): a proposal is "
    "forwarded once its report is sent."
)
NOT_FORWARDED = gettext_noop(
    "This proposal has not been forwarded yet: mark it forwarded, with the date, before "
    "recording the answer."
)
FORWARD_BEFORE_SENT = gettext_noop(
    "The proposal cannot have been forwarded on %(forwarded)s, before its report was sent on "
    "%(sent)s: check the date."
)
ANSWER_BEFORE_FORWARD = gettext_noop(
    "The answer cannot be dated %(answered)s, before the proposal was forwarded on "
    "%(forwarded)s: check the date."
)


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


def addressees(campaign: Campaign, unit: OrgUnit | None = None) -> tuple[OrgUnit, ...]:
    """The bodies a proposal may be addressed to: the province and its member agencies, and
    for a unit under a district (a commune) its district's people's committee. Remembered
    under the generation of the units (kernel.kept): the caller changes nothing in them."""
    root = campaign.root_id
    above = unit.parent_id if unit is not None and unit.parent_id != root else None

    def read() -> tuple[OrgUnit, ...]:
        wanted = Q(pk=root) | Q(parent_id=root, level=Level.AGENCY)
        if above is not None:
            wanted |= Q(pk=above, level=Level.DISTRICT)
        return tuple(OrgUnit.objects.filter(wanted).order_by("-level", "name_key"))

    return remembered(kept("addressees", root, above, generation(DIRECTORY)), read)


def register_addressees(campaign: Campaign) -> list[OrgUnit]:
    """The register's filter: the province, its agencies and every other body a proposal of
    the campaign is addressed to (a district)."""
    named = Proposal.objects.filter(report__obligation__campaign=campaign).values("addressed_to_id")
    return list(
        OrgUnit.objects.filter(
            Q(pk=campaign.root_id)
            | Q(parent_id=campaign.root_id, level=Level.AGENCY)
            | Q(pk__in=named)
        ).order_by("-level", "name_key")
    )


def _addressee(campaign: Campaign, unit: OrgUnit, pk: int | None) -> OrgUnit | None:
    if pk is None:
        return None
    found = next((body for body in addressees(campaign, unit) if body.pk == pk), None)
    if found is None:
        raise ProposalError(_(ADDRESSEE_OUTSIDE))
    return found


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:79] + "…"


def _snapshot(p: Proposal) -> dict[str, object]:
    return {
        "text": p.text,
        "addressed_to": p.addressed_to_id,
        "addressed_to_text": p.addressed_to_text,
    }


def proposals_sync(*, report: Report, items: list[ProposalInput], user: User | None) -> None:
    """Add, change and remove a report's proposals as its unit wrote them, all or nothing."""
    if not report.is_editable:
        raise ProposalError(_(REPORT_LOCKED))
    if not items:
        return  # nothing written, nothing to check
    campaign = report.obligation.campaign
    check_campaign_writable(campaign, refuse=ProposalError)
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
                    raise ProposalError(_(LOCKED) % {"text": _short(proposal.text)})
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
            to = _addressee(campaign, unit, item.to)
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
    """The standing unit forwards a proposal of a sent report to the body it is addressed to."""
    _check_date(on)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().select_related("report").get(pk=proposal.pk)
        check_campaign_writable(locked.report.obligation.campaign_id, refuse=ProposalError)
        if locked.status != Proposal.Status.NEW:
            raise ProposalError(_(NOT_FORWARDABLE))
        if not locked.report.is_received:
            raise ProposalError(_(REPORT_NOT_SENT) % {"status": locked.report.get_status_display()})
        sent = locked.report.first_sent_on
        if sent is not None and on < sent:
            raise ProposalError(
                _(FORWARD_BEFORE_SENT) % {"forwarded": f"{on:%d/%m/%Y}", "sent": f"{sent:%d/%m/%Y}"}
            )
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


def _answer_state(p: Proposal) -> dict[str, object]:
    return {"status": p.status, "answer": p.answer, "answered_on": p.answered_on}


def proposal_answer(*, proposal: Proposal, answer: str, on: date, user: User | None) -> Proposal:
    """Record the answer the addressed body gave to a forwarded proposal, or correct the one
    recorded (audited as a correction, old → new). Dated neither in the future nor before
    the forwarding."""
    if not answer.strip():
        raise ProposalError(_(ANSWER_REQUIRED))
    _check_date(on)
    with transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        check_campaign_writable(locked.report.obligation.campaign_id, refuse=ProposalError)
        if locked.status == Proposal.Status.NEW or locked.forwarded_on is None:
            raise ProposalError(_(NOT_FORWARDED))
        if on < locked.forwarded_on:
            raise ProposalError(
                _(ANSWER_BEFORE_FORWARD)
                % {"answered": f"{on:%d/%m/%Y}", "forwarded": f"{locked.forwarded_on:%d/%m/%Y}"}
            )
        correcting = locked.status == Proposal.Status.ANSWERED
        before = _answer_state(locked)
        locked.status = Proposal.Status.ANSWERED
        locked.answer = answer.strip()
        locked.answered_on = on
        changes = diff(before, _answer_state(locked))
        if not changes:
            return locked
        locked.save(update_fields=["status", "answer", "answered_on"])
        audit_log(
            action="proposal.answer_corrected" if correcting else "proposal.answered",
            obj=locked,
            user=user,
            changes=changes,
        )
    return locked


def proposals_of_campaign(
    campaign: Campaign, *, addressee: str = "", status: str = ""
) -> QuerySet[Proposal]:
    """The register: the proposals of the campaign's sent and accepted reports (and those
    already forwarded, whatever became of their report since), filtered by addressee (an org
    unit's pk, or "other" for those written as free text) and status."""
    qs = (
        Proposal.objects.filter(report__obligation__campaign=campaign)
        .filter(Q(report__status__in=RECEIVED) | ~Q(status=Proposal.Status.NEW))
        .select_related("report__obligation__unit", "addressed_to")
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


def proposals_section(sections: Sequence[TemplateSection]) -> TemplateSection | None:
    """The section of the report where its proposals are written (the last whose title names
    them), so that a page shows them in one place; None when no section does."""
    found = [s for s in sections if _PROPOSALS_TITLE.search(unicodedata.normalize("NFC", s.title))]
    return found[-1] if found else None
