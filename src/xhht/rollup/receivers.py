"""The roll-up's part in a report's life: a district's own report opens with its communes' sums."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from xhht.accounts.models import User
from xhht.orgunits.models import Level
from xhht.reports.models import Report
from xhht.reports.signals import report_opened
from xhht.rollup.below import report_prefill_from_children


@receiver(report_opened, dispatch_uid="rollup.prefill_district_report")
def prefill_district_report(*, report: Report, user: User | None, **kwargs: Any) -> None:
    if report.obligation.unit.level == Level.DISTRICT:
        report_prefill_from_children(report=report, user=user)
