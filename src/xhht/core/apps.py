"""Pages that belong to no single domain: home, unit pages, health."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "xhht.core"
    verbose_name = "XHHT"
