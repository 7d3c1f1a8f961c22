"""Withdrawing a published campaign, for good: it asks nothing more of its units (no to-do,
reminder, chase letter or overdue count), its records stay readable but take no more
changes (campaigns.services.check_campaign_writable), and its units are told by mail and on
their work page. Audited; only the standing unit of its province withdraws.
"""

from __future__ import annotations

import logging
import smtplib
from contextlib import suppress
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign, Obligation
from xhht.campaigns.reminders import reminder_recipients
from xhht.kernel.clock import now
from xhht.kernel.mail import templated_mail
from xhht.kernel.text import nfc
from xhht.orgunits.models import OrgUnit

logger = logging.getLogger(__name__)

ACTION = "campaign.withdrawn"
MAIL_TEMPLATE = "campaigns/email/withdrawn"
REASON_REQUIRED = gettext_noop("Say why the campaign is withdrawn: the units will read it.")
NOT_ALLOWED = gettext_noop("Only the standing unit of the campaign's province withdraws it.")
ALREADY_WITHDRAWN = gettext_noop(
    "This campaign was already withdrawn on %(date)s: nothing changed."
)


class WithdrawError(ValueError):
    """A campaign that cannot be withdrawn; the message is for the user."""


@dataclass
class WithdrawResult:
    """The units told by mail, those with no address known, those the mail server failed."""

    mailed: list[OrgUnit] = field(default_factory=list)
    no_address: list[OrgUnit] = field(default_factory=list)
    failed: list[OrgUnit] = field(default_factory=list)


def may_withdraw(user: User, campaign: Campaign) -> bool:
    """The standing unit withdraws: an officer of the province who runs its campaigns."""
    return scope.can_run_campaigns_in(user, campaign.root)


def campaign_units(campaign: Campaign) -> list[OrgUnit]:
    """The units that owe something in `campaign`, in tree order."""
    return list(OrgUnit.objects.filter(obligations__campaign=campaign).distinct().order_by("path"))


def campaign_withdraw(*, campaign: Campaign, user: User, reason: str) -> WithdrawResult:
    """Withdraw `campaign` for good with `reason`, audited, then mail its units; refused
    (WithdrawError, nothing written) for a user who may not, without a reason, or twice.
    A mail server that fails undoes nothing: the outcome per unit is returned and audited."""
    reason = nfc(reason).strip()
    if not may_withdraw(user, campaign):
        raise WithdrawError(_(NOT_ALLOWED))
    if not reason:
        raise WithdrawError(_(REASON_REQUIRED))
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.withdrawn_at is not None:
            raise WithdrawError(
                _(ALREADY_WITHDRAWN) % {"date": f"{localtime(locked.withdrawn_at):%d/%m/%Y}"}
            )
        # A conference's record checks the campaign under its obligation's lock: wait for
        # those under way, so that none lands after the withdrawal.
        list(Obligation.objects.select_for_update().filter(campaign=locked).values_list("pk"))
        locked.withdrawn_at, locked.withdrawn_by, locked.withdrawn_reason = now(), user, reason
        locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_reason"])
        audit_log(
            action=ACTION,
            obj=locked,
            user=user,
            unit=locked.root,
            changes={"withdrawn_at": [None, locked.withdrawn_at], "reason": [None, reason]},
        )
    campaign.withdrawn_at, campaign.withdrawn_by = locked.withdrawn_at, locked.withdrawn_by
    campaign.withdrawn_reason = reason
    result = _tell_units(campaign)
    audit_log(
        action=f"{ACTION}.mailed",
        obj=campaign,
        user=user,
        unit=campaign.root,
        changes={
            "mailed": [None, [u.code for u in result.mailed]],
            "no_address": [None, [u.code for u in result.no_address]],
            "failed": [None, [u.code for u in result.failed]],
        },
    )
    return result


def withdrawal_message(
    *, campaign: Campaign, unit: OrgUnit, to: list[str]
) -> EmailMultiAlternatives:
    """The notice to one unit (subject, text, html) in the site's language."""
    base_url = settings.XHHT_BASE_URL.rstrip("/")
    context = {
        "campaign": campaign,
        "unit": unit,
        "reason": campaign.withdrawn_reason,
        "withdrawn_at": localtime(campaign.withdrawn_at) if campaign.withdrawn_at else None,
        "link": base_url + reverse("site:my_work", args=[campaign.pk]),
    }
    return templated_mail(MAIL_TEMPLATE, context, to)


def _tell_units(campaign: Campaign) -> WithdrawResult:
    result = WithdrawResult()
    units = campaign_units(campaign)
    addresses = reminder_recipients(units)
    connection = get_connection()
    with translation.override(settings.LANGUAGE_CODE):
        for unit in units:
            to = addresses[unit.pk]
            if not to:
                result.no_address.append(unit)
                continue
            try:
                message = withdrawal_message(campaign=campaign, unit=unit, to=to)
                message.connection = connection
                connection.open()  # once; kept open across messages
                message.send()
            except (smtplib.SMTPException, OSError):
                logger.exception("Withdrawal notice to unit %s could not be sent", unit.pk)
                with suppress(smtplib.SMTPException, OSError):
                    connection.close()
                result.failed.append(unit)
                continue
            result.mailed.append(unit)
    with suppress(smtplib.SMTPException, OSError):
        connection.close()
    return result


def still_asking(campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
    """Those of `campaigns` that are not withdrawn, newest first."""
    return campaigns.filter(withdrawn_at__isnull=True).order_by("-published_at", "-pk")
