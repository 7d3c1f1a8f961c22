"""Indicators, their targets by year and source, the province's validation rules, and the
grants that let a member body read one indicator's figures across the tree."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from xhht.kernel.kept import INDICATORS, generation_raise
from xhht.orgunits.models import Level, OrgUnit


class IndicatorKind(models.TextChoices):
    COUNT = "count", _("A count")
    RATIO = "ratio", _("A percentage (numerator / denominator)")


class Indicator(models.Model):
    """A figure units report; the content pack's (province empty) or a province's own."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    province = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("added by province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=400)
    name_en = models.CharField(_("name in English"), max_length=400, blank=True)
    kind = models.CharField(_("kind"), max_length=5, choices=IndicatorKind.choices)
    unit_label = models.CharField(_("unit"), max_length=40, default="%")
    numerator_label = models.CharField(_("what is counted"), max_length=200, blank=True)
    denominator_label = models.CharField(_("out of"), max_length=200, blank=True)
    level = models.CharField(_("collected at"), max_length=10, choices=Level.choices)
    owner = models.CharField(
        _("owned by"),
        max_length=20,
        blank=True,
        help_text=_(
            "The code of the member body whose field this figure is; a member body's report "
            "asks only the indicators it owns (empty: every member body)."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def is_ratio(self) -> bool:
        return self.kind == IndicatorKind.RATIO

    def asked_of(self, unit: OrgUnit) -> bool:
        """Is this indicator asked of `unit`? A member body is asked only the indicators it
        owns (and those nobody owns); every other unit, all of its level's."""
        return unit.level != Level.AGENCY or self.owner in ("", unit.code)


class Target(models.Model):
    """A target for a year, as a source set it, in force from the source's date."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=200)
    in_force_from = models.DateField(_("in force from"))
    province = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("province (empty: national)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "year", "in_force_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "source"], name="target_once_per_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value} ({self.source})"


class ValidationRule(models.Model):
    """A rule the province adds: left side, operator, right side ("GDHT.num <= GDHT.den")."""

    class Operator(models.TextChoices):
        LE = "<=", "≤"
        LT = "<", "<"
        GE = ">=", "≥"
        GT = ">", ">"
        EQ = "==", "="

    province = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    left = models.CharField(_("left side"), max_length=80)
    operator = models.CharField(_("operator"), max_length=2, choices=Operator.choices)
    right = models.CharField(_("right side"), max_length=80)
    message = models.CharField(_("message"), max_length=300)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")

    def __str__(self) -> str:
        return f"{self.left} {self.operator} {self.right}"


class IndicatorGrant(models.Model):
    """A member body may read one indicator's figures across the whole tree."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="grants")
    agency = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "agency"], name="grant_once"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} · {self.indicator_id}"


@receiver([post_save, post_delete], sender=Indicator)
@receiver([post_save, post_delete], sender=Target)
@receiver([post_save, post_delete], sender=ValidationRule)
def _indicators_changed(**kwargs: Any) -> None:
    """An indicator, a target or a rule changed: what pages keep of them (a roll-up, the
    targets in force, a province's rules) is drawn anew."""
    generation_raise(INDICATORS)
