"""Reads of the carried baselines: which closed campaign a campaign starts from, and the
figures each unit closed it with (closing.py writes them; editing.py carries them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from xhht.campaigns.models import Campaign
from xhht.reports.models import Baseline

# (value, denominator) of one unit's indicator when the source campaign closed.
Figures = tuple[int | None, int | None]


def _as_of(campaign: Campaign) -> date:
    """The day a campaign's figures stand at: its cut-off, else the day it was published."""
    return campaign.data_cutoff or timezone.localdate(campaign.published_at)


def baseline_source(campaign: Campaign) -> Campaign | None:
    """The campaign `campaign` starts from: of the same province, closed, with figures as of
    an earlier day than its own; the latest such (by that day, then by when it closed).
    Campaigns per province are few: they are compared here, not in SQL."""
    earlier = [
        other
        for other in Campaign.objects.filter(root_id=campaign.root_id, closed_at__isnull=False)
        .exclude(pk=campaign.pk)
        .select_related("closed_by")
        if _as_of(other) < _as_of(campaign)
    ]
    if not earlier:
        return None
    return max(earlier, key=lambda other: (_as_of(other), other.closed_at, other.pk))


@dataclass(frozen=True)
class Carried:
    """The baselines a campaign starts from: its source campaign and, by (unit id, indicator
    id), the figures each unit closed it with; empty when there is no source."""

    source: Campaign | None
    figures: dict[tuple[int, int], Figures] = field(default_factory=dict)


def baseline_for(campaign: Campaign, *, unit_ids: list[int] | None = None) -> Carried:
    """The baselines `campaign` starts from (of `unit_ids` only, when given: a national
    campaign's are hundreds of thousands of rows)."""
    source = baseline_source(campaign)
    if source is None:
        return Carried(None)
    rows = Baseline.objects.filter(campaign=source)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    figures = {
        (unit_id, indicator_id): (value, denominator)
        for unit_id, indicator_id, value, denominator in rows.values_list(
            "unit_id", "indicator_id", "value", "denominator"
        )
    }
    return Carried(source, figures)


def campaigns_starting_from(source: Campaign) -> list[Campaign]:
    """The open campaigns of the province whose baseline source is `source` (once it is
    closed): those its closing carries its figures into."""
    later = Campaign.objects.filter(root_id=source.root_id, closed_at__isnull=True).exclude(
        pk=source.pk
    )
    found = []
    for campaign in later:
        start = baseline_source(campaign)
        if start is not None and start.pk == source.pk:
            found.append(campaign)
    return found
