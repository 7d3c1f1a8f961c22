"""A user acts for one org unit in one role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from xhht.kernel.kept import DIRECTORY, generation_raise
from xhht.orgunits.models import Level


class Role(models.TextChoices):
    PROVINCE = "province", _("Standing unit (province)")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    AGENCY = "agency", _("Member agency")
    VIEWER = "viewer", _("Viewer")
    ADMIN = "admin", _("Administrator")


# The role an account made for a unit of each level gets.
ROLE_FOR_LEVEL = {
    Level.COUNTRY: Role.PROVINCE,  # the Ministry's officers act for the country
    Level.PROVINCE: Role.PROVINCE,
    Level.DISTRICT: Role.DISTRICT,
    Level.COMMUNE: Role.COMMUNE,
    Level.AGENCY: Role.AGENCY,
}


class User(AbstractUser):
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("acts for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set for one-time passwords: the user chooses a new one at first log-in."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN


@receiver(post_delete, sender=User)
@receiver(post_save, sender=User)
def _directory_changed(update_fields: frozenset[str] | None = None, **kwargs: Any) -> None:
    """A user's name, contact, unit or state changed: what pages keep of users (the call
    list's contacts) is drawn anew. A log-in's time alone changes nothing shown."""
    if update_fields is not None and update_fields <= {"last_login"}:
        return
    generation_raise(DIRECTORY)
