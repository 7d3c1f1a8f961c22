"""Synthetic data is an app only so that Django finds its `generate_national` command."""

from django.apps import AppConfig


class SyntheticConfig(AppConfig):
    name = "xhht.synthetic"
    verbose_name = "XHHT synthetic data"
