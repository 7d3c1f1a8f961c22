"""A report's life: opened as a draft, saved (with conflict detection), sent signed,
returned with a reason, resent, accepted; or registered as received on paper.

Timeliness is taken from the first sending (or the registered received date):
that fulfils the report obligation. A return reopens the obligation, and the next
sending fulfils it again as of that first date. Every change goes through the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log, diff
from xhht.campaigns.attachments import EXTENSIONS, JPEG, PDF, PNG, sniff
from xhht.campaigns.models import Obligation
from xhht.campaigns.services import (
    check_campaign_writable,
    obligation_fulfil,
    obligation_reopen,
)
from xhht.kernel.clock import now, today
from xhht.reports.editing import (
    ReportError,
    campaign_closed_error,
    check_campaign_open,
    report_open,
)
from xhht.reports.models import (
    Channel,
    Report,
    ReportAttachment,
    ReportEvent,
    ReportStatus,
)
from xhht.reports.validation import report_problems

# The signed file is an attachment like any other: one limit, XHHT_ATTACHMENT_MAX_MB. This
# constant is the value at start-up, for help texts; the check reads the setting itself.
MAX_SIGNED_FILE_BYTES = settings.XHHT_ATTACHMENT_MAX_MB * 1024 * 1024
SIGNED_KINDS = frozenset({PDF, JPEG, PNG})

NOT_SENDABLE = gettext_noop("Only a draft or a returned report can be sent.")
SIGNED_FILE_REQUIRED = gettext_noop(
    "Attach the signed scan or the digitally signed PDF of the report."
)
SIGNED_FILE_TYPE = gettext_noop("“%(name)s” is not a PDF or a scanned image (JPEG, PNG).")
SIGNED_FILE_SIZE = gettext_noop("“%(name)s” is larger than %(limit)d MB.")
SIGNATURE_REQUIRED = gettext_noop(
    "Give the report's number and symbol, its date, the signer and the capacity."
)
PROBLEMS_BLOCK = gettext_noop(
    "Some figures break a rule: correct them, or write a justification beside each."
)
REASON_REQUIRED = gettext_noop("Say why the report is returned.")
NOT_SENT = gettext_noop("Only a sent report can be returned or accepted.")
FUTURE_DATE = gettext_noop("The date %(date)s is in the future.")
RECEIVED_BEFORE_SIGNED = gettext_noop(
    "The report cannot have been received on %(received)s, before it was signed on %(signed)s: "
    "check both dates."
)
NOT_RETURNABLE = gettext_noop("Only a sent or an accepted report can be returned.")
RETURNED_MEANWHILE = gettext_noop(
    "%(who)s returned this report on %(date)s while you were reading it (“%(reason)s”): it can "
    "be accepted only after its unit sends it again."
)
ACCEPTED_MEANWHILE = gettext_noop(
    "%(who)s accepted this report on %(date)s while you were reading it. Your reason is kept "
    "below: press “Return” again to reopen the report and return it."
)
ALREADY_ACCEPTED = gettext_noop("%(who)s already accepted this report on %(date)s.")
ALREADY_RETURNED = gettext_noop(
    "%(who)s already returned this report on %(date)s (“%(reason)s”); your reason is kept below."
)
ACCEPT_PROBLEMS = gettext_noop(
    "Some figures of this report are missing or break a rule (listed below). Accept it only "
    "if you have checked them: tick “Accept it with these problems” and press “Accept” again."
)
NOT_WITH_LEADER = gettext_noop("Only a report with the leader can be taken back.")
NOT_REGISTERED = gettext_noop(
    "Only a report registered as received on paper, by fax or through another system, and "
    "not yet accepted, can be corrected by the unit above."
)
ALREADY_RECEIVED = gettext_noop("This report is already received.")


@dataclass(frozen=True)
class Signature:
    number: str
    signed_on: date
    signer_name: str
    signer_capacity: str


@dataclass(frozen=True)
class SignedFile:
    name: str
    stream: IO[bytes]
    size: int


def _check_signed_file(signed: SignedFile | None) -> str:
    if signed is None:
        raise ReportError(_(SIGNED_FILE_REQUIRED))
    limit: int = settings.XHHT_ATTACHMENT_MAX_MB
    if signed.size > limit * 1024 * 1024:
        raise ReportError(_(SIGNED_FILE_SIZE) % {"name": signed.name, "limit": limit})
    kind = sniff(signed.stream)
    if kind not in SIGNED_KINDS:
        raise ReportError(_(SIGNED_FILE_TYPE) % {"name": signed.name})
    return kind


def _attach(report: Report, signed: SignedFile, kind: str, user: User | None) -> None:
    signed.stream.seek(0)
    attachment = ReportAttachment(
        report=report,
        kind=ReportAttachment.Kind.SIGNED_PDF if kind == PDF else ReportAttachment.Kind.SIGNED_SCAN,
        original_name=signed.name[:255],
        content_type=kind,
        size=signed.size,
        uploaded_at=now(),
        uploaded_by=user,
    )
    attachment.file.save(f"signed{EXTENSIONS[kind]}", ContentFile(signed.stream.read()), save=False)
    attachment.save()


def _check_signature(signature: Signature) -> None:
    if not all(
        [signature.number.strip(), signature.signer_name.strip(), signature.signer_capacity.strip()]
    ):
        raise ReportError(_(SIGNATURE_REQUIRED))
    if signature.signed_on > today():
        raise ReportError(_(FUTURE_DATE) % {"date": f"{signature.signed_on:%d/%m/%Y}"})


def _sign(report: Report, signature: Signature) -> dict[str, list[Any]]:
    before = {
        "number": report.number,
        "signed_on": report.signed_on,
        "signer_name": report.signer_name,
        "signer_capacity": report.signer_capacity,
    }
    report.number = signature.number.strip()
    report.signed_on = signature.signed_on
    report.signer_name = signature.signer_name.strip()
    report.signer_capacity = signature.signer_capacity.strip()
    return diff(
        before,
        {
            "number": report.number,
            "signed_on": report.signed_on,
            "signer_name": report.signer_name,
            "signer_capacity": report.signer_capacity,
        },
    )


def report_to_leader(*, report: Report, user: User | None) -> None:
    """The optional internal step: the drafter passes the report to the unit's leader."""
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update().select_related("obligation__unit").get(pk=report.pk)
        )
        check_campaign_open([locked])
        if locked.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            raise ReportError(_(NOT_SENDABLE))
        before = locked.status
        locked.status = ReportStatus.WITH_LEADER
        locked.save(update_fields=["status"])
        ReportEvent.objects.create(
            report=locked, kind=ReportEvent.Kind.TO_LEADER, at=now(), on=today(), by=user
        )
        audit_log(
            action="report.to_leader",
            obj=locked,
            user=user,
            unit=locked.obligation.unit,
            changes={"status": [before, locked.status]},
        )
    report.status = locked.status


def report_take_back(*, report: Report, user: User | None) -> Report:
    """The drafter takes a report back from the leader: it is again a draft (or a returned
    report, if it was one), to change before it is passed again or sent."""
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update().select_related("obligation__unit").get(pk=report.pk)
        )
        check_campaign_open([locked])
        if locked.status != ReportStatus.WITH_LEADER:
            raise ReportError(_(NOT_WITH_LEADER))
        last = locked.events.exclude(kind=ReportEvent.Kind.TO_LEADER).order_by("-at", "-pk").first()
        returned = last is not None and last.kind == ReportEvent.Kind.RETURNED
        locked.status = ReportStatus.RETURNED if returned else ReportStatus.DRAFT
        locked.save(update_fields=["status"])
        audit_log(
            action="report.taken_back",
            obj=locked,
            user=user,
            unit=locked.obligation.unit,
            changes={"status": [ReportStatus.WITH_LEADER, locked.status]},
        )
    report.status = locked.status
    return locked


def report_send(
    *, report: Report, user: User | None, signature: Signature, signed_file: SignedFile | None
) -> Report:
    """Send the signed report up. It fulfils the obligation as of the first sending: a
    report first sent on time and returned is on time once sent again."""
    _check_signature(signature)
    kind = _check_signed_file(signed_file)
    with transaction.atomic():
        # The report and its obligation are locked; its unit and campaign come along.
        locked = (
            Report.objects.select_for_update(of=("self", "obligation"))
            .select_related("obligation__unit", "obligation__campaign")
            .get(pk=report.pk)
        )
        check_campaign_open([locked])
        if locked.status not in (
            ReportStatus.DRAFT,
            ReportStatus.RETURNED,
            ReportStatus.WITH_LEADER,
        ):
            raise ReportError(_(NOT_SENDABLE))
        problems = [p for p in report_problems(locked) if not p.justified]
        if problems:
            raise ReportError(_(PROBLEMS_BLOCK), problems)
        changes = _sign(locked, signature)
        on = today()
        resend = locked.first_sent_on is not None
        locked.first_sent_on = locked.first_sent_on or on
        locked.last_sent_on = on
        locked.status = ReportStatus.SENT
        locked.channel = Channel.ONLINE
        locked.save()
        assert signed_file is not None
        _attach(locked, signed_file, kind, user)
        ReportEvent.objects.create(
            report=locked,
            kind=ReportEvent.Kind.SENT,
            at=now(),
            on=on,
            by=user,
            reason="resent" if resend else "",
        )
        if not resend or locked.obligation.fulfilled_on is None:
            obligation_fulfil(obligation=locked.obligation, on=locked.first_sent_on, user=user)
        audit_log(
            action="report.resent" if resend else "report.sent",
            obj=locked,
            user=user,
            changes=changes,
            unit=locked.obligation.unit,
        )
    return locked


def report_register(
    *,
    obligation: Obligation,
    user: User | None,
    channel: str,
    received_number: str,
    received_on: date,
    signature: Signature,
    scan: SignedFile | None,
) -> Report:
    """The receiver registers a report that came on paper, by fax or through another system;
    it counts as sent on the day it was received. Registering again a report the receiver
    took back to correct, or one it returned, keeps its scan when no new one is given, and
    its first date: the obligation is fulfilled as of that date."""
    if channel not in (Channel.PAPER, Channel.FAX, Channel.OTHER):
        raise ReportError(_("Say how the report arrived."))
    if received_on > today():
        raise ReportError(_(FUTURE_DATE) % {"date": f"{received_on:%d/%m/%Y}"})
    _check_signature(signature)
    if received_on < signature.signed_on:
        raise ReportError(
            _(RECEIVED_BEFORE_SIGNED)
            % {"received": f"{received_on:%d/%m/%Y}", "signed": f"{signature.signed_on:%d/%m/%Y}"}
        )
    kind = _check_signed_file(scan) if scan is not None else None
    check_campaign_writable(obligation.campaign, refuse=ReportError)
    if obligation.campaign.is_closed:
        raise campaign_closed_error(obligation.campaign)
    report = report_open(obligation=obligation, user=user)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        check_campaign_open([locked])
        if locked.is_received:
            raise ReportError(_(ALREADY_RECEIVED))
        if kind is None and not _signed_attachments(locked).exists():
            raise ReportError(_(SIGNED_FILE_REQUIRED))
        before = {"channel": locked.channel, "received_number": locked.received_number}
        changes = _sign(locked, signature)
        locked.channel = channel
        locked.received_number = received_number.strip()
        first = locked.first_sent_on is None
        previous_on = locked.last_sent_on
        locked.first_sent_on = locked.first_sent_on or received_on
        locked.last_sent_on = received_on
        locked.status = ReportStatus.SENT
        locked.entered_by_reviewer = True
        locked.updated_by = user
        locked.updated_at = now()
        locked.save()
        if scan is not None and kind is not None:
            _attach(locked, scan, kind, user)
        ReportEvent.objects.create(
            report=locked,
            kind=ReportEvent.Kind.REGISTERED,
            at=now(),
            on=received_on,
            by=user,
            reason=received_number,
        )
        owed = Obligation.objects.select_for_update().get(pk=obligation.pk)
        if owed.fulfilled_on is None:
            obligation_fulfil(obligation=owed, on=locked.first_sent_on, user=user)
            obligation.fulfilled_on, obligation.returned_on = owed.fulfilled_on, None
        audit_log(
            action="report.registered",
            obj=locked,
            user=user,
            unit=obligation.unit,
            changes={
                **changes,
                **diff(before, {"channel": channel, "received_number": locked.received_number}),
                "received_on": [None if first else previous_on, received_on],
            },
        )
    return locked


def _signed_attachments(report: Report) -> QuerySet[ReportAttachment]:
    return report.attachments.filter(
        kind__in=[ReportAttachment.Kind.SIGNED_PDF, ReportAttachment.Kind.SIGNED_SCAN]
    )


def report_registration_reopen(*, report: Report, user: User | None) -> Report:
    """The receiver takes back a report it registered, not yet accepted, to enter or correct
    its text and figures; it registers it again afterwards. Its first date, and so the
    obligation's timeliness, stays."""
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update().select_related("obligation__unit").get(pk=report.pk)
        )
        check_campaign_open([locked])
        if locked.status != ReportStatus.SENT or locked.channel == Channel.ONLINE:
            raise ReportError(_(NOT_REGISTERED))
        locked.status = ReportStatus.DRAFT
        locked.updated_by = user
        locked.updated_at = now()
        locked.save(update_fields=["status", "updated_by", "updated_at"])
        audit_log(
            action="report.registration_reopened",
            obj=locked,
            user=user,
            unit=locked.obligation.unit,
            changes={"status": [ReportStatus.SENT, ReportStatus.DRAFT]},
        )
    report.status = locked.status
    return locked


def _last_step(report: Report, kind: str) -> dict[str, str]:
    """Who took the latest step of `kind`, on which day, and why: for the messages."""
    event = report.events.filter(kind=kind).select_related("by").order_by("-at", "-pk").first()
    if event is None:
        return {"who": _("someone"), "date": "—", "reason": ""}
    who = (event.by.get_full_name() or event.by.get_username()) if event.by else _("someone")
    return {"who": who, "date": f"{event.on:%d/%m/%Y}", "reason": event.reason}


def report_return(
    *, report: Report, user: User | None, reason: str, shown_status: str | None = None
) -> Report:
    """Return a sent report to its unit with a reason, or reopen an accepted one the same
    way; its obligation is owed again, as returned, until the report is sent again. The
    unit is told by e-mail once this is committed (see mail.py: the outcome is audited).
    `shown_status` is the status the reviewer's page showed: if the report has changed
    since, nothing is done and the message says what happened."""
    reason = reason.strip()
    if not reason:
        raise ReportError(_(REASON_REQUIRED))
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update().select_related("obligation__unit").get(pk=report.pk)
        )
        check_campaign_open([locked])
        if locked.status == ReportStatus.RETURNED:
            raise ReportError(_(ALREADY_RETURNED) % _last_step(locked, ReportEvent.Kind.RETURNED))
        if shown_status and shown_status != locked.status:
            if locked.status == ReportStatus.ACCEPTED:
                raise ReportError(
                    _(ACCEPTED_MEANWHILE) % _last_step(locked, ReportEvent.Kind.ACCEPTED)
                )
            raise ReportError(_(NOT_RETURNABLE))
        if not locked.is_received:
            raise ReportError(_(NOT_RETURNABLE))
        before = {"status": locked.status, "accepted_on": locked.accepted_on}
        reopened = locked.status == ReportStatus.ACCEPTED
        locked.status = ReportStatus.RETURNED
        locked.accepted_on = None
        locked.save(update_fields=["status", "accepted_on"])
        event = ReportEvent.objects.create(
            report=locked,
            kind=ReportEvent.Kind.RETURNED,
            at=now(),
            on=today(),
            by=user,
            reason=reason,
        )
        obligation_reopen(obligation=locked.obligation, on=event.on)
        audit_log(
            action="report.reopened" if reopened else "report.returned",
            obj=locked,
            user=user,
            unit=locked.obligation.unit,
            changes={
                **diff(before, {"status": locked.status, "accepted_on": None}),
                "reason": [None, reason],
            },
        )
        transaction.on_commit(lambda: _mail_returned(event.pk))
    return locked


def _mail_returned(event_pk: int) -> None:
    from xhht.reports.mail import report_returned_mail

    report_returned_mail(event_pk=event_pk)


def report_accept(*, report: Report, user: User | None, despite_problems: bool = False) -> Report:
    """Accept a sent report. Figures missing or breaking a rule without a justification (a
    report registered from paper may have them) are refused unless `despite_problems`;
    the acceptance records them, and the date the accepted version was sent."""
    with transaction.atomic():
        locked = (
            Report.objects.select_for_update().select_related("obligation__unit").get(pk=report.pk)
        )
        check_campaign_open([locked])
        if locked.status == ReportStatus.RETURNED:
            raise ReportError(_(RETURNED_MEANWHILE) % _last_step(locked, ReportEvent.Kind.RETURNED))
        if locked.status == ReportStatus.ACCEPTED:
            raise ReportError(_(ALREADY_ACCEPTED) % _last_step(locked, ReportEvent.Kind.ACCEPTED))
        if locked.status != ReportStatus.SENT:
            raise ReportError(_(NOT_SENT))
        problems = [p for p in report_problems(locked) if not p.justified]
        if problems and not despite_problems:
            raise ReportError(_(ACCEPT_PROBLEMS), problems)
        locked.status = ReportStatus.ACCEPTED
        locked.accepted_on = today()
        locked.save(update_fields=["status", "accepted_on"])
        ReportEvent.objects.create(
            report=locked, kind=ReportEvent.Kind.ACCEPTED, at=now(), on=locked.accepted_on, by=user
        )
        changes: dict[str, Any] = {
            "status": [ReportStatus.SENT, ReportStatus.ACCEPTED],
            "accepted_on": [None, locked.accepted_on],
            # The accepted version's own timeliness is kept with the acceptance.
            "version_sent_on": [None, locked.last_sent_on],
        }
        if problems:
            changes["accepted_despite"] = [None, " ".join(p.message for p in problems)]
        audit_log(
            action="report.accepted",
            obj=locked,
            user=user,
            unit=locked.obligation.unit,
            changes=changes,
        )
    return locked
