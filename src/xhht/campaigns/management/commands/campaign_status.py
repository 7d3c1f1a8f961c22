"""`xhht campaign_status ID [--json]`: a campaign's obligations by level, kind and state."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from xhht.campaigns.models import Campaign, Deliverable, State
from xhht.campaigns.selectors import state_counts, status_by_rule
from xhht.kernel.clock import today
from xhht.orgunits.models import Level


class Command(BaseCommand):
    help = "Print a campaign's obligations counted by level, kind and state, with their last days."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("campaign_id", type=int)
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(pk=options["campaign_id"]).first()
        if campaign is None:
            raise CommandError(
                _("No campaign has the id %(id)s.") % {"id": options["campaign_id"]}, returncode=2
            )
        on = today()
        rows = status_by_rule(campaign, on)
        if options["json"]:
            totals = state_counts(campaign.obligations.all(), on)
            document = {
                "campaign": campaign.pk,
                "title": campaign.title,
                "today": on.isoformat(),
                "obligations": rows,
                "totals": {"total": campaign.obligations.count(), **totals},
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{campaign.title} — {on:%d/%m/%Y}")
        for row in rows:
            label = (
                f"{Level(str(row['level'])).label} · {Deliverable(str(row['deliverable'])).label}"
            )
            states = ", ".join(f"{State(s).label}: {row[s]}" for s in State.values)
            last_day = date.fromisoformat(str(row["last_day"]))
            self.stdout.write(f"  {label} — {last_day:%d/%m/%Y} — {row['total']} ({states})")
