"""The Word form of a report: downloaded in the official layout, written in, uploaded back,
split by heading into sections, previewed, and saved only on confirmation."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import translation
from docx import Document
from docx.shared import Pt

from tests.conftest import Personas, client_for
from tests.reports.factories import report_obligation, seed_campaign
from xhht.audit.models import AuditEntry
from xhht.offline.word import _Block, split_upload
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import SectionText

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are asserted on their English source strings."""
    with translation.override("en"):
        yield


BAI_CHAY = "06673"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def vi(text: str) -> str:
    """`text` as the pages show it: in Vietnamese (the source string while untranslated)."""
    with translation.override("vi"):
        return translation.gettext(text)


def download(client: Any, obligation_pk: int) -> Any:
    response = client.get(reverse("offline:word_download", args=[obligation_pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    return Document(io.BytesIO(response.content))


def as_upload(doc: Any, name: str = "bao-cao.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    doc.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def headings(doc: Any) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]


def on_upload(name: str, preview: str) -> str:
    """The address of `name` (offline:word_confirm, …) for the upload previewed at `preview`."""
    return reverse(name, kwargs=resolve(preview).kwargs)


def confirm_url(preview: str) -> str:
    """Where the preview at `preview` posts its confirmation."""
    return on_upload("offline:word_confirm", preview)


def paragraph_after(doc: Any, starts: str) -> Any:
    for i, p in enumerate(doc.paragraphs):
        if p.text.startswith(starts):
            return doc.paragraphs[i + 1]
    raise AssertionError(starts)


def test_the_form_has_the_outline_in_the_official_layout(personas: Personas) -> None:
    campaign = seed_campaign()
    obligation = report_obligation(campaign, BAI_CHAY)
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=obligation, user=officer)
    second = report.template.sections.get(number="2")
    report_save(
        report=report,
        revision=0,
        texts={second.pk: "Dòng một.\nDòng hai."},
        values={},
        user=officer,
    )
    doc = download(client_for(officer), obligation.pk)
    found = headings(doc)
    assert ("Heading 1", "2. Những tồn tại cần khắc phục.") in found
    assert ("Heading 2", "4.1. Các mục tiêu.") in found
    assert len(found) == 8
    texts = [p.text for p in doc.paragraphs]
    assert "PHƯỜNG BÃI CHÁY" in texts and vi("REPORT") in texts and campaign.title in texts
    assert vi("Figures as of %(date)s") % {"date": "30/04/2013"} in texts
    assert paragraph_after(doc, "2. Những tồn tại").text == "Dòng một."
    page = doc.sections[0]
    size = [page.page_width, page.page_height, page.left_margin, page.right_margin, page.top_margin]
    assert [round(length.mm) for length in size] == [210, 297, 30, 15, 20]
    normal = doc.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size == Pt(14)
    assert doc.styles["Heading 1"].font.name == "Times New Roman"


def test_upload_preview_then_confirm_saves_each_section(personas: Personas) -> None:
    campaign = seed_campaign()
    obligation = report_obligation(campaign, BAI_CHAY)
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    doc = download(client, obligation.pk)
    paragraph_after(doc, "1. ").text = "Kết quả tốt."
    paragraph_after(doc, "2. ").text = "Thiếu kinh phí."
    paragraph_after(doc, "2. ").insert_paragraph_before("Đoạn mở đầu.")
    for p in doc.paragraphs:
        if p.text.startswith("3. "):
            p.text = "III. Nguyên nhân và bài học kinh nghiệm"  # renumbered and edited
        if p.text.startswith("4.2. "):
            p.text = "4.2 Nhiệm vụ chính"  # edited, same number
    paragraph_after(doc, "III. ").text = "Do thiếu cán bộ."
    paragraph_after(doc, "4.2 ").text = "Củng cố TTHTCĐ."
    doc.add_heading("6. Hình ảnh hoạt động", level=1)
    doc.add_paragraph("Triển lãm tại nhà văn hóa.")
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    assert response.status_code == 302 and "/word/" in response["Location"]
    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "Thiếu kinh phí." in page and "Do thiếu cán bộ." in page
    assert vi("No section has this heading") in page and "6. Hình ảnh hoạt động" in page
    assert "Triển lãm tại nhà văn hóa." in page
    assert not SectionText.objects.exists()  # nothing saved before confirmation
    sections = {s.number: s for s in obligation.report.template.sections.all()}
    response = client.post(confirm_url(response["Location"]), {"place_0": str(sections["5"].pk)})
    assert response.status_code == 302
    saved = {t.section.number: t.text for t in SectionText.objects.select_related("section")}
    assert saved["1"] == "Kết quả tốt."
    assert saved["2"] == "Đoạn mở đầu.\nThiếu kinh phí."
    assert saved["3"] == "Do thiếu cán bộ." and saved["4.2"] == "Củng cố TTHTCĐ."
    assert saved["5"] == "6. Hình ảnh hoạt động\nTriển lãm tại nhà văn hóa."
    assert "4.1" not in saved  # empty in the file: nothing written
    entries = AuditEntry.objects.filter(action="report.text_changed", user=officer)
    assert entries.count() == 5


def test_text_before_the_first_heading_is_reported_and_left_out_by_default(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    obligation = report_obligation(campaign, BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = Document()
    doc.add_paragraph("Ghi chú của người soạn.")
    doc.add_heading("Những tồn tại cần khắc phục", level=1)
    doc.add_paragraph("Thiếu kinh phí.")
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    page = client.get(response["Location"]).content.decode()
    assert vi("Text before the first heading") in page and "Ghi chú của người soạn." in page
    client.post(confirm_url(response["Location"]))
    assert [t.text for t in SectionText.objects.all()] == ["Thiếu kinh phí."]


def test_a_conflict_at_confirmation_keeps_the_upload(personas: Personas) -> None:
    campaign = seed_campaign()
    obligation = report_obligation(campaign, BAI_CHAY)
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    doc = download(client, obligation.pk)
    paragraph_after(doc, "2. ").text = "Bản Word."
    location = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )["Location"]
    report = obligation.report
    second = report.template.sections.get(number="2")
    report_save(
        report=report,
        texts={second.pk: "Bản trên web."},
        values={},
        user=personas.halong_officer,
    )
    response = client.post(confirm_url(location))
    assert response.status_code == 200
    page = response.content.decode()
    assert "halong" in page and "Bản trên web." in page and "Bản Word." in page
    assert f'name="choice_{second.pk}"' in page
    assert SectionText.objects.get().text == "Bản trên web."
    shown = response.context["rows"][1].shown
    client.post(  # knowingly, after seeing theirs
        confirm_url(location), {f"choice_{second.pk}": "file", f"shown_{second.pk}": shown}
    )
    assert SectionText.objects.get().text == "Bản Word."


def test_a_file_that_is_not_a_docx_gets_a_clear_message(personas: Personas) -> None:
    campaign = seed_campaign()
    obligation = report_obligation(campaign, BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    fake = SimpleUploadedFile("bao-cao.docx", b"%PDF-1.4 not word", content_type=DOCX_TYPE)
    response = client.post(reverse("offline:word_upload", args=[obligation.pk]), {"file": fake})
    assert response.status_code == 400
    message = vi("“%(name)s” is not a Word document (.docx).") % {"name": "bao-cao.docx"}
    assert message in response.content.decode()
    old = SimpleUploadedFile("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    response = client.post(reverse("offline:word_upload", args=[obligation.pk]), {"file": old})
    message = vi("“%(name)s” is an old Word file (.doc): save it as .docx and upload it again.")
    assert message % {"name": "cu.doc"} in response.content.decode()


def test_headings_match_by_title_key_then_number_then_a_close_title(personas: Personas) -> None:
    campaign = seed_campaign()
    report = report_open(obligation=report_obligation(campaign, BAI_CHAY), user=None)
    sections = list(report.template.sections.order_by("order"))
    by_number = {s.number: s.pk for s in sections}
    blocks = [
        _Block("5. CÁC ĐỀ XUẤT, KIẾN NGHỊ", True),  # case, no ellipsis
        _Block("Đề nghị cấp kinh phí.", False),
        _Block("4.3. Các giải pháp chủ yếu", True),  # same number, edited title
        _Block("Giải pháp.", False),
        _Block("7. Nguyên nhân, bài học kinh nghiệm", True),  # renumbered
        _Block("Bài học.", False),
        _Block("Những tồn tại cần khắc phục.", False),  # a heading that lost its style
        _Block("Tồn tại.", False),
        _Block("Nguyên nhân, bài học kinh nghiệm", True),  # twice
        _Block("Lặp.", False),
    ]
    split = split_upload(blocks, sections, [])
    assert split.texts == {
        by_number["5"]: "Đề nghị cấp kinh phí.",
        by_number["4.3"]: "Giải pháp.",
        by_number["3"]: "Bài học.",
        by_number["2"]: "Tồn tại.",
    }
    assert [(p.heading, p.text, p.reason, p.suggested) for p in split.pieces] == [
        ("Nguyên nhân, bài học kinh nghiệm", "Lặp.", "This heading appears twice", by_number["2"])
    ]
