"""Indicators: the figures units report, their targets, rules and grants."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "xhht.indicators"
    verbose_name = _("Indicators")
