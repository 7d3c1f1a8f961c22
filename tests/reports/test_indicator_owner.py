"""A member body is asked the indicators of its own field only (the pack's `owner`): Sở Nội
vụ the officials' training, not students' life skills nor industrial-zone workers."""

from __future__ import annotations

import pytest

from tests.offline.test_workbook import book
from tests.reports.factories import report_obligation, seed_campaign
from xhht.campaigns.models import Campaign
from xhht.indicators.content import content_pack_load
from xhht.indicators.models import Indicator
from xhht.offline.workbook import unit_workbook
from xhht.orgunits.models import OrgUnit
from xhht.reports.editing import report_open

pytestmark = pytest.mark.django_db


def asked(campaign: Campaign, code: str) -> set[str]:
    report = report_open(obligation=report_obligation(campaign, code), user=None)
    return set(report.values.values_list("indicator__code", flat=True))


def test_each_member_body_is_asked_its_own_indicators() -> None:
    campaign = seed_campaign()
    home_affairs = asked(campaign, "SNV")
    assert {"CBCC_CPD_CENTRAL_DISTRICT", "CBCC_FOREIGN_LANG_IT", "QN_CBCC_DAO_TAO"} <= home_affairs
    assert not {"STUDENT_LIFE_SKILLS", "LAB_IZ_VOCATIONAL", "DVHT"} & home_affairs
    assert {"LAB_IZ_VOCATIONAL", "LAB_IZ_LOWER_SEC"} <= asked(campaign, "SLDTBXH")
    assert {"DVHT", "QN_DV_HIEU_HOC"} <= asked(campaign, "HKH")
    assert asked(campaign, "SYT") == set()  # no figure is the health department's field


def test_a_commune_is_still_asked_every_commune_indicator() -> None:
    commune = asked(seed_campaign(), "06673")
    owned_elsewhere = set(
        Indicator.objects.filter(level="commune", active=True).values_list("code", flat=True)
    )
    assert commune == owned_elsewhere and "GDHT" in commune and "LAB_RURAL_LEARNING" in commune


def test_the_member_bodys_workbook_lists_only_its_indicators() -> None:
    campaign = seed_campaign()
    unit = OrgUnit.objects.get(code="SNV")
    ws = book(unit_workbook(campaign=campaign, unit=unit).content).worksheets[0]
    codes = {str(ws.cell(row=r, column=1).value) for r in range(4, ws.max_row + 1)}
    assert "CBCC_FOREIGN_LANG_IT" in codes and "STUDENT_LIFE_SKILLS" not in codes


def test_a_pack_loaded_before_owners_gets_them_on_the_next_load() -> None:
    content_pack_load()
    Indicator.objects.filter(code="STUDENT_LIFE_SKILLS").update(owner="")
    content_pack_load()
    assert Indicator.objects.get(code="STUDENT_LIFE_SKILLS").owner == "SGDDT"


def test_a_long_instruction_is_guidance_under_a_short_title() -> None:
    """The directive's 59-word first outline item and the agencies' long task items are the
    guidance of sections with short titles, in the page and the Word form alike."""
    from xhht.reports import reading

    campaign = seed_campaign()
    district = report_open(obligation=report_obligation(campaign, "193"), user=None)
    first = reading.sections_for(district)[0]
    assert first.title == "Kết quả thực hiện" and "Quyết định số 2074/QĐ-UBND" in first.guidance
    home_affairs = report_open(obligation=report_obligation(campaign, "SNV"), user=None)
    [task, *closing] = reading.sections_for(home_affairs)
    assert task.title.startswith("Chỉ đạo Phòng Nội các địa phương") and task.title.endswith("…")
    assert len(task.title.split()) <= 14 and task.guidance.startswith(task.title[:-1])
    assert [s.title for s in closing] == ["Những tồn tại cần khắc phục", "Đề xuất, kiến nghị"]


def test_the_products_names_carry_no_provenance_mark() -> None:
    content_pack_load()
    assert not Indicator.objects.filter(name__contains="diễn đạt lại").exists()
    Indicator.objects.filter(code="LAB_RURAL_LEARNING").update(
        name="Tỷ lệ lao động nông thôn tham gia học tập (diễn đạt lại)"
    )
    content_pack_load()
    assert Indicator.objects.get(code="LAB_RURAL_LEARNING").name.endswith("tham gia học tập")
