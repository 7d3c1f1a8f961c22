"""`xhht close_campaign CAMPAIGN_ID`: close a campaign, as the standing unit does on its
documents page: its reports become read-only and their figures the next baseline."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from xhht.campaigns.models import Campaign
from xhht.reports.closing import CampaignCloseError, campaign_close


class Command(BaseCommand):
    help = "Close a campaign: its figures become the baseline of the province's next one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("campaign_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(pk=options["campaign_id"]).first()
        if campaign is None:
            raise CommandError(_("No campaign %(id)s.") % {"id": options["campaign_id"]})
        try:
            kept = campaign_close(campaign=campaign, user=None)
        except CampaignCloseError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("Closed “%(title)s”: %(count)d figures carried forward as the next baseline.")
            % {"title": campaign.title, "count": kept}
        )
