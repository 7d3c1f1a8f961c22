"""The country above the provinces: Việt Nam, the Ministry that acts for it, the national trees.

The country is one unit in force from the 2013 tree's first day on, above the
provinces of both national trees (2013: 63, 2025: 34); the Ministry of
Education and Training is its standing agency, as a province's Department of
Education is the province's. A national file's Quảng Ninh rows are identical
to Quảng Ninh's own files and carry the same dates (reference.TREE_2013,
TREE_2025), so they fall on the units `xhht bootstrap` stores, which move under
the country.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.reference import DATA_DIR, TREE_2013, TREE_2025
from xhht.orgunits.services import LoadError, LoadResult, units_load

COUNTRY_CODE = "VN"
COUNTRY_NAME = "Việt Nam"
COUNTRY_TYPE = "Quốc gia"
MINISTRY_CODE = "BGDDT"
MINISTRY_NAME = "Bộ Giáo dục và Đào tạo"
MINISTRY_SHORT_NAME = "Bộ GD&ĐT"
COUNTRY_FROM = TREE_2013[1]

# Each national tree: its file and the dates of Quảng Ninh's tree of the same year.
NATIONAL_TREES: dict[str, tuple[str, date, date | None]] = {
    "2013": ("vietnam-2013-units.csv", TREE_2013[1], TREE_2013[2]),
    "2025": ("vietnam-2025-units.csv", TREE_2025[1], TREE_2025[2]),
}

UNKNOWN_TREE = gettext_noop("Unknown tree %(tree)s; use one of %(trees)s.")
UNKNOWN_PROVINCE = gettext_noop("No province with code %(code)s in %(file)s.")


@dataclass(frozen=True)
class NationalLoad:
    country: OrgUnit
    ministry: OrgUnit
    tree: LoadResult
    filename: str


def country_ensure() -> tuple[OrgUnit, OrgUnit]:
    """The country and its Ministry, stored once (idempotent)."""
    filename = "country.csv"
    data = (
        "code,name,type,level,parent_code\n"
        f"{COUNTRY_CODE},{COUNTRY_NAME},{COUNTRY_TYPE},{Level.COUNTRY},\n"
        f"{MINISTRY_CODE},{MINISTRY_NAME},Bộ,{Level.AGENCY},{COUNTRY_CODE}\n"
    )
    loaded = units_load(filename=filename, data=data.encode("utf-8"), valid_from=COUNTRY_FROM)
    by_code = {unit.code: unit for unit in loaded.units}
    ministry = by_code[MINISTRY_CODE]
    if (ministry.full_name, ministry.short_name) != (MINISTRY_NAME, MINISTRY_SHORT_NAME):
        ministry.full_name, ministry.short_name = MINISTRY_NAME, MINISTRY_SHORT_NAME
        ministry.save()
    return by_code[COUNTRY_CODE], ministry


def country() -> OrgUnit:
    """The country unit (loaded by `xhht load_national`)."""
    return OrgUnit.objects.get(code=COUNTRY_CODE, valid_from=COUNTRY_FROM)


def national_rows(tree: str) -> list[dict[str, str]]:
    """The rows of the national file of `tree`, in file order (each unit after its parent)."""
    filename = _tree(tree)[0]
    with open(DATA_DIR / filename, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def national_data(tree: str, codes: list[str] | None = None) -> bytes:
    """The national file of `tree` with its provinces under the country, cut down to the
    provinces `codes` and everything under them when given."""
    filename = _tree(tree)[0]
    rows = national_rows(tree)
    known = {row["code"] for row in rows if row["level"] == Level.PROVINCE}
    for code in codes or []:
        if code not in known:
            raise LoadError(filename, [(0, _(UNKNOWN_PROVINCE) % {"code": code, "file": filename})])
    kept = set(codes) if codes else known
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        if row["level"] == Level.PROVINCE:
            if row["code"] in kept:
                writer.writerow({**row, "parent_code": COUNTRY_CODE})
        elif row["parent_code"] in kept:
            kept.add(row["code"])
            writer.writerow(row)
    return out.getvalue().encode("utf-8")


def national_load(tree: str = "2025", codes: list[str] | None = None) -> NationalLoad:
    """The country, its Ministry and the national tree of `tree` (every province, or those of
    `codes`) under it, in one transaction; idempotent."""
    filename, valid_from, valid_until = _tree(tree)
    with transaction.atomic():
        country_unit, ministry = country_ensure()
        loaded = units_load(
            filename=filename,
            data=national_data(tree, codes),
            valid_from=valid_from,
            valid_until=valid_until,
        )
    return NationalLoad(country_unit, ministry, loaded, filename)


def _tree(tree: str) -> tuple[str, date, date | None]:
    if tree not in NATIONAL_TREES:
        raise LoadError(
            tree,
            [(0, _(UNKNOWN_TREE) % {"tree": tree, "trees": ", ".join(NATIONAL_TREES)})],
        )
    return NATIONAL_TREES[tree]
