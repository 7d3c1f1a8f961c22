"""The province's indicators: adding, editing and retiring them, their targets, its
validation rules and the grants that let a member body read one indicator across the tree.

Every change goes through the audit trail. An indicator that has values is never
deleted, only retired (it stays in past reports and leaves new templates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log, diff
from xhht.core.clock import now
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.models import (
    DataValue,
    Indicator,
    IndicatorGrant,
    IndicatorKind,
    Target,
    ValidationRule,
)
from xhht.text import nfc

CODE_FORMAT = gettext_noop(
    "The code may hold only capital letters, digits and “_” (for example QN_GV_BIET_PHAI)."
)
CODE_TAKEN = gettext_noop("The code %(code)s is already used by another indicator.")
NAME_REQUIRED = gettext_noop("Give the indicator's name.")
LEVEL_INVALID = gettext_noop("An indicator is collected by communes, districts or member agencies.")
KIND_INVALID = gettext_noop("Choose whether the indicator is a count or a percentage.")
HAS_VALUES = gettext_noop(
    "“%(name)s” already has figures in reports: it can be retired, not deleted."
)
NOT_OURS = gettext_noop(
    "This indicator belongs to the national content pack; only its targets can change here."
)
TARGET_YEAR = gettext_noop("The year %(year)s is outside 2000–2100.")
TARGET_NEGATIVE = gettext_noop("A target cannot be negative.")
TARGET_OVER_100 = gettext_noop("A percentage target cannot exceed 100.")
TARGET_SOURCE = gettext_noop("Say which document set the target (for example QĐ 281/QĐ-TTg).")
TARGET_TAKEN = gettext_noop("This indicator already has a %(year)s target from %(source)s.")
TERM_EMPTY = gettext_noop("The %(side)s is empty.")
TERM_UNKNOWN = gettext_noop(
    "The %(side)s “%(text)s” is neither a number nor an indicator term: write CODE, "
    "CODE.value, CODE.denominator, CODE.baseline or CODE.baseline_denominator."
)
TERM_NO_CODE = gettext_noop(
    "The %(side)s names the indicator %(code)s, which does not exist or is retired."
)
TERM_COUNT_DENOMINATOR = gettext_noop(
    "The %(side)s asks for the denominator of %(code)s, which is a count and has none."
)
RULE_NUMBERS_ONLY = gettext_noop("A rule must name at least one indicator.")
RULE_OPERATOR = gettext_noop("Choose an operator.")
RULE_MESSAGE = gettext_noop("Write the message a unit sees when the rule is broken.")
GRANT_NOT_AGENCY = gettext_noop(
    "Only a member agency of the province can be given a reading right."
)
GRANT_EXISTS = gettext_noop("%(agency)s can already read this indicator.")

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,39}$")
# The same terms validation.py evaluates: "GDHT", "GDHT.value", "GDHT.denominator"...
_TERM = re.compile(
    r"^\s*([A-Za-z0-9_]+)(?:\.(value|denominator|baseline|baseline_denominator))?\s*$"
)
_NUMBER = re.compile(r"^\s*-?\d+(?:[.,]\d+)?\s*$")
_EDITABLE = (
    "name",
    "name_en",
    "kind",
    "unit_label",
    "numerator_label",
    "denominator_label",
    "level",
    "order",
)
_COLLECTED_AT = (Level.COMMUNE, Level.DISTRICT, Level.AGENCY)


class IndicatorError(ValueError):
    """A change the page cannot make; `field` names the form field it is about."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# -- reads ---------------------------------------------------------------------------


def indicators_of(province: OrgUnit, *, active_only: bool = False) -> QuerySet[Indicator]:
    """The content pack's indicators and the province's own."""
    found = Indicator.objects.filter(Q(province__isnull=True) | Q(province=province))
    return found.filter(active=True) if active_only else found


def targets_of(province: OrgUnit) -> QuerySet[Target]:
    """National targets and the province's own."""
    return Target.objects.filter(Q(province__isnull=True) | Q(province=province))


def has_values(indicator: Indicator) -> bool:
    return DataValue.objects.filter(indicator=indicator).exists()


# -- indicators ---------------------------------------------------------------------


def _snapshot(indicator: Indicator) -> dict[str, Any]:
    return {name: getattr(indicator, name) for name in (*_EDITABLE, "active")}


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    clean = {k: nfc(v).strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "name" in clean and not clean["name"]:
        raise IndicatorError(_(NAME_REQUIRED), "name")
    if "kind" in clean and clean["kind"] not in IndicatorKind.values:
        raise IndicatorError(_(KIND_INVALID), "kind")
    if "level" in clean and clean["level"] not in _COLLECTED_AT:
        raise IndicatorError(_(LEVEL_INVALID), "level")
    if clean.get("kind") == IndicatorKind.RATIO and not clean.get("unit_label"):
        clean["unit_label"] = "%"
    return clean


def indicator_create(
    *, province: OrgUnit, user: User | None, code: str, **fields: Any
) -> Indicator:
    """A province's own indicator; `fields` are the model's editable fields."""
    code = nfc(code).strip().upper()
    if not _CODE.match(code):
        raise IndicatorError(_(CODE_FORMAT), "code")
    clean = _clean_fields(fields)
    with transaction.atomic():
        if Indicator.objects.filter(code=code).exists():
            raise IndicatorError(_(CODE_TAKEN) % {"code": code}, "code")
        indicator = Indicator.objects.create(code=code, province=province, **clean)
        audit_log(
            action="indicator.created",
            obj=indicator,
            user=user,
            unit=province,
            changes=diff({}, {"code": code, **_snapshot(indicator)}),
        )
    return indicator


def indicator_update(*, indicator: Indicator, user: User | None, **fields: Any) -> Indicator:
    """Change a province's own indicator. The pack's indicators keep their definition
    (several provinces share it); only their order may change."""
    clean = _clean_fields(fields)
    if indicator.province_id is None and set(clean) - {"order"}:
        unchanged = all(getattr(indicator, k) == v for k, v in clean.items() if k != "order")
        if not unchanged:
            raise IndicatorError(_(NOT_OURS))
    with transaction.atomic():
        before = _snapshot(indicator)
        for name, value in clean.items():
            if name in _EDITABLE:
                setattr(indicator, name, value)
        changes = diff(before, _snapshot(indicator))
        if changes:
            indicator.save()
            audit_log(action="indicator.changed", obj=indicator, user=user, changes=changes)
    return indicator


def indicator_set_active(*, indicator: Indicator, user: User | None, active: bool) -> Indicator:
    """Retire an indicator (it leaves templates built from now on) or bring it back."""
    if indicator.active == active:
        return indicator
    with transaction.atomic():
        indicator.active = active
        indicator.save(update_fields=["active"])
        audit_log(
            action="indicator.restored" if active else "indicator.retired",
            obj=indicator,
            user=user,
            changes={"active": [not active, active]},
        )
    return indicator


def indicator_delete(*, indicator: Indicator, user: User | None) -> None:
    """Delete a province's own indicator that no report holds a figure for."""
    if indicator.province_id is None:
        raise IndicatorError(_(NOT_OURS))
    if has_values(indicator):
        raise IndicatorError(_(HAS_VALUES) % {"name": indicator.name})
    with transaction.atomic():
        audit_log(
            action="indicator.deleted",
            obj=indicator,
            user=user,
            changes={"code": [indicator.code, None], "name": [indicator.name, None]},
        )
        indicator.targets.all().delete()
        indicator.grants.all().delete()
        indicator.delete()


# -- targets ------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetInput:
    year: int
    value: Decimal
    source: str
    in_force_from: date
    national: bool = False


def target_add(
    *, indicator: Indicator, province: OrgUnit, user: User | None, target: TargetInput
) -> Target:
    """A target for a year from a source, in force from a date; national or the province's."""
    source = nfc(target.source).strip()
    if not 2000 <= target.year <= 2100:
        raise IndicatorError(_(TARGET_YEAR) % {"year": target.year}, "year")
    if target.value < 0:
        raise IndicatorError(_(TARGET_NEGATIVE), "value")
    if indicator.is_ratio and target.value > 100:
        raise IndicatorError(_(TARGET_OVER_100), "value")
    if not source:
        raise IndicatorError(_(TARGET_SOURCE), "source")
    with transaction.atomic():
        if Target.objects.filter(indicator=indicator, year=target.year, source=source).exists():
            raise IndicatorError(
                _(TARGET_TAKEN) % {"year": target.year, "source": source}, "source"
            )
        made = Target.objects.create(
            indicator=indicator,
            year=target.year,
            value=target.value,
            source=source,
            in_force_from=target.in_force_from,
            province=None if target.national else province,
        )
        audit_log(
            action="target.created",
            obj=made,
            user=user,
            unit=province,
            changes=diff(
                {},
                {
                    "indicator": indicator.code,
                    "year": made.year,
                    "value": made.value,
                    "source": made.source,
                    "in_force_from": made.in_force_from,
                    "national": target.national,
                },
            ),
        )
    return made


def target_delete(*, target: Target, user: User | None) -> None:
    with transaction.atomic():
        audit_log(
            action="target.deleted",
            obj=target,
            user=user,
            changes={
                "indicator": [target.indicator.code, None],
                "year": [target.year, None],
                "value": [target.value, None],
                "source": [target.source, None],
            },
        )
        target.delete()


# -- validation rules ---------------------------------------------------------------


def _check_term(text: str, side: str, field: str, known: dict[str, Indicator]) -> str | None:
    """The indicator code the term names (None for a number); IndicatorError if invalid."""
    text = text.strip()
    if not text:
        raise IndicatorError(_(TERM_EMPTY) % {"side": side}, field)
    if _NUMBER.match(text):
        return None
    match = _TERM.match(text)
    if not match:
        raise IndicatorError(_(TERM_UNKNOWN) % {"side": side, "text": text}, field)
    code, part = match.group(1), match.group(2) or "value"
    indicator = known.get(code)
    if indicator is None:
        raise IndicatorError(_(TERM_NO_CODE) % {"side": side, "code": code}, field)
    if not indicator.is_ratio and part in ("denominator", "baseline_denominator"):
        raise IndicatorError(_(TERM_COUNT_DENOMINATOR) % {"side": side, "code": code}, field)
    return code


def rule_add(
    *,
    province: OrgUnit,
    user: User | None,
    left: str,
    operator: str,
    right: str,
    message: str,
) -> ValidationRule:
    """A rule of the province, checked before any report is sent: "left operator right"."""
    known = {i.code: i for i in indicators_of(province, active_only=True)}
    codes = [
        _check_term(left, _("left side"), "left", known),
        _check_term(right, _("right side"), "right", known),
    ]
    if operator not in ValidationRule.Operator.values:
        raise IndicatorError(_(RULE_OPERATOR), "operator")
    if not any(codes):
        raise IndicatorError(_(RULE_NUMBERS_ONLY), "left")
    message = nfc(message).strip()
    if not message:
        raise IndicatorError(_(RULE_MESSAGE), "message")
    with transaction.atomic():
        rule = ValidationRule.objects.create(
            province=province,
            left=left.strip().replace(",", "."),
            operator=operator,
            right=right.strip().replace(",", "."),
            message=message,
        )
        audit_log(
            action="rule.created",
            obj=rule,
            user=user,
            unit=province,
            changes=diff(
                {},
                {"left": rule.left, "operator": operator, "right": rule.right, "message": message},
            ),
        )
    return rule


def rule_set_active(*, rule: ValidationRule, user: User | None, active: bool) -> ValidationRule:
    if rule.active == active:
        return rule
    with transaction.atomic():
        rule.active = active
        rule.save(update_fields=["active"])
        audit_log(
            action="rule.restored" if active else "rule.retired",
            obj=rule,
            user=user,
            unit=rule.province,
            changes={"active": [not active, active]},
        )
    return rule


# -- grants -------------------------------------------------------------------------


def grant_add(
    *, indicator: Indicator, agency: OrgUnit, province: OrgUnit, user: User | None
) -> IndicatorGrant:
    """Let a member agency read `indicator`'s figures across the province's whole tree."""
    if agency.level != Level.AGENCY or not province.is_ancestor_of(agency):
        raise IndicatorError(_(GRANT_NOT_AGENCY), "agency")
    with transaction.atomic():
        if IndicatorGrant.objects.filter(indicator=indicator, agency=agency).exists():
            raise IndicatorError(_(GRANT_EXISTS) % {"agency": agency.display_name}, "agency")
        grant = IndicatorGrant.objects.create(
            indicator=indicator, agency=agency, granted_by=user, granted_at=now()
        )
        audit_log(
            action="indicator.granted",
            obj=grant,
            user=user,
            unit=province,
            changes={"indicator": [None, indicator.code], "agency": [None, agency.code]},
        )
    return grant


def grant_remove(*, grant: IndicatorGrant, user: User | None) -> None:
    with transaction.atomic():
        audit_log(
            action="indicator.grant_removed",
            obj=grant,
            user=user,
            changes={
                "indicator": [grant.indicator.code, None],
                "agency": [grant.agency.code, None],
            },
        )
        grant.delete()


# -- what the seed needs and the pack lacks -------------------------------------------

EXTRAS: tuple[dict[str, Any], ...] = (
    {
        "code": "QN_GV_BIET_PHAI_TTHTCD",
        "name": "Số giáo viên biệt phái sang TTHTCĐ",
        "name_en": "Teachers seconded to community learning centres",
        "kind": IndicatorKind.COUNT,
        "unit_label": "người",
        "numerator_label": "Giáo viên biệt phái",
        "level": Level.DISTRICT,
        "order": 400,
    },
    {
        "code": "QN_LDNT_DAY_NGHE",
        "name": "Số lao động nông thôn được dạy nghề",
        "name_en": "Rural workers given vocational training",
        "kind": IndicatorKind.COUNT,
        "unit_label": "người",
        "numerator_label": "Lao động nông thôn được dạy nghề",
        "level": Level.AGENCY,
        "order": 410,
    },
    {
        "code": "QN_KDC_HIEU_HOC",
        "name": "Tỷ lệ khu dân cư được công nhận “Khu dân cư hiếu học”",
        "name_en": "Share of residential areas recognised as a “Studious Residential Area”",
        "kind": IndicatorKind.RATIO,
        "unit_label": "%",
        "numerator_label": "Khu dân cư hiếu học",
        "denominator_label": "Tổng số khu dân cư",
        "level": Level.COMMUNE,
        "order": 420,
    },
)


def indicators_seed_extras(*, province: OrgUnit, user: User | None = None) -> list[Indicator]:
    """Add the three indicators the seed campaign needs and the content pack lacks, as the
    province would on its indicators page; idempotent (existing codes are kept)."""
    made = []
    for spec in EXTRAS:
        existing = Indicator.objects.filter(code=spec["code"]).first()
        if existing is not None:
            made.append(existing)
            continue
        fields = {k: v for k, v in spec.items() if k != "code"}
        made.append(indicator_create(province=province, user=user, code=spec["code"], **fields))
    return made
