"""The audit trail of the whole project: who changed what, when, old → new."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "xhht.audit"
    verbose_name = _("Audit trail")
