"""Loading the trees and agencies: counts, idempotence, two trees side by side, bad files."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import ON_2013, ON_2025
from xhht.kernel.text import match_key
from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.reference import DATA_DIR, reference_data_load
from xhht.orgunits.services import LoadError, agencies_load, units_load

pytestmark = pytest.mark.django_db

FUTURE = date(2031, 1, 1)  # a date on which no test tree is in force
HEADER = "code,name,type,level,parent_code\n"


def counts_by_type(on: date) -> dict[tuple[str, str], int]:
    result: dict[tuple[str, str], int] = {}
    for row in OrgUnit.objects.in_force(on).values_list("level", "type_label"):
        result[row] = result.get(row, 0) + 1
    return result


def test_the_2013_tree_has_the_province_14_districts_and_186_communes() -> None:
    units = OrgUnit.objects.in_force(ON_2013)
    assert units.filter(level=Level.PROVINCE).count() == 1
    assert units.filter(level=Level.DISTRICT).count() == 14
    assert units.filter(level=Level.COMMUNE).count() == 186
    counts = counts_by_type(ON_2013)
    assert counts[("commune", "Phường")] == 61
    assert counts[("commune", "Thị trấn")] == 10
    assert counts[("commune", "Xã")] == 115
    assert units.filter(level=Level.AGENCY).count() == 17


def test_the_2025_tree_has_the_province_and_54_communes_without_districts() -> None:
    units = OrgUnit.objects.in_force(ON_2025)
    assert units.filter(level=Level.PROVINCE).count() == 1
    assert units.filter(level=Level.DISTRICT).count() == 0
    counts = counts_by_type(ON_2025)
    assert counts[("commune", "Xã")] == 22
    assert counts[("commune", "Phường")] == 30
    assert counts[("commune", "Đặc khu")] == 2
    province = units.get(level=Level.PROVINCE)
    assert OrgUnit.objects.below(province).filter(level=Level.COMMUNE).count() == 54


def test_a_reused_code_names_different_places_in_each_tree() -> None:
    old = OrgUnit.objects.in_force(ON_2013).get(code="07090")
    new = OrgUnit.objects.in_force(ON_2025).get(code="07090")
    assert old.display_name == "Xã Bình Dương"
    assert new.display_name == "Phường An Sinh"
    assert old.parent is not None and old.parent.code == "205"
    assert new.parent is not None and new.parent.level == Level.PROVINCE
    assert not old.parent.is_ancestor_of(new)


def test_subtree_queries_follow_the_materialised_path() -> None:
    halong = OrgUnit.objects.in_force(ON_2013).get(code="193")
    below = OrgUnit.objects.below(halong)
    assert below.count() == halong.children.count() > 0
    assert all(unit.parent_id == halong.pk for unit in below)
    first = below.first()
    assert first is not None
    assert [a.code for a in first.ancestors()] == ["22", "193"]


def test_loading_again_changes_nothing() -> None:
    before = list(OrgUnit.objects.order_by("pk").values_list("pk", "path", "name", "valid_until"))
    loads = reference_data_load()
    assert [load.changed for _, load in loads] == [0, 0, 0]
    assert [load.unchanged for _, load in loads] == [201, 55, 17]
    after = list(OrgUnit.objects.order_by("pk").values_list("pk", "path", "name", "valid_until"))
    assert after == before


def test_a_changed_name_is_updated_in_place() -> None:
    data = (
        (DATA_DIR / "quang-ninh-2013-units.csv")
        .read_bytes()
        .replace("Bãi Cháy".encode(), "Bãi Cháy Mới".encode())
    )
    result = units_load(
        filename="x.csv", data=data, valid_from=date(2012, 2, 22), valid_until=date(2025, 7, 1)
    )
    assert (result.created, result.updated) == (0, 1)
    assert OrgUnit.objects.in_force(ON_2013).get(code="06673").name == "Bãi Cháy Mới"


def test_names_are_stored_in_nfc_with_a_match_key() -> None:
    decomposed = unicodedata.normalize("NFD", "Đầm Hà")
    nfd = unicodedata.normalize("NFD", "Hoà Bình")
    data = (HEADER + f"90,{nfd},Tỉnh,province,\n901,{decomposed},Huyện,district,90\n").encode()
    units_load(filename="t.csv", data=data, valid_from=FUTURE)
    province = OrgUnit.objects.get(code="90", valid_from=FUTURE)
    assert province.name == unicodedata.normalize("NFC", "Hoà Bình")
    twin = OrgUnit(
        code="x", name="Hòa Bình", type_label="Tỉnh", level=Level.PROVINCE, valid_from=FUTURE
    )
    assert province.name_key == match_key(twin.display_name) == match_key("tỉnh hoà   bình")


def load_refused(text: str | bytes) -> LoadError:
    data = text.encode() if isinstance(text, str) else text
    before = OrgUnit.objects.count()
    with pytest.raises(LoadError) as caught:
        units_load(filename="bad.csv", data=data, valid_from=FUTURE)
    assert OrgUnit.objects.count() == before, "a refused file must write nothing"
    return caught.value


@pytest.mark.parametrize(
    ("body", "line", "fault"),
    [
        ("90,A,Tỉnh,province,\n901,B,Huyện,district,99\n", 3, "parent 99"),
        (
            "90,A,Tỉnh,province,\n901,B,Huyện,district,90\n901,C,Huyện,district,90\n",
            4,
            "duplicate code 901",
        ),
        ("90,A,Tỉnh,province,\n901,B,Huyện,district,902\n902,C,Huyện,district,901\n", 3, "cycle"),
        ("90,A,Tỉnh,province,\n901,B,Huyện,county,90\n", 3, "unknown level"),
        ("90,A,Tỉnh,province,\n901,B,Làng,district,90\n", 3, "unknown type"),
        ("90,A,Tỉnh,province,\n901,B,Xã,commune,\n", 3, "needs a parent"),
        ("90,A,Tỉnh,province,\n901,B,Huyện,district,90,extra\n", 3, "fields"),
        (
            "90,A,Tỉnh,province,\n9011,B,Xã,commune,90\n901,C,Huyện,district,9011\n",
            4,
            "cannot sit under",
        ),
    ],
)
def test_a_bad_units_file_is_refused_naming_the_line(body: str, line: int, fault: str) -> None:
    from django.utils import translation

    with translation.override("en"):
        error = load_refused(HEADER + body)
        assert any(found == line for found, _ in error.problems), error.problems
        assert fault in str(error)
        assert f"line {line}:" in str(error)


def test_a_file_that_is_not_utf8_is_refused_naming_the_line() -> None:
    text = HEADER + "90,Đông Hà,Tỉnh,province,\n901,Đồng Văn,Huyện,district,90\n"
    data = text.encode("cp1252", errors="replace")
    error = load_refused(data)
    assert error.problems[0][0] == 2
    assert "UTF-8" in str(error)


def test_a_file_without_the_columns_is_refused() -> None:
    error = load_refused("ma,ten\n1,A\n")
    assert error.problems[0][0] == 1


def test_a_refused_file_is_reported_in_vietnamese_by_the_command(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "90,A,Tỉnh,province,\n901,B,Huyện,district,99\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("load_units", str(path), "--valid-from", FUTURE.isoformat())
    assert caught.value.returncode == 2
    assert "dòng 3" in str(caught.value)
    assert not OrgUnit.objects.filter(valid_from=FUTURE).exists()


def test_the_agencies_file_loads_under_the_province_and_bad_kinds_are_refused() -> None:
    province = OrgUnit.objects.in_force(ON_2013).get(level=Level.PROVINCE)
    agencies = OrgUnit.objects.filter(level=Level.AGENCY)
    assert agencies.count() == 17
    assert all(agency.parent_id == province.pk for agency in agencies)
    assert agencies.get(code="SGDDT").display_name == "Sở Giáo dục và Đào tạo tỉnh Quảng Ninh"
    bad = "code,short_name,full_name,kind\nXYZ,X,Cơ quan X,unknown_kind\n".encode()
    with pytest.raises(LoadError) as caught:
        agencies_load(filename="a.csv", data=bad, valid_from=date(2012, 2, 22))
    assert caught.value.problems[0][0] == 2
    assert agencies.count() == 17
