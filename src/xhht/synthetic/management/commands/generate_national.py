"""`xhht generate_national`: the whole 2013 tree, a campaign per province, and work done;
with --national, the Ministry's one campaign across the country on the 2025 tree."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xhht.campaigns.models import State
from xhht.orgunits.models import Level
from xhht.synthetic import country
from xhht.synthetic.national import (
    DEFAULT_SEED,
    DEFAULT_TODAY,
    DEFAULT_TREE_DATE,
    NationalError,
    NationalResult,
    national_generate,
)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(_("%(value)r is not a date (YYYY-MM-DD)") % {"value": value}) from None


class Command(BaseCommand):
    help = (
        "Load every province of vietnam-2013-units.csv with 17 agencies each, publish the seed "
        "directive as one campaign per province and record a seeded random mix of work done "
        "with the reports and figures sent (--no-reports skips them). With --national: the "
        "country and the 34 provinces of vietnam-2025-units.csv, one campaign of the Ministry "
        "across them (communes and provinces report), and work done. "
        "Refuses a database that already holds it: run it on its own (XHHT_VAR_DIR)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed")
        parser.add_argument(
            "--date",
            type=_iso_date,
            default=DEFAULT_TREE_DATE,
            help="tree date and day of publication (default %(default)s)",
        )
        parser.add_argument(
            "--today",
            type=_iso_date,
            default=None,
            help=(
                "the day progress stands on; browse with XHHT_TODAY set to it "
                f"(default {DEFAULT_TODAY}, with --national {country.DEFAULT_TODAY})"
            ),
        )
        parser.add_argument(
            "--national",
            action="store_true",
            help="the national campaign of the Ministry on the 2025 tree (--date is not used)",
        )
        parser.add_argument(
            "--provinces", type=int, default=None, help="only the first N provinces of the file"
        )
        parser.add_argument(
            "--province",
            action="append",
            dest="codes",
            default=None,
            help="only this province code (repeatable)",
        )
        parser.add_argument(
            "--no-reports",
            action="store_false",
            dest="reports",
            help="skip the reports and their figures (faster)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["national"]:
            self._national(options)
            return
        today: date = options["today"] or DEFAULT_TODAY
        try:
            result = national_generate(
                seed=options["seed"],
                tree_date=options["date"],
                today=today,
                first=options["provinces"],
                codes=options["codes"],
                reports=options["reports"],
            )
        except NationalError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _(
                "%(provinces)d provinces, %(districts)d districts, %(communes)d communes, "
                "%(agencies)d agencies; %(campaigns)d campaigns with %(obligations)d obligations, "
                "%(refinements)d district rules, %(conferences)d conferences recorded."
            )
            % {
                "provinces": result.provinces,
                "districts": result.districts,
                "communes": result.communes,
                "agencies": result.agencies,
                "campaigns": len(result.campaigns),
                "obligations": result.obligations,
                "refinements": result.refinements,
                "conferences": result.conferences,
            }
        )
        self._reports_line(options, result)
        self.stdout.write(
            f"{'':20}" + "".join(f"{State(state).label:>16}" for state in State.values)
        )
        for level, counts in result.counts_by_level(today).items():
            line = "".join(f"{counts[state]:>16,}" for state in State.values)
            self.stdout.write(f"{Level(level).label:20.20}{line}")
        self._as_of_line(today, result.timings)

    def _national(self, options: dict[str, Any]) -> None:
        today: date = options["today"] or country.DEFAULT_TODAY
        try:
            result = country.country_generate(
                seed=options["seed"],
                today=today,
                codes=options["codes"],
                reports=options["reports"],
            )
        except NationalError as exc:
            raise CommandError(str(exc)) from None
        assert result.campaign is not None
        self.stdout.write(
            _(
                "National campaign %(title)s: %(provinces)d provinces and %(communes)d communes "
                "report, %(obligations)d obligations, %(conferences)d conferences recorded, "
                "%(fulfilled)d obligations done."
            )
            % {
                "title": result.campaign.title,
                "provinces": result.provinces,
                "communes": result.communes,
                "obligations": result.obligations,
                "conferences": result.conferences,
                "fulfilled": result.fulfilled,
            }
        )
        self._reports_line(options, result)
        self._as_of_line(today, result.timings)

    def _reports_line(
        self, options: dict[str, Any], result: NationalResult | country.CountryResult
    ) -> None:
        """The reports written and their figures, for the provinces' campaigns or the country's."""
        if options["reports"]:
            self.stdout.write(
                _(
                    "%(reports)d reports sent or accepted and %(drafts)d drafts, "
                    "with %(values)d indicator rows."
                )
                % {"reports": result.reports, "drafts": result.drafts, "values": result.values}
            )

    def _as_of_line(self, today: date, timings: dict[str, float]) -> None:
        self.stdout.write(
            _("As of %(today)s; seconds: %(timings)s")
            % {
                "today": f"{today:%d/%m/%Y}",
                "timings": ", ".join(f"{k} {v:.1f}" for k, v in timings.items()),
            }
        )
