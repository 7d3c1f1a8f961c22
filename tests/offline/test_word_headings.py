"""Headings in an uploaded Word form: typed by hand as bold or numbered paragraphs, shown
in the preview only when they say something else, and an agency's form numbered
throughout."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from docx import Document

from tests.conftest import Personas, client_for
from tests.offline.test_word import (
    BAI_CHAY,
    as_upload,
    confirm_url,
    download,
    headings,
    paragraph_after,
)
from tests.reports.factories import report_obligation, seed_campaign
from xhht.offline.word import _Block, split_upload
from xhht.reports.editing import report_open
from xhht.reports.models import SectionText

pytestmark = pytest.mark.django_db


def as_plain_bold(paragraph: Any, text: str) -> None:
    """What a user does who types a heading: Normal style, bold runs."""
    paragraph.style = paragraph.part.document.styles["Normal"]
    paragraph.text = text
    for run in paragraph.runs:
        run.bold = True


def heading_paragraph(doc: Any, starts: str) -> Any:
    return next(p for p in doc.paragraphs if p.text.startswith(starts))


def saved_texts() -> dict[str, str]:
    return {t.section.number: t.text for t in SectionText.objects.select_related("section")}


def test_headings_typed_as_bold_or_numbered_paragraphs_open_their_sections(
    personas: Personas,
) -> None:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = download(client, obligation.pk)
    paragraph_after(doc, "1. ").text = "Kết quả chung."
    paragraph_after(doc, "1. ").insert_paragraph_before("1. Mở thêm 5 lớp xóa mù chữ.")
    bold_note = paragraph_after(doc, "1. ").insert_paragraph_before("Kết quả nổi bật:")
    bold_note.runs[0].bold = True  # bold, but no section's title: text, kept bold
    as_plain_bold(heading_paragraph(doc, "2. "), "II. NHỮNG TỒN TẠI CẦN KHẮC PHỤC")
    paragraph_after(doc, "II. ").text = "Thiếu kinh phí."
    as_plain_bold(heading_paragraph(doc, "3. "), "3. Nguyên nhân và bài học kinh nghiệm")
    paragraph_after(doc, "3. Nguyên").text = "Thiếu cán bộ."
    target = heading_paragraph(doc, "4.1. ")
    target.style = doc.styles["Normal"]
    target.text = "4.1 Cac muc tieu"  # typed without accents, not bold
    paragraph_after(doc, "4.1 ").text = "Mục tiêu 2015."
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    preview = client.get(response["Location"])
    rows = {row.section.number: row for row in preview.context["rows"]}
    assert rows["2"].heading == ""  # the same title, in capitals and numbered II.
    assert rows["3"].heading == "3. Nguyên nhân và bài học kinh nghiệm"
    assert rows["5"].heading == "" and rows["1"].heading == ""  # the form's own headings
    assert preview.context["pieces"] == []
    assert client.post(confirm_url(response["Location"])).status_code == 302
    assert saved_texts() == {
        "1": "**Kết quả nổi bật:**\n1. Mở thêm 5 lớp xóa mù chữ.\nKết quả chung.",
        "2": "Thiếu kinh phí.",
        "3": "Thiếu cán bộ.",
        "4.1": "Mục tiêu 2015.",
    }


def test_plain_text_that_looks_like_a_heading_but_matches_none_stays_text(
    personas: Personas,
) -> None:
    report = report_open(obligation=report_obligation(seed_campaign(), BAI_CHAY), user=None)
    sections = list(report.template.sections.order_by("order"))
    by_number = {s.number: s.pk for s in sections}
    blocks = [
        _Block("1. Kết quả thực hiện", True),
        _Block("1. Công tác tuyên truyền", False),  # a numbered list in the text
        _Block("2. Những khó khăn", False),  # the number of section 2, a title half like it
        _Block("3. Các chỉ tiêu chủ yếu", False),
        _Block("Các giải pháp về kinh phí", False, bold=True),  # bold, close to 4.3's title
        _Block("Những tồn tại cần khắc phục", True),
        _Block("a) Về kinh phí", False),  # numbered, no section
        _Block("Còn thiếu.", False),
        _Block("GHI CHÚ", False, bold=True),  # bold, no section
        _Block("Xem phụ lục.", False),
        _Block("b) nguyen nhan, bai hoc kinh nghiem", False),  # numbered, a section
        _Block("Bài học.", False),
    ]
    split = split_upload(blocks, sections, [])
    assert split.texts == {
        by_number["1"]: "1. Công tác tuyên truyền\n2. Những khó khăn\n3. Các chỉ tiêu chủ yếu"
        "\nCác giải pháp về kinh phí",
        by_number["2"]: "a) Về kinh phí\nCòn thiếu.\nGHI CHÚ\nXem phụ lục.",
        by_number["3"]: "Bài học.",
    }
    assert split.pieces == []


def test_an_agencys_form_numbers_its_tasks_and_its_closing_sections(
    personas: Personas,
) -> None:
    obligation = report_obligation(seed_campaign(), "SNV")
    client = client_for(personas.home_affairs_officer)
    doc = download(client, obligation.pk)
    found = [text for _style, text in headings(doc)]
    assert [text.split(" ", 1)[0] for text in found] == ["1.", "2.", "3."]
    assert found[1:] == ["2. Những tồn tại cần khắc phục", "3. Đề xuất, kiến nghị"]
    paragraph_after(doc, "3. ").text = "Đề nghị bổ sung biên chế."
    paragraph_after(doc, "2. ").text = "Chưa đủ giáo viên biệt phái."
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    preview = client.get(response["Location"])
    assert [row.number for row in preview.context["rows"]] == ["1", "2", "3"]
    assert all(row.heading == "" for row in preview.context["rows"])
    assert client.post(confirm_url(response["Location"])).status_code == 302
    saved = {t.section.title: t.text for t in SectionText.objects.select_related("section")}
    assert saved == {
        "Những tồn tại cần khắc phục": "Chưa đủ giáo viên biệt phái.",
        "Đề xuất, kiến nghị": "Đề nghị bổ sung biên chế.",
    }
    assert {t.section.agency_id for t in SectionText.objects.select_related("section")} == {None}


def test_a_heading_style_kept_by_a_hand_made_document_is_read(personas: Personas) -> None:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = Document()
    para = doc.add_paragraph()
    para.add_run("5. CÁC ĐỀ XUẤT, ").bold = True
    para.add_run("KIẾN NGHỊ").bold = True  # bold in two runs
    doc.add_paragraph("Đề nghị tỉnh hỗ trợ.")
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    client.post(confirm_url(response["Location"]))
    assert saved_texts() == {"5": "Đề nghị tỉnh hỗ trợ."}
