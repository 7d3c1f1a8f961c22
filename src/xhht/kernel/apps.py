"""The kernel is an app only so that Django finds its template tags and formats."""

from django.apps import AppConfig


class KernelConfig(AppConfig):
    name = "xhht.kernel"
    verbose_name = "XHHT kernel"
