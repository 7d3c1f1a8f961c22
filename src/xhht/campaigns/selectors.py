"""Reads over obligations that pages, commands and the API share.

The state of an obligation (on time, late, returned, overdue, not yet due) is
derived here from its last day, the day it was fulfilled, the day its report
was returned and the one clock's today; it is never stored.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When

from xhht.campaigns.models import Campaign, Obligation, State


def state_expression(today: date) -> Case:
    """A database expression giving each obligation's State on `today`."""
    return Case(
        When(
            fulfilled_on__isnull=False, fulfilled_on__lte=F("last_day"), then=Value(State.ON_TIME)
        ),
        When(fulfilled_on__isnull=False, then=Value(State.LATE)),
        When(returned_on__isnull=False, then=Value(State.RETURNED)),
        When(last_day__lt=today, then=Value(State.OVERDUE)),
        default=Value(State.PENDING),
        output_field=CharField(),
    )


def obligations_with_state(obligations: QuerySet[Obligation], today: date) -> QuerySet[Obligation]:
    return obligations.annotate(state=state_expression(today))


def state_counts(obligations: QuerySet[Obligation], today: date) -> dict[str, int]:
    """How many of `obligations` are in each state on `today` (every state present)."""
    totals = obligations.aggregate(**_state_counts_kwargs(today))
    return {state: totals[state] or 0 for state in State.values}


def campaign_obligations(campaign: Campaign) -> QuerySet[Obligation]:
    return Obligation.objects.filter(campaign=campaign).select_related("unit", "milestone")


def _state_counts_kwargs(today: date) -> dict[str, Count]:
    open_ = Q(fulfilled_on__isnull=True, returned_on__isnull=True)  # owed, never returned
    return {
        State.ON_TIME: Count(
            "id", filter=Q(fulfilled_on__isnull=False, fulfilled_on__lte=F("last_day"))
        ),
        State.LATE: Count(
            "id", filter=Q(fulfilled_on__isnull=False, fulfilled_on__gt=F("last_day"))
        ),
        State.RETURNED: Count("id", filter=Q(fulfilled_on__isnull=True, returned_on__isnull=False)),
        State.OVERDUE: Count("id", filter=Q(open_, last_day__lt=today)),
        State.PENDING: Count("id", filter=Q(open_, last_day__gte=today)),
    }


def status_by_rule(campaign: Campaign, today: date) -> list[dict[str, object]]:
    """Obligations counted by the owing unit's level, the deliverable and the rule, by state."""
    rows = (
        Obligation.objects.filter(campaign=campaign)
        .values(
            "unit__level",
            "deliverable",
            "milestone__rule_kind",
            "milestone__rule_date",
            "last_day",
        )
        .annotate(total=Count("id"), **_state_counts_kwargs(today))
        .order_by("last_day", "unit__level", "deliverable")
    )
    result: list[dict[str, object]] = []
    for values in rows:
        row: dict[str, Any] = dict(values)
        result.append(
            {
                "level": row["unit__level"],
                "deliverable": row["deliverable"],
                "rule": row["milestone__rule_kind"],
                "date": row["milestone__rule_date"].isoformat(),
                "last_day": row["last_day"].isoformat(),
                "total": row["total"],
                **{state: row[state] for state in State.values},
            }
        )
    return result
