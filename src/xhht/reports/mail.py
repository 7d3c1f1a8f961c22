"""E-mails of the report workflow: the unit is told when its report is returned.

A mail server that cannot be reached does not undo the return: the outcome (sent, failed,
or no address known) is recorded in the audit trail, and the reviewer's page shows it.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.kernel.mail import templated_mail
from xhht.orgunits.models import OrgUnit
from xhht.reports.models import ReportEvent

logger = logging.getLogger(__name__)

MAIL_ACTION = "report.return_mailed"


class Outcome:
    SENT = "sent"
    FAILED = "failed"
    NO_ADDRESS = "no_address"


@dataclass(frozen=True)
class MailOutcome:
    outcome: str  # one of Outcome
    to: list[str] = field(default_factory=list)
    error: str = ""


def unit_addresses(unit: OrgUnit) -> list[str]:
    """Where a unit is reached: its contact e-mail and its active users' (not whoever last
    saved its report: that may be the unit above, entering it on the unit's behalf)."""
    found = set(
        User.objects.filter(unit=unit, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if unit.contact_email:
        found.add(unit.contact_email)
    by_key = {address.casefold(): address for address in sorted(found)}
    return [by_key[key] for key in sorted(by_key)]


def returned_message(*, event: ReportEvent, to: list[str]) -> EmailMultiAlternatives:
    """The e-mail telling a unit its report was returned (subject, text, html)."""
    report = event.report
    obligation = report.obligation
    by = event.by
    context = {
        "report": report,
        "unit": obligation.unit,
        "campaign": obligation.campaign,
        "reason": event.reason,
        "returned_on": event.on,
        "returned_by": (by.get_full_name() or by.get_username()) if by else "",
        "returned_by_email": by.email if by else "",
        "returned_by_unit": by.unit.display_name if by and by.unit else "",
        "first_sent_on": report.first_sent_on,
        "link": settings.XHHT_BASE_URL.rstrip("/")
        + reverse("reports:report", args=[obligation.pk]),
    }
    return templated_mail("reports/email/returned", context, to)


def report_returned_mail(*, event_pk: int) -> MailOutcome:
    """Mail the unit whose report was returned (the return step `event_pk`), in the site's
    language; record and return the outcome. Never raises for a mail server's failure."""
    event = ReportEvent.objects.select_related(
        "by__unit", "report__obligation__unit", "report__obligation__campaign"
    ).get(pk=event_pk)
    unit = event.report.obligation.unit
    to = unit_addresses(unit)
    if not to:
        result = MailOutcome(Outcome.NO_ADDRESS)
    else:
        try:
            with translation.override(settings.LANGUAGE_CODE):
                returned_message(event=event, to=to).send()
        except (smtplib.SMTPException, OSError) as error:
            logger.warning(
                "The return of report %s could not be mailed: %s", event.report_id, error
            )
            result = MailOutcome(Outcome.FAILED, to, str(error) or error.__class__.__name__)
        else:
            result = MailOutcome(Outcome.SENT, to)
    audit_log(
        action=MAIL_ACTION,
        obj=event.report,
        user=None,
        unit=unit,
        changes={
            "outcome": result.outcome,
            "to": ", ".join(result.to),
            "error": result.error[:300],
            "event": event.pk,
        },
    )
    return result
