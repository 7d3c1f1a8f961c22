"""What happened to an indicator, newest first: its definition, its targets, the rules
that name it and the reading rights given on it (who, when, old → new)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.audit.models import AuditEntry
from xhht.audit.services import history_of
from xhht.indicators.models import Indicator, IndicatorGrant, Target, ValidationRule
from xhht.orgunits.models import OrgUnit
from xhht.reports.reading import HistoryLine
from xhht.reports.validation import rule_codes

LIMIT = 200
ACTIONS = {
    "indicator.created": gettext_noop("Added the indicator"),
    "indicator.changed": gettext_noop("Changed the indicator"),
    "indicator.retired": gettext_noop("Retired the indicator"),
    "indicator.restored": gettext_noop("Put the indicator in use again"),
    "indicator.granted": gettext_noop("Gave a reading right"),
    "indicator.grant_removed": gettext_noop("Withdrew a reading right"),
    "target.created": gettext_noop("Added a target"),
    "target.deleted": gettext_noop("Deleted a target"),
    "rule.created": gettext_noop("Added a validation rule"),
    "rule.retired": gettext_noop("Retired a validation rule"),
    "rule.restored": gettext_noop("Put a validation rule in use again"),
}
# Audit entries name their object by its model's label, which follows its app.
_MODELS = {m._meta.label_lower: m for m in (Indicator, Target, ValidationRule, IndicatorGrant)}


def _names_indicator(code: str) -> Q:
    """Entries of a target or a grant record their indicator's code as [old, new]."""
    return Q(changes__indicator__0=code) | Q(changes__indicator__1=code)


# The model's own label for this one means an organisation in Vietnamese ("Đơn vị").
_LABELS = {"unit_label": gettext_noop("Unit of measure")}


def _label(object_type: str, name: str) -> str:
    if name in _LABELS:
        return _(_LABELS[name])
    model = _MODELS.get(object_type)
    try:
        field = model._meta.get_field(name) if model else None
    except FieldDoesNotExist:  # a recorded name that is not a field ("national")
        field = None
    return str(getattr(field, "verbose_name", name))


def _short(value: Any) -> str:
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 120 else text[:117] + "…"


def indicator_history(*, indicator: Indicator, province: OrgUnit) -> list[HistoryLine]:
    """The indicator's history as `province` may read it: the changes to the indicator
    itself, and to the targets, rules and reading rights that are national or its own."""
    rules = [
        str(rule.pk)
        for rule in ValidationRule.objects.filter(province=province)
        if indicator.code in rule_codes(rule)
    ]
    entries = (
        history_of(indicator)
        | AuditEntry.objects.filter(
            _names_indicator(indicator.code),
            Q(unit__isnull=True) | Q(unit=province),
            object_type=Target._meta.label_lower,
        )
        | AuditEntry.objects.filter(
            _names_indicator(indicator.code),
            unit=province,
            object_type=IndicatorGrant._meta.label_lower,
        )
        | AuditEntry.objects.filter(
            object_type=ValidationRule._meta.label_lower, object_id__in=rules
        )
    )
    lines = []
    for entry in entries.select_related("user__unit").order_by("-at", "-pk")[:LIMIT]:
        changes = entry.changes or {}
        lines.append(
            HistoryLine(
                at=entry.at,
                who=entry.user.get_username() if entry.user else _("the system"),
                unit=entry.user.unit.display_name if entry.user and entry.user.unit else "",
                action=_(ACTIONS.get(entry.action, entry.action)),
                what=[
                    (
                        _label(entry.object_type, name),
                        _short(change[0] if isinstance(change, list) else ""),
                        _short(change[1] if isinstance(change, list) else change),
                    )
                    for name, change in changes.items()
                ],
            )
        )
    return lines
