"""Pages that belong to no single domain: home, unit pages, health; bootstrap and the demo."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "xhht.site"
    verbose_name = "XHHT"

    def ready(self) -> None:
        from xhht.site import checks  # noqa: F401  (registers the database check)
