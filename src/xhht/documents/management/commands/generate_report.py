"""`xhht generate_report CAMPAIGN_ID [--unit CODE] --out FILE.docx [--number N] [--date D]`:
the consolidated report of the campaign's province (or of a district) as a .docx file in
the official layout of its date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xhht.campaigns.models import Campaign
from xhht.documents.layout import REGIMES
from xhht.documents.models import Kind
from xhht.documents.services import document_make
from xhht.kernel.vndates import parse_date
from xhht.orgunits.models import Level, OrgUnit


class Command(BaseCommand):
    help = "Write the consolidated report of a province or a district as a .docx file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("campaign_id", type=int)
        parser.add_argument("--unit", help="a district's code (the province by default)")
        parser.add_argument("--out", required=True, help="the .docx file to write")
        parser.add_argument("--number", default="", help="the number after “Số:” (blank)")
        parser.add_argument("--date", help="the document's date, dd/mm/yyyy (today)")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.select_related("root").filter(pk=options["campaign_id"]).first()
        if campaign is None:
            raise CommandError(_("No campaign %(id)s.") % {"id": options["campaign_id"]})
        unit = self._unit(campaign, options["unit"])
        issued_on = self._date(options["date"])
        made = document_make(
            Kind.CONSOLIDATED, campaign, unit, number=options["number"].strip(), issued_on=issued_on
        )
        out = Path(options["out"])
        try:
            out.write_bytes(made.data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": out, "error": error.strerror}
            ) from None
        self.stdout.write(
            _("Wrote %(file)s (%(size)s bytes, layout of %(regime)s).")
            % {"file": out, "size": len(made.data), "regime": REGIMES[made.regime].name}
        )

    def _unit(self, campaign: Campaign, code: str | None) -> OrgUnit:
        if not code:
            return campaign.root
        unit = (
            OrgUnit.objects.in_force(campaign.tree_date)
            .filter(code=code.strip(), path__startswith=campaign.root.path)
            .first()
        )
        if unit is None or unit.level not in (Level.PROVINCE, Level.DISTRICT):
            raise CommandError(
                _("No province or district %(code)s in the campaign's tree.") % {"code": code}
            )
        return unit

    def _date(self, text: str | None) -> date | None:
        if not text:
            return None
        found = parse_date(text)
        if found is None:
            raise CommandError(_("“%(text)s” is not a date dd/mm/yyyy.") % {"text": text})
        return found
