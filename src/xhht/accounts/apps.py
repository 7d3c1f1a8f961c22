"""Users, each acting for one org unit with one role, and the scope rules."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "xhht.accounts"
    verbose_name = _("Accounts")
