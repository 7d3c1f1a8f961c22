"""Figures out in DHIS2's dataValueSets shape: what a user may read of a campaign's reports,
so that a DHIS2 instance (or this one's import) takes them as they are."""

from __future__ import annotations

from typing import Any

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.campaigns.models import Campaign
from xhht.offline.datavalueset import FIELD_OF_COMBO
from xhht.orgunits.models import OrgUnit
from xhht.reports import reading
from xhht.reports.models import DataValue, Report

# The figures written out, each under its categoryOptionCombo ("default" is the value).
_COMBOS = {name: combo for combo, name in FIELD_OF_COMBO.items() if combo not in ("", "value")}


def datavalueset_export(
    *, campaign: Campaign, unit: OrgUnit, user: User, children: bool
) -> dict[str, Any]:
    """The figures of `unit`'s report (and of every report below it, `children`) that
    `user` may read: a report not yet sent is its unit's own (reading.can_read)."""
    units = OrgUnit.objects.subtree_of(unit) if children else OrgUnit.objects.filter(pk=unit.pk)
    reports = [
        report
        for report in Report.objects.filter(
            obligation__campaign=campaign,
            obligation__deliverable__in=reading.REPORT_DELIVERABLES,
            obligation__unit__in=units.filter(pk__in=scope.visible_units(user)),
        ).select_related("obligation__unit")
        if reading.can_read(user, report)
    ]
    codes = {report.pk: report.obligation.unit.code for report in reports}
    period = f"{reading.cutoff_of(campaign):%Y%m%d}"
    values: list[dict[str, Any]] = []
    rows = (
        DataValue.objects.filter(report__in=list(codes))
        .select_related("indicator")
        .order_by("report__obligation__unit__code", "indicator__order", "indicator__code")
    )
    for row in rows:
        for name, combo in _COMBOS.items():
            figure = row.figure(name)
            if figure is None:
                continue
            item = {
                "dataElement": row.indicator.code,
                "period": period,
                "orgUnit": codes[row.report_id],
                "categoryOptionCombo": combo,
                "value": str(figure),
            }
            if name == "value" and row.justification:
                item["comment"] = row.justification
            values.append(item)
    return {"dataSet": str(campaign.pk), "period": period, "dataValues": values}
