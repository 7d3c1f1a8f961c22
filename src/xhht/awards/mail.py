"""The e-mail telling a unit that a nomination came back: returned to correct, or rejected.

As for reports, a mail server that cannot be reached does not undo the review: the
outcome is recorded in the audit trail.
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import translation

from xhht.audit.services import audit_log
from xhht.awards.models import Nomination, State
from xhht.kernel.mail import templated_mail
from xhht.reports.mail import MailOutcome, Outcome, unit_addresses

logger = logging.getLogger(__name__)

MAIL_ACTION = "awards.sent_back_mailed"


def sent_back_message(*, nomination: Nomination, to: list[str]) -> EmailMultiAlternatives:
    by = nomination.reviewed_by
    context = {
        "nomination": nomination,
        "unit": nomination.unit,
        "campaign": nomination.campaign,
        "returned": nomination.state == State.RETURNED,
        "reason": nomination.reason,
        "on": nomination.reviewed_on,
        "by": (by.get_full_name() or by.get_username()) if by else "",
        "by_email": by.email if by else "",
        "by_unit": nomination.recipient.display_name,
        "link": settings.XHHT_BASE_URL.rstrip("/")
        + reverse("awards:nomination", args=[nomination.pk]),
    }
    return templated_mail("awards/email/sent_back", context, to)


def sent_back_mail(*, nomination_pk: int) -> MailOutcome:
    """Mail the unit whose nomination was returned or rejected; record the outcome. Never
    raises for a mail server's failure."""
    nomination = Nomination.objects.select_related(
        "unit", "recipient", "campaign", "reviewed_by"
    ).get(pk=nomination_pk)
    to = unit_addresses(nomination.unit)
    if not to:
        result = MailOutcome(Outcome.NO_ADDRESS)
    else:
        try:
            with translation.override(settings.LANGUAGE_CODE):
                sent_back_message(nomination=nomination, to=to).send()
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("Nomination %s could not be mailed: %s", nomination.pk, error)
            result = MailOutcome(Outcome.FAILED, to, str(error) or error.__class__.__name__)
        else:
            result = MailOutcome(Outcome.SENT, to)
    audit_log(
        action=MAIL_ACTION,
        obj=nomination,
        user=None,
        unit=nomination.unit,
        changes={
            "outcome": result.outcome,
            "to": ", ".join(result.to),
            "error": result.error[:300],
            "state": nomination.state,
        },
    )
    return result
