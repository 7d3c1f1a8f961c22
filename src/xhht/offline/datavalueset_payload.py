"""Reading figures sent in bulk in the shape of DHIS2's dataValueSets: a decoded JSON
dataValueSet or DHIS2's CSV, into values; every string bounded, every problem of shape
named by its field or its line (PayloadError). What the values mean is datavalueset's."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

# Bounds of what is read, so that no input reaches the database unchecked.
MAX_CODE = 50
MAX_PERIOD = 20
MAX_VALUE = 50
MAX_COMMENT = 5000
MAX_VALUES = 100_000
MAX_ID = 2**63 - 1

CSV_COLUMNS = (
    "dataelement",
    "period",
    "orgunit",
    "categoryoptioncombo",
    "attributeoptioncombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
)
_NEEDED_COLUMNS = ("dataelement", "orgunit", "value")

NOT_AN_OBJECT = gettext_noop("The body must be a JSON object with a “dataValues” list.")
NOT_A_LIST = gettext_noop("“%(field)s” must be a list.")
NOT_TEXT = gettext_noop("“%(field)s” must be text.")
TOO_LONG = gettext_noop("“%(field)s” is longer than %(limit)d characters.")
REQUIRED = gettext_noop("“%(field)s” is required.")
TOO_MANY = gettext_noop("At most %(limit)d values may be sent at once.")
BAD_DATA_SET = gettext_noop("“%(field)s” must be a campaign's number.")
NOT_CSV = gettext_noop("Line %(line)d is not valid CSV: %(reason)s.")
CSV_WIDTH = gettext_noop("Line %(line)d has %(found)d columns; %(least)d to %(most)d are expected.")
CSV_HEADER = gettext_noop("The header line has no column “%(column)s”.")
CSV_CELL = gettext_noop("Line %(line)d, column “%(column)s”: %(reason)s")
CELL_TOO_LONG = gettext_noop("longer than %(limit)d characters")
NOT_UTF8 = gettext_noop("The body is not UTF-8 text (byte %(at)d).")
NOT_JSON = gettext_noop("Line %(line)d, column %(column)d is not valid JSON: %(reason)s.")
JSON_TOO_DEEP = gettext_noop("The body is not JSON this service reads: %(reason)s.")


class PayloadError(ValueError):
    """A payload that cannot be read at all; `where` names the line or the field."""

    def __init__(self, message: str, where: str) -> None:
        super().__init__(message)
        self.where = where


@dataclass(frozen=True)
class DataValueIn:
    data_element: str
    org_unit: str
    category_option_combo: str = ""
    value: Any = None
    comment: str = ""
    period: str = ""


@dataclass
class DataValueSet:
    values: list[DataValueIn]
    data_set: int | None = None


def text_decoded(data: bytes) -> str:
    """A body or a file as text (UTF-8, with or without its byte order mark)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PayloadError(_(NOT_UTF8) % {"at": error.start}, "body") from None


def json_decoded(data: bytes) -> Any:
    """A JSON body decoded; PayloadError names the line and column where it breaks."""
    try:
        return json.loads(text_decoded(data))
    except json.JSONDecodeError as error:
        where = {"line": error.lineno, "column": error.colno, "reason": error.msg}
        raise PayloadError(_(NOT_JSON) % where, f"line {error.lineno}") from None
    except (ValueError, RecursionError) as error:  # a number of 5,000 digits, deep nesting
        raise PayloadError(_(JSON_TOO_DEEP) % {"reason": error}, "body") from None


# -- reading a payload ---------------------------------------------------------------------


def _text(item: Mapping[str, Any], key: str, limit: int, where: str) -> str:
    raw = item.get(key)
    if raw is None:
        return ""
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)  # a code written as a number
    path = f"{where}.{key}" if where else key
    if not isinstance(raw, str):
        raise PayloadError(_(NOT_TEXT) % {"field": path}, path)
    if len(raw) > limit:
        raise PayloadError(_(TOO_LONG) % {"field": path, "limit": limit}, path)
    return raw.strip()


def _value(raw: Any, path: str) -> Any:
    if raw is None or isinstance(raw, bool | int | float):
        return raw
    if not isinstance(raw, str):
        raise PayloadError(_(NOT_TEXT) % {"field": path}, path)
    if len(raw) > MAX_VALUE:
        raise PayloadError(_(TOO_LONG) % {"field": path, "limit": MAX_VALUE}, path)
    return raw


def data_set_id(raw: Any, path: str = "dataSet") -> int | None:
    """A campaign's number as DHIS2 sends a data set id (text or number); None when absent."""
    if raw is None or raw == "":
        return None
    text = str(raw).strip() if isinstance(raw, int | str) and not isinstance(raw, bool) else ""
    if not text.isdigit() or len(text) > 19 or not 1 <= int(text) <= MAX_ID:
        raise PayloadError(_(BAD_DATA_SET) % {"field": path}, path)
    return int(text)


def values_from_json(data: Any) -> DataValueSet:
    """A decoded JSON dataValueSet; the set's orgUnit and period stand for a value's own
    when it has none. Raises PayloadError for a payload of the wrong shape."""
    if not isinstance(data, dict):
        raise PayloadError(_(NOT_AN_OBJECT), "body")
    org_unit = _text(data, "orgUnit", MAX_CODE, "")
    period = _text(data, "period", MAX_PERIOD, "")
    raw = data.get("dataValues")
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise PayloadError(_(NOT_A_LIST) % {"field": "dataValues"}, "dataValues")
    if len(raw) > MAX_VALUES:
        raise PayloadError(_(TOO_MANY) % {"limit": MAX_VALUES}, "dataValues")
    values = []
    for index, item in enumerate(raw):
        where = f"dataValues[{index}]"
        if not isinstance(item, dict):
            raise PayloadError(_(NOT_AN_OBJECT), where)
        element = _text(item, "dataElement", MAX_CODE, where)
        if not element:
            path = f"{where}.dataElement"
            raise PayloadError(_(REQUIRED) % {"field": path}, path)
        values.append(
            DataValueIn(
                data_element=element,
                org_unit=_text(item, "orgUnit", MAX_CODE, where) or org_unit,
                category_option_combo=_text(item, "categoryOptionCombo", MAX_CODE, where),
                value=_value(item.get("value"), f"{where}.value"),
                comment=_text(item, "comment", MAX_COMMENT, where),
                period=_text(item, "period", MAX_PERIOD, where) or period,
            )
        )
    return DataValueSet(values=values, data_set=data_set_id(data.get("dataSet")))


_LIMITS = {"dataelement": MAX_CODE, "orgunit": MAX_CODE, "categoryoptioncombo": MAX_CODE}
_LIMITS.update({"period": MAX_PERIOD, "value": MAX_VALUE, "comment": MAX_COMMENT})


def _csv_positions(row: list[str]) -> dict[str, int] | None:
    """The columns a header line names (any order, any case); None: the line is data."""
    names = [cell.strip().lower() for cell in row]
    if not names or names[0] not in CSV_COLUMNS:
        return None
    positions = {name: i for i, name in reversed(list(enumerate(names))) if name in CSV_COLUMNS}
    for needed in _NEEDED_COLUMNS:
        if needed not in positions:
            raise PayloadError(_(CSV_HEADER) % {"column": needed}, "line 1")
    return positions


def _csv_value(row: list[str], positions: dict[str, int], line: int) -> DataValueIn:
    cells: dict[str, str] = {}
    for name, limit in _LIMITS.items():
        at = positions.get(name)
        cell = row[at] if at is not None and at < len(row) else ""
        if len(cell) > limit:
            reason = _(CELL_TOO_LONG) % {"limit": limit}
            message = _(CSV_CELL) % {"line": line, "column": name, "reason": reason}
            raise PayloadError(message, f"line {line}")
        cells[name] = cell.strip()
    if not cells["dataelement"]:
        reason = _(REQUIRED) % {"field": "dataelement"}
        message = _(CSV_CELL) % {"line": line, "column": "dataelement", "reason": reason}
        raise PayloadError(message, f"line {line}")
    return DataValueIn(
        data_element=cells["dataelement"],
        org_unit=cells["orgunit"],
        category_option_combo=cells["categoryoptioncombo"],
        value=cells["value"],
        comment=cells["comment"],
        period=cells["period"],
    )


def values_from_csv(text: str) -> DataValueSet:
    """DHIS2's CSV (dataelement, period, orgunit, categoryoptioncombo, attributeoptioncombo,
    value, storedby, lastupdated, comment, followup), with or without its header line.
    Raises PayloadError naming the line of a line that cannot be read."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    positions: dict[str, int] | None = None
    values: list[DataValueIn] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if positions is None:
                positions = _csv_positions(row)
                if positions is not None:
                    continue
                positions = {name: i for i, name in enumerate(CSV_COLUMNS)}
            least = max(positions[name] for name in _NEEDED_COLUMNS) + 1
            most = max(len(CSV_COLUMNS), max(positions.values()) + 1)
            if not least <= len(row) <= most:
                found = {"line": line, "found": len(row), "least": least, "most": most}
                raise PayloadError(_(CSV_WIDTH) % found, f"line {line}")
            if len(values) >= MAX_VALUES:
                raise PayloadError(_(TOO_MANY) % {"limit": MAX_VALUES}, f"line {line}")
            values.append(_csv_value(row, positions, line))
    except csv.Error as error:
        line = reader.line_num
        raise PayloadError(_(NOT_CSV) % {"line": line, "reason": error}, f"line {line}") from None
    return DataValueSet(values=values)
