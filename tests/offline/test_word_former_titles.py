"""A Word form downloaded before a long instruction of the directive became a section's
guidance under a short title ("1. Các đơn vị căn cứ…" → "1. Kết quả thực hiện") is still
read on upload: its old heading names the section by the section's former title, wherever
it stands in the file, not by its position."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import Personas, client_for
from tests.offline.test_word import (
    BAI_CHAY,
    as_upload,
    confirm_url,
    download,
    paragraph_after,
)
from tests.reports.factories import report_obligation, seed_campaign
from xhht.offline.word import _Block, split_upload
from xhht.reports.editing import report_open
from xhht.reports.models import SectionText, TemplateSection

pytestmark = pytest.mark.django_db


def template_sections() -> list[TemplateSection]:
    report = report_open(obligation=report_obligation(seed_campaign(), BAI_CHAY), user=None)
    return list(report.template.sections.order_by("order"))


def former_title(section: TemplateSection) -> str:
    """The heading a form downloaded before the change shows: the directive's words."""
    assert section.title == "Kết quả thực hiện" and section.guidance
    return section.guidance[:600]


def test_an_old_form_with_the_long_first_heading_is_read_into_the_first_section(
    personas: Personas,
) -> None:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = download(client, obligation.pk)
    first = next(p for p in doc.paragraphs if p.text.startswith("1. "))
    section = report_open(obligation=obligation, user=None).template.sections.get(number="1")
    first.text = f"1. {former_title(section)}"  # the heading as the old form wrote it
    assert first.style.name.startswith("Heading")
    paragraph_after(doc, "1. Các đơn vị").text = "Mở 12 lớp xóa mù chữ."
    paragraph_after(doc, "2. ").text = "Thiếu kinh phí."
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    assert response.status_code == 302
    preview = client.get(response["Location"])
    rows = {row.section.number: row for row in preview.context["rows"]}
    assert preview.context["pieces"] == []
    assert rows["1"].heading == ""  # its own former title: nothing to point out
    assert client.post(confirm_url(response["Location"])).status_code == 302
    saved = {t.section.number: t.text for t in SectionText.objects.select_related("section")}
    assert saved == {"1": "Mở 12 lớp xóa mù chữ.", "2": "Thiếu kinh phí."}


def test_the_former_title_matches_by_its_words_not_by_its_place_or_number() -> None:
    sections = template_sections()
    by_number = {s.number: s.pk for s in sections}
    old = former_title(sections[0])
    blocks = [
        _Block("Những tồn tại cần khắc phục", True),
        _Block("Tồn tại.", False),
        _Block(f"III. {old.upper()}", True),  # moved, renumbered, in capitals
        _Block("Kết quả.", False),
    ]
    split = split_upload(blocks, sections, [])
    assert split.texts == {by_number["2"]: "Tồn tại.", by_number["1"]: "Kết quả."}
    assert split.pieces == []


def test_a_former_title_cut_short_still_names_its_section() -> None:
    sections = template_sections()
    by_number = {s.number: s.pk for s in sections}
    cut = " ".join(former_title(sections[0]).split()[:8]) + "…"
    for heading in (f"1. {cut}", cut):
        split = split_upload([_Block(heading, True), _Block("Kết quả.", False)], sections, [])
        assert split.texts == {by_number["1"]: "Kết quả."}, heading


def test_an_unrelated_heading_is_still_not_taken_for_the_first_section() -> None:
    sections = template_sections()
    blocks = [_Block("Các đơn vị khác báo cáo riêng", True), _Block("Lạc đề.", False)]
    split = split_upload(blocks, sections, [])
    assert split.texts == {}
    assert [(p.heading, p.text) for p in split.pieces] == [
        ("Các đơn vị khác báo cáo riêng", "Lạc đề.")
    ]
