"""Loading the administrative tree and the member agencies from CSV files.

A file is read and checked whole before anything is written; one fault
anywhere refuses the whole file with messages that name the line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from xhht.kernel.kept import DIRECTORY, generation_raise
from xhht.kernel.text import clean_spaces
from xhht.orgunits.models import PARENT_LEVELS, ROOT_LEVELS, UNIT_TYPES, Level, OrgUnit

UNIT_COLUMNS = ("code", "name", "type", "level", "parent_code")
AGENCY_COLUMNS = ("code", "short_name", "full_name", "kind")
AGENCY_KINDS = {
    "so": "Sở",
    "ban": "Ban",
    "to_chuc_xa_hoi": "Tổ chức xã hội",
    "to_chuc_chinh_tri_xa_hoi": "Tổ chức chính trị - xã hội",
    "co_quan_bao_chi": "Cơ quan báo chí",
}
MAX_ERRORS_SHOWN = 50


@dataclass
class LoadError(Exception):
    """The file is refused; `problems` are (line number, message) pairs."""

    filename: str
    problems: list[tuple[int, str]]

    def __str__(self) -> str:
        lines = [_("%(file)s was refused, nothing was written:") % {"file": self.filename}]
        for line, message in self.problems[:MAX_ERRORS_SHOWN]:
            lines.append(_("line %(line)d: %(message)s") % {"line": line, "message": message})
        if len(self.problems) > MAX_ERRORS_SHOWN:
            lines.append(
                _("… and %(count)d more") % {"count": len(self.problems) - MAX_ERRORS_SHOWN}
            )
        return "\n".join(lines)


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    units: list[OrgUnit] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return self.created + self.updated

    def describe(self, filename: str) -> str:
        return _("%(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged") % {
            "file": filename,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass
class _Row:
    line: int
    code: str
    values: dict[str, str]


def _decode(filename: str, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise LoadError(
            filename,
            [
                (
                    line,
                    _("the file is not UTF-8 (byte %(byte)s); save it as CSV UTF-8")
                    % {"byte": f"0x{data[exc.start]:02X}"},
                )
            ],
        ) from None


def _read_rows(filename: str, data: bytes, columns: tuple[str, ...]) -> list[_Row]:
    text = _decode(filename, data)
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None:
        raise LoadError(filename, [(1, _("the file is empty"))])
    header = [clean_spaces(name).lower() for name in header]
    missing = [name for name in columns if name not in header]
    if missing:
        raise LoadError(
            filename,
            [
                (
                    1,
                    _("missing column(s): %(columns)s; expected %(expected)s")
                    % {"columns": ", ".join(missing), "expected": ",".join(columns)},
                )
            ],
        )
    rows = []
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            raise LoadError(
                filename,
                [
                    (
                        line,
                        _("%(found)d fields where the header has %(expected)d")
                        % {"found": len(values), "expected": len(header)},
                    )
                ],
            )
        cleaned = {name: clean_spaces(value) for name, value in zip(header, values, strict=True)}
        rows.append(_Row(line=line, code=cleaned["code"], values=cleaned))
    return rows


def _check_codes(rows: Iterable[_Row], problems: list[tuple[int, str]]) -> dict[str, _Row]:
    by_code: dict[str, _Row] = {}
    for row in rows:
        if not row.code:
            problems.append((row.line, _("the code is empty")))
        elif row.code in by_code:
            problems.append(
                (
                    row.line,
                    _("duplicate code %(code)s (first on line %(first)d)")
                    % {"code": row.code, "first": by_code[row.code].line},
                )
            )
        else:
            by_code[row.code] = row
    return by_code


def _find_cycles(by_code: dict[str, _Row], problems: list[tuple[int, str]]) -> None:
    state: dict[str, str] = {}
    for start in by_code:
        chain: list[str] = []
        code: str | None = start
        while code in by_code and code not in state:
            state[code] = "visiting"
            chain.append(code)
            code = by_code[code].values.get("parent_code") or None
        if code in state and state[code] == "visiting" and code in chain:
            cycle = chain[chain.index(code) :]
            row = by_code[code]
            problems.append(
                (
                    row.line,
                    _("the parents form a cycle: %(cycle)s")
                    % {"cycle": " → ".join([*cycle, code])},
                )
            )
        for visited in chain:
            state[visited] = "done"


def _depth_order(by_code: dict[str, _Row]) -> list[_Row]:
    def depth(code: str) -> int:
        steps = 0
        parent = by_code[code].values.get("parent_code")
        while parent in by_code and steps <= len(by_code):
            steps += 1
            parent = by_code[parent].values.get("parent_code")
        return steps

    return sorted(by_code.values(), key=lambda row: (depth(row.code), row.line))


def units_load(
    *, filename: str, data: bytes, valid_from: date, valid_until: date | None = None
) -> LoadResult:
    """Load a units file (code,name,type,level,parent_code) as the tree in force from `valid_from`.

    Idempotent: a unit already stored with the same code and date is updated
    only where the file differs."""
    rows = _read_rows(filename, data, UNIT_COLUMNS)
    problems: list[tuple[int, str]] = []
    by_code = _check_codes(rows, problems)
    existing = {unit.code: unit for unit in OrgUnit.objects.in_force(valid_from)}
    for row in by_code.values():
        level, type_label = row.values["level"].lower(), row.values["type"]
        parent_code = row.values["parent_code"]
        if not row.values["name"]:
            problems.append((row.line, _("the name is empty")))
        if level not in UNIT_TYPES:
            problems.append(
                (
                    row.line,
                    _("unknown level %(level)r; use one of %(levels)s")
                    % {"level": level, "levels": ", ".join(UNIT_TYPES)},
                )
            )
            continue
        if type_label not in UNIT_TYPES[level]:
            problems.append(
                (
                    row.line,
                    _("unknown type %(type)r for level %(level)s; use one of %(types)s")
                    % {
                        "type": type_label,
                        "level": Level(level).label,
                        "types": ", ".join(UNIT_TYPES[level]),
                    },
                )
            )
        if not parent_code:
            if level not in ROOT_LEVELS:
                problems.append(
                    (
                        row.line,
                        _("a %(level)s unit needs a parent code") % {"level": Level(level).label},
                    )
                )
            continue
        if parent_code in by_code:
            parent_level = by_code[parent_code].values["level"].lower()
        elif parent_code in existing:
            parent_level = existing[parent_code].level
        else:
            problems.append(
                (
                    row.line,
                    _("parent %(parent)s is neither in the file nor a unit in force on %(date)s")
                    % {"parent": parent_code, "date": valid_from.strftime("%d/%m/%Y")},
                )
            )
            continue
        if parent_level in UNIT_TYPES and parent_level not in PARENT_LEVELS[level]:
            problems.append(
                (
                    row.line,
                    _("a %(level)s unit cannot sit under a %(parent_level)s unit (%(parent)s)")
                    % {
                        "level": Level(level).label,
                        "parent_level": Level(parent_level).label,
                        "parent": parent_code,
                    },
                )
            )
    _find_cycles(by_code, problems)
    if problems:
        raise LoadError(filename, sorted(problems))
    under_country = _under_country(by_code, valid_from)
    return _write(
        [
            (
                row.code,
                row.values["parent_code"] or under_country.get(row.code, ""),
                {
                    "name": row.values["name"],
                    "type_label": row.values["type"],
                    "level": row.values["level"].lower(),
                },
            )
            for row in _depth_order(by_code)
        ],
        valid_from=valid_from,
        valid_until=valid_until,
        existing=existing,
    )


def _under_country(by_code: dict[str, _Row], valid_from: date) -> dict[str, str]:
    """The provinces of the file given without a parent that are stored under a country: a
    province's own file (Quảng Ninh's, loaded again by bootstrap) keeps it there."""
    roots = [code for code, row in by_code.items() if not row.values["parent_code"]]
    stored = OrgUnit.objects.filter(
        code__in=roots, valid_from=valid_from, level=Level.PROVINCE, parent__level=Level.COUNTRY
    )
    return dict(stored.values_list("code", "parent__code"))


def agencies_load(
    *, filename: str, data: bytes, province_code: str | None = None, valid_from: date | None = None
) -> LoadResult:
    """Load the member agencies (code,short_name,full_name,kind) under the province.

    The province is the one unit of level province in force on `valid_from`
    (default: the earliest province tree loaded)."""
    rows = _read_rows(filename, data, AGENCY_COLUMNS)
    problems: list[tuple[int, str]] = []
    by_code = _check_codes(rows, problems)
    province = _agency_province(filename, province_code, valid_from)
    on = valid_from or province.valid_from
    for row in by_code.values():
        if row.values["kind"] not in AGENCY_KINDS:
            problems.append(
                (
                    row.line,
                    _("unknown kind %(kind)r; use one of %(kinds)s")
                    % {"kind": row.values["kind"], "kinds": ", ".join(AGENCY_KINDS)},
                )
            )
        if not row.values["full_name"]:
            problems.append((row.line, _("the full name is empty")))
        if not row.code.isascii() or not row.code.replace("_", "").replace("-", "").isalnum():
            problems.append(
                (
                    row.line,
                    _("the code %(code)r must be ASCII letters and digits") % {"code": row.code},
                )
            )
    if problems:
        raise LoadError(filename, sorted(problems))
    existing = {unit.code: unit for unit in OrgUnit.objects.in_force(on)}
    existing[province.code] = province
    return _write(
        [
            (
                row.code,
                province.code,
                {
                    "name": row.values["full_name"],
                    "full_name": row.values["full_name"],
                    "short_name": row.values["short_name"],
                    "type_label": AGENCY_KINDS[row.values["kind"]],
                    "level": Level.AGENCY,
                },
            )
            for row in by_code.values()
        ],
        valid_from=on,
        valid_until=province.valid_until,
        existing=existing,
    )


def _agency_province(filename: str, province_code: str | None, on: date | None) -> OrgUnit:
    provinces = OrgUnit.objects.filter(level=Level.PROVINCE)
    if province_code:
        provinces = provinces.filter(code=province_code)
    if on:
        provinces = provinces.in_force(on)
    province = provinces.order_by("valid_from").first()
    if province is None:
        raise LoadError(filename, [(0, _("no province is loaded yet: load the units file first"))])
    if not province_code and provinces.values("code").distinct().count() > 1:
        raise LoadError(
            filename, [(0, _("several provinces are loaded: say which with --province"))]
        )
    return province


def _flush_new(pending: list[OrgUnit]) -> None:
    """Insert new units in bulk, then give each its path from its parent's."""
    if not pending:
        return
    OrgUnit.objects.bulk_create(pending, batch_size=1000)
    for unit in pending:
        unit.path = unit.compute_path()
    OrgUnit.objects.bulk_update(pending, ["path"], batch_size=1000)
    pending.clear()
    generation_raise(DIRECTORY)  # bulk writes send no signal


def _write(
    rows: list[tuple[str, str, dict[str, str]]],
    *,
    valid_from: date,
    valid_until: date | None,
    existing: dict[str, OrgUnit],
) -> LoadResult:
    """Create or update the units of `rows` (parents before children).

    New units are inserted in bulk, a tier at a time: a national tree of
    twelve thousand units loads in seconds."""
    result = LoadResult()
    stored = {
        unit.code: unit
        for unit in OrgUnit.objects.filter(valid_from=valid_from, code__in=[r[0] for r in rows])
    }
    placed: dict[str, OrgUnit] = {}
    pending: list[OrgUnit] = []
    pending_codes: set[str] = set()
    with transaction.atomic():
        for code, parent_code, fields in rows:
            if parent_code in pending_codes:
                _flush_new(pending)
                pending_codes.clear()
            parent = (placed.get(parent_code) or existing.get(parent_code)) if parent_code else None
            unit = stored.get(code)
            wanted = {
                **fields,
                "parent_id": parent.pk if parent else None,
                "valid_until": valid_until,
            }
            if unit is None:
                unit = OrgUnit(code=code, valid_from=valid_from, **wanted)
                unit.parent = parent
                unit.normalise_names()
                pending.append(unit)
                pending_codes.add(code)
                result.created += 1
            elif any(getattr(unit, name) != value for name, value in wanted.items()):
                for name, value in wanted.items():
                    setattr(unit, name, value)
                unit.save()
                result.updated += 1
            else:
                result.unchanged += 1
            placed[code] = unit
            result.units.append(unit)
        _flush_new(pending)
    return result
