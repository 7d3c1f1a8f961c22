"""The country above the provinces: the national trees load under it, with its Ministry."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command

from tests.conftest import ON_2013, ON_2025
from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.national import (
    COUNTRY_CODE,
    MINISTRY_CODE,
    national_data,
    national_load,
)
from xhht.orgunits.reference import DATA_DIR, reference_data_load
from xhht.orgunits.services import LoadError

pytestmark = pytest.mark.django_db


def counted_in_file(filename: str) -> dict[str, int]:
    with open(DATA_DIR / filename, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {level: sum(1 for r in rows if r["level"] == level) for level in Level.values}


def test_the_2025_tree_loads_every_province_and_commune_under_the_country() -> None:
    expected = counted_in_file("vietnam-2025-units.csv")
    assert (expected[Level.PROVINCE], expected[Level.COMMUNE]) == (34, 3321)
    loaded = national_load("2025")
    country = loaded.country
    assert (country.code, country.display_name, country.level) == ("VN", "Việt Nam", "country")
    units = OrgUnit.objects.in_force(ON_2025).subtree_of(country)
    provinces = units.filter(level=Level.PROVINCE)
    assert provinces.count() == expected[Level.PROVINCE]
    assert set(provinces.values_list("parent_id", flat=True)) == {country.pk}
    assert units.filter(level=Level.COMMUNE).count() == expected[Level.COMMUNE]
    assert units.filter(level=Level.DISTRICT).count() == 0
    # Nothing of 2025 stands outside the country.
    assert OrgUnit.objects.in_force(ON_2025).exclude(path__startswith=country.path).count() == 0


def test_the_ministry_acts_for_the_country_as_its_standing_agency() -> None:
    ministry = national_load("2025", ["22"]).ministry
    assert ministry.code == MINISTRY_CODE
    assert ministry.level == Level.AGENCY
    assert ministry.parent is not None and ministry.parent.code == COUNTRY_CODE
    assert ministry.display_name == "Bộ Giáo dục và Đào tạo"
    assert ministry.short_name == "Bộ GD&ĐT"
    assert ministry.in_force_on(ON_2013) and ministry.in_force_on(ON_2025)


def test_quang_ninh_falls_on_the_units_bootstrap_stored_in_both_trees() -> None:
    stored = {
        on: dict(OrgUnit.objects.in_force(on).values_list("code", "pk"))
        for on in (ON_2013, ON_2025)
    }
    result = national_load("2025", ["22", "01"]).tree
    national_load("2013", ["22"])
    for on in (ON_2013, ON_2025):
        province = OrgUnit.objects.in_force(on).get(code="22")
        assert province.pk == stored[on]["22"]
        assert province.parent is not None and province.parent.code == COUNTRY_CODE
        for code, pk in stored[on].items():
            unit = OrgUnit.objects.get(pk=pk)
            assert unit.path.startswith(province.parent.path), code
    halong = OrgUnit.objects.in_force(ON_2013).get(code="193")
    assert [a.code for a in halong.ancestors()] == [COUNTRY_CODE, "22"]
    assert result.updated == 1  # Quảng Ninh moved under the country, nothing else changed


def test_loading_again_and_bootstrap_again_change_nothing() -> None:
    national_load("2025", ["22", "01"])
    before = list(OrgUnit.objects.order_by("pk").values_list("pk", "path", "parent_id"))
    again = national_load("2025", ["22", "01"]).tree
    assert again.changed == 0
    assert [load.changed for _, load in reference_data_load()] == [0, 0, 0]
    assert list(OrgUnit.objects.order_by("pk").values_list("pk", "path", "parent_id")) == before


def test_the_command_loads_the_chosen_provinces() -> None:
    call_command("load_national", "--tree", "2025", "--province", "04", "--province", "11")
    country = OrgUnit.objects.get(code=COUNTRY_CODE)
    codes = set(
        OrgUnit.objects.in_force(ON_2025).filter(parent=country).values_list("code", flat=True)
    )
    assert codes == {"04", "11", MINISTRY_CODE}


def test_an_unknown_province_is_refused_naming_it() -> None:
    with pytest.raises(LoadError) as caught:
        national_data("2025", ["99"])
    assert "99" in str(caught.value)
