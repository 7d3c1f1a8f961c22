"""The reminder pass: e-mail units whose work falls due soon or is overdue.

A "before" reminder goes out from N days before an obligation's last day
(N = the campaign's `reminder_days_before`) until that day; an "after"
reminder from the day after it, for AFTER_WINDOW_DAYS days, so that a worker
that was down catches up but a campaign long closed mails nobody. Only
unfulfilled obligations are reminded (a report returned for correction is owed
again, and its reminder says so), each at most once per kind, and once more after
its work is returned (reminders_reset): the Reminder row (unique per obligation and
kind) is claimed and committed before the mail is sent, so two workers running the
pass at once never both send it.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import translation

from xhht.accounts.models import User
from xhht.campaigns.models import Campaign, Obligation, Reminder
from xhht.kernel.clock import now, today
from xhht.kernel.mail import templated_mail
from xhht.orgunits.models import OrgUnit

logger = logging.getLogger(__name__)

# How long after the last day an "after" reminder may still go out.
AFTER_WINDOW_DAYS = 30

TEMPLATES = {
    Reminder.Kind.BEFORE: "campaigns/email/reminder_before",
    Reminder.Kind.AFTER: "campaigns/email/reminder_after",
}


@dataclass
class ReminderPassResult:
    """What one pass did: reminders sent, units skipped for want of an address, failures."""

    sent: int = 0
    failed: int = 0
    skipped_units: set[int] = field(default_factory=set)
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"sent": self.sent, "skipped": self.skipped, "failed": self.failed}


def reminders_due(*, campaign: Campaign, kind: str, on: date) -> QuerySet[Obligation]:
    """The campaign's obligations owed a reminder of `kind` on `on` and not yet sent one."""
    obligations = Obligation.objects.filter(campaign=campaign, fulfilled_on__isnull=True)
    if kind == Reminder.Kind.BEFORE:
        window = {
            "last_day__gte": on,
            "last_day__lte": on + timedelta(days=campaign.reminder_days_before),
        }
    else:
        window = {"last_day__lt": on, "last_day__gte": on - timedelta(days=AFTER_WINDOW_DAYS)}
    already = Reminder.objects.filter(obligation=OuterRef("pk"), kind=kind)
    return (
        obligations.filter(**window)
        .exclude(Exists(already))
        .select_related("unit", "milestone", "campaign")
        .order_by("last_day", "unit__path", "deliverable")
    )


def reminders_reset(*, obligation: Obligation) -> None:
    """The obligation's work was returned: it is owed again, so the reminders sent for it
    before are forgotten and the pass reminds it again while in a window (an overdue unit
    reminded before the return is reminded once more). Call it in the return's transaction."""
    Reminder.objects.filter(obligation=obligation).delete()


def reminder_recipients(units: Iterable[OrgUnit]) -> dict[int, list[str]]:
    """For each unit, its contact e-mail and those of the active users acting for it."""
    units = list(units)
    found: dict[int, set[str]] = defaultdict(set)
    for unit in units:
        if unit.contact_email:
            found[unit.pk].add(unit.contact_email.strip())
    users = User.objects.filter(unit__in=units, is_active=True).exclude(email="")
    for unit_id, email in users.values_list("unit_id", "email"):
        found[unit_id].add(email.strip())
    return {unit.pk: _unique_addresses(found[unit.pk]) for unit in units}


def _unique_addresses(addresses: set[str]) -> list[str]:
    by_key = {address.casefold(): address for address in sorted(addresses)}
    return [by_key[key] for key in sorted(by_key)]


def _claim(obligation: Obligation, kind: str, to: list[str]) -> Reminder | None:
    """Record the reminder before sending it; None if another pass got there first
    or the work was done meanwhile."""
    try:
        with transaction.atomic():
            if not Obligation.objects.filter(pk=obligation.pk, fulfilled_on__isnull=True).exists():
                return None
            return Reminder.objects.create(
                obligation=obligation, kind=kind, sent_at=now(), sent_to=", ".join(to)
            )
    except IntegrityError:
        return None


def reminder_message(
    *, obligation: Obligation, kind: str, to: list[str], on: date
) -> EmailMultiAlternatives:
    """The reminder e-mail (subject, text, html) in the site's language."""
    base_url = settings.XHHT_BASE_URL.rstrip("/")
    context = {
        "campaign": obligation.campaign,
        "unit": obligation.unit,
        "obligation": obligation,
        "deliverable": obligation.get_deliverable_display(),
        "what": obligation.milestone.wording,
        "rule": obligation.milestone.rule_text,
        "last_day": obligation.last_day,
        "days_left": (obligation.last_day - on).days,
        "days_late": (on - obligation.last_day).days,
        "returned_on": obligation.returned_on,  # sent, then returned: owed until sent again
        # The unit's own work page for the campaign, where the work is recorded.
        "link": base_url + reverse("site:my_work", args=[obligation.campaign_id]),
    }
    return templated_mail(TEMPLATES[Reminder.Kind(kind)], context, to)


def _remind(
    obligation: Obligation,
    kind: str,
    to: list[str],
    on: date,
    connection: BaseEmailBackend,
    result: ReminderPassResult,
) -> None:
    reminder = _claim(obligation, kind, to)
    if reminder is None:
        return
    try:
        message = reminder_message(obligation=obligation, kind=kind, to=to, on=on)
        message.connection = connection
        connection.open()  # once per pass; kept open across messages
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Reminder for obligation %s (%s) could not be sent", obligation.pk, kind)
        # Give the claim back so that the next pass tries again, and reconnect for the next one.
        reminder.delete()
        with suppress(smtplib.SMTPException, OSError):
            connection.close()
        result.failed += 1
        return
    result.sent += 1


def reminders_send(*, on: date | None = None) -> ReminderPassResult:
    """One pass of the reminder schedule over every published campaign; safe to repeat."""
    on = on or today()
    result = ReminderPassResult()
    connection = get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        # A withdrawn campaign asks nothing more: no reminder for it.
        campaigns = Campaign.objects.filter(
            published_at__isnull=False, withdrawn_at__isnull=True
        ).order_by("pk")
        for campaign in campaigns:
            for kind in (Reminder.Kind.BEFORE, Reminder.Kind.AFTER):
                due = list(reminders_due(campaign=campaign, kind=kind, on=on))
                if not due:
                    continue
                recipients = reminder_recipients({o.unit_id: o.unit for o in due}.values())
                for obligation in due:
                    to = recipients[obligation.unit_id]
                    if not to:
                        result.skipped += 1
                        result.skipped_units.add(obligation.unit_id)
                        continue
                    _remind(obligation, kind, to, on, connection, result)
    with suppress(smtplib.SMTPException, OSError):
        connection.close()
    return result
