"""The kernel: what every app uses, with its template tags and formats, and the generations
of rarely changed data that key what pages keep between requests (kernel.kept)."""

from django.apps import AppConfig


class KernelConfig(AppConfig):
    name = "xhht.kernel"
    verbose_name = "XHHT kernel"

    def ready(self) -> None:
        # A request reads the generations once (kept's receivers of request_started/finished).
        from xhht.kernel import kept  # noqa: F401
