"""A section written in Word keeps its shape: lists, bold, italic and tables reach the site
as they were written, come back in the next download, and are never flattened."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import Personas, client_for
from tests.offline.test_word import BAI_CHAY, as_upload, confirm_url, download, paragraph_after
from tests.reports.factories import report_obligation, seed_campaign
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import SectionText

pytestmark = pytest.mark.django_db

WRITTEN = (
    "Kết quả **nổi bật**: mở lớp *buổi tối*.\n"
    "- 12 lớp xóa mù chữ;\n"
    "- 3 trung tâm học tập cộng đồng.\n"
    "| Xã | Số lớp |\n"
    "|---|---|\n"
    "| Bãi Cháy | 12 |\n"
    "| Hà Lầm \\| Hà Khánh | 3 |"
)


def saved() -> dict[str, str]:
    return {t.section.number: t.text for t in SectionText.objects.select_related("section")}


def test_a_word_table_list_and_bold_reach_the_site_as_written(personas: Personas) -> None:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    client = client_for(personas.commune_officer_of_bai_chay)
    doc = download(client, obligation.pk)
    slot = paragraph_after(doc, "1. ")
    slot.text = ""
    slot.add_run("Kết quả ")
    slot.add_run("nổi bật").bold = True
    slot.add_run(": mở lớp ")
    slot.add_run("buổi tối").italic = True
    slot.add_run(".")
    after = paragraph_after(doc, "1. ")._p
    items = []
    for text in ("12 lớp xóa mù chữ;", "3 trung tâm học tập cộng đồng."):
        item = doc.add_paragraph(text, style="List Bullet")
        items.append(item)
    table = doc.add_table(rows=3, cols=2)
    for row, cells in zip(
        table.rows, [["Xã", "Số lớp"], ["Bãi Cháy", "12"], ["Hà Lầm | Hà Khánh", "3"]], strict=True
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    for run in (
        table.rows[0].cells[0].paragraphs[0].runs + table.rows[0].cells[1].paragraphs[0].runs
    ):
        run.bold = True  # a header typed as bold
    after.addnext(table._tbl)  # in the first section, after its text, in this order
    after.addnext(items[1]._p)
    after.addnext(items[0]._p)
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert "<td>Bãi Cháy</td>" in page and "<strong>nổi bật</strong>" in page
    assert client.post(confirm_url(response["Location"])).status_code == 302
    assert saved()["1"] == WRITTEN

    again = download(client, obligation.pk)
    assert len(again.tables) == 1
    assert [[c.text for c in r.cells] for r in again.tables[0].rows] == [
        ["Xã", "Số lớp"],
        ["Bãi Cháy", "12"],
        ["Hà Lầm | Hà Khánh", "3"],
    ]
    bullets = [p.text for p in again.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["12 lớp xóa mù chữ;", "3 trung tâm học tập cộng đồng."]
    bold = [r.text for p in again.paragraphs for r in p.runs if r.bold]
    assert "nổi bật" in bold

    # the same file uploaded untouched changes nothing
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(again)}
    )
    preview = client.get(response["Location"])
    states = {row.number: row.state for row in preview.context["rows"]}
    assert "changed" not in states.values() and states["1"] == "same", states


def test_the_report_page_shows_the_table(personas: Personas) -> None:
    obligation = report_obligation(seed_campaign(), BAI_CHAY)
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=obligation, user=officer)
    section = report.template.sections.order_by("order").first()
    assert section is not None
    report_save(report=report, texts={section.pk: WRITTEN}, values={}, user=officer)
    shown = client_for(officer).get(reverse("reports:report", args=[obligation.pk]))
    page = shown.content.decode()
    assert "<th>Xã</th>" in page and "<td>Hà Lầm | Hà Khánh</td>" in page
    assert "<li>12 lớp xóa mù chữ;</li>" in page and "<strong>nổi bật</strong>" in page
