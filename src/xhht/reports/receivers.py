"""Reports' answers to what the layers below tell them."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from xhht.campaigns.models import Campaign, Deliverable
from xhht.campaigns.signals import campaign_published
from xhht.orgunits.models import Level
from xhht.reports.templates_build import template_for


@receiver(campaign_published, dispatch_uid="reports.member_bodies_template")
def member_bodies_template(sender: Any, campaign: Campaign, **kwargs: Any) -> None:
    """The directive's tasks are work from the start: the member bodies' template (one
    section per task) is made as the campaign is published, not when a report first opens."""
    owes = campaign.obligations.filter(
        deliverable=Deliverable.REPORT, unit__level=Level.AGENCY
    ).exists()
    if owes:
        template_for(campaign, Level.AGENCY)
