"""Awards: commendation criteria and quotas, nominations and their review, conference papers."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "xhht.awards"
    verbose_name = _("Commendations and conference papers")
