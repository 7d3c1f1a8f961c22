"""One cell of an uploaded report workbook: its figure read the way the web form reads
one (1.234 is a thousand two hundred and thirty-four), and when it is wrong, a reason
naming the indicator, its column and, in the all-communes sheet, the commune; numbers
and dates in the reasons are written as the user's language writes them (12,5; 01/06/2013).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook

from xhht.indicators.models import Indicator
from xhht.offline.workbook import FIRST_ROW, RATIO_ONLY, WHOLE_FIELDS, field_labels
from xhht.orgunits.models import OrgUnit
from xhht.reports.forms import _WHOLE
from xhht.reports.models import target_year
from xhht.reports.validation import parts_over_whole

MAX_WHOLE = 10**15
# A formula element in a worksheet part (<f>, <f t="shared" …/>, <x:f>).
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")

# A cell's problem, with where it is: the indicator and its column, and in the
# all-communes sheet the commune too.
ON_INDICATOR = gettext_noop("%(indicator)s (%(field)s): %(reason)s")
IN_COMMUNE = gettext_noop("%(unit)s, %(indicator)s (%(field)s): %(reason)s")
NOT_A_NUMBER = gettext_noop("“%(value)s” is not a number")
NOT_WHOLE = gettext_noop("%(value)s is not a whole number")
NOT_WHOLE_TEXT = gettext_noop("“%(value)s” is not a whole number")
A_DATE = gettext_noop(
    "%(value)s is a date, not a number: type the figure (and format the cell as a number)"
)
NEGATIVE = gettext_noop("%(value)s is negative: a figure cannot be negative")
NEGATIVE_TARGET = gettext_noop("%(value)s is negative: a target cannot be negative")
HUGE = gettext_noop("%(value)s is too large")
OVER_100 = gettext_noop("%(value)s is more than 100%%")
NO_DENOMINATOR = gettext_noop("“%(name)s” is a count: it has no denominator")
ABOVE_TOTAL = gettext_noop("%(num)s is more than the total %(den)s (cell %(cell)s)")
FORMULA_WITHOUT_VALUE = gettext_noop(
    "the formula %(formula)s has no computed value in the file: open the file in Excel and "
    "save it, or type the number"
)
INDICATOR_GONE = gettext_noop(
    "“%(indicator)s” is no longer in this report's form (the province took it out): its "
    "figures cannot be saved. Clear them, or download a new form."
)
EMPTY = gettext_noop("nothing (an empty cell)")


@dataclass(frozen=True)
class CellError:
    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}: {self.message}"


@dataclass
class UnitRows:
    """What the file says for one unit: {indicator id: {field: value}}, with the cells."""

    unit: OrgUnit
    row: int  # the sheet row of the unit (communes) or 0 (unit layout)
    values: dict[int, dict[str, Any]] = field(default_factory=dict)
    cells: dict[tuple[int, str], str] = field(default_factory=dict)


def number_text(value: Any) -> str:
    """A number as the user's language writes it: 1.234.567 and 12,5 in Vietnamese."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _not_numeric(value: Any) -> str:
    """The reason a cell holding a truth value or a date is no figure; "" otherwise."""
    if isinstance(value, bool):
        return _(NOT_A_NUMBER) % {"value": "TRUE" if value else "FALSE"}
    if isinstance(value, datetime | date):
        return _(A_DATE) % {"value": f"{value:%d/%m/%Y}"}
    if isinstance(value, time):
        return _(NOT_A_NUMBER) % {"value": f"{value:%H:%M}"}
    return ""


def _numeric_text(text: str) -> bool:
    """Whether `text` reads as a number in either way of writing one (1.234,5 or 1234.5)."""
    plain = text.replace(".", "").replace(",", ".") if "," in text else text
    try:
        return Decimal(plain).is_finite()
    except InvalidOperation:
        return False


def whole(value: Any) -> tuple[int | None, str]:
    """(number, "") or (None, reason); empty cells are (None, "")."""
    if blank(value):
        return None, ""
    reason = _not_numeric(value)
    if reason:
        return None, reason
    if isinstance(value, int):
        number = value
    elif isinstance(value, float | Decimal):
        if not Decimal(repr(value) if isinstance(value, float) else value).is_finite():
            return None, _(NOT_A_NUMBER) % {"value": value}
        if value != int(value):
            return None, _(NOT_WHOLE) % {"value": number_text(value)}
        number = int(value)
    else:
        text = str(value).strip()
        sign, digits = (-1, text[1:].strip()) if text.startswith("-") else (1, text)
        if not _WHOLE.match(digits):  # the web form's rule: 1234, 1.234, 1 234
            kind = NOT_WHOLE_TEXT if _numeric_text(text) else NOT_A_NUMBER
            return None, _(kind) % {"value": text}
        number = sign * int(re.sub(r"\D", "", digits))
    if number < 0:
        return None, _(NEGATIVE) % {"value": number_text(number)}
    if number >= MAX_WHOLE:
        return None, _(HUGE) % {"value": number_text(number)}
    return number, ""


def target_value(value: Any, is_ratio: bool) -> tuple[Decimal | None, str]:
    if blank(value):
        return None, ""
    reason = _not_numeric(value)
    if reason:
        return None, reason
    try:
        text = str(value).strip().replace(",", ".") if isinstance(value, str) else repr(value)
        number = Decimal(text)
    except InvalidOperation:
        return None, _(NOT_A_NUMBER) % {"value": str(value).strip()}
    if not number.is_finite():
        return None, _(NOT_A_NUMBER) % {"value": str(value).strip()}
    if number < 0:
        return None, _(NEGATIVE_TARGET) % {"value": number_text(number)}
    if is_ratio and number > 100:
        return None, _(OVER_100) % {"value": number_text(number)}
    if number >= Decimal(10**10):
        return None, _(HUGE) % {"value": number_text(number)}
    return number.quantize(Decimal("0.01")), ""


def quoted(value: Any) -> str:
    """A stored or typed figure, quoted in a message."""
    if value is None or value == "":
        return _(EMPTY)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        return number_text(value)
    text = str(value)
    return f"“{text if len(text) <= 60 else text[:57] + '…'}”"


class Reader:
    """Reads the data sheet into per-unit rows, collecting every error on the way."""

    def __init__(
        self, sheet: str, formulas: dict[str, str], communes: bool, fields: tuple[str, ...]
    ) -> None:
        self.sheet = sheet
        self.formulas = formulas
        self.communes = communes
        self.field_names = fields
        self.labels = field_labels()
        self.errors: list[CellError] = []

    def error(self, cell: str, message: str) -> None:
        self.errors.append(CellError(self.sheet, cell, message))

    def located(self, unit: OrgUnit, indicator: str, name: str, reason: str) -> str:
        """`reason` with the indicator's name and its column, and in the communes sheet the
        commune."""
        named = {"indicator": indicator, "field": self.labels[name], "reason": reason}
        if self.communes:
            return _(IN_COMMUNE) % {**named, "unit": unit.display_name}
        return _(ON_INDICATOR) % named

    def cell_error(
        self, target: UnitRows, indicator: str, name: str, ref: str, reason: str
    ) -> None:
        self.error(ref, self.located(target.unit, indicator, name, reason))

    def fields(
        self, target: UnitRows, indicator: Indicator, cells: Iterator[tuple[str, Any]]
    ) -> None:
        """Read one indicator's cells (A1 ref, value), one per field, into `target`."""
        parsed: dict[str, Any] = {}
        refs: dict[str, str] = {}
        for name, (ref, raw) in zip(self.field_names, cells, strict=True):
            refs[name] = ref
            reason = ""
            if raw is None and ref in self.formulas:
                reason = _(FORMULA_WITHOUT_VALUE) % {"formula": self.formulas[ref]}
            elif name in WHOLE_FIELDS:
                number, reason = whole(raw)
                if number is not None and name in RATIO_ONLY and not indicator.is_ratio:
                    reason = _(NO_DENOMINATOR) % {"name": indicator.name}
                parsed[name] = number
            elif target_year(name) is not None:
                parsed[name], reason = target_value(raw, indicator.is_ratio)
            else:
                parsed[name] = cell_text(raw)
            if reason:
                parsed.pop(name, None)  # a bad cell changes nothing
                self.cell_error(target, indicator.name, name, ref, reason)
        for num, den in parts_over_whole(parsed):
            reason = _(ABOVE_TOTAL) % {
                "num": number_text(parsed[num]),
                "den": number_text(parsed[den]),
                "cell": refs[den],
            }
            self.cell_error(target, indicator.name, num, refs[num], reason)
            parsed.pop(num)
        target.values[indicator.pk] = parsed
        for name, ref in refs.items():
            target.cells[(indicator.pk, name)] = ref

    def gone(
        self, target: UnitRows, code: str, gone: dict[str, str], cells: list[tuple[str, Any]]
    ) -> None:
        """An indicator taken out of the template: an error on each of its filled cells."""
        label = f"{code} — {gone[code]}" if gone.get(code) else code
        for name, (ref, raw) in zip(self.field_names, cells, strict=False):
            if not blank(raw) or ref in self.formulas:
                reason = _(INDICATOR_GONE) % {"indicator": label}
                self.cell_error(target, gone.get(code) or code, name, ref, reason)


def formula_cells(stream: IO[bytes], sheet_name: str) -> dict[str, str]:
    """{A1 ref: formula} of the data sheet's formulas; read again only when the file has
    any (a formula openpyxl or a script wrote carries no computed value)."""
    stream.seek(0)
    with zipfile.ZipFile(stream) as archive:
        has = any(
            _FORMULA_TAG.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )
    stream.seek(0)
    if not has:
        return {}
    book = load_workbook(stream, read_only=True, data_only=False)
    try:
        found: dict[str, str] = {}
        for row in book[sheet_name].iter_rows(min_row=FIRST_ROW):
            for cell in row:
                if getattr(cell, "data_type", "") == "f":
                    found[str(cell.coordinate)] = str(getattr(cell.value, "text", cell.value))
        return found
    finally:
        book.close()
        stream.seek(0)
