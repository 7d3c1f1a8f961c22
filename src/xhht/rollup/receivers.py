"""The roll-up's part in a report's life: a district's own report opens with its communes' sums,
as does a province's report to the country in the national campaign."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from xhht.accounts.models import User
from xhht.orgunits.models import Level
from xhht.reports.models import Report
from xhht.reports.signals import report_opened
from xhht.rollup.below import report_prefill_from_children


@receiver(report_opened, dispatch_uid="rollup.prefill_district_report")
def prefill_district_report(*, report: Report, user: User | None, **kwargs: Any) -> int:
    """Returns the rows it filled (the opener reads the report again when there are any)."""
    obligation = report.obligation
    if obligation.unit.level == Level.DISTRICT or (
        obligation.unit.level == Level.PROVINCE and obligation.recipient_id is not None
    ):
        return report_prefill_from_children(report=report, user=user)
    return 0
