"""Deadlines and signature blocks as real directives write them (made-up documents)."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.directives.parser import parse_text
from xhht.directives.parser.tiers import issuer_tier


def parsed(text: str) -> dict[str, Any]:
    return parse_text(text).to_dict()


def dated(text: str) -> list[tuple[str, bool, str | None]]:
    return [(d["date"], d["inclusive"], d["level"]) for d in parsed(text)["deadlines"]]


MINISTRY_TO_PROVINCES = """
BỘ GIÁO DỤC VÀ ĐÀO TẠO | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
| Độc lập - Tự do - Hạnh phúc
Số: 1234/BGDĐT-GDTX | Hà Nội, ngày 05 tháng 3 năm 2013
V/v tổng kết phong trào khuyến học
Kính gửi: Sở Giáo dục và Đào tạo các tỉnh, thành phố trực thuộc Trung ương
Để chuẩn bị tổng kết, Bộ Giáo dục và Đào tạo đề nghị các Sở GD&ĐT thực hiện:
1. Tổ chức hội nghị tổng kết cấp tỉnh vào tháng 11/2013.
2. Gửi báo cáo kết quả về Bộ (qua Vụ Giáo dục thường xuyên) trong quý III/2013.
3. Báo cáo định kỳ 6 tháng trước ngày 15/6 và 15/12 về Bộ.
4. Thường xuyên cập nhật số liệu; báo cáo hằng năm về Bộ.
5. Tổ chức Tuần lễ hưởng ứng học tập suốt đời trong Tháng 11, 12/2013.
Bộ Giáo dục và Đào tạo tổng hợp, báo cáo Thủ tướng Chính phủ trong tháng 12/2013.
Nơi nhận:
- Như trên;
- Lưu: VT, GDTX.
KT. BỘ TRƯỞNG, THỨ TRƯỞNG
(đã ký)
Nguyễn Văn Bình
"""

DEPARTMENT_TO_DISTRICTS = """
UBND TỈNH HÀ GIANG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO | Độc lập - Tự do - Hạnh phúc
Số: 56/SGDĐT-GDTX | Hà Giang, ngày 10 tháng 4 năm 2014
V/v báo cáo công tác xóa mù chữ
Kính gửi: Phòng GD&ĐT các huyện, thành phố
Sở GD&ĐT đề nghị Phòng GD&ĐT các huyện, thị xã, thành phố gửi báo cáo trước ngày 20/5/2014; Hội Khuyến học các huyện gửi danh sách trước ngày 30/5/2014.
Sở Nội vụ hoàn thành thẩm định hồ sơ chậm nhất ngày 15/6/2014.
Hội Khuyến học tỉnh tổng hợp kết quả trước ngày 25/6/2014.
Các trường học cập nhật số liệu trên phần mềm, hoàn thành trước ngày 15/6.
UBND các huyện và UBND các xã hoàn thành kiểm tra trong tháng 9/2014.
Nơi nhận: | KT. GIÁM ĐỐC
- Như trên; | PHÓ GIÁM ĐỐC
- Lưu: VT, GDTX. | (đã ký)
| Trần Văn Hùng
"""

GOVERNMENT_OFFICE = """
VĂN PHÒNG CHÍNH PHỦ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
| Độc lập - Tự do - Hạnh phúc
Số: 77/TB-VPCP | Hà Nội, ngày 02 tháng 10 năm 2013
THÔNG BÁO
Kết luận của Phó Thủ tướng tại cuộc họp về xây dựng xã hội học tập
Bộ Giáo dục và Đào tạo hoàn thiện dự thảo Đề án, trình Thủ tướng Chính phủ vào tháng 11/2013; UBND các tỉnh, thành phố trực thuộc Trung ương báo cáo kết quả trước ngày 15/12/2013.
Bộ Nội vụ chủ trì, phối hợp với Bộ Tài chính, báo cáo Thủ tướng trong tháng 11/2013.
Hằng quý, các Bộ báo cáo tiến độ về Văn phòng Chính phủ trước ngày 20 tháng cuối quý.
Nơi nhận:
- Thủ tướng, các Phó Thủ tướng;
- Lưu: VT, KGVX.
KT. BỘ TRƯỞNG, CHỦ NHIỆM
PHÓ CHỦ NHIỆM
Nguyễn Văn Tùng
"""

DISTRICT_TO_COMMUNES = """
UBND HUYỆN YÊN PHONG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
| Độc lập - Tự do - Hạnh phúc
Số: 21/UBND-VX | Yên Phong, ngày 6 tháng 1 năm 2015
V/v xây dựng mô hình học tập
Kính gửi:
- Phòng Giáo dục và Đào tạo;
- UBND các xã, thị trấn.
1. Phòng Giáo dục và Đào tạo tổng hợp danh sách, gửi UBND huyện trước ngày 20/1/2015.
2. UBND các xã, thị trấn báo cáo kết quả hằng quý, trước ngày 25/3 và ngày 25/6/2015.
3. Hằng năm, các xã báo cáo thường xuyên về tình hình hoạt động của TTHTCĐ.
4. Năm 2015 huyện phấn đấu 100% xã đạt chuẩn. Nhân dịp kỷ niệm ngày thành lập 20/11/2015 tổ chức mít tinh.
Nơi nhận: | TM. ỦY BAN NHÂN DÂN
- Như trên; | KT. CHỦ TỊCH
- Thường trực Huyện ủy (để b/c); | PHÓ CHỦ TỊCH
- Lưu: VT. | (đã ký)
| Nguyễn Văn An
"""


@pytest.mark.parametrize(
    ("issuer", "tier"),
    [
        ("BỘ GIÁO DỤC VÀ ĐÀO TẠO", "central"),
        ("VĂN PHÒNG CHÍNH PHỦ", "central"),
        ("UBND TỈNH HÀ GIANG / SỞ GIÁO DỤC VÀ ĐÀO TẠO", "province"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "province"),
        ("TRUNG ƯƠNG HỘI KHUYẾN HỌC VIỆT NAM / HỘI KHUYẾN HỌC TỈNH NAM ĐỊNH", "province"),
        ("UBND TỈNH BẮC NINH / BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP", "province"),
        ("UBND HUYỆN YÊN PHONG / PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "district"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ VỊ THANH", "district"),
        ("UBND XÃ TAM ĐA", "commune"),
        (None, None),
    ],
)
def test_the_issuers_tier(issuer: str | None, tier: str | None) -> None:
    assert issuer_tier(issuer) == tier


def test_government_office_issuer_is_one_body() -> None:
    assert parsed(GOVERNMENT_OFFICE)["issuer"] == "VĂN PHÒNG CHÍNH PHỦ"


def test_months_quarters_and_lists_of_months_inside_the_sentence() -> None:
    deadlines = parsed(MINISTRY_TO_PROVINCES)["deadlines"]
    assert [(d["date"], d["inclusive"]) for d in deadlines] == [
        ("2013-11", True),  # vào tháng 11/2013
        ("2013-09", True),  # trong quý III/2013
        ("2013-06-15", False),  # định kỳ 6 tháng trước ngày 15/6 …
        ("2013-12-15", False),  # … và 15/12
        ("2013-12", True),  # Tháng 11, 12/2013
        ("2013-12", True),  # báo cáo Thủ tướng trong tháng 12/2013
    ]
    assert deadlines[0]["applies_to"] == "Tổ chức hội nghị tổng kết cấp tỉnh"
    assert deadlines[2]["applies_to"] == deadlines[3]["applies_to"] == "Báo cáo định kỳ 6 tháng"
    assert deadlines[4]["applies_to"] == "Tổ chức Tuần lễ hưởng ứng học tập suốt đời"


def test_a_ministry_writing_to_every_provinces_department_gives_province() -> None:
    levels = [level for _, _, level in dated(MINISTRY_TO_PROVINCES)]
    # "thường xuyên", "hằng năm" with no date give nothing; the ministry's own duty is agency.
    assert levels == ["province"] * 5 + ["agency"]


def test_a_department_writing_to_every_districts_bureau_gives_district() -> None:
    data = parsed(DEPARTMENT_TO_DISTRICTS)
    assert [(d["date"], d["level"]) for d in data["deadlines"]] == [
        ("2014-05-20", "district"),  # Phòng GD&ĐT các huyện, thị xã, thành phố
        ("2014-05-30", "district"),  # Hội Khuyến học các huyện: not also agency
        ("2014-06-15", "agency"),  # Sở Nội vụ
        ("2014-06-25", "agency"),  # Hội Khuyến học tỉnh
        ("2014-06-15", "agency"),  # trước ngày 15/6: the year of the document
        ("2014-09", "district"),  # UBND các huyện và UBND các xã: two tiers, two entries
        ("2014-09", "commune"),
    ]
    assert data["deadlines"][1]["applies_to"] == "Hội Khuyến học các huyện gửi danh sách"
    assert data["deadlines"][4]["inclusive"] is False


def test_several_deadlines_in_one_sentence_for_different_addressees() -> None:
    deadlines = parsed(GOVERNMENT_OFFICE)["deadlines"]
    assert [(d["date"], d["inclusive"], d["level"]) for d in deadlines] == [
        ("2013-11", True, "agency"),
        ("2013-12-15", False, "province"),
        ("2013-11", True, "agency"),
    ]
    assert deadlines[0]["applies_to"].startswith("Bộ Giáo dục và Đào tạo hoàn thiện")
    assert deadlines[1]["applies_to"].startswith("UBND các tỉnh, thành phố")
    assert deadlines[2]["applies_to"].startswith("Bộ Nội vụ chủ trì")


def test_a_district_issuer_bureau_is_one_body_and_recurring_dates_each_count() -> None:
    data = parsed(DISTRICT_TO_COMMUNES)
    assert [(d["date"], d["inclusive"], d["level"]) for d in data["deadlines"]] == [
        ("2015-01-20", False, "agency"),
        ("2015-03-25", False, "commune"),
        ("2015-06-25", False, "commune"),
    ]


def test_an_event_the_work_prepares_for_is_not_its_deadline() -> None:
    text = (
        "UBND TỈNH NINH BÌNH\nSố: 4/KH-UBND\nNinh Bình, ngày 2 tháng 3 năm 2019\n"
        "KẾ HOẠCH\nTổng kết phong trào khuyến học\n"
        "- Sở Tài chính bố trí kinh phí cho Hội nghị tổng kết cấp tỉnh vào tháng 9/2019.\n"
        "- Năm 2019 phấn đấu 100% xã đạt chuẩn; thường xuyên kiểm tra, đôn đốc.\n"
        "- Kỷ niệm ngày thành lập Hội vào tháng 10/2019 (ĐT: 0229.3871.234).\n"
    )
    assert parsed(text)["deadlines"] == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("KT. BỘ TRƯỞNG, THỨ TRƯỞNG", "KT. BỘ TRƯỞNG / THỨ TRƯỞNG"),
        ("KT. BỘ TRƯỞNG THỨ TRƯỞNG", "KT. BỘ TRƯỞNG / THỨ TRƯỞNG"),
        ("KT. CHỦ TỊCH, PHÓ CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
        ("TL. BỘ TRƯỞNG, VỤ TRƯỞNG VỤ KẾ HOẠCH", "TL. BỘ TRƯỞNG / VỤ TRƯỞNG VỤ KẾ HOẠCH"),
        # One office with two titles (the Minister who chairs the Government Office).
        ("KT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM", "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM"),
        ("KT. BỘ TRƯỞNG, CHỦ NHIỆM PHÓ CHỦ NHIỆM", "KT. BỘ TRƯỞNG, CHỦ NHIỆM / PHÓ CHỦ NHIỆM"),
    ],
)
def test_signature_block_on_one_line(line: str, expected: str) -> None:
    text = (
        "BỘ NỘI VỤ\nSố: 9/BNV-VP\nHà Nội, ngày 2 tháng 3 năm 2015\nV/v lịch công tác\n"
        "Kính gửi: Các đơn vị thuộc Bộ.\nĐề nghị các đơn vị thực hiện.\n"
        f"Nơi nhận:\n- Như trên;\n- Lưu: VT.\n{line}\n(đã ký)\nPhạm Văn Bình\n"
    )
    data = parsed(text)
    assert data["signer"] == {"name": "Phạm Văn Bình", "capacity": expected, "title": None}
    assert data["cc"] == ["Như trên", "Lưu: VT"]


def test_signature_beside_noi_nhan_in_a_flattened_table() -> None:
    data = parsed(DISTRICT_TO_COMMUNES)
    assert data["signer"] == {
        "name": "Nguyễn Văn An",
        "capacity": "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        "title": None,
    }
    assert data["cc"] == ["Như trên", "Thường trực Huyện ủy (để b/c)", "Lưu: VT"]
    department = parsed(DEPARTMENT_TO_DISTRICTS)
    assert department["signer"]["capacity"] == "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"
    assert department["signer"]["name"] == "Trần Văn Hùng"
    assert department["cc"] == ["Như trên", "Lưu: VT, GDTX"]


def test_flattened_table_with_the_brief_layout() -> None:
    text = (
        "UBND TỈNH PHÚ THỌ\nSố: 3/UBND-VX\nViệt Trì, ngày 2 tháng 3 năm 2015\n"
        "Kính gửi: Sở Nội vụ.\nĐề nghị Sở Nội vụ báo cáo trước ngày 20/3/2015.\n"
        "Nơi nhận: | KT. CHỦ TỊCH\n- Như trên; | PHÓ CHỦ TỊCH\n- Lưu: VT. | (đã ký)\n"
        "| Nguyễn Văn A\n"
    )
    data = parsed(text)
    assert data["signer"] == {
        "name": "Nguyễn Văn A",
        "capacity": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        "title": None,
    }
    assert data["cc"] == ["Như trên", "Lưu: VT"]
    assert dated(text) == [("2015-03-20", False, "agency")]
