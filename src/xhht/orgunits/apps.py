"""The administrative tree and the member agencies."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgUnitsConfig(AppConfig):
    name = "xhht.orgunits"
    verbose_name = _("Organisation units")
