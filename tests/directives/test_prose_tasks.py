"""Tasks as real documents write them: in prose, for the addressees, in groups and tables.

Every document here is made up, short, in the official layout.
"""

from __future__ import annotations

from typing import Any

from xhht.directives.parser import parse_text

HEAD = """ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN
Số: 321/UBND-KGVX
V/v triển khai xây dựng xã hội học tập năm 2024
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lạng Sơn, ngày 12 tháng 3 năm 2024
Kính gửi:
- Các sở, ban, ngành tỉnh;
- UBND các huyện, thành phố.
"""
FOOT = """Nơi nhận:
- Như trên;
- Lưu: VT, KGVX.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Hoàng Văn Nam
"""


def tasks_of(body: str, head: str = HEAD) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = parse_text(head + body + FOOT).to_dict()["tasks"]
    return tasks


def bodies(tasks: list[dict[str, Any]]) -> list[list[str]]:
    return [t["agencies"] for t in tasks]


def test_duty_sentences_after_an_opening_clause() -> None:
    tasks = tasks_of(
        "Để triển khai có hiệu quả Kế hoạch, Sở Nội vụ có trách nhiệm hướng dẫn các đơn vị "
        "rà soát đội ngũ. Sở Tài chính chủ trì, phối hợp với Sở Kế hoạch và Đầu tư bố trí "
        "kinh phí thực hiện.\n"
    )
    assert [(t["agency"], t["items"]) for t in tasks] == [
        ("Sở Nội vụ", ["hướng dẫn các đơn vị rà soát đội ngũ."]),
        (
            "Sở Tài chính",
            ["chủ trì, phối hợp với Sở Kế hoạch và Đầu tư bố trí kinh phí thực hiện."],
        ),
    ]


def test_giao_and_requests_name_the_body_after_the_word() -> None:
    tasks = tasks_of(
        "Ủy ban nhân dân tỉnh có ý kiến như sau:\n"
        "Giao Sở Giáo dục và Đào tạo chủ trì tham mưu tổ chức Tuần lễ học tập suốt đời.\n"
        "Giao Sở Văn hóa, Thể thao và Du lịch hướng dẫn xây dựng thư viện cộng đồng.\n"
        "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp tuyên truyền, vận động.\n"
        "UBND tỉnh yêu cầu UBND các huyện, thành phố khẩn trương kiện toàn Ban Chỉ đạo.\n"
    )
    assert [t["agency"] for t in tasks] == [
        "Sở Giáo dục và Đào tạo",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "UBND các huyện, thành phố",
    ]
    assert tasks[0]["items"] == ["chủ trì tham mưu tổ chức Tuần lễ học tập suốt đời."]
    assert tasks[3]["items"] == ["khẩn trương kiện toàn Ban Chỉ đạo."]


def test_body_and_colon_opening_a_paragraph_or_a_bullet() -> None:
    tasks = tasks_of(
        "Để thực hiện tốt các nội dung trên, các cơ quan thực hiện như sau:\n"
        "- Sở Tài chính: bố trí kinh phí theo quy định.\n"
        "- Báo Lạng Sơn, Đài Phát thanh và Truyền hình tỉnh: đưa tin về các hoạt động.\n"
        "Sở Thông tin và Truyền thông: hướng dẫn tuyên truyền trên hệ thống thông tin cơ sở.\n"
    )
    assert bodies(tasks) == [
        ["Sở Tài chính"],
        ["Báo Lạng Sơn", "Đài Phát thanh và Truyền hình tỉnh"],
        ["Sở Thông tin và Truyền thông"],
    ]
    assert tasks[0]["items"] == ["bố trí kinh phí theo quy định."]


NOTICE_HEAD = """VĂN PHÒNG CHÍNH PHỦ
Số: 88/TB-VPCP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 20 tháng 5 năm 2024
THÔNG BÁO
Kết luận của Phó Thủ tướng tại cuộc họp về xây dựng xã hội học tập
Ngày 10 tháng 5 năm 2024, Phó Thủ tướng đã chủ trì cuộc họp. Sau khi nghe báo cáo, \
Phó Thủ tướng kết luận như sau:
"""


def test_a_leaders_conclusions_in_a_notice() -> None:
    tasks = tasks_of(
        "1. Về hoàn thiện thể chế\n"
        "Bộ Giáo dục và Đào tạo khẩn trương hoàn thiện dự thảo Quyết định, trình Thủ tướng "
        "Chính phủ trong tháng 6 năm 2024.\n"
        "2. Về tổ chức bộ máy\n"
        "Bộ trưởng Bộ Nội vụ xem xét, quyết định theo thẩm quyền việc bố trí biên chế.\n"
        "Bộ Giáo dục và Đào tạo phối hợp với Bộ Tài chính đề xuất cơ chế tài chính.\n",
        NOTICE_HEAD,
    )
    assert [(t["agency"], t["agencies"]) for t in tasks] == [
        ("Bộ Giáo dục và Đào tạo", ["Bộ Giáo dục và Đào tạo"]),
        ("Bộ trưởng Bộ Nội vụ", ["Bộ Nội vụ"]),
    ]
    # the same body named twice: one task, its items in the order of the text
    assert tasks[0]["items"] == [
        "khẩn trương hoàn thiện dự thảo Quyết định, trình Thủ tướng Chính phủ trong tháng 6 "
        "năm 2024.",
        "phối hợp với Bộ Tài chính đề xuất cơ chế tài chính.",
    ]
    assert tasks[1]["items"] == ["xem xét, quyết định theo thẩm quyền việc bố trí biên chế."]


MINISTRY_HEAD = """BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 1500/BGDĐT-GDTX
V/v tổ chức Tuần lễ hưởng ứng học tập suốt đời năm 2024
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 02 tháng 8 năm 2024
Kính gửi: Sở Giáo dục và Đào tạo các tỉnh, thành phố trực thuộc trung ương
Thực hiện Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ, Bộ Giáo dục và \
Đào tạo đề nghị các Sở thực hiện:
"""


def test_a_letter_asks_its_addressees_to_act() -> None:
    tasks = tasks_of(
        "1. Xây dựng kế hoạch tổ chức Tuần lễ tại địa phương.\n"
        "- Lồng ghép với các hoạt động của năm học.\n"
        "2. Báo cáo kết quả về Bộ trước ngày 30/10/2024.\n",
        MINISTRY_HEAD,
    )
    assert tasks == [
        {
            "agency": "các Sở",
            "agencies": ["Sở Giáo dục và Đào tạo các tỉnh, thành phố trực thuộc trung ương"],
            "items": [
                "Xây dựng kế hoạch tổ chức Tuần lễ tại địa phương.",
                "Báo cáo kết quả về Bộ trước ngày 30/10/2024.",
            ],
        }
    ]


def test_a_request_to_the_addressees_chooses_those_of_its_kind() -> None:
    head = HEAD.replace("- Các sở, ban, ngành tỉnh;", "- Phòng Văn hóa và Thông tin các huyện;")
    tasks = tasks_of("Đề nghị các phòng thực hiện các nội dung sau:\n- Rà soát số liệu.\n", head)
    assert tasks == [
        {
            "agency": "các phòng",
            "agencies": ["Phòng Văn hóa và Thông tin các huyện"],
            "items": ["Rà soát số liệu."],
        }
    ]


def test_groups_of_bodies() -> None:
    tasks = tasks_of(
        "1. Các bộ, ngành, đoàn thể ở trung ương; Ủy ban nhân dân các tỉnh, thành phố trực "
        "thuộc trung ương\n"
        "- Quán triệt, triển khai Kế hoạch trong phạm vi quản lý.\n"
        "2. Các Sở: Văn hóa, Thể thao và Du lịch, Khoa học và Công nghệ, Y tế\n"
        "- Phối hợp tuyên truyền.\n"
    )
    assert bodies(tasks) == [
        [
            "Các bộ, ngành, đoàn thể ở trung ương",
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        ],
        ["Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Y tế"],
    ]


PLAN_HEAD = """UBND TỈNH TUYÊN QUANG
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 45/KH-SGDĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tuyên Quang, ngày 15 tháng 5 năm 2013
KẾ HOẠCH
Triển khai xây dựng xã hội học tập năm 2013
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về học tập suốt đời.
II. TỔ CHỨC THỰC HIỆN
Các đơn vị thực hiện theo phụ lục phân công nhiệm vụ kèm theo./.
"""
TABLE = """PHỤ LỤC
PHÂN CÔNG NHIỆM VỤ
STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
1 | Xây dựng kế hoạch triển khai | Sở GD&ĐT | Sở Tài chính | Tháng 6/2013
2 | Bố trí kinh phí | Sở Tài chính | | Tháng 7/2013
3 | Tổng hợp, báo cáo kết quả | Sở GD&ĐT | Các huyện | Tháng 12/2013
"""


def test_a_table_of_assignments_gives_one_task_per_lead_body() -> None:
    tasks = tasks_of(TABLE, PLAN_HEAD)
    assert tasks == [
        {
            "agency": "Sở GD&ĐT",
            "agencies": ["Sở GD&ĐT"],
            "items": ["Xây dựng kế hoạch triển khai", "Tổng hợp, báo cáo kết quả"],
        },
        {"agency": "Sở Tài chính", "agencies": ["Sở Tài chính"], "items": ["Bố trí kinh phí"]},
    ]


def test_a_table_of_assignments_after_the_signature() -> None:
    text = PLAN_HEAD + FOOT + TABLE
    assert [t["agency"] for t in parse_text(text).to_dict()["tasks"]] == [
        "Sở GD&ĐT",
        "Sở Tài chính",
    ]


def test_a_heading_and_a_sentence_for_the_same_body_merge() -> None:
    tasks = tasks_of(
        "1. Sở Giáo dục và Đào tạo\n"
        "- Hướng dẫn đánh giá các mô hình học tập.\n"
        "2. Sở Tài chính\n"
        "- Bố trí kinh phí.\n"
        "Sở Giáo dục và Đào tạo có trách nhiệm tổng hợp kết quả, báo cáo UBND tỉnh.\n"
    )
    assert [(t["agency"], len(t["items"])) for t in tasks] == [
        ("Sở Giáo dục và Đào tạo", 2),
        ("Sở Tài chính", 1),
    ]


def test_bodies_merely_mentioned_are_no_tasks() -> None:
    tasks = tasks_of(
        "Căn cứ Quyết định số 12/QĐ-UBND ngày 5/1/2024 của UBND tỉnh; theo đề nghị của Sở "
        "Nội vụ tại Tờ trình số 8/TTr-SNV.\n"
        "Năm 2023, Sở Giáo dục và Đào tạo đã chủ trì tổ chức Tuần lễ học tập suốt đời.\n"
        "Mỗi huyện lựa chọn 02 cá nhân để đề nghị UBND tỉnh khen thưởng.\n"
        "Sở Giáo dục và Đào tạo thông báo để các đơn vị biết./.\n"
    )
    assert tasks == []


INVITATION = """SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 12/GM-SGDĐT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Cao Bằng, ngày 3 tháng 4 năm 2024
GIẤY MỜI
Dự hội nghị tổng kết năm học
Sở Giáo dục và Đào tạo trân trọng kính mời đại diện lãnh đạo Phòng GD&ĐT các huyện tới dự.
Thời gian: 8 giờ ngày 10/4/2024. Địa điểm: Hội trường Sở Giáo dục và Đào tạo.
Đề nghị các đồng chí đến dự đúng giờ./.
"""


def test_an_invitation_assigns_nothing() -> None:
    assert parse_text(INVITATION + FOOT).to_dict()["tasks"] == []


def test_bodies_named_on_a_line_of_their_own_over_bullets() -> None:
    tasks = tasks_of(
        "Các Sở: Văn hóa, Thể thao và Du lịch, Khoa học và Công nghệ, Y tế\n"
        "- Phối hợp tuyên truyền về xây dựng xã hội học tập.\n"
        "Hội Khuyến học tỉnh:\n"
        "- Vận động xây dựng gia đình học tập.\n"
        "- Tổng kết phong trào khuyến học.\n"
    )
    assert bodies(tasks) == [
        ["Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Y tế"],
        ["Hội Khuyến học tỉnh"],
    ]
    assert tasks[1]["items"] == [
        "Vận động xây dựng gia đình học tập.",
        "Tổng kết phong trào khuyến học.",
    ]


def test_numbered_conclusions_and_a_qualifier_after_the_bodies() -> None:
    tasks = tasks_of(
        "1. Đánh giá cao Bộ Giáo dục và Đào tạo đã chủ động xây dựng Đề án.\n"
        "2. Bộ Giáo dục và Đào tạo tiếp thu ý kiến các đại biểu, hoàn thiện Đề án.\n"
        "3. Các bộ, ngành, địa phương theo chức năng, nhiệm vụ được giao phối hợp chặt chẽ "
        "với Bộ Giáo dục và Đào tạo.\n"
        "Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện./.\n",
        NOTICE_HEAD,
    )
    assert [(t["agency"], len(t["items"])) for t in tasks] == [
        ("Bộ Giáo dục và Đào tạo", 1),
        ("Các bộ, ngành, địa phương", 1),
    ]
    assert tasks[0]["items"] == ["tiếp thu ý kiến các đại biểu, hoàn thiện Đề án."]


def test_a_head_of_body_is_asked_and_others_are_turned_to_after_the_points() -> None:
    tasks = tasks_of(
        "Sở Giáo dục và Đào tạo yêu cầu Trưởng phòng GD&ĐT các huyện, thành phố triển khai "
        "một số nội dung sau:\n"
        "1. Xây dựng kế hoạch tổ chức Tuần lễ.\n"
        "- Treo băng rôn, khẩu hiệu.\n"
        "2. Báo cáo kết quả về Sở trước ngày 20/10/2024.\n"
        "Đối với các Trung tâm GDNN-GDTX: mở các lớp học theo nhu cầu người học.\n"
        "Trên đây là nội dung triển khai, đề nghị các đơn vị nghiêm túc thực hiện./.\n"
    )
    assert [(t["agency"], t["agencies"]) for t in tasks] == [
        ("Trưởng phòng GD&ĐT các huyện, thành phố", ["Phòng GD&ĐT các huyện, thành phố"]),
        ("các Trung tâm GDNN-GDTX", ["các Trung tâm GDNN-GDTX"]),
    ]
    assert tasks[0]["items"] == [
        "Xây dựng kế hoạch tổ chức Tuần lễ.",
        "Báo cáo kết quả về Sở trước ngày 20/10/2024.",
    ]


DECISION_HEAD = """ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
Số: 55/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bắc Ninh, ngày 10 tháng 2 năm 2022
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch xây dựng xã hội học tập
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Xét đề nghị của Giám đốc Sở Giáo dục và Đào tạo,
QUYẾT ĐỊNH:
"""


def test_a_decision_assigns_by_giao_and_not_by_its_closing_article() -> None:
    tasks = tasks_of(
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xây dựng xã hội học tập.\n"
        "Điều 2. Giao Sở Giáo dục và Đào tạo chủ trì hướng dẫn, kiểm tra việc thực hiện.\n"
        "Điều 3. Quyết định có hiệu lực kể từ ngày ký. Giám đốc Sở Nội vụ, Chủ tịch UBND "
        "các huyện chịu trách nhiệm thi hành Quyết định này./.\n",
        DECISION_HEAD,
    )
    assert bodies(tasks) == [["Sở Giáo dục và Đào tạo"]]


def test_addressees_named_with_courtesy_or_as_comrades() -> None:
    head = HEAD.replace("- Các sở, ban, ngành tỉnh;\n", "")
    tasks = tasks_of(
        "Đề nghị Quý cơ quan quan tâm chỉ đạo các xã tổ chức Tuần lễ.\n"
        "Đề nghị các đồng chí Chủ tịch UBND các huyện, thành phố chỉ đạo báo cáo đúng hạn.\n",
        head,
    )
    # both name the one addressee: one task
    assert tasks == [
        {
            "agency": "Quý cơ quan",
            "agencies": ["UBND các huyện, thành phố"],
            "items": [
                "quan tâm chỉ đạo các xã tổ chức Tuần lễ.",
                "chỉ đạo báo cáo đúng hạn.",
            ],
        }
    ]
    head = HEAD.replace("- UBND các huyện, thành phố.\n", "")
    tasks = tasks_of(
        "Đề nghị các đồng chí Chủ tịch UBND các huyện, thành phố chỉ đạo báo cáo đúng hạn.\n",
        head,
    )
    assert [(t["agency"], t["agencies"]) for t in tasks] == [
        ("Chủ tịch UBND các huyện, thành phố", ["UBND các huyện, thành phố"]),
    ]


def test_a_numbered_request_to_the_addressees_in_a_word() -> None:
    tasks = tasks_of("1. Đề nghị các đơn vị\n- Rà soát số liệu.\n- Gửi báo cáo về Sở.\n")
    assert tasks == [
        {
            "agency": "các đơn vị",
            "agencies": ["Các sở, ban, ngành tỉnh", "UBND các huyện, thành phố"],
            "items": ["Rà soát số liệu.", "Gửi báo cáo về Sở."],
        }
    ]


def test_a_table_whose_columns_say_unit_in_charge() -> None:
    table = (
        "TT | Nhiệm vụ | Cơ quan, đơn vị chủ trì | Thời gian hoàn thành\n"
        "1 | Kiện toàn Ban Chỉ đạo | UBND các huyện | Quý II/2013\n"
        "2 | Tập huấn cán bộ | Sở Nội vụ | Tháng 9/2013\n"
    )
    assert bodies(tasks_of(table, PLAN_HEAD)) == [["UBND các huyện"], ["Sở Nội vụ"]]


def test_a_heading_naming_the_front_and_the_organisations() -> None:
    tasks = tasks_of(
        "1. Đề nghị Ủy ban MTTQ tỉnh và các tổ chức chính trị - xã hội\n"
        "Phối hợp tuyên truyền, vận động hội viên tham gia học tập.\n"
        "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo về Sở "
        "Giáo dục và Đào tạo để tổng hợp./.\n"
    )
    assert tasks == [
        {
            "agency": "Ủy ban MTTQ tỉnh và các tổ chức chính trị - xã hội",
            "agencies": ["Ủy ban MTTQ tỉnh", "các tổ chức chính trị - xã hội"],
            "items": ["Phối hợp tuyên truyền, vận động hội viên tham gia học tập."],
        }
    ]


def test_proposals_sent_upward_are_no_tasks() -> None:
    tasks = tasks_of(
        "1. Kết quả thực hiện\n"
        "Năm 2023, toàn huyện có 25 trung tâm học tập cộng đồng được xếp loại tốt.\n"
        "2. Đề xuất, kiến nghị\n"
        "Đề nghị Sở Giáo dục và Đào tạo quan tâm bố trí kinh phí cho các trung tâm.\n"
    )
    assert tasks == []


def test_two_bodies_in_one_sentence_give_two_tasks() -> None:
    tasks = tasks_of(
        "1. Các Phòng GD&ĐT gửi báo cáo về Sở trước ngày 20/5/2024, các trường THPT và các "
        "TTGDTX gửi chậm nhất ngày 25/5/2024.\n"
        "2. Sở Giáo dục và Đào tạo chủ trì, phối hợp với các Sở, Ban, Ngành liên quan tổng hợp "
        "kết quả.\n"
    )
    assert bodies(tasks) == [
        ["Các Phòng GD&ĐT"],
        ["các trường THPT", "các TTGDTX"],
        ["Sở Giáo dục và Đào tạo"],
    ]
    assert tasks[0]["items"] == ["gửi báo cáo về Sở trước ngày 20/5/2024"]
    assert tasks[1]["items"] == ["gửi chậm nhất ngày 25/5/2024."]


def test_a_department_glued_words_and_the_issuers_own_plans() -> None:
    tasks = tasks_of(
        "1. UBND các phường, xã: xây dựngkế hoạch thực hiện, đăng ký danh hiệu.\n"
        "2. Phòng Văn hóa và Thông tin chỉđạo tuyên truyền trên đài truyền thanh.\n"
        "Ủy ban nhân dân tỉnh giao Vụ Giáo dục thường xuyên chủ trì tổng hợp báo cáo.\n"
        "UBND tỉnh sẽ tổ chức hội nghị tổng kết vào tháng 12/2024.\n"
        "Chỉ thị này có hiệu lực từ ngày ký.\n"
    )
    assert [(t["agency"], t["items"]) for t in tasks] == [
        ("UBND các phường, xã", ["xây dựngkế hoạch thực hiện, đăng ký danh hiệu."]),
        ("Phòng Văn hóa và Thông tin", ["chỉđạo tuyên truyền trên đài truyền thanh."]),
        ("Vụ Giáo dục thường xuyên", ["chủ trì tổng hợp báo cáo."]),
    ]


def test_a_request_to_the_front_and_the_mass_organisations() -> None:
    tasks = tasks_of(
        "Đề nghị Ủy ban MTTQ tỉnh và các đoàn thể tỉnh vận động hội viên tham gia học tập.\n"
    )
    assert bodies(tasks) == [["Ủy ban MTTQ tỉnh", "các đoàn thể tỉnh"]]
