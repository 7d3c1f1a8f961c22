"""Directives: the documents a campaign starts from."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectivesConfig(AppConfig):
    name = "xhht.directives"
    verbose_name = _("Directives")
