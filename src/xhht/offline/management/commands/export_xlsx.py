"""`xhht export_xlsx CAMPAIGN_ID --unit CODE --out FILE [--communes]`: a report workbook."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.campaigns.models import Campaign
from xhht.offline.workbook import communes_workbook, unit_workbook
from xhht.orgunits.models import Level, OrgUnit

NO_FOLDER = gettext_noop("Cannot write %(file)s: the folder %(folder)s does not exist.")
CANNOT_WRITE = gettext_noop("Cannot write %(file)s: %(reason)s.")


class Command(BaseCommand):
    help = (
        "Write the pre-filled Excel form of a unit's report, or with --communes the form of "
        "all the communes of a district (a row per commune)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("campaign_id", type=int)
        parser.add_argument("--unit", required=True, help="the unit's code")
        parser.add_argument(
            "--out", required=True, help="the .xlsx file to write (its folder must exist)"
        )
        parser.add_argument(
            "--communes", action="store_true", help="a district: one row per commune"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        if not out.parent.is_dir():  # said before the workbook is made, not after
            raise CommandError(
                _(NO_FOLDER) % {"file": out, "folder": out.parent.absolute()}, returncode=2
            )
        campaign = Campaign.objects.select_related("root").filter(pk=options["campaign_id"]).first()
        if campaign is None:
            raise CommandError(
                _("No campaign has the id %(id)s.") % {"id": options["campaign_id"]}, returncode=2
            )
        unit = OrgUnit.objects.in_force(campaign.tree_date).filter(code=options["unit"]).first()
        if unit is None or not campaign.root.is_ancestor_of(unit):
            raise CommandError(
                _("Unknown unit code “%(code)s” in this campaign.") % {"code": options["unit"]},
                returncode=2,
            )
        if options["communes"]:
            if unit.level != Level.DISTRICT:
                raise CommandError(_("--communes needs a district's code."), returncode=2)
            made = communes_workbook(campaign=campaign, district=unit, user=None)
        else:
            made = unit_workbook(campaign=campaign, unit=unit)
        try:
            out.write_bytes(made.content)
        except OSError as error:  # a folder in its place, no permission, a full disk…
            raise CommandError(
                _(CANNOT_WRITE) % {"file": out, "reason": error.strerror or error}, returncode=2
            ) from None
        self.stdout.write(_("Written: %(file)s") % {"file": out})
