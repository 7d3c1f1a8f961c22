"""The province's indicators: adding, editing and retiring them, their targets, its
validation rules and the grants that let a member body read one indicator across the tree.

Every change goes through the audit trail. An indicator that has values is never
deleted, only retired (it stays in past reports and leaves new templates); once it has
figures or sits in a report template its kind and collecting level are fixed, since the
roll-up sums figures of one kind collected at one level.

What every province shares (the content pack's indicators, national targets) only the
site administrator changes; a province changes its own indicators, targets and rules.
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

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.audit.services import audit_log, diff
from xhht.indicators.models import Indicator, IndicatorGrant, IndicatorKind, Target, ValidationRule
from xhht.kernel.clock import now
from xhht.kernel.text import nfc
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.models import DataValue, TemplateIndicator
from xhht.reports.validation import Term, parse_term

CODE_FORMAT = gettext_noop(
    "The code is 2 to 40 characters: capital letters, digits and “_”, starting with a "
    "letter (for example QN_GV_BIET_PHAI)."
)
CODE_TAKEN = gettext_noop("The code %(code)s is already used by another indicator.")
NAME_REQUIRED = gettext_noop("Give the indicator's name.")
LEVEL_INVALID = gettext_noop("An indicator is collected by communes, districts or member agencies.")
KIND_INVALID = gettext_noop("Choose whether the indicator is a count or a percentage.")
HAS_VALUES = gettext_noop(
    "“%(name)s” already has figures in reports: it can be retired, not deleted."
)
IN_TEMPLATES = gettext_noop(
    "“%(name)s” is in %(count)d report templates: take it out of them first "
    "(Report templates page), or retire it instead."
)
IN_USE_LOCKED = gettext_noop(
    "This cannot change once the indicator has figures or sits in a report template: the "
    "roll-up would add up figures of different kinds or levels. Add a new indicator instead."
)
SHARED_READ_ONLY = gettext_noop(
    "This indicator belongs to the national content pack, which every province shares: only "
    "the site administrator can change or retire it. The province adds its own targets and "
    "readers here."
)
NATIONAL_TARGET_READ_ONLY = gettext_noop(
    "National targets are shared by every province: only the site administrator sets or "
    "deletes them. The province sets its own targets."
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
RULE_TAKEN = gettext_noop("The province already has this rule.")
RULE_TAKEN_RETIRED = gettext_noop(
    "The province already has this rule, retired: use it again from the list above."
)
GRANT_NOT_AGENCY = gettext_noop(
    "Only a member agency of the province can be given a reading right."
)
GRANT_EXISTS = gettext_noop("%(agency)s can already read this indicator.")

_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,39}$")
LOCKED_IN_USE = ("kind", "level")
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


def templates_holding(indicator: Indicator) -> int:
    """How many report templates (of any campaign) have the indicator in their table."""
    return TemplateIndicator.objects.filter(indicator=indicator).count()


def in_use(indicator: Indicator) -> bool:
    """Has figures or sits in a report template: its kind and level are fixed."""
    return has_values(indicator) or templates_holding(indicator) > 0


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
    """Change an indicator's definition: a province's own by its officers, the content
    pack's (shared by every province) by the administrator only. Once the indicator has
    figures or sits in a report template, its kind and level are refused."""
    if not scope.can_change_content_of(user, indicator.province_id):
        raise IndicatorError(_(SHARED_READ_ONLY))
    clean = _clean_fields(fields)
    with transaction.atomic():
        changed = [k for k in LOCKED_IN_USE if k in clean and clean[k] != getattr(indicator, k)]
        if changed and in_use(indicator):
            raise IndicatorError(_(IN_USE_LOCKED), changed[0])
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
    """Retire an indicator (it leaves templates built from now on) or bring it back.
    The content pack's is retired for every province: the administrator's call only."""
    if not scope.can_change_content_of(user, indicator.province_id):
        raise IndicatorError(_(SHARED_READ_ONLY))
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


def deletion_refused(indicator: Indicator) -> str | None:
    """Why the indicator cannot be deleted, or None if it can."""
    if indicator.province_id is None:
        return _(SHARED_READ_ONLY)
    if has_values(indicator):
        return _(HAS_VALUES) % {"name": indicator.name}
    count = templates_holding(indicator)
    if count:
        return _(IN_TEMPLATES) % {"name": indicator.name, "count": count}
    return None


def indicator_delete(*, indicator: Indicator, user: User | None) -> None:
    """Delete a province's own indicator that no report holds a figure for and no report
    template holds; the content pack's are never deleted, only retired."""
    with transaction.atomic():
        refused = deletion_refused(indicator)
        if refused:
            raise IndicatorError(refused)
        audit_log(
            action="indicator.deleted",
            obj=indicator,
            user=user,
            unit=indicator.province,
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
    """A target for a year from a source, in force from a date: the province's own, or a
    national one (every province's: the administrator only)."""
    if target.national and not scope.can_change_shared_content(user):
        raise IndicatorError(_(NATIONAL_TARGET_READ_ONLY), "national")
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
            unit=made.province,
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
    """Delete a target: the province's own by its officers, a national one by the
    administrator only."""
    if not scope.can_change_content_of(user, target.province_id):
        raise IndicatorError(_(NATIONAL_TARGET_READ_ONLY))
    with transaction.atomic():
        audit_log(
            action="target.deleted",
            obj=target,
            user=user,
            unit=target.province,
            changes={
                "indicator": [target.indicator.code, None],
                "year": [target.year, None],
                "value": [target.value, None],
                "source": [target.source, None],
            },
        )
        target.delete()


# -- validation rules ---------------------------------------------------------------


def _check_term(text: str, side: str, field: str, known: dict[str, Indicator]) -> Term:
    """The term `text` writes (a number, or an indicator's figure); IndicatorError if invalid."""
    text = nfc(text).strip()
    if not text:
        raise IndicatorError(_(TERM_EMPTY) % {"side": side}, field)
    term = parse_term(text)
    if term is None:
        raise IndicatorError(_(TERM_UNKNOWN) % {"side": side, "text": text}, field)
    if term.number is not None:
        return term
    indicator = known.get(term.code)
    if indicator is None:
        raise IndicatorError(_(TERM_NO_CODE) % {"side": side, "code": term.code}, field)
    if not indicator.is_ratio and term.part in ("denominator", "baseline_denominator"):
        code = term.code
        raise IndicatorError(_(TERM_COUNT_DENOMINATOR) % {"side": side, "code": code}, field)
    return term


def rule_add(
    *,
    province: OrgUnit,
    user: User | None,
    left: str,
    operator: str,
    right: str,
    message: str,
) -> ValidationRule:
    """A rule of the province, checked before any report is sent: "left operator right".
    Each side is a number or an indicator's figure (codes in any case, stored upper-case);
    the same rule is not added twice."""
    known = {i.code: i for i in indicators_of(province, active_only=True)}
    sides = (
        _check_term(left, _("left side"), "left", known),
        _check_term(right, _("right side"), "right", known),
    )
    if operator not in ValidationRule.Operator.values:
        raise IndicatorError(_(RULE_OPERATOR), "operator")
    if not any(side.code for side in sides):
        raise IndicatorError(_(RULE_NUMBERS_ONLY), "left")
    message = nfc(message).strip()
    if not message:
        raise IndicatorError(_(RULE_MESSAGE), "message")
    with transaction.atomic():
        same = ValidationRule.objects.filter(
            province=province, left=sides[0].text, operator=operator, right=sides[1].text
        ).first()
        if same is not None:
            raise IndicatorError(_(RULE_TAKEN) if same.active else _(RULE_TAKEN_RETIRED))
        rule = ValidationRule.objects.create(
            province=province,
            left=sides[0].text,
            operator=operator,
            right=sides[1].text,
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
            unit=grant.agency.parent,
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
