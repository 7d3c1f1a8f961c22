"""The checks a report's figures must pass before it is sent.

Built-in: required figures, non-negative whole numbers, a numerator no larger
than its denominator. Then the province's own rules (left side, operator,
right side). A broken rule blocks sending unless the unit justifies it; the
reviewer sees the justification. A part larger than its whole is no figure at all:
every path that writes figures refuses it with `parts_over_whole` (the report page,
the Excel and DHIS2 imports), and no justification lets it be sent.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.indicators.models import ValidationRule
from xhht.kernel.kept import INDICATORS, generation, kept, remembered
from xhht.reports.models import DataValue, Report

REQUIRED = gettext_noop("“%(name)s”: the figure is required.")
NEGATIVE = gettext_noop("“%(name)s”: the figure cannot be negative.")
OVER_DENOMINATOR = gettext_noop("“%(name)s”: %(num)s is more than the total %(den)s.")
# Each part of a ratio row and the whole it is counted out of.
PART_OF_WHOLE = (("value", "denominator"), ("baseline", "baseline_denominator"))
_OPERATORS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    "<=": operator.le,
    "<": operator.lt,
    ">=": operator.ge,
    ">": operator.gt,
    "==": operator.eq,
}
# "GDHT.value", "GDHT.denominator", "GDHT" (= value), any letter case; a code starts with
# a letter or "_", so "1000" is always a number.
_TERM = re.compile(
    r"^([A-Za-z_][A-Za-z0-9_]*)(?:\.(value|denominator|baseline|baseline_denominator))?$",
    re.IGNORECASE,
)
# Numbers as people type them: 1000, 1.000 (Vietnamese thousands), 1,5 (decimal comma), 1.5.
_THOUSANDS = re.compile(r"^-?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Term:
    """One side of a rule: a number, or one figure (`part`) of an indicator's row."""

    text: str  # as stored: "1000", "1.5", "GDHT", "GDHT.denominator"
    number: Decimal | None = None
    code: str = ""
    part: str = "value"


def parse_term(text: str) -> Term | None:
    """The term `text` writes, codes upper-cased; None if it is neither a number nor a term."""
    text = text.strip()
    if _THOUSANDS.match(text):
        text = text.replace(".", "")
    if _NUMBER.match(text):
        number = Decimal(text.replace(",", "."))
        return Term(text=format(number, "f"), number=number)
    match = _TERM.match(text)
    if not match:
        return None
    code, part = match.group(1).upper(), (match.group(2) or "").lower()
    return Term(text=f"{code}.{part}" if part else code, code=code, part=part or "value")


def rule_codes(rule: ValidationRule) -> list[str]:
    """The indicator codes a rule names, left side first, each once."""
    codes: list[str] = []
    for side in (rule.left, rule.right):
        term = parse_term(side)
        if term is not None and term.code and term.code not in codes:
            codes.append(term.code)
    return codes


def parts_over_whole(figures: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (part, whole) field pairs of a ratio row's `figures` whose part is larger than
    its whole: the one rule every path that writes figures applies (a missing figure
    breaks nothing here)."""
    return [
        (part, whole)
        for part, whole in PART_OF_WHOLE
        if figures.get(part) is not None
        and figures.get(whole) is not None
        and figures[part] > figures[whole]
    ]


# The same rule for the database: the rows no part of which is larger than its whole. A
# roll-up sums only these (a row stored before the rule was enforced is left out).
WITHIN_WHOLE = Q(
    *(
        Q(**{f"{part}__isnull": True})
        | Q(**{f"{whole}__isnull": True})
        | Q(**{f"{part}__lte": F(whole)})
        for part, whole in PART_OF_WHOLE
    )
)
WITHIN_WHOLE_SQL = " AND ".join(
    f"({{t}}.{part} IS NULL OR {{t}}.{whole} IS NULL OR {{t}}.{part} <= {{t}}.{whole})"
    for part, whole in PART_OF_WHOLE
)


@dataclass(frozen=True)
class Problem:
    """A broken check. `justified`: the unit wrote why, and it may be sent so; a problem
    that is not `excusable` (a part larger than its whole) is never justified."""

    indicator_code: str
    field: str
    message: str
    justified: bool
    excusable: bool = True


def _over_whole(row: DataValue) -> list[Problem]:
    if not row.indicator.is_ratio:
        return []
    figures = {name: row.figure(name) for pair in PART_OF_WHOLE for name in pair}
    return [
        Problem(
            row.indicator.code,
            part,
            _(OVER_DENOMINATOR)
            % {"name": row.indicator.name, "num": figures[part], "den": figures[whole]},
            justified=False,
            excusable=False,
        )
        for part, whole in parts_over_whole(figures)
    ]


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
    return found


def _term(text: str, rows: dict[str, DataValue]) -> Decimal | None:
    term = parse_term(text)
    if term is None or term.number is not None:
        return None if term is None else term.number
    if term.code not in rows:
        return None
    value = getattr(rows[term.code], term.part)
    return None if value is None else Decimal(value)


# A term of a rule as a province may write it in its message too: "GDHT.value", "gdht".
_TERM_IN_TEXT = re.compile(
    r"\b([A-Za-z_][A-Za-z0-9_]*)(?:\.(value|denominator|baseline|baseline_denominator))?\b",
    re.IGNORECASE,
)
_OPERATOR_WORDS = {"<=": "≤", ">=": "≥", "==": "="}


def rule_message(rule: ValidationRule, rows: Mapping[str, DataValue]) -> str:
    """The province's message for a broken rule, as the unit reads it: where it writes the
    rule with codes ("GDHT.value <= GDHT.denominator"), each indicator by its name and a
    figure other than the value by its label ("“Name” ≤ “Name” (out of)")."""
    codes = {code for code in rule_codes(rule) if code in rows}

    def named(match: re.Match[str]) -> str:
        code, part = match.group(1).upper(), (match.group(2) or "value").lower()
        if code not in codes:
            return match.group(0)
        name = f"“{rows[code].indicator.name}”"
        if part == "value":
            return name
        label = DataValue._meta.get_field(part).verbose_name  # type: ignore[union-attr]
        return f"{name} ({label})"

    message = _TERM_IN_TEXT.sub(named, rule.message)
    if message == rule.message:
        return message
    for typed, sign in _OPERATOR_WORDS.items():
        message = message.replace(f" {typed} ", f" {sign} ")
    return message


def rules_in_use(province_id: int) -> tuple[ValidationRule, ...]:
    """The province's rules in use, remembered under the generation of the indicators and
    their rules (kernel.kept)."""
    return remembered(
        kept("rules", province_id, generation(INDICATORS)),
        lambda: tuple(
            ValidationRule.objects.filter(province_id=province_id, active=True).order_by("pk")
        ),
    )


def _rule_problems(report: Report, rows: dict[str, DataValue]) -> list[Problem]:
    """A broken rule is shown beside each indicator it names; a justification written
    beside any of them covers it."""
    problems: list[Problem] = []
    for rule in rules_in_use(report.obligation.campaign.root_id):
        left, right = _term(rule.left, rows), _term(rule.right, rows)
        if left is None or right is None or _OPERATORS[rule.operator](left, right):
            continue
        codes = [code for code in rule_codes(rule) if code in rows]
        justified = any(rows[code].justification.strip() for code in codes)
        message = rule_message(rule, rows)
        problems.extend(Problem(code, "value", message, justified) for code in codes)
    return problems


def report_problems(report: Report, rows: Iterable[DataValue] | None = None) -> list[Problem]:
    """Every broken check of the report's figures, with whether the unit justified it; a
    part larger than its whole first, as it can only be corrected. `rows`: the report's
    rows with their indicators, when the caller read them already."""
    read = report.values.select_related("indicator") if rows is None else rows
    by_code = {row.indicator.code: row for row in read}
    over = [problem for row in by_code.values() for problem in _over_whole(row)]
    problems = [
        Problem(code, "value", message, bool(row.justification.strip()))
        for code, row in by_code.items()
        for message in _row_problems(row)
    ]
    return over + problems + _rule_problems(report, by_code)
