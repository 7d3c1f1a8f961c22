"""Org units: the country, its provinces, their districts and communes, and member agencies.

A unit is identified by its code together with the date it took effect: the
2025 two-tier tree reuses 2013 codes for other places, so both trees live side
by side and every query by code says on which date it stands.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from xhht.kernel.kept import DIRECTORY, generation_raise
from xhht.kernel.text import match_key, nfc


class Level(models.TextChoices):
    COUNTRY = "country", _("Country")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District level")
    COMMUNE = "commune", _("Commune level")
    AGENCY = "agency", _("Member agency")


# The type labels each level may carry, as GSO writes them (agencies: by kind).
UNIT_TYPES: dict[str, tuple[str, ...]] = {
    Level.COUNTRY: ("Quốc gia",),
    Level.PROVINCE: ("Tỉnh", "Thành phố"),
    Level.DISTRICT: ("Thành phố", "Thị xã", "Huyện", "Quận"),
    Level.COMMUNE: ("Phường", "Thị trấn", "Xã", "Đặc khu"),
    Level.AGENCY: (
        "Bộ",
        "Sở",
        "Ban",
        "Hội",
        "Đoàn thể",
        "Tổ chức xã hội",
        "Tổ chức chính trị - xã hội",
        "Cơ quan báo chí",
        "Phòng",
    ),
}

# Which level a parent must have, for each level.
PARENT_LEVELS: dict[str, tuple[str, ...]] = {
    Level.COUNTRY: (),
    Level.PROVINCE: (Level.COUNTRY,),
    Level.DISTRICT: (Level.PROVINCE,),
    Level.COMMUNE: (Level.DISTRICT, Level.PROVINCE),
    Level.AGENCY: (Level.COUNTRY, Level.PROVINCE, Level.AGENCY, Level.DISTRICT),
}


def levels_below(level: str) -> set[str]:
    """The other levels a unit of `level` may have in its subtree, by PARENT_LEVELS: a
    district its communes and agencies; a commune none; an agency only agencies."""
    found: set[str] = set()
    parents = {level}
    while parents:
        children = {str(c) for c, ps in PARENT_LEVELS.items() if parents & set(ps)} - found
        found |= children
        parents = children
    return found - {level}


# The levels a tree may start at: a province stands alone until a country is loaded above it.
ROOT_LEVELS = (Level.COUNTRY, Level.PROVINCE)

PATH_SEPARATOR = "/"


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def in_force(self, on: date) -> OrgUnitQuerySet:
        """Units that exist on `on`."""
        return self.filter(
            Q(valid_from__lte=on), Q(valid_until__isnull=True) | Q(valid_until__gt=on)
        )

    def subtree_of(self, unit: OrgUnit) -> OrgUnitQuerySet:
        """`unit` and everything below it."""
        return self.filter(path__startswith=unit.path)

    def below(self, unit: OrgUnit) -> OrgUnitQuerySet:
        """Everything below `unit`, without it."""
        return self.subtree_of(unit).exclude(pk=unit.pk)


class OrgUnit(models.Model):
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    full_name = models.CharField(_("official name"), max_length=300, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    type_label = models.CharField(_("type"), max_length=60)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False)
    name_key = models.CharField(max_length=300, db_index=True, editable=False)
    valid_from = models.DateField(_("in force from"))
    valid_until = models.DateField(_("ended on"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="orgunit_code_valid_from"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalise_names()
        old_path = self.path
        super().save(*args, **kwargs)
        new_path = self.compute_path()
        if new_path != old_path:
            OrgUnit.objects.filter(pk=self.pk).update(path=new_path)
            self.path = new_path
            if old_path:
                self._move_descendants(old_path, new_path)

    @property
    def display_name(self) -> str:
        """ "Thành phố Hạ Long"; an agency's own name; the country's ("Việt Nam")."""
        if self.level in (Level.AGENCY, Level.COUNTRY):
            return self.full_name or self.name
        return f"{self.type_label} {self.name}"

    def in_force_on(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or self.valid_until > on)

    def is_ancestor_of(self, other: OrgUnit) -> bool:
        """True when `other` lies in this unit's subtree (itself included)."""
        return other.path.startswith(self.path)

    def ancestors(self) -> list[OrgUnit]:
        """From the root down to the parent."""
        ids = [int(part) for part in self.path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR)[:-1]]
        by_id = OrgUnit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def normalise_names(self) -> None:
        """Names in NFC and the key they are matched on (bulk loads call this themselves)."""
        self.name = nfc(self.name)
        self.full_name = nfc(self.full_name)
        self.short_name = nfc(self.short_name)
        self.name_key = match_key(self.display_name)

    def _move_descendants(self, old_path: str, new_path: str) -> None:
        for child in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
            OrgUnit.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])

    def compute_path(self) -> str:
        """The ids from the root down to this unit: "/1/5/37/"."""
        own = f"{self.pk}{PATH_SEPARATOR}"
        return (self.parent.path if self.parent else PATH_SEPARATOR) + own


@receiver([post_save, post_delete], sender=OrgUnit)
def _directory_changed(**kwargs: Any) -> None:
    """A unit's name, place or contact changed: what pages keep of them is drawn anew."""
    generation_raise(DIRECTORY)
