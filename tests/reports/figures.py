"""Reports with chosen figures for roll-up tests: every row filled, some set by the test."""

from __future__ import annotations

from typing import Any

from tests.reports.factories import report_obligation, signature, signed_pdf
from xhht.accounts.models import User
from xhht.campaigns.models import Campaign
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import Report
from xhht.reports.services import report_send


def report_with(
    campaign: Campaign,
    code: str,
    figures: dict[str, dict[str, Any]] | None = None,
    *,
    send: bool = True,
    user: User | None = None,
    fill: bool = True,
) -> Report:
    """The unit's report with every row filled (1 of 2, or 1), `figures` by indicator code
    overriding; sent signed unless `send` is False."""
    figures = figures or {}
    report = report_open(obligation=report_obligation(campaign, code), user=user)
    values: dict[int, dict[str, Any]] = {}
    for row in report.values.select_related("indicator"):
        if row.indicator.code in figures:
            values[row.indicator_id] = figures[row.indicator.code]
        elif fill:
            values[row.indicator_id] = (
                {"value": 1, "denominator": 2} if row.indicator.is_ratio else {"value": 1}
            )
    report = report_save(
        report=report, revision=report.revision, texts={}, values=values, user=user
    )
    if send:
        report = report_send(
            report=report, user=user, signature=signature(), signed_file=signed_pdf()
        )
    return report
