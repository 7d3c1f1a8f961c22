"""A user's API tokens: shown once when made, kept only as a SHA-256 digest."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.accounts.models import User


class ApiToken(models.Model):
    """A token acts as its user, within the user's scope; a read-only one may not write.
    The token is 32 random bytes, so a plain digest is enough (no salt, no slow hash)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("begins with"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    read_only = models.BooleanField(_("read only"), default=False)
    created_at = models.DateTimeField(_("created at"))
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
