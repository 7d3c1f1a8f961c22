"""The roll-up: figures summed up the tree against their targets; a district's report filled
with its communes' sums."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RollupConfig(AppConfig):
    name = "xhht.rollup"
    verbose_name = _("Roll-up")

    def ready(self) -> None:
        from xhht.rollup import receivers  # noqa: F401  (fills a district's report as it opens)
