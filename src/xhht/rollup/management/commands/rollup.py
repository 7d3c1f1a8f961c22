"""`xhht rollup CAMPAIGN_ID [--unit CODE] [--json]`: every indicator rolled up for a unit and
each of its children, with the targets in force at the campaign's data cut-off."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from xhht.campaigns.models import Campaign
from xhht.orgunits.models import OrgUnit
from xhht.rollup.export import rollup_plain
from xhht.rollup.services import Rollup, rollup_build


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
        rollup = rollup_build(campaign=campaign, unit=unit, include_drafts=options["drafts"])
        if options["json"]:
            data = rollup_plain(rollup)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._table(rollup)

    def _table(self, rollup: Rollup) -> None:
        """A table for people: dates dd/mm/yyyy and numbers as the pages write them (1.234,5)."""
        self.stdout.write(f"{rollup.campaign.title} — {rollup.unit.display_name}")
        self.stdout.write(_("Figures as of %(day)s") % {"day": f"{rollup.cutoff:%d/%m/%Y}"})
        for row in rollup.rows:
            figure = _number(row.figure)
            targets = ", ".join(
                f"{t.year}: {_number(t.value)} ({t.source})"
                for year in sorted(row.targets)
                for t in row.targets[year]
            )
            self.stdout.write(
                f"{row.indicator.code:<26} {figure:>10} "
                f"{row.sums.reported:>5}/{row.sums.expected:<5} {targets}"
            )


def _number(value: Decimal | int | None) -> str:
    """As the pages write numbers: 1.234 and 82,7 (a percentage keeps its one decimal); a
    target of 60.00 as 60, of 85.50 as 85,5."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    places = len(str(value).partition(".")[2].rstrip("0"))
    return number_format(value, max(places, 1 if value.as_tuple().exponent == -1 else 0),
                         force_grouping=True)  # fmt: skip
