"""Campaigns: deadline rules, the obligations they create, and their fulfilment."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "xhht.campaigns"
    verbose_name = _("Campaigns")
