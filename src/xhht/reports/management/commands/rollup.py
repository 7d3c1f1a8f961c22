"""`xhht rollup CAMPAIGN_ID [--unit CODE] [--json]`: every indicator rolled up for a unit and
each of its children, with the targets in force at the campaign's data cut-off."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xhht.campaigns.models import Campaign
from xhht.orgunits.models import OrgUnit
from xhht.reports.rollup import rollup_build
from xhht.reports.rollup_export import rollup_plain


class Command(BaseCommand):
    help = "Print every indicator rolled up for a unit (the campaign's province by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("campaign_id", type=int)
        parser.add_argument("--unit", help="the unit's code (in the campaign's tree)")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument(
            "--drafts", action="store_true", help="count drafts too (default: sent and accepted)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.select_related("root").filter(pk=options["campaign_id"]).first()
        if campaign is None:
            raise CommandError(_("No campaign %(id)s.") % {"id": options["campaign_id"]})
        unit = campaign.root
        if options["unit"]:
            found = (
                OrgUnit.objects.in_force(campaign.tree_date)
                .filter(code=options["unit"].strip(), path__startswith=campaign.root.path)
                .first()
            )
            if found is None:
                raise CommandError(
                    _("No unit %(code)s in the campaign's tree.") % {"code": options["unit"]}
                )
            unit = found
        data = rollup_plain(
            rollup_build(campaign=campaign, unit=unit, include_drafts=options["drafts"])
        )
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._table(data)

    def _table(self, data: dict[str, Any]) -> None:
        self.stdout.write(f"{data['campaign']['title']} — {data['unit']['name']}")
        self.stdout.write(_("Figures as of %(day)s") % {"day": data["data_cutoff"]})
        for row in data["indicators"]:
            figure = row["percent"] if row["kind"] == "ratio" else row["value"]
            targets = ", ".join(
                f"{t['year']}: {t['value']:g} ({t['source']})" for t in row["targets"]
            )
            self.stdout.write(
                f"{row['code']:<26} {'—' if figure is None else figure!s:>10} "
                f"{row['units_reported']:>5}/{row['units_expected']:<5} {targets}"
            )
