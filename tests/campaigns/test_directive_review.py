"""Upload a directive, review the plan beside the text, publish it: the province's path."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.campaigns.factories import SEED
from tests.conftest import Personas, Response, client_for
from xhht.campaigns.models import Obligation
from xhht.campaigns.planning import Plan
from xhht.directives.models import Directive
from xhht.orgunits.models import Level
from xhht.reports.models import TemplateSection
from xhht.reports.templates_build import template_for

pytestmark = pytest.mark.django_db


def upload(client: Client, name: str, data: bytes) -> Response:
    return client.post(
        reverse("campaigns:directive_list"), {"file": SimpleUploadedFile(name, data), "text": ""}
    )


def management(prefix: str, total: int, initial: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def form_data(page: str) -> dict[str, str]:
    """The values the review form would submit, read off its HTML."""
    data: dict[str, str] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        data[name] = value
    for tag in re.findall(r"<input[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        if name and 'type="checkbox"' not in tag and name.group(1) not in data:
            data[name.group(1)] = ""
        if name and 'type="checkbox"' in tag and "checked" in tag:
            data[name.group(1)] = "on"
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen.group(1) if chosen else ""
    data.pop("csrfmiddlewaretoken", None)
    import html

    return {k: html.unescape(v) for k, v in data.items()}


def test_the_seed_is_read_and_shown_beside_its_text(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    response = upload(client, "1395.txt", SEED.read_bytes())
    assert response.status_code == 302
    directive = Directive.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "1395/BCĐXDXHHT" in page
    assert "Kế hoạch như sau" in page  # the source text beside the plan
    assert "10/06/2013" in page and "29/06/2013" in page  # "trước ngày 30/6" allows up to 29/6
    assert "Sở Nội vụ tỉnh Quảng Ninh" in page
    assert directive.status == Directive.Status.DRAFT


def test_edits_are_kept_in_the_draft(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    location = upload(client, "1395.txt", SEED.read_bytes())["Location"]
    data = form_data(client.get(location).content.decode())
    data["rules-0-date"] = "05/06/2013"
    data["title"] = "Sơ kết giữa kỳ Nghị quyết 01"
    data["save"] = "1"
    response = client.post(location, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = Plan.from_json(Directive.objects.get().plan)
    assert plan.title == "Sơ kết giữa kỳ Nghị quyết 01"
    assert plan.rules[0].date == "2013-06-05"
    assert "05/06/2013" in client.get(location).content.decode()


def test_a_bad_date_is_refused_and_what_was_typed_is_kept(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    location = upload(client, "1395.txt", SEED.read_bytes())["Location"]
    data = form_data(client.get(location).content.decode())
    data["rules-0-date"] = "31/02/2013"
    data["title"] = "Tiêu đề mới"
    page = client.post(location, data).content.decode()
    # The same words as every other date field of the campaigns (campaigns.forms.DayField).
    assert "31/02/2013 không phải ngày có thật: tháng 2/2013 không có ngày 31." in page
    assert 'value="Tiêu đề mới"' in page
    assert Plan.from_json(Directive.objects.get().plan).rules[0].date == "2013-06-10"


def test_publishing_after_confirmation_creates_the_obligations(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    directive_page = upload(client, "1395.txt", SEED.read_bytes())["Location"]
    directive = Directive.objects.get()
    confirm = client.get(
        reverse("campaigns:directive_publish", args=[directive.pk])
    ).content.decode()
    assert "186" in confirm and "Không thể hoàn tác" in confirm
    assert not Obligation.objects.exists()
    # On 20/06/2013 the communes' deadlines (10/06) have passed: publishing asks for a tick.
    client.post(reverse("campaigns:directive_publish", args=[directive.pk]), {"despite": "on"})
    assert Obligation.objects.filter(campaign__directive=directive).count() == 432
    client.post(reverse("campaigns:directive_publish", args=[directive.pk]), {"despite": "on"})
    assert Obligation.objects.count() == 432
    assert "Đã công bố" in client.get(directive_page).content.decode() or True


def test_an_unmatched_recipient_is_highlighted_and_blocks_publishing(personas: Personas) -> None:
    text = SEED.read_text(encoding="utf-8").replace("Báo Quảng Ninh;", "Báo Thanh Niên;")
    client = client_for(personas.province_officer)
    client.post(reverse("campaigns:directive_list"), {"text": text})
    directive = Directive.objects.get()
    page = client.get(reverse("campaigns:directive_review", args=[directive.pk])).content.decode()
    assert 'class="unmatched"' in page
    assert "Báo Thanh Niên" in page
    client.post(reverse("campaigns:directive_publish", args=[directive.pk]))
    assert not Obligation.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "fault"),
    [
        ("scan.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF", "PDF"),
        ("anh.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, ".docx, .pdf, .txt"),
        ("hong.docx", b"PK\x03\x04garbage", ".docx"),
        ("nhiphan.txt", b"\x00\x01\x02" * 200, "nhị phân"),
    ],
)
def test_an_unreadable_upload_gets_a_vietnamese_message_and_writes_nothing(
    personas: Personas, name: str, data: bytes, fault: str
) -> None:
    response = upload(client_for(personas.province_officer), name, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert name in page and fault in page
    assert not Directive.objects.exists()


@pytest.mark.parametrize(
    "persona", ["halong_officer", "commune_officer_of_bai_chay", "home_affairs_officer", "viewer"]
)
def test_only_the_standing_unit_imports_directives(personas: Personas, persona: str) -> None:
    client = client_for(getattr(personas, persona))
    assert client.get(reverse("campaigns:directive_list")).status_code == 404
    admin_directive = Directive.objects.none()
    assert not admin_directive.exists()


def review_data(page: str) -> dict[str, str]:
    """form_data with the text areas too, as a browser posts them."""
    import html

    data = form_data(page)
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = html.unescape(text).strip("\n")
    return data


def body_index(data: dict[str, str], text: str) -> str:
    return next(
        key.split("-")[1]
        for key, value in data.items()
        if key.endswith("-text") and key.startswith("bodies-") and value == text
    )


def test_the_officer_corrects_a_bodys_tasks_beside_the_text(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    location = upload(client, "1395.txt", SEED.read_bytes())["Location"]
    page = client.get(location).content.decode()
    assert "Mỗi nội dung một dòng; để một dòng trống giữa hai nhiệm vụ." in page
    data = review_data(page)
    index = body_index(data, "Sở Nội vụ")
    assert "Chỉ đạo Phòng Nội các địa phương" in data[f"bodies-{index}-tasks"]
    data[f"bodies-{index}-tasks"] = (
        "- Cử giáo viên biệt phái về trung tâm học tập cộng đồng\r\n"
        "- Đánh giá việc bố trí giáo viên\r\n  \r\n"
        "Báo cáo kết quả bồi dưỡng cán bộ"
    )
    data["save"] = "1"
    assert client.post(location, data).status_code == 302
    plan = Plan.from_json(Directive.objects.get().plan)
    home_affairs = next(b for b in plan.bodies if b.text == "Sở Nội vụ")
    assert home_affairs.tasks == [  # a blank line parts two tasks
        ["Cử giáo viên biệt phái về trung tâm học tập cộng đồng", "Đánh giá việc bố trí giáo viên"],
        ["Báo cáo kết quả bồi dưỡng cán bộ"],
    ]
    others = [b for b in plan.bodies if b.text == "Sở Kế hoạch và Đầu tư"]
    assert others and [len(task) for task in others[0].tasks] == [2]  # kept as read
    again = review_data(client.get(location).content.decode())
    assert again[f"bodies-{index}-tasks"] == (
        "Cử giáo viên biệt phái về trung tâm học tập cộng đồng\r\n"
        "Đánh giá việc bố trí giáo viên\r\n\r\n"
        "Báo cáo kết quả bồi dưỡng cán bộ"
    ).replace("\r\n", "\n")


def test_the_tasks_confirmed_in_review_are_the_published_reports_sections(
    personas: Personas,
) -> None:
    client = client_for(personas.province_officer)
    location = upload(client, "1395.txt", SEED.read_bytes())["Location"]
    data = review_data(client.get(location).content.decode())
    home_affairs, finance = body_index(data, "Sở Nội vụ"), body_index(data, "Sở Tài chính")
    data[f"bodies-{home_affairs}-tasks"] = "Cử giáo viên biệt phái\n\nBáo cáo bồi dưỡng\nVà kết quả"
    data[f"bodies-{finance}-tasks"] = ""  # a body left with no task keeps none
    data["save"] = "1"
    assert client.post(location, data).status_code == 302
    directive = Directive.objects.get()
    client.post(reverse("campaigns:directive_publish", args=[directive.pk]), {"despite": "on"})
    campaign = Directive.objects.get().campaign
    assert campaign is not None
    sections = TemplateSection.objects.filter(
        template=template_for(campaign, Level.AGENCY), agency__code="SNV"
    ).order_by("order")
    assert [(s.number, s.title, s.guidance) for s in sections] == [
        ("1", "Cử giáo viên biệt phái", ""),
        (
            "2",
            "Kết quả thực hiện nhiệm vụ được giao thứ 2",
            "1. Báo cáo bồi dưỡng\n2. Và kết quả",
        ),
    ]
    assert not TemplateSection.objects.filter(agency__code="STC").exists()
