"""Loading the content pack: the learning-society indicators and their targets, national or
a province's own (the pack's `target_of` column names the province by its code)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from xhht.indicators.models import Indicator, IndicatorKind, Target
from xhht.kernel.kept import INDICATORS, generation_raise
from xhht.orgunits.models import Level, OrgUnit

PACK = Path(__file__).resolve().parent.parent / "data" / "xhht-indicators.csv"
# "QĐ 692/QĐ-TTg 04/05/2013 (…)", "NQ 01-NQ/TV 12/11/2010 …": the act and its date.
_SOURCE = re.compile(r"^\s*((?:QĐ|NQ|TT|CT)\s+[\w./-]+)\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_LEVELS = {Level.COMMUNE, Level.DISTRICT, Level.AGENCY}
# The data file marks names it reconstructed from a summary; the product's wording stands
# without the mark (SOURCES.md keeps the provenance).
_RECONSTRUCTED = " (diễn đạt lại)"


def product_name(name: str) -> str:
    return name.replace(_RECONSTRUCTED, "").strip()


def _source_of(text: str) -> tuple[str, date] | None:
    found = _SOURCE.match(text)
    if not found:
        return None
    act, day, month, year = found.groups()
    return act, date(int(year), int(month), int(day))


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text) if text.strip() else None
    except InvalidOperation:
        return None


def _province(code: str, act_date: date) -> OrgUnit | None:
    """The province with `code` that the act of `act_date` binds: the earliest of its
    records (one per tree: a code is reused) still in force on or after that date."""
    return (
        OrgUnit.objects.filter(level=Level.PROVINCE, code=code)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=act_date))
        .order_by("valid_from")
        .first()
    )


def content_pack_load(path: Path = PACK) -> tuple[int, int]:
    """Load the pack's indicators and targets; idempotent. Returns (indicators, targets) created.

    A province's own target (`target_of`) is stored as that province's, and one loaded
    before as national is corrected; it waits for a later load while the province is not
    in the tree."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    made_indicators = made_targets = 0
    with transaction.atomic():
        for order, row in enumerate(rows, start=1):
            level = row["level_collected"] if row["level_collected"] in _LEVELS else Level.AGENCY
            indicator, created = Indicator.objects.get_or_create(
                code=row["code"],
                defaults={
                    "name": product_name(row["name_vi"]),
                    "name_en": row["name_en"],
                    "kind": IndicatorKind.RATIO if row["unit"] == "%" else IndicatorKind.COUNT,
                    "unit_label": row["unit"] or "",
                    "level": level,
                    "owner": row.get("owner") or "",
                    "order": order * 10,
                    "source": row["source"],
                },
            )
            made_indicators += created
            if not created:
                # A pack loaded before: its owner and its name without the mark, nothing else.
                fixes = {"name": product_name(indicator.name)}
                if not indicator.owner and row.get("owner"):
                    fixes["owner"] = row["owner"]
                Indicator.objects.filter(pk=indicator.pk).update(**fixes)
            source = _source_of(row["source"])
            if source is None:
                continue
            act, in_force = source
            target_of = row.get("target_of") or ""
            province = _province(target_of, in_force) if target_of else None
            if target_of and province is None:
                continue
            for year in (2015, 2020):
                value = _decimal(row.get(f"target_{year}") or "")
                if value is None:
                    continue
                target, created = Target.objects.get_or_create(
                    indicator=indicator,
                    year=year,
                    source=act,
                    defaults={"value": value, "in_force_from": in_force, "province": province},
                )
                made_targets += created
                if target.province_id != (province.pk if province else None):
                    Target.objects.filter(pk=target.pk).update(province=province)
        generation_raise(INDICATORS)  # updates in bulk send no signal
    return made_indicators, made_targets
