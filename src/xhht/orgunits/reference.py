"""The reference data that ships with XHHT: Quảng Ninh's 2013 and 2025 trees and its agencies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from xhht.orgunits.services import LoadResult, agencies_load, units_load

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# The 2013 file is GSO's state from the last change before 2013 (22/02/2012)
# until the two-tier reform of 1/7/2025; the changes of 2015–2020 in between
# are not modelled (see data/SOURCES.md, section 2).
TREE_2013 = ("quang-ninh-2013-units.csv", date(2012, 2, 22), date(2025, 7, 1))
TREE_2025 = ("quang-ninh-2025-units.csv", date(2025, 7, 1), None)
AGENCIES_2013 = "quang-ninh-2013-agencies.csv"


def reference_data_load() -> list[tuple[str, LoadResult]]:
    """Quảng Ninh's 2013 and 2025 trees and the 17 member agencies; idempotent."""
    loads = []
    with transaction.atomic():
        for filename, valid_from, valid_until in (TREE_2013, TREE_2025):
            data = (DATA_DIR / filename).read_bytes()
            loads.append(
                (
                    filename,
                    units_load(
                        filename=filename, data=data, valid_from=valid_from, valid_until=valid_until
                    ),
                )
            )
        data = (DATA_DIR / AGENCIES_2013).read_bytes()
        loads.append(
            (
                AGENCIES_2013,
                agencies_load(filename=AGENCIES_2013, data=data, valid_from=TREE_2013[1]),
            )
        )
    return loads
