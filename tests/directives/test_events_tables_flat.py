"""Events the issuer holds, deadlines of assignment tables, wrapped subjects and documents
flattened onto one line (made-up documents)."""

from __future__ import annotations

from typing import Any

import pytest

from xhht.directives.parser import parse_text
from xhht.directives.parser.events import holds_own_event
from xhht.directives.parser.textutil import fold


def parsed(text: str) -> dict[str, Any]:
    return parse_text(text).to_dict()


def dated(text: str) -> list[tuple[str, bool, str | None]]:
    return [(d["date"], d["inclusive"], d["level"]) for d in parsed(text)["deadlines"]]


HEAD = """UBND TỈNH PHÚ THỌ
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 310/SGDĐT-GDTX
V/v tổng kết công tác xây dựng xã hội học tập
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Phú Thọ, ngày 04 tháng 9 năm 2019
Kính gửi: Phòng Giáo dục và Đào tạo các huyện, thành phố, thị xã.
Sở Giáo dục và Đào tạo đề nghị các Phòng Giáo dục và Đào tạo thực hiện:
1. Gửi báo cáo tổng kết về Sở trước ngày 15/10/2019.
"""
TAIL = """Nơi nhận:
- Như trên;
- Lưu: VT.
GIÁM ĐỐC
Lê Văn Tâm
"""


@pytest.mark.parametrize(
    "sentence",
    [
        "Sở sẽ tổ chức tập huấn cho cán bộ phụ trách trong tháng 11/2019.",
        "Sở Giáo dục và Đào tạo tổ chức hội nghị tổng kết vào tháng 12/2019.",
        "Sở GD&ĐT dự kiến tổ chức hội thảo chuyên đề trong tháng 11/2019.",
        "Hội nghị sơ kết do Sở chủ trì tổ chức trong tháng 12/2019.",
    ],
)
def test_an_event_the_issuer_holds_is_no_deadline(sentence: str) -> None:
    assert dated(HEAD + sentence + "\n" + TAIL) == [("2019-10-15", False, "district")]


@pytest.mark.parametrize(
    "sentence",
    [
        "2. Các Phòng tổ chức tập huấn cho cán bộ cấp xã trong tháng 11/2019.",
        "2. Sở Nội vụ tổ chức hội nghị triển khai vào tháng 11/2019.",
        "2. Sở tổng hợp, báo cáo UBND tỉnh trong tháng 11/2019.",
    ],
)
def test_an_event_of_another_body_or_the_issuers_own_duty_stays_a_deadline(
    sentence: str,
) -> None:
    dates = [d for d, _, _ in dated(HEAD + sentence + "\n" + TAIL)]
    assert dates == ["2019-10-15", "2019-11"]


def test_who_holds_the_event_is_compared_with_the_issuer() -> None:
    issuer = "BỘ GIÁO DỤC VÀ ĐÀO TẠO"
    assert holds_own_event(fold("Bộ GD&ĐT sẽ tổ chức tập huấn cho cán bộ vào "), issuer)
    assert holds_own_event(fold("Bộ tổ chức hội nghị trực tuyến "), issuer)
    assert not holds_own_event(fold("Bộ Nội vụ tổ chức hội nghị "), issuer)
    assert not holds_own_event(fold("các Sở tổ chức tập huấn "), issuer)
    assert not holds_own_event(fold("Bộ GD&ĐT tổng hợp, báo cáo Thủ tướng "), issuer)


def test_leave_dates_of_a_holiday_notice_are_no_deadline() -> None:
    text = (
        HEAD.split("Kính gửi")[0]
        + "Sở thông báo lịch nghỉ như sau:\n"
        + "1. Cán bộ, viên chức được nghỉ Tết từ ngày 23/01/2020 (tức ngày 29 tháng Chạp) "
        + "đến hết ngày 29/01/2020 (tức mùng 5 tháng Giêng).\n"
        + TAIL
    )
    assert dated(text) == [] and parsed(text)["tasks"] == []


TABLE = """ỦY BAN NHÂN DÂN TỈNH YÊN BÁI
Số: 88/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Yên Bái, ngày 10 tháng 2 năm 2020
KẾ HOẠCH
Xây dựng mô hình "Đơn vị học tập" năm 2020
Căn cứ tình hình thực tế, UBND tỉnh ban hành Kế hoạch như sau:
STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
1 | Ban hành bộ tiêu chí | Sở Nội vụ | Sở Giáo dục và Đào tạo | Tháng 4/2020
2 | Tự đánh giá | UBND các xã, phường, thị trấn | Hội Khuyến học cấp xã | Quý III/2020
3 | Thẩm định kết quả | UBND các huyện, thị xã, thành phố | Phòng Nội vụ | Trước ngày 15/11/2020
4 | Tuyên truyền | Báo Yên Bái | Đài Phát thanh tỉnh | Thường xuyên
Nơi nhận:
- Các sở, ngành;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Đỗ Đức Duy
"""


def test_a_table_gives_each_row_its_deadline_with_the_tier_of_its_lead_body() -> None:
    deadlines = parsed(TABLE)["deadlines"]
    assert [(d["date"], d["inclusive"], d["level"], d["applies_to"]) for d in deadlines] == [
        ("2020-04", True, "agency", "Ban hành bộ tiêu chí"),
        ("2020-09", True, "commune", "Tự đánh giá"),
        ("2020-11-15", False, "district", "Thẩm định kết quả"),
    ]


def test_a_flattened_table_reads_as_the_table() -> None:
    flat = " ".join(line.strip() for line in TABLE.splitlines() if line.strip())
    assert parsed(flat)["deadlines"] == parsed(TABLE)["deadlines"]
    assert parsed(flat)["tasks"] == parsed(TABLE)["tasks"]


def test_a_subject_wrapped_after_a_function_word_goes_on_under_the_title() -> None:
    text = TABLE.replace(
        'Xây dựng mô hình "Đơn vị học tập" năm 2020',
        "Thực hiện phong trào học tập suốt đời trong\nnăm học 2019 - 2020",
    )
    assert parsed(text)["subject"] == (
        "Thực hiện phong trào học tập suốt đời trong năm học 2019 - 2020"
    )


def test_a_subject_with_a_named_day_is_not_cut_as_a_place_and_date() -> None:
    text = TABLE.replace(
        'Xây dựng mô hình "Đơn vị học tập" năm 2020',
        "Hưởng ứng Ngày Sách Việt Nam, Ngày Quốc tế Lao động 01/5 năm 2020",
    )
    assert parsed(text)["subject"] == (
        "Hưởng ứng Ngày Sách Việt Nam, Ngày Quốc tế Lao động 01/5 năm 2020"
    )


PROSE = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 12/CT-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày 02 tháng 3 năm 2020
CHỈ THỊ
Về việc đẩy mạnh học tập suốt đời
Những năm qua, phong trào học tập suốt đời có nhiều chuyển biến.
Để phát huy kết quả, Chủ tịch UBND tỉnh yêu cầu:
Sở Giáo dục và Đào tạo: chủ trì xây dựng tiêu chí đánh giá, trình UBND tỉnh trước ngày 30/4/2020.
Giao Sở Tài chính bố trí kinh phí thực hiện trong dự toán năm 2020.
Đề nghị Hội Khuyến học tỉnh vận động hội viên tham gia phong trào.
UBND các huyện, thành phố chỉ đạo các xã tổ chức đánh giá, hoàn thành trong quý III/2020.
Phòng Tài chính - Kế hoạch các huyện tham mưu bố trí kinh phí.
Nơi nhận:
- Các sở, ngành;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Đặng Xuân Phong
"""


def test_prose_tasks_of_a_flattened_document_are_those_of_its_layout() -> None:
    normal = parsed(PROSE)
    assert [t["agency"] for t in normal["tasks"]] == [
        "Sở Giáo dục và Đào tạo",
        "Sở Tài chính",
        "Hội Khuyến học tỉnh",
        "UBND các huyện, thành phố",
        "Phòng Tài chính - Kế hoạch các huyện",
    ]
    flat = parsed(" ".join(line.strip() for line in PROSE.splitlines() if line.strip()))
    assert flat["tasks"] == normal["tasks"]
    assert flat["deadlines"] == normal["deadlines"]
    assert flat["subject"] == normal["subject"] == "đẩy mạnh học tập suốt đời"


PLAN_HEAD = """ỦY BAN NHÂN DÂN TỈNH BẮC KẠN
Số: 40/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Kạn, ngày 06 tháng 4 năm 2020
KẾ HOẠCH
Thực hiện phong trào "Gia đình học tập" năm 2020
Căn cứ tình hình thực tế, UBND tỉnh ban hành Kế hoạch như sau:
1. UBND các huyện, thành phố
- Tổ chức tổng kết cấp huyện; lựa chọn 02 tập thể và 01 cá nhân tiêu biểu đề nghị UBND tỉnh \
khen thưởng.
"""


def test_a_subject_that_opens_like_a_body_sentence_is_read_in_nfc_and_nfd() -> None:
    import unicodedata

    text = PLAN_HEAD + TAIL
    for form in ("NFC", "NFD"):
        data = parsed(unicodedata.normalize(form, text))
        assert data["subject"] == 'Thực hiện phong trào "Gia đình học tập" năm 2020'


def test_a_quota_in_a_bullet_that_opens_with_a_verb_is_the_headings_body() -> None:
    quotas = parsed(PLAN_HEAD + TAIL)["quotas"]
    assert quotas == [
        {
            "who": "UBND các huyện, thành phố",
            "individuals": 1,
            "collectives": 2,
            "for": "đề nghị UBND tỉnh khen thưởng",
        }
    ]


def test_a_wrapped_vv_line_is_no_level_of_the_issuer() -> None:
    text = HEAD.replace(
        "V/v tổng kết công tác xây dựng xã hội học tập",
        "V/v hướng dẫn đánh giá\nTrung tâm học tập cộng đồng năm 2019",
    )
    data = parsed(text)
    assert data["issuer"] == "UBND TỈNH PHÚ THỌ / SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert data["subject"] == "hướng dẫn đánh giá Trung tâm học tập cộng đồng năm 2019"


def test_closing_columns_met_on_one_line_and_a_capacity_parted_by_a_slash() -> None:
    text = (
        HEAD
        + "Nơi nhận:\tKT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC\n- Như trên;\n- Lưu: VT.\t(Đã ký)\n\tLê Văn Tâm\n"
    )
    data = parsed(text)
    assert data["cc"] == ["Như trên", "Lưu: VT"]
    assert data["signer"]["capacity"] == "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"
    assert data["signer"]["name"] == "Lê Văn Tâm"


def test_the_invitation_sentence_is_no_addressee() -> None:
    text = HEAD.replace(
        "Kính gửi: Phòng Giáo dục và Đào tạo các huyện, thành phố, thị xã.\n",
        "Kính gửi:\nTrưởng phòng Giáo dục và Đào tạo các huyện\nCác thành viên Ban Chỉ đạo tỉnh\n"
        "Sở Giáo dục và Đào tạo trân trọng kính mời các đồng chí dự Hội nghị sơ kết năm học.\n",
    )
    assert parsed(text)["recipients"] == [
        "Trưởng phòng Giáo dục và Đào tạo các huyện",
        "Các thành viên Ban Chỉ đạo tỉnh",
    ]


def test_a_flat_signature_for_a_collective_body_parts_the_position() -> None:
    flat = " ".join(
        (HEAD + "Nơi nhận: - Như trên; - Lưu: VT. TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Lê Văn Tâm").split()
    )
    assert parsed(flat)["signer"]["capacity"] == "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"
