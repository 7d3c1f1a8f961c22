"""Made-up directives of varied issuers, years and layouts, field by field."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

import pytest

from xhht.directives.parser import parse_text

from . import documents as doc
from .helpers import seed_text


def parsed(text: str) -> dict[str, Any]:
    return parse_text(text).to_dict()


def test_ministry_number_with_spaces_and_date_on_the_number_line() -> None:
    data = parsed(doc.MINISTRY)
    assert (data["number"], data["symbol"]) == ("2345", "BGDĐT-GDTX")
    assert (data["date"], data["place"]) == ("2014-09-05", "Hà Nội")
    assert data["issuer"] == "BỘ GIÁO DỤC VÀ ĐÀO TẠO"
    assert data["subject"] == "hướng dẫn tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2014"
    assert data["recipients"] == ["Các sở giáo dục và đào tạo"]


def test_ministry_event_week_is_not_a_deadline_but_the_reports_are() -> None:
    deadlines = parsed(doc.MINISTRY)["deadlines"]
    assert [(d["date"], d["inclusive"]) for d in deadlines] == [
        ("2014-09-25", True),
        ("2014-10-30", False),
    ]
    assert "04.38695144" not in deadlines[1]["applies_to"]


def test_ministry_signer_by_order() -> None:
    data = parsed(doc.MINISTRY)
    assert data["signer"] == {
        "name": "Nguyễn Văn Hinh",
        "capacity": "TL. BỘ TRƯỞNG / VỤ TRƯỞNG VỤ GIÁO DỤC THƯỜNG XUYÊN",
        "title": None,
    }
    assert data["cc"] == ["Như trên", "Bộ trưởng (để b/c)", "Lưu: VT, Vụ GDTX"]


def test_plan_with_table_cells_and_a_title_instead_of_vv() -> None:
    data = parsed(doc.PROVINCE_PLAN)
    assert (data["number"], data["symbol"], data["place"]) == ("112", "KH-UBND", "Vị Thanh")
    assert data["issuer"].casefold() == "ủy ban nhân dân tỉnh hậu giang"
    assert data["subject"] == "Tổng kết 5 năm thực hiện Đề án xây dựng xã hội học tập"
    assert data["recipients"] == []
    assert data["data_cutoff"] == "2016-06-30"


def test_plan_legal_refs_date_first_year_inside_and_party_style() -> None:
    assert parsed(doc.PROVINCE_PLAN)["legal_refs"] == [
        {"kind": "Quyết định", "number": "89/QĐ-TTg", "date": "2013-01-09"},
        {"kind": "Thông tư", "number": "44/2014/TT-BGDĐT", "date": None},
        {"kind": "Chỉ thị", "number": "02-CT/TU", "date": "2011-03-03"},
    ]


def test_plan_month_end_and_anniversary_and_lunar_dates() -> None:
    deadlines = parsed(doc.PROVINCE_PLAN)["deadlines"]
    dates = [d["date"] for d in deadlines]
    assert dates == ["2016-10", "2016-09-15", "2016-08", "2016-09-20"]
    assert deadlines[2]["applies_to"] == "Chỉ đạo UBND các xã, phường, thị trấn tổ chức tổng kết"
    assert deadlines[3]["level"] == "district"


def test_plan_tasks_split_bodies_and_keep_lists_of_units_whole() -> None:
    tasks = parsed(doc.PROVINCE_PLAN)["tasks"]
    assert [t["agencies"] for t in tasks] == [
        ["Sở Giáo dục và Đào tạo"],
        ["Sở Y tế", "Sở Tư pháp", "Sở Văn hóa, Thể thao và Du lịch"],
        ["UBND các huyện, thị xã, thành phố"],
        ["Hội Khuyến học tỉnh"],
    ]
    assert tasks[0]["items"][0].startswith("chủ trì tham mưu")
    assert len(tasks[2]["items"]) == 2


def test_plan_signer_on_behalf_of_the_committee() -> None:
    signer = parsed(doc.PROVINCE_PLAN)["signer"]
    assert signer["capacity"] == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert signer["name"] == "Trương Văn Tuyên"


def test_association_header_after_motto_and_quoted_vv_in_body() -> None:
    data = parsed(doc.ASSOCIATION)
    assert (data["number"], data["symbol"]) == ("14", "CV-HKH")
    assert data["issuer"].casefold() == (
        "trung ương hội khuyến học việt nam / hội khuyến học tỉnh nam định"
    )
    assert data["subject"] == 'triển khai đánh giá, công nhận "Cộng đồng học tập" cấp xã'
    assert data["recipients"] == [
        "Hội Khuyến học các huyện, thành phố",
        "Ban Đại diện Hội Cựu giáo chức tỉnh",
    ]


def test_association_past_events_phone_and_file_path_are_not_deadlines() -> None:
    data = parsed(doc.ASSOCIATION)
    assert [(d["date"], d["inclusive"]) for d in data["deadlines"]] == [
        ("2017-11-30", False),
        ("2017-12-10", True),
    ]
    assert data["quotas"] == [
        {
            "who": "Mỗi huyện, thành phố",
            "individuals": 2,
            "collectives": 1,
            "for": "đề nghị Trung ương Hội khen thưởng",
        }
    ]
    assert data["tasks"][0]["agency"] == "Hội Khuyến học các huyện, thành phố"


def test_association_closing_columns_side_by_side() -> None:
    data = parsed(doc.ASSOCIATION)
    assert data["cc"] == ["Như trên", "TW Hội KHVN (để b/c)", "Lưu VP"]
    assert data["signer"] == {
        "name": "Trần Văn Bảy",
        "capacity": "TM. BAN THƯỜNG VỤ / CHỦ TỊCH",
        "title": None,
    }


@pytest.mark.parametrize(
    "text",
    [doc.INVITATION, doc.NOTICE, doc.DISTRICT_REPORT],
    ids=["invitation", "notice", "report"],
)
def test_documents_that_are_not_campaigns_give_no_deadlines_and_no_tasks(text: str) -> None:
    data = parsed(text)
    assert data["deadlines"] == []
    assert data["tasks"] == []
    assert data["quotas"] == []


def test_notice_without_number_or_date_line() -> None:
    data = parsed(doc.NOTICE)
    assert (data["number"], data["symbol"], data["date"]) == (None, None, None)
    assert data["legal_refs"][0]["number"] == "1234/QĐ-SGDĐT"


def test_department_merged_header_outline_and_cutoff() -> None:
    data = parsed(doc.DEPARTMENT)
    assert data["issuer"] == "UBND TỈNH QUẢNG NINH / SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert (data["date"], data["place"]) == ("2021-04-08", "Hạ Long")
    assert data["recipients"] == [
        "Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố",
        "Các trung tâm GDNN-GDTX",
    ]
    assert data["data_cutoff"] == "2021-03-31"
    assert data["report_outline"] == [
        {"title": "Kết quả đạt được;", "children": ["Về mạng lưới;", "Về người học;"]},
        {"title": "Tồn tại, hạn chế.", "children": []},
    ]
    assert data["deadlines"][0]["level"] == "district"
    assert data["signer"] == {"name": "Nguyễn Văn Minh", "capacity": "GIÁM ĐỐC", "title": None}


DAMAGE: dict[str, Callable[[str], str]] = {
    "nfd": lambda t: unicodedata.normalize("NFD", t),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nbsp": lambda t: t.replace(" ", "\u00a0"),
    "blank_lines": lambda t: "\n\n".join(t.split("\n")),
    "tabs_and_indent": lambda t: "\n".join("\t  " + line for line in t.split("\n")),
}
ALL_DOCS = {
    "seed": seed_text(),
    "ministry": doc.MINISTRY,
    "plan": doc.PROVINCE_PLAN,
    "association": doc.ASSOCIATION,
    "invitation": doc.INVITATION,
    "department": doc.DEPARTMENT,
    "province_letter": doc.PROVINCE_LETTER,
    "decision": doc.DECISION,
    "department_request": doc.DEPARTMENT_REQUEST,
    "split_words": doc.SPLIT_WORDS,
    "party_letter": doc.PARTY_LETTER,
    "outline_appendix": doc.OUTLINE_APPENDIX,
    "district_week_plan": doc.DISTRICT_WEEK_PLAN,
}


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("name", ALL_DOCS)
def test_damage_that_loses_nothing_changes_nothing(name: str, damage: str) -> None:
    text = ALL_DOCS[name]
    assert parsed(DAMAGE[damage](text)) == parsed(text)


# A paragraph glued after a list's last bullet cannot be told from that bullet.
FLAT_GAPS: set[tuple[str, str]] = set()


@pytest.mark.parametrize("name", [*ALL_DOCS, "notice"])
def test_whole_document_on_one_line_reads_like_the_original(name: str) -> None:
    text = ALL_DOCS.get(name, doc.NOTICE)
    clean, flat = parsed(text), parsed(" ".join(text.split()))
    for key in clean:
        if (name, key) not in FLAT_GAPS:
            assert flat[key] == clean[key], key


def test_flat_closing_columns_and_addressees_without_bullets() -> None:
    data = parsed(" ".join(doc.ASSOCIATION.split()))
    assert data["recipients"] == [
        "Hội Khuyến học các huyện, thành phố",
        "Ban Đại diện Hội Cựu giáo chức tỉnh",
    ]
    assert data["cc"] == ["Như trên", "TW Hội KHVN (để b/c)", "Lưu VP"]
    assert data["signer"]["capacity"] == "TM. BAN THƯỜNG VỤ / CHỦ TỊCH"
    assert data["signer"]["name"] == "Trần Văn Bảy"


def test_flat_invitation_keeps_its_number_title_and_subject() -> None:
    data = parsed(" ".join(doc.INVITATION.split()))
    assert (data["number"], data["symbol"], data["date"]) == ("05", "GM-PGDĐT", "2012-04-20")
    assert data["subject"] == "Dự hội nghị triển khai công tác năm 2012"
    assert data["deadlines"] == [] and data["tasks"] == []


def test_header_words_cut_mid_word_are_rejoined() -> None:
    data = parsed(doc.SPLIT_WORDS)
    assert data["issuer"] == "UBND TỈNH BẮC GIANG / BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP"
    assert data["subject"] == "tổng kết xây dựng xã hội học tập năm 2015"
    assert data["deadlines"][0]["date"] == "2015-12-15"


def test_number_before_motto_and_date_with_dots() -> None:
    text = (
        "HỘI KHUYẾN HỌC VIỆT NAM\nSố:08/HKH-VP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nHà Nội, ngày 7.1.2010\nV/v: tổng kết năm 2009\n"
        "Kính gửi: Hội Khuyến học các tỉnh, thành phố\n"
        "Các Hội gửi báo cáo về Trung ương Hội trước 15/1/2010.\n"
    )
    data = parsed(text)
    assert (data["number"], data["symbol"], data["date"]) == ("08", "HKH-VP", "2010-01-07")
    assert data["subject"] == "tổng kết năm 2009"
    assert data["deadlines"] == [
        {
            "date": "2010-01-15",
            "inclusive": False,
            "level": "agency",
            "applies_to": "Các Hội gửi báo cáo về Trung ương Hội",
        }
    ]


def test_missing_month_in_the_date_line_gives_no_date() -> None:
    text = "UBND TỈNH LÀO CAI\nSố: 17/UBND-VX\nLào Cai, ngày 10 tháng   năm 2024\n"
    data = parsed(text)
    assert data["date"] is None
    assert data["place"] == "Lào Cai"


def test_blank_recipient_placeholder_gives_no_recipients() -> None:
    text = "SỞ NỘI VỤ\nSố: 3/SNV\nKính gửi: …………….\nThực hiện chỉ đạo của UBND tỉnh.\n"
    assert parsed(text)["recipients"] == []


def test_glued_keywords_and_split_words_still_found() -> None:
    text = (
        "UBND TỈNH CÀ MAU\nSố:55/KH-UBND\nCà Mau, ngày 2 tháng 3 năm 2026\n"
        "Kínhgửi: Các sở, ban, ngành tỉnh.\nThực hiện Kế hoạch số 1/KH-BCĐ, các sở báo cáo "
        "chậm nhất ngày 30/3/2026.\nNơinhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\nLê Văn Sử\n"
    )
    data = parsed(text)
    assert data["recipients"] == ["Các sở, ban, ngành tỉnh"]
    assert data["cc"] == ["Như trên", "Lưu: VT"]
    assert data["deadlines"][0]["date"] == "2026-03-30"


def test_province_letter_heading_tasks_and_the_destination_is_not_the_ower() -> None:
    data = parsed(doc.PROVINCE_LETTER)
    assert data["recipients"][1] == "Sở Lao động - Thương binh và Xã hội"
    assert [(d["date"], d["level"]) for d in data["deadlines"]] == [
        ("2022-06-30", "agency"),
        ("2022-05", "district"),
        ("2022-06-15", "district"),
    ]
    assert [t["agency"] for t in data["tasks"]] == [
        "Sở Giáo dục và Đào tạo",
        "UBND các huyện, thành phố",
    ]
    assert data["tasks"][1]["items"][0].startswith("chỉ đạo UBND các xã")
    assert not data["tasks"][1]["items"][0].endswith("./.")


def test_decision_subject_about_prefix_and_no_deadlines() -> None:
    data = parsed(doc.DECISION)
    assert data["subject"] == "thành lập Ban Chỉ đạo xây dựng xã hội học tập huyện Tiên Du"
    assert data["issuer"].casefold() == "ủy ban nhân dân huyện tiên du"
    assert data["deadlines"] == []
    assert data["signer"] == {"name": "Nguyễn Văn Tuấn", "capacity": "CHỦ TỊCH", "title": None}


def test_department_request_blank_number_and_day_wrapped_subject_and_head_of_body() -> None:
    data = parsed(doc.DEPARTMENT_REQUEST)
    assert (data["number"], data["symbol"], data["date"]) == (None, "SGDĐT-GDTX", None)
    assert data["subject"] == "báo cáo kết quả xây dựng xã hội học tập năm học 2019-2020"
    assert data["data_cutoff"] == "2020-05-31"
    assert [d["date"] for d in data["deadlines"]] == ["2020-06-20", "2020-07"]
    assert data["tasks"][0]["agency"] == "Trưởng phòng Giáo dục và Đào tạo các huyện, thành phố"
    assert len(data["tasks"][0]["items"]) == 3
    assert data["signer"]["capacity"] == "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"
    assert data["signer"]["name"] == "Trần Thị Hằng"


OCR_HEADER = """UBND TỈNH HÀ TĨNH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
{so} 88/SGDĐT-GDTX
{vv} tổng kết năm học
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Tĩnh, ngày 2 tháng 6 năm 2018
{kg} Phòng GD&ĐT các huyện, thị xã, thành phố.
Các phòng GD&ĐT gửi báo cáo trước ngày 20/6/2018.
"""


@pytest.mark.parametrize(
    ("so", "vv", "kg"),
    [
        ("Sô:", "V/V", "Kinh gửi:"),
        ("So :", "V/v:", "Kính gưi:"),
        ("Số :", "V.v", "Kính gửi :"),
        ("Sổ:", "Về việc", "K ính gửi:"),
        ("S ố:", "V/v", "Kínhgửi"),
    ],
)
def test_landmarks_damaged_by_ocr_are_still_found(so: str, vv: str, kg: str) -> None:
    data = parsed(OCR_HEADER.format(so=so, vv=vv, kg=kg))
    assert (data["number"], data["symbol"]) == ("88", "SGDĐT-GDTX")
    assert data["subject"] == "tổng kết năm học"
    assert data["recipients"] == ["Phòng GD&ĐT các huyện, thị xã, thành phố"]
    assert [(d["date"], d["level"]) for d in data["deadlines"]] == [("2018-06-20", "district")]


def test_a_tier_named_inside_a_body_is_not_also_a_body() -> None:
    text = (
        "UBND HUYỆN KIM SƠN\nSố: 9/UBND\nKim Sơn, ngày 1 tháng 3 năm 2024\n"
        "Kính gửi: Các Trung tâm học tập cộng đồng.\n"
        "Các Trung tâm học tập cộng đồng gửi báo cáo trước ngày 20/3/2024.\n"
    )
    assert [d["level"] for d in parsed(text)["deadlines"]] == ["commune"]


def test_party_letter_number_without_colon_and_t_slash_m_signature() -> None:
    data = parsed(doc.PARTY_LETTER)
    assert (data["number"], data["symbol"]) == ("45-CV", "TU")
    assert data["issuer"] == "TỈNH ỦY QUẢNG NINH"
    assert (data["date"], data["place"]) == ("2020-08-20", "Hạ Long")
    assert data["legal_refs"] == [{"kind": "Nghị quyết", "number": "01-NQ/TV", "date": None}]
    assert data["signer"] == {
        "name": "Nguyễn Văn Đọc",
        "capacity": "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ",
        "title": None,
    }


LETTER_TO_ONE_TIER = (
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 5/SGDĐT\nHà Nam, ngày 2 tháng 3 năm 2020\n"
    "Kính gửi: Các phòng GD&ĐT.\n2. Báo cáo sơ kết học kỳ\n{line}\n"
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- Thời gian: trước ngày 30/6/2020.", ("2020-06-30", False, "Báo cáo sơ kết học kỳ")),
        ("- Thời hạn nộp báo cáo: ngày 15/7/2020.", ("2020-07-15", True, "Thời hạn nộp báo cáo")),
        ("- Hạn cuối nhận hồ sơ: 20/5/2020.", ("2020-05-20", True, "Hạn cuối nhận hồ sơ")),
        (
            "- Gửi về Sở chậm nhất vào ngày 25/4/2020 (email: a@b.vn).",
            ("2020-04-25", True, "Gửi về Sở"),
        ),
        ("- Hoàn thành xong trước 15/4/2020.", ("2020-04-15", False, "Hoàn thành")),
    ],
)
def test_deadline_labels_and_the_addressees_tier(line: str, expected: tuple[Any, ...]) -> None:
    data = parsed(LETTER_TO_ONE_TIER.format(line=line))
    assert data["recipients"] == ["Các phòng GD&ĐT"]
    assert [(d["date"], d["inclusive"], d["applies_to"]) for d in data["deadlines"]] == [expected]
    # Nothing in the clause names the ower: it is the addressees' tier.
    assert data["deadlines"][0]["level"] == "district"


def test_addressees_of_several_tiers_give_no_default_tier() -> None:
    text = (
        "UBND TỈNH HÀ NAM\nSố: 7/UBND\nHà Nam, ngày 2 tháng 3 năm 2020\n"
        "Kính gửi:\n- Sở Giáo dục và Đào tạo;\n- UBND các huyện, thành phố.\n"
        "Thời hạn gửi báo cáo: ngày 15/7/2020.\n"
    )
    data = parsed(text)
    assert len(data["recipients"]) == 2
    assert [d["level"] for d in data["deadlines"]] == [None]


def test_outline_in_an_appendix_after_the_signature() -> None:
    data = parsed(doc.OUTLINE_APPENDIX)
    assert data["report_outline"] == [
        {
            "title": "ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN",
            "children": [
                "Công tác chỉ đạo, tuyên truyền.",
                "Kết quả xây dựng các mô hình học tập.",
            ],
        },
        {"title": "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "children": []},
        {"title": "PHƯƠNG HƯỚNG, ĐỀ XUẤT", "children": []},
    ]
    assert data["signer"]["name"] == "Phạm Văn Bình"
    assert data["cc"] == ["Như trên", "Lưu: VT, GDTX"]
    assert data["legal_refs"] == []  # the appendix cites the document itself


def test_who_asks_does_not_owe() -> None:
    deadlines = parsed(doc.OUTLINE_APPENDIX)["deadlines"]
    assert [(d["date"], d["level"]) for d in deadlines] == [("2017-06-15", "district")]
    assert deadlines[0]["applies_to"].startswith("các phòng GD&ĐT báo cáo sơ kết")


def test_plan_sections_end_before_the_closing_formula() -> None:
    data = parsed(doc.DISTRICT_WEEK_PLAN)
    assert data["issuer"] == "UBND HUYỆN YÊN DŨNG / PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    assert [t["agency"] for t in data["tasks"]] == [
        "Các trường Mầm non, Tiểu học, THCS",
        "Trung tâm học tập cộng đồng các xã, thị trấn",
        "Hội Khuyến học huyện",
    ]
    assert data["tasks"][2]["items"] == ["Phối hợp tuyên truyền về Tuần lễ."]
    dated = {(d["date"], d["inclusive"]) for d in data["deadlines"]}
    assert {("2023-09-25", False), ("2023-10-15", True)} <= dated
    assert data["signer"] == {"name": "Nguyễn Thị Lan", "capacity": "TRƯỞNG PHÒNG", "title": None}


def test_work_recounted_in_the_past_is_no_task() -> None:
    text = (
        "UBND HUYỆN TAM ĐẢO\nSố: 9/UBND\nTam Đảo, ngày 1 tháng 12 năm 2021\n"
        "Kính gửi: Các xã, thị trấn.\n"
        "1. Phòng GD&ĐT đã chủ trì tổ chức Tuần lễ học tập suốt đời.\n"
        "2. Các trung tâm học tập cộng đồng đã hoàn thành đánh giá xếp loại.\n"
        "3. Phòng Văn hóa và Thông tin chủ trì tuyên truyền trên đài truyền thanh.\n"
    )
    assert [t["agency"] for t in parsed(text)["tasks"]] == ["Phòng Văn hóa và Thông tin"]


def test_city_place_and_copies_on_one_line() -> None:
    text = (
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO\nTP. HỒ CHÍ MINH\nSố: 77/GDĐT-TC\nV/v tổng kết\n"
        "TP. Hồ Chí Minh, ngày 03 tháng 01 năm 2025\n"
        "Kính gửi: Trưởng Phòng Giáo dục và Đào tạo các quận, huyện.\n"
        "Các phòng gửi báo cáo trước ngày 10/01/2025.\n"
        "Nơi nhận: Như trên; Ban Giám đốc Sở (b/c; t/h); Lưu: VT, TC.\n"
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn Hiếu (đã ký)\n"
    )
    data = parsed(text)
    assert (data["place"], data["date"]) == ("TP. Hồ Chí Minh", "2025-01-03")
    assert data["cc"] == ["Như trên", "Ban Giám đốc Sở (b/c; t/h)", "Lưu: VT, TC"]
    assert data["signer"] == {
        "name": "Nguyễn Văn Hiếu",
        "capacity": "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC",
        "title": None,
    }


def test_one_kind_word_for_a_list_of_numbers() -> None:
    text = (
        "SỞ NỘI VỤ\nSố: 3/SNV-VP\nKính gửi: Các phòng.\n"
        "Theo Công văn 123/BGDĐT-GDTX, 124/BGDĐT-GDTX của Bộ và các Quyết định số 1373/QĐ-TTg "
        "ngày 30/7/2021 và số 489/QĐ-TTg ngày 8/4/2020 của Thủ tướng Chính phủ.\n"
    )
    assert [(r["number"], r["date"]) for r in parsed(text)["legal_refs"]] == [
        ("123/BGDĐT-GDTX", None),
        ("124/BGDĐT-GDTX", None),
        ("1373/QĐ-TTg", "2021-07-30"),
        ("489/QĐ-TTg", "2020-04-08"),
    ]
