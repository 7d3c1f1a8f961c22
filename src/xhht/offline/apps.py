"""The Word and Excel round-trip of a report, for units that work offline."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    name = "xhht.offline"
    verbose_name = _("Offline entry")
