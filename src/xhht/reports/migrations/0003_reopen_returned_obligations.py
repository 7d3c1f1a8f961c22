"""A report returned before returns reopened obligations: its obligation is owed again.

A report standing returned (or passed to its leader since the return) no longer
fulfils its obligation: the obligation is reopened as of the day of the latest return,
and the next sending fulfils it again as of the report's first sending.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def reopen_returned(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Report = apps.get_model("reports", "Report")
    ReportEvent = apps.get_model("reports", "ReportEvent")
    Obligation = apps.get_model("campaigns", "Obligation")
    candidates = Report.objects.filter(status__in=["returned", "with_leader"])
    for report in candidates.iterator():
        last = (
            ReportEvent.objects.filter(report=report)
            .exclude(kind="to_leader")
            .order_by("-at", "-pk")
            .first()
        )
        if last is None or last.kind != "returned":
            continue
        Obligation.objects.filter(pk=report.obligation_id).update(
            fulfilled_on=None, fulfilled_at=None, fulfilled_by=None, returned_on=last.on
        )


def fulfil_again(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Back: a reopened obligation is fulfilled again as of its report's first sending."""
    Report = apps.get_model("reports", "Report")
    Obligation = apps.get_model("campaigns", "Obligation")
    for report in Report.objects.filter(
        obligation__returned_on__isnull=False, first_sent_on__isnull=False
    ).iterator():
        Obligation.objects.filter(pk=report.obligation_id).update(
            fulfilled_on=report.first_sent_on, returned_on=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0005_withdrawn_and_returned"),
        ("reports", "0002_report_baseline_from_baseline"),
    ]

    operations = [migrations.RunPython(reopen_returned, fulfil_again)]
