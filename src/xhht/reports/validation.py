"""The checks a report's figures must pass before it is sent.

Built-in: required figures, non-negative whole numbers, a numerator no larger
than its denominator. Then the province's own rules (left side, operator,
right side). A broken rule blocks sending unless the unit justifies it; the
reviewer sees the justification.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.reports.models import DataValue, Report, ValidationRule

REQUIRED = gettext_noop("“%(name)s”: the figure is required.")
NEGATIVE = gettext_noop("“%(name)s”: the figure cannot be negative.")
OVER_DENOMINATOR = gettext_noop("“%(name)s”: %(num)s is more than the total %(den)s.")
_OPERATORS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
}
# "GDHT.value", "GDHT.denominator", "GDHT" (= value), or a number.
_TERM = re.compile(
    r"^\s*([A-Za-z0-9_]+)(?:\.(value|denominator|baseline|baseline_denominator))?\s*$"
)


@dataclass(frozen=True)
class Problem:
    indicator_code: str
    field: str
    message: str
    justified: bool


def _row_problems(row: DataValue) -> list[str]:
    name = row.indicator.name
    found = []
    needed = ["value", "denominator"] if row.indicator.is_ratio else ["value"]
    if any(getattr(row, field) is None for field in needed):
        found.append(_(REQUIRED) % {"name": name})
    for field in ("baseline", "baseline_denominator", "value", "denominator"):
        number = getattr(row, field)
        if number is not None and number < 0:
            found.append(_(NEGATIVE) % {"name": name})
            break
    if row.indicator.is_ratio:
        for num, den in ((row.value, row.denominator), (row.baseline, row.baseline_denominator)):
            if num is not None and den is not None and num > den:
                found.append(_(OVER_DENOMINATOR) % {"name": name, "num": num, "den": den})
    return found


def _term(text: str, rows: dict[str, DataValue]) -> Decimal | None:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        pass
    match = _TERM.match(text)
    if not match or match.group(1) not in rows:
        return None
    value = getattr(rows[match.group(1)], match.group(2) or "value")
    return None if value is None else Decimal(value)


def _rule_problems(report: Report, rows: dict[str, DataValue]) -> list[Problem]:
    problems = []
    province = report.obligation.campaign.root_id
    for rule in ValidationRule.objects.filter(province_id=province, active=True):
        left, right = _term(rule.left, rows), _term(rule.right, rows)
        if left is None or right is None:
            continue
        if not _OPERATORS[rule.operator](left, right):
            code = _TERM.match(rule.left) or _TERM.match(rule.right)
            indicator = code.group(1) if code and code.group(1) in rows else ""
            justified = bool(indicator and rows[indicator].justification.strip())
            problems.append(Problem(indicator, "value", rule.message, justified))
    return problems


def report_problems(report: Report) -> list[Problem]:
    """Every broken check of the report's figures, with whether the unit justified it."""
    rows = {row.indicator.code: row for row in report.values.select_related("indicator")}
    problems = [
        Problem(code, "value", message, bool(row.justification.strip()))
        for code, row in rows.items()
        for message in _row_problems(row)
    ]
    return problems + _rule_problems(report, rows)
