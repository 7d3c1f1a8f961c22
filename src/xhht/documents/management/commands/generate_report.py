"""`xhht generate_report CAMPAIGN_ID [--unit CODE] --out FILE.docx [--number N] [--date D]
[--pdf] [--annexes DIR]`: the consolidated report of the campaign's province (or of a
district) as a .docx file in the official layout of its date; with --pdf its PDF beside it
(LibreOffice, unsigned), with --annexes every other document the unit may make, in DIR."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xhht.campaigns.models import Campaign
from xhht.documents.dossier import safe_name
from xhht.documents.kinds import Made, kinds_for
from xhht.documents.layout import REGIMES
from xhht.documents.models import Kind
from xhht.documents.pdf import PDF_MISSING, PdfError, pdf_available, to_pdf
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
        parser.add_argument(
            "--pdf", action="store_true", help="also write FILE.pdf beside (LibreOffice)"
        )
        parser.add_argument(
            "--annexes", metavar="DIR", help="write every other document of the unit into DIR"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.select_related("root").filter(pk=options["campaign_id"]).first()
        if campaign is None:
            raise CommandError(_("No campaign %(id)s.") % {"id": options["campaign_id"]})
        unit = self._unit(campaign, options["unit"])
        issued_on = self._date(options["date"])
        if options["pdf"] and not pdf_available():
            raise CommandError(_(PDF_MISSING))
        number = options["number"].strip()
        made = document_make(Kind.CONSOLIDATED, campaign, unit, number=number, issued_on=issued_on)
        out = Path(options["out"])
        self._write(out, made.data)
        self.stdout.write(
            _("Wrote %(file)s (%(size)s bytes, layout of %(regime)s).")
            % {"file": out, "size": len(made.data), "regime": REGIMES[made.regime].name}
        )
        if options["pdf"]:
            self._write_pdf(out.with_suffix(".pdf"), made)
        if options["annexes"]:
            self._annexes(Path(options["annexes"]), campaign, unit, number, issued_on)

    def _write(self, out: Path, data: bytes) -> None:
        try:
            out.write_bytes(data)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": out, "error": error.strerror}
            ) from None

    def _write_pdf(self, out: Path, made: Made) -> None:
        try:
            data = to_pdf(made.data)
        except PdfError as error:
            raise CommandError(str(error)) from None
        self._write(out, data)
        self.stdout.write(_("Wrote %(file)s (unsigned PDF).") % {"file": out})

    def _annexes(
        self, folder: Path, campaign: Campaign, unit: OrgUnit, number: str, issued_on: date | None
    ) -> None:
        """Every kind `unit` may make but the consolidated report and the dossier, in `folder`."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(
                _("Cannot write %(file)s: %(error)s") % {"file": folder, "error": error.strerror}
            ) from None
        for kind, _label in kinds_for(unit):
            if kind in (Kind.CONSOLIDATED, Kind.DOSSIER):
                continue
            made = document_make(kind, campaign, unit, number=number, issued_on=issued_on)
            out = folder / safe_name(made.name, f"{kind}.bin")
            self._write(out, made.data)
            self.stdout.write(
                _("Wrote %(file)s (%(size)s bytes).") % {"file": out, "size": len(made.data)}
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
