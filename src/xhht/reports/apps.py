"""Reports: templates, indicators and targets, reports and their review up the tree."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "xhht.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from xhht.reports import receivers  # noqa: F401  (the member bodies' template)
