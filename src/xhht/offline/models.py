"""A Word upload waiting for its user's confirmation, kept in the database so that a lost
session, a second tab or a new login loses nothing the user uploaded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingWordUpload(models.Model):
    """What a Word form split into (texts by section, loose pieces, the version it was made
    from), waiting under an unguessable token for its user to confirm or place it."""

    token = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    obligation = models.ForeignKey(
        "campaigns.Obligation", on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"))
    content = models.JSONField()

    class Meta:
        verbose_name = _("Word upload awaiting confirmation")
        verbose_name_plural = _("Word uploads awaiting confirmation")
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.content.get('name', '')} ({self.created_at:%d/%m/%Y %H:%M})"
