"""The demo's commendations and conference papers: what each district put forward to the
province and how far the province got with it; the papers proposed to its conference.

All of it goes through the awards services, on the day the one clock stands on: the
districts that send do so before the nominations' last day (29/06/2013) when the demo
stands on 20/06/2013. Names are invented; every summary says it is demo data.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from xhht.awards.models import Field, Kind, PaperKind, PaperState, Sex
from xhht.awards.papers import PaperInput, paper_decide, paper_propose
from xhht.awards.services import (
    NominationInput,
    nomination_accept,
    nomination_create,
    nomination_return,
    nominations_send,
)
from xhht.campaigns import attachments
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.orgunits.models import OrgUnit


def _individual(
    name: str, sex: str, year: int, position: str, workplace: str, field: str, done: str
) -> NominationInput:
    return NominationInput(
        kind=Kind.INDIVIDUAL,
        name=name,
        sex=sex,
        birth_year=year,
        position=position,
        workplace=workplace,
        field=field,
        achievements=done,
    )


def _collective(name: str, workplace: str, field: str, done: str) -> NominationInput:
    return NominationInput(
        kind=Kind.COLLECTIVE, name=name, workplace=workplace, field=field, achievements=done
    )


@dataclass(frozen=True)
class Sending:
    """What one district does with its quota of 2 individuals and 2 collectives: enters
    `nominations`; sends them (with `note` when fewer than the quota) unless `draft`; the
    province accepts them when `accepted`, except the first, returned when `returned`."""

    code: str
    nominations: tuple[NominationInput, ...]
    note: str = ""
    draft: bool = False
    accepted: bool = True
    returned: str = ""


F, M = Sex.FEMALE, Sex.MALE

SENDINGS = (
    Sending(  # complete, accepted
        "193",
        (
            _individual(
                "Nguyễn Thị Thanh Hương",
                F,
                1968,
                "Chủ tịch Hội Khuyến học phường Hồng Hải",
                "Phường Hồng Hải, thành phố Hạ Long",
                Field.FAMILY,
                "Vận động 1.250 hộ đăng ký, 1.012 hộ đạt danh hiệu Gia đình học tập năm 2012; "
                "quỹ khuyến học của phường đạt 320 triệu đồng.",
            ),
            _individual(
                "Trần Văn Long",
                M,
                1961,
                "Giám đốc Trung tâm học tập cộng đồng phường Bãi Cháy",
                "Phường Bãi Cháy, thành phố Hạ Long",
                Field.CENTRE,
                "Mở 46 lớp chuyên đề kỹ năng du lịch và ngoại ngữ giao tiếp cho 2.300 lượt "
                "người lao động ngành dịch vụ.",
            ),
            _collective(
                "Trung tâm học tập cộng đồng phường Hồng Hà",
                "Phường Hồng Hà, thành phố Hạ Long",
                Field.CENTRE,
                "Hoạt động thường xuyên; 85% người trong độ tuổi lao động học ít nhất một "
                "chuyên đề mỗi năm.",
            ),
            _collective(
                "Dòng họ Vũ phường Hà Khẩu",
                "Phường Hà Khẩu, thành phố Hạ Long",
                Field.FAMILY,
                "Dòng họ học tập ba năm liền; quỹ khuyến học dòng họ khen thưởng 120 lượt con "
                "cháu học giỏi.",
            ),
        ),
    ),
    Sending(  # complete, accepted
        "196",
        (
            _individual(
                "Phạm Thị Thu Hằng",
                F,
                1975,
                "Hiệu trưởng Trường Tiểu học Quang Trung",
                "Phường Quang Trung, thành phố Uông Bí",
                Field.LITERACY,
                "Duy trì 100% trẻ sáu tuổi vào lớp 1; mở lớp xóa mù chữ cho 57 người ở thôn "
                "vùng cao.",
            ),
            _individual(
                "Lê Văn Thịnh",
                M,
                1952,
                "Trưởng dòng họ Lê thôn Nam Mẫu",
                "Xã Thượng Yên Công, thành phố Uông Bí",
                Field.FAMILY,
                "Xây dựng dòng họ học tập, không có con cháu bỏ học; vận động 30 hộ tham gia "
                "học nghề trồng rừng.",
            ),
            _collective(
                "Hội Khuyến học phường Vàng Danh",
                "Phường Vàng Danh, thành phố Uông Bí",
                Field.PROMOTION,
                "Phát triển 2.100 hội viên; trao 450 suất học bổng cho con em thợ mỏ.",
            ),
            _collective(
                "Công ty cổ phần Than Vàng Danh – Vinacomin",
                "Phường Vàng Danh, thành phố Uông Bí",
                Field.ORGANISATION,
                "Đơn vị học tập: 1.800 lượt công nhân được đào tạo lại, nâng bậc thợ trong "
                "năm 2012.",
            ),
        ),
    ),
    Sending(  # complete, accepted
        "205",
        (
            _individual(
                "Đỗ Văn Hải",
                M,
                1958,
                "Chủ tịch Hội Khuyến học xã Yên Đức",
                "Xã Yên Đức, huyện Đông Triều",
                Field.PROMOTION,
                "100% thôn có chi hội khuyến học; quỹ khuyến học xã tăng gấp đôi sau hai năm.",
            ),
            _individual(
                "Ngô Thị Lý",
                F,
                1980,
                "Giáo viên Trung tâm Giáo dục thường xuyên huyện Đông Triều",
                "Huyện Đông Triều",
                Field.CONTINUING,
                "Dạy bổ túc và tin học cho 320 học viên là công nhân mỏ và nông dân.",
            ),
            _collective(
                "Trung tâm học tập cộng đồng xã Tràng An",
                "Xã Tràng An, huyện Đông Triều",
                Field.CENTRE,
                "Tổ chức 38 chuyên đề chăn nuôi, trồng trọt cho 2.600 lượt nông dân.",
            ),
            _collective(
                "Hội Nông dân huyện Đông Triều",
                "Huyện Đông Triều",
                Field.OUTREACH,
                "Phối hợp mở 28 lớp tập huấn khoa học kỹ thuật; tuyên truyền học tập suốt đời "
                "trên đài truyền thanh các xã.",
            ),
        ),
    ),
    Sending(  # complete, one returned to complete its file
        "194",
        (
            _individual(
                "Vi Thị Hồng",
                F,
                1978,
                "Công chức văn hóa – xã hội xã Hải Sơn",
                "Xã Hải Sơn, thành phố Móng Cái",
                Field.LITERACY,
                "Vận động 64 người Dao trong độ tuổi đi học lớp xóa mù chữ.",
            ),
            _individual(
                "Đặng Văn Quý",
                M,
                1963,
                "Chủ nhiệm Câu lạc bộ khuyến học, khuyến tài phường Trần Phú",
                "Phường Trần Phú, thành phố Móng Cái",
                Field.PROMOTION,
                "Kết nối doanh nghiệp cửa khẩu trao 200 suất học bổng cho học sinh nghèo.",
            ),
            _collective(
                "Trung tâm học tập cộng đồng xã Vĩnh Trung",
                "Xã Vĩnh Trung, thành phố Móng Cái",
                Field.CENTRE,
                "Trung tâm của xã đảo: lớp nuôi trồng thủy sản và tiếng Trung giao tiếp.",
            ),
            _collective(
                "Hội Khuyến học thành phố Móng Cái",
                "Thành phố Móng Cái",
                Field.PROMOTION,
                "17/17 xã, phường có hội khuyến học; mô hình khuyến học vùng biên giới.",
            ),
        ),
        returned="Đề nghị bổ sung bản tóm tắt thành tích có xác nhận của UBND xã Hải Sơn, "
        "ghi rõ số người đã được công nhận biết chữ.",
    ),
    Sending(  # complete, not yet reviewed
        "195",
        (
            _individual(
                "Bùi Thị Ngọc Anh",
                F,
                1972,
                "Phó Chủ tịch UBND phường Cẩm Trung",
                "Phường Cẩm Trung, thành phố Cẩm Phả",
                Field.STEERING,
                "Chỉ đạo 100% khu phố đạt khu dân cư học tập; phường dẫn đầu thành phố hai năm.",
            ),
            _individual(
                "Hoàng Văn Tuấn",
                M,
                1965,
                "Tổ trưởng sản xuất, Công ty Than Mông Dương – Vinacomin",
                "Phường Mông Dương, thành phố Cẩm Phả",
                Field.CONTINUING,
                "Tự học hoàn thành trung cấp mỏ; kèm cặp 40 thợ lò trẻ nâng bậc.",
            ),
            _collective(
                "Trung tâm học tập cộng đồng phường Cẩm Sơn",
                "Phường Cẩm Sơn, thành phố Cẩm Phả",
                Field.CENTRE,
                "Lớp kỹ năng sống và phòng chống tệ nạn cho 900 lượt thanh thiếu niên.",
            ),
            _collective(
                "Hội Khuyến học phường Cẩm Tây",
                "Phường Cẩm Tây, thành phố Cẩm Phả",
                Field.PROMOTION,
                "Xây dựng 12 dòng họ và 1.400 gia đình học tập.",
            ),
        ),
        accepted=False,
    ),
    Sending(  # partial, with a note, accepted
        "199",
        (
            _individual(
                "Lý Văn Sơn",
                M,
                1970,
                "Trưởng thôn Khe Lặc",
                "Xã Đại Dực, huyện Tiên Yên",
                Field.OUTREACH,
                "Vận động đồng bào Dao Thanh Y đưa 100% trẻ trong độ tuổi đến trường.",
            ),
            _collective(
                "Trung tâm học tập cộng đồng thị trấn Tiên Yên",
                "Thị trấn Tiên Yên, huyện Tiên Yên",
                Field.CENTRE,
                "Duy trì 24 chuyên đề mỗi năm; thư viện cộng đồng mở cửa hằng ngày.",
            ),
        ),
        note="Năm 2012 huyện có 01 cá nhân và 01 tập thể đạt tiêu chuẩn theo quy định của "
        "Ban chỉ đạo huyện.",
    ),
    Sending(  # partial, with a note, not yet reviewed
        "207",
        (
            _collective(
                "Trung tâm học tập cộng đồng xã Thanh Lân",
                "Xã Thanh Lân, huyện Cô Tô",
                Field.CENTRE,
                "Lớp nghề đánh bắt xa bờ và sơ cứu trên biển cho 350 lượt ngư dân.",
            ),
        ),
        note="Huyện đảo có 03 đơn vị cấp xã; Ban chỉ đạo huyện đề xuất 01 tập thể tiêu biểu.",
        accepted=False,
    ),
    Sending(  # entered, not sent yet
        "206",
        (
            _individual(
                "Nguyễn Văn Phúc",
                M,
                1966,
                "Chủ tịch Hội Khuyến học xã Tiền An",
                "Xã Tiền An, thị xã Quảng Yên",
                Field.PROMOTION,
                "Vận động xây dựng quỹ khuyến học thôn ở 8/8 thôn.",
            ),
        ),
        draft=True,
    ),
)


@dataclass(frozen=True)
class DemoPaper:
    code: str  # the proposing district
    title: str
    author: str
    kind: str
    author_unit: str
    state: str = PaperState.PROPOSED


# The selected ones in the order of the programme.
PAPERS = (
    DemoPaper(
        "193",
        "Phát huy vai trò Trung tâm học tập cộng đồng trong xây dựng phường học tập",
        "Trung tâm học tập cộng đồng phường Hồng Hà",
        PaperKind.GRASSROOTS,
        "Phường Hồng Hà, thành phố Hạ Long",
        PaperState.SELECTED,
    ),
    DemoPaper(
        "194",
        "Khuyến học, khuyến tài ở vùng biên giới",
        "Hội Khuyến học thành phố Móng Cái",
        PaperKind.COLLECTIVE,
        "Thành phố Móng Cái",
        PaperState.SELECTED,
    ),
    DemoPaper(
        "196",
        "Xây dựng dòng họ học tập ở xã vùng cao Thượng Yên Công",
        "Lê Văn Thịnh",
        PaperKind.INDIVIDUAL,
        "Xã Thượng Yên Công, thành phố Uông Bí",
    ),
    DemoPaper(
        "205",
        "Ngành Giáo dục huyện Đông Triều với công tác xóa mù chữ và phổ cập giáo dục",
        "Phòng Giáo dục và Đào tạo huyện Đông Triều",
        PaperKind.SECTOR,
        "Huyện Đông Triều",
        PaperState.DECLINED,
    ),
)


def _district(campaign: Campaign, code: str) -> OrgUnit:
    """The district with `code` in the campaign's tree (it owes the nominations)."""
    obligation = Obligation.objects.select_related("unit").get(
        campaign=campaign, deliverable=Deliverable.NOMINATION, unit__code=code
    )
    return obligation.unit


def _labelled(data: NominationInput, note: str) -> NominationInput:
    return NominationInput(
        kind=data.kind,
        name=data.name,
        sex=data.sex,
        birth_year=data.birth_year,
        position=data.position,
        workplace=data.workplace,
        field=data.field,
        achievements=f"{data.achievements} {note}",
    )


def _nominate(campaign: Campaign, sending: Sending, note: str) -> None:
    unit = _district(campaign, sending.code)
    entered = [
        nomination_create(campaign=campaign, unit=unit, data=_labelled(data, note), user=None)
        for data in sending.nominations
    ]
    if sending.draft:
        return
    nominations_send(campaign=campaign, unit=unit, note=sending.note, user=None)
    for index, nomination in enumerate(entered):
        if index == 0 and sending.returned:
            nomination_return(nomination=nomination, user=None, reason=sending.returned)
        elif sending.accepted:
            nomination_accept(nomination=nomination, user=None)


def _paper_file(paper: DemoPaper, note: str) -> SimpleUploadedFile:
    """The paper as a small Word document, as a district would attach it."""
    document = Document()
    document.add_heading(paper.title, level=1)
    document.add_paragraph(f"{paper.author} – {paper.author_unit}")
    document.add_paragraph(note)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(
        f"Tham luận – {paper.author}.docx", buffer.getvalue(), content_type=attachments.DOCX
    )


def _propose(campaign: Campaign, paper: DemoPaper, note: str) -> None:
    proposed = paper_propose(
        campaign=campaign,
        unit=_district(campaign, paper.code),
        data=PaperInput(
            author=paper.author, kind=paper.kind, author_unit=paper.author_unit, title=paper.title
        ),
        upload=_paper_file(paper, note),
        user=None,
    )
    if paper.state != PaperState.PROPOSED:
        paper_decide(paper=proposed, state=paper.state, user=None)


def awards_mix(campaign: Campaign, *, note: str) -> None:
    """Districts complete and accepted, complete with one returned, complete awaiting
    review, partial with a note, entered but not sent, and the rest with nothing yet; four
    papers proposed to the province, two of them selected for its programme."""
    for sending in SENDINGS:
        _nominate(campaign, sending, note)
    for paper in PAPERS:
        _propose(campaign, paper, note)
