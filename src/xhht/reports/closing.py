"""Closing a campaign: its reports become read-only, and each unit's figures, as it sent
them, become the baseline the province's next campaign starts from.

What counts is what a unit sent and the unit above has not returned: a report sent (under
review) or accepted. A draft, a report with the leader to sign, and a returned report
(the unit above found its figures wanting) carry nothing, as the roll-up counts them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign, Deliverable
from xhht.kernel.clock import now
from xhht.reports.baselines import campaigns_starting_from
from xhht.reports.editing import baseline_carry
from xhht.reports.models import EDITABLE, RECEIVED, Baseline, DataValue, Report

ALREADY_CLOSED = gettext_noop(
    "This campaign was already closed on %(date)s by %(who)s: nothing was changed."
)


class CampaignCloseError(ValueError):
    """A campaign that cannot be closed; the message is for the user."""


def _carried_rows(campaign: Campaign) -> QuerySet[DataValue]:
    """The figures of the campaign's sent and accepted reports that hold a value."""
    return DataValue.objects.filter(
        report__obligation__campaign=campaign, report__status__in=RECEIVED
    ).filter(Q(value__isnull=False) | Q(denominator__isnull=False))


@dataclass(frozen=True)
class ClosePreview:
    """What closing would do, for the confirmation page."""

    units_carried: int  # units whose figures become the next baseline
    figures_carried: int
    units_left_out: int  # units owing a report that is not sent, or returned


def close_preview(campaign: Campaign) -> ClosePreview:
    owing = campaign.obligations.filter(
        deliverable__in=(Deliverable.REPORT, Deliverable.CONSOLIDATED)
    )
    received = owing.filter(report__status__in=RECEIVED)
    rows = _carried_rows(campaign)
    carried = rows.values("report__obligation__unit_id").distinct().count()
    return ClosePreview(
        units_carried=carried,
        figures_carried=rows.count(),
        units_left_out=owing.values("unit_id").distinct().count()
        - received.values("unit_id").distinct().count(),
    )


def _who(user: User | None) -> str:
    if user is None:
        return _("someone")
    return user.get_full_name() or user.get_username()


def campaign_close(*, campaign: Campaign, user: User | None) -> int:
    """Close `campaign`, once: snapshot every unit's sent and accepted figures as the
    baseline of the province's next campaign, carry them into the reports of the later
    campaigns already open, and make the campaign's reports read-only; audited. In one
    transaction: refused (CampaignCloseError) when already closed, nothing written.
    Returns how many figures were kept."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.closed_at is not None:
            raise CampaignCloseError(
                _(ALREADY_CLOSED)
                % {"date": f"{localtime(locked.closed_at):%d/%m/%Y}", "who": _who(locked.closed_by)}
            )
        # Saves and sendings lock their report, then check the campaign: wait for those
        # under way, so that what is snapshot is what they wrote.
        list(
            Report.objects.select_for_update(of=("self",))
            .filter(obligation__campaign=locked)
            .values_list("pk", flat=True)
        )
        kept = _snapshot(locked)
        locked.closed_at = now()
        locked.closed_by = user
        locked.save(update_fields=["closed_at", "closed_by"])
        audit_log(
            action="campaign.closed",
            obj=locked,
            user=user,
            unit=locked.root,
            changes={"closed_at": [None, locked.closed_at], "baselines": [None, kept]},
        )
        _carry_into_later(locked, user)
    campaign.closed_at, campaign.closed_by = locked.closed_at, locked.closed_by
    return kept


def _snapshot(campaign: Campaign) -> int:
    """One Baseline per unit and indicator; a unit's report before its consolidated one."""
    found: dict[tuple[int, int], Baseline] = {}
    rows = _carried_rows(campaign).order_by("-report__obligation__deliverable", "pk")
    for unit_id, indicator_id, value, denominator in rows.values_list(
        "report__obligation__unit_id", "indicator_id", "value", "denominator"
    ):
        found.setdefault(
            (unit_id, indicator_id),
            Baseline(
                campaign=campaign,
                unit_id=unit_id,
                indicator_id=indicator_id,
                value=value,
                denominator=denominator,
            ),
        )
    Baseline.objects.bulk_create(found.values(), batch_size=1000)
    return len(found)


def _carry_into_later(source: Campaign, user: User | None) -> None:
    """The later campaigns' reports opened before this closing get its baselines too."""
    for later in campaigns_starting_from(source):
        ids = list(
            Report.objects.filter(obligation__campaign=later, status__in=EDITABLE)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for start in range(0, len(ids), 500):
            reports = list(
                Report.objects.select_for_update(of=("self",)).filter(
                    pk__in=ids[start : start + 500]
                )
            )
            baseline_carry(campaign=later, reports=reports, user=user)
