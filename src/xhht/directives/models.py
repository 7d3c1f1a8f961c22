"""A directive as uploaded: its source text, what the parser read, and the plan being reviewed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Directive(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    root = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    original_name = models.CharField(_("file"), max_length=255, blank=True)
    source_text = models.TextField(_("source text"))
    parsed = models.JSONField(_("as read"), default=dict)
    plan = models.JSONField(_("plan"), default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))
    updated_at = models.DateTimeField(_("last saved"))

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        number = self.parsed.get("number")
        symbol = self.parsed.get("symbol")
        if number and symbol:
            return f"{number}/{symbol}"
        return self.original_name or f"#{self.pk}"
