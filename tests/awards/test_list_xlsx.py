"""The list of accepted nominations as .xlsx, read back row by row: the title, individuals
then collectives, each numbered from 1 in the order of the districts; what is not
accepted stays out."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from tests.awards.factories import collective, nominate, person
from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.awards.export import list_workbook
from xhht.awards.models import Nomination, State
from xhht.awards.selectors import province_list
from xhht.awards.services import (
    DecisionInput,
    decision_record,
    nomination_accept,
    nomination_return,
    nominations_send,
)
from xhht.campaigns.models import Campaign

pytestmark = pytest.mark.django_db

INDIVIDUALS = (
    "No.", "Full name", "Sex", "Year of birth", "Position", "Unit", "Field",
    "Summary of achievements", "Put forward by", "Decision",
)  # fmt: skip
COLLECTIVES = (
    "No.", "Name", "Unit", "Field", "Summary of achievements", "Put forward by", "Decision",
)  # fmt: skip
TITLE = "LIST OF NOMINATIONS FOR COMMENDATION"
DEEDS = "Vận động 120 gia đình đạt danh hiệu Gia đình học tập."
CLASSES = "Duy trì lớp học chuyên đề hằng tháng cho 300 lượt người."


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign()


def _accept(nominations: list[Nomination]) -> None:
    for nomination in nominations:
        nomination_accept(nomination=nomination, user=None)


def rows_of(content: bytes) -> list[tuple[object, ...]]:
    """The sheet's rows, each without its trailing empty cells."""
    ws = load_workbook(BytesIO(content)).active
    assert ws is not None
    rows: list[tuple[object, ...]] = []
    for row in ws.iter_rows(values_only=True):
        values: list[object] = list(row)
        while values and values[-1] is None:
            values.pop()
        rows.append(tuple(values))
    return rows


def test_the_list_is_individuals_then_collectives_by_district(
    personas: Personas, campaign: Campaign
) -> None:
    mongcai, halong = unit("194"), unit("193")
    # Móng Cái sends first: the list still follows the districts' order, not the sending's
    an = nominate(campaign, mongcai, person("Vũ Văn An", birth_year=1958))
    club = nominate(campaign, mongcai, collective("Câu lạc bộ khuyến học Trà Cổ"))
    nominations_send(campaign=campaign, unit=mongcai, note="Một cá nhân, một tập thể", user=None)
    bich = nominate(campaign, halong, person("Đỗ Thị Bích", field="family"))
    returned = nominate(campaign, halong, person("Trần Văn Trả"))
    waiting = nominate(campaign, halong, collective("Chi hội khuyến học khu 5"))
    centre = nominate(campaign, halong, collective("Trung tâm HTCĐ phường Hồng Hà"))
    nominations_send(campaign=campaign, unit=halong, user=None)
    _accept([an, club, bich, centre])
    nomination_return(nomination=returned, user=None, reason="Bổ sung hồ sơ")
    waiting.refresh_from_db()
    assert waiting.state == State.SENT  # sent, not reviewed yet: off the list too
    decision_record(
        nomination=bich,
        data=DecisionInput(
            "commended", "province_chair", "Bằng khen", "1234/QĐ-UBND", date(2013, 6, 15)
        ),
        user=None,
    )
    client = client_for(personas.province_officer)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("awards:list_xlsx", args=[campaign.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="nominations-{campaign.pk}-22-20130620.xlsx"'
    )
    assert rows_of(response.content) == [
        (TITLE,),
        (campaign.title,),
        ("Put forward to Tỉnh Quảng Ninh",),
        (),
        ("I. INDIVIDUALS",),
        INDIVIDUALS,
        (
            1, "Đỗ Thị Bích", "Female", 1970, "Chủ tịch Hội Khuyến học", "Phường Bãi Cháy",
            "Learning families, clans and communities", DEEDS, "Thành phố Hạ Long",
            "Commended; Bằng khen; Chairman of the provincial People's Committee; "
            "No. 1234/QĐ-UBND of 15/06/2013",
        ),
        (
            2, "Vũ Văn An", "Female", 1958, "Chủ tịch Hội Khuyến học", "Phường Bãi Cháy",
            "Encouraging learning and talent", DEEDS, "Thành phố Móng Cái",
        ),
        (),
        ("II. COLLECTIVES",),
        COLLECTIVES,
        (
            1, "Trung tâm HTCĐ phường Hồng Hà", "Thành phố Hạ Long",
            "Community learning centres", CLASSES, "Thành phố Hạ Long",
        ),
        (
            2, "Câu lạc bộ khuyến học Trà Cổ", "Thành phố Hạ Long",
            "Community learning centres", CLASSES, "Thành phố Móng Cái",
        ),
    ]  # fmt: skip
    ws = load_workbook(BytesIO(response.content)).active
    assert ws is not None
    assert ws["A1"].font.b and ws["B6"].font.b
    assert "A1:J1" in {str(r) for r in ws.merged_cells.ranges}


def test_an_empty_list_says_so_in_both_parts(campaign: Campaign) -> None:
    with translation.override("en"):
        content = list_workbook(province_list(campaign))
    rows = rows_of(content)
    assert rows[4:] == [
        ("I. INDIVIDUALS",),
        INDIVIDUALS,
        (None, "None."),
        (),
        ("II. COLLECTIVES",),
        COLLECTIVES,
        (None, "None."),
    ]


def test_a_district_lists_what_its_communes_put_forward_to_it(
    personas: Personas, campaign: Campaign
) -> None:
    from xhht.awards.services import rule_set

    rule_set(
        campaign=campaign,
        set_by=unit("193"),
        conference_level="district",
        criteria="Gia đình học tập tiêu biểu",
        individuals=1,
        collectives=None,
    )
    bai_chay = unit("06673")
    mai = nominate(campaign, bai_chay, person("Phạm Thị Mai"))
    nominations_send(campaign=campaign, unit=bai_chay, user=None)
    _accept([mai])
    with translation.override("en"):
        district = rows_of(list_workbook(province_list(campaign, recipient=unit("193"))))
        province = rows_of(list_workbook(province_list(campaign)))
    assert district[2] == ("Put forward to Thành phố Hạ Long",)
    assert district[6][:2] == (1, "Phạm Thị Mai") and district[6][8] == "Phường Bãi Cháy"
    assert province[6] == (None, "None.")
