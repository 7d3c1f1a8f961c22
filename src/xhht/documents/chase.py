"""Chasing late units from the dashboard: the country (its Ministry), a province or a district
mails the units below it that are late a reminder now, or makes the formal reminder letter
for them, keeps it and mails it to them as an attachment.

Only units below the chasing unit and late in the campaign are chased, whatever was asked;
the country chases its provinces only (each Department of Education, which reports for its
province, chases the province's units).
A mail server that cannot be reached undoes nothing: the letter stays kept, each unit's
outcome (sent, failed, no address) is audited and returned for the page to show.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import models
from django.urls import reverse
from django.utils import translation

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign, Obligation, Reminder
from xhht.documents.issuers import ministry_name
from xhht.documents.kinds import Made, official
from xhht.documents.letters import LateItem, late_obligations, reminder_letter
from xhht.documents.models import GeneratedDocument, Kind
from xhht.documents.services import document_keep
from xhht.kernel.clock import now, today
from xhht.kernel.mail import templated_mail
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.mail import Outcome, unit_addresses

logger = logging.getLogger(__name__)

CHASING_LEVELS = (Level.COUNTRY, Level.PROVINCE, Level.DISTRICT)
MAIL_ACTION = "documents.chase_mailed"
LETTER_ACTION = "documents.chase_letter_mailed"
MAIL_TEMPLATE = "documents/email/chase"
LETTER_TEMPLATE = "documents/email/chase_letter"
LETTER_LABEL = "Công văn đôn đốc"


@dataclass
class ChaseResult:
    """The units mailed, those with no address known, those the mail server failed for,
    and the letter kept (when one was made)."""

    sent: list[OrgUnit] = field(default_factory=list)
    no_address: list[OrgUnit] = field(default_factory=list)
    failed: list[OrgUnit] = field(default_factory=list)
    document: GeneratedDocument | None = None


def may_chase(user: User, unit: OrgUnit) -> bool:
    """May `user` chase the units below `unit`: its own unit, the country, a province or a
    district."""
    return unit.level in CHASING_LEVELS and scope.can_change_unit_work(user, unit)


def _late_chosen(
    campaign: Campaign, unit: OrgUnit, units: Iterable[OrgUnit], on: date
) -> dict[int, list[Obligation]]:
    """The overdue obligations of the chosen units that are below `unit` and late, by unit,
    in tree order; every other unit asked for is left out."""
    chosen = {u.pk for u in units}
    found: dict[int, list[Obligation]] = defaultdict(list)
    for obligation in late_obligations(campaign, unit, on):
        if obligation.unit_id in chosen:
            found[obligation.unit_id].append(obligation)
    return found


def _items(obligations: list[Obligation], on: date) -> list[LateItem]:
    return [LateItem.of(o, on) for o in obligations]


def _message(
    template: str, context: dict[str, object], to: list[str], attachment: Made | None
) -> EmailMultiAlternatives:
    """A mail from the template triplet `template` (subject, text, html), in the site's
    language."""
    with translation.override(settings.LANGUAGE_CODE):
        message = templated_mail(template, context, to)
    if attachment is not None:
        message.attach(attachment.name, attachment.data, attachment.content_type)
    return message


def _send(message: EmailMultiAlternatives, connection: BaseEmailBackend) -> str:
    """Send on the shared connection; the error as text, or "" when sent."""
    try:
        message.connection = connection
        connection.open()  # once; kept open across messages
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        with suppress(smtplib.SMTPException, OSError):
            connection.close()  # reconnect for the next one
        return str(error) or error.__class__.__name__
    return ""


@dataclass(frozen=True)
class _Mailing:
    """What every mail of one chase shares."""

    action: str
    template: str
    campaign: Campaign
    sender: OrgUnit
    user: User
    on: date
    record: models.Model  # what the audit entries are about
    attachment: Made | None = None


def _sender_name(unit: OrgUnit) -> str:
    """Who chases, as its mail names it: the Ministry for the country, else the unit."""
    return ministry_name(unit) if unit.level == Level.COUNTRY else unit.display_name


def _mail_units(
    mailing: _Mailing, late: dict[int, list[Obligation]], result: ChaseResult
) -> list[tuple[Obligation, list[str]]]:
    """Mail each late unit; (obligation, addresses) of every unit mailed."""
    base_url = settings.XHHT_BASE_URL.rstrip("/")
    link = base_url + reverse("site:my_work", args=[mailing.campaign.pk])
    connection = get_connection()
    mailed: list[tuple[Obligation, list[str]]] = []
    for obligations in late.values():
        target = obligations[0].unit
        to = unit_addresses(target)
        error = ""
        if not to:
            result.no_address.append(target)
        else:
            context = {
                "campaign": mailing.campaign,
                "unit": target,
                "sender": mailing.sender,
                "sender_name": _sender_name(mailing.sender),
                "items": _items(obligations, mailing.on),
                "link": link,
                "document": mailing.attachment.name if mailing.attachment else "",
            }
            message = _message(mailing.template, context, to, mailing.attachment)
            error = _send(message, connection)
            if error:
                logger.warning("Chasing %s could not be mailed: %s", target.pk, error)
                result.failed.append(target)
            else:
                result.sent.append(target)
                mailed.extend((o, to) for o in obligations)
        outcome = Outcome.NO_ADDRESS if not to else Outcome.FAILED if error else Outcome.SENT
        audit_log(
            action=mailing.action,
            obj=mailing.record,
            user=mailing.user,
            unit=target,
            changes={
                "outcome": outcome,
                "to": ", ".join(to),
                "error": error[:300],
                "by_unit": mailing.sender.pk,
            },
        )
    with suppress(smtplib.SMTPException, OSError):
        connection.close()
    return mailed


def _record_reminders(mailed: list[tuple[Obligation, list[str]]]) -> None:
    """The "after" reminder of each obligation mailed counts as sent, so the scheduled pass
    does not send it again."""
    for obligation, to in mailed:
        Reminder.objects.get_or_create(
            obligation=obligation,
            kind=Reminder.Kind.AFTER,
            defaults={"sent_at": now(), "sent_to": ", ".join(to)},
        )


def chase_mail(
    *, campaign: Campaign, unit: OrgUnit, units: Iterable[OrgUnit], user: User
) -> ChaseResult:
    """Mail the reminder now to those of `units` below `unit` that are late; audited."""
    on = today()
    result = ChaseResult()
    late = _late_chosen(campaign, unit, units, on)
    mailing = _Mailing(MAIL_ACTION, MAIL_TEMPLATE, campaign, unit, user, on, record=campaign)
    _record_reminders(_mail_units(mailing, late, result))
    return result


def chase_letter(
    *, campaign: Campaign, unit: OrgUnit, units: Iterable[OrgUnit], user: User
) -> ChaseResult:
    """Make the reminder letter to those of `units` below `unit` that are late, keep it,
    and mail it to each of them; audited. Nothing is made when none of them is late."""
    on = today()
    result = ChaseResult()
    late = _late_chosen(campaign, unit, units, on)
    if not late:
        return result
    addressed = [obligations[0].unit for obligations in late.values()]
    document = reminder_letter(campaign, unit, late_units=addressed, issued_on=on)
    made = official(document, LETTER_LABEL, unit, None)
    result.document = document_keep(
        kind=Kind.REMINDER, campaign=campaign, unit=unit, made=made, user=user
    )
    mailing = _Mailing(
        LETTER_ACTION,
        LETTER_TEMPLATE,
        campaign,
        unit,
        user,
        on,
        record=result.document,
        attachment=made,
    )
    _record_reminders(_mail_units(mailing, late, result))
    return result
