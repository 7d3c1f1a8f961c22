"""The Ministry's documents for the national campaign: its documents page offers the
consolidated report, made with the Ministry as issuer (no People's Committee above it,
Hà Nội as its place) and the provinces as the units reported on; its reminder letter
urges the late provinces, not their communes; both cite the Ministry's directive by its
number and date, under a header with no empty line where a parent body would stand. A
province officer of the same campaign keeps the province's own documents page and header."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from pytest_django import DjangoCaptureOnCommitCallbacks

from tests.campaigns import test_national_campaign
from tests.campaigns.test_national_campaign import PROVINCES, National, province, sent_by
from tests.conftest import client_for
from xhht.documents.kinds import consolidated_made, reminder_made
from xhht.documents.letters import reminder_letter
from xhht.documents.models import GeneratedDocument
from xhht.documents.services import document_run

pytestmark = pytest.mark.django_db

national = test_national_campaign.national  # the fixture: the Ministry's campaign published


CITED = (
    "Thực hiện Công văn số 4120/BGDĐT-GDTX ngày 15/09/2025 về việc sơ kết công tác xây dựng "
    "xã hội học tập năm 2025, "
)


def issuer_cell(data: bytes) -> list[str]:
    """The paragraphs of the header's top left cell: the parent body, the issuer, a rule."""
    return [p.text for p in Document(BytesIO(data)).tables[0].rows[0].cells[0].paragraphs]


def first_text(data: bytes) -> str:
    """The body's first paragraph after "Kính gửi"."""
    texts = [p.text for p in Document(BytesIO(data)).paragraphs]
    after = next(n for n, text in enumerate(texts) if text.startswith("Kính gửi"))
    return next(text for text in texts[after + 1 :] if text and not text.startswith("- "))


def header_and_body(data: bytes) -> tuple[str, str]:
    document = Document(BytesIO(data))
    header = "\n".join(p.text for t in document.tables[:1] for c in t._cells for p in c.paragraphs)
    cells = "\n".join(c.text for t in document.tables for c in t._cells)
    return header, "\n".join(p.text for p in document.paragraphs) + "\n" + cells


def test_the_ministry_makes_the_national_consolidated_report_on_its_provinces(
    national: National, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    country, campaign = national.country, national.campaign
    ministry = national.ministry_officer
    quang_ninh = province("22")
    sent_by(campaign, quang_ninh, (40, 100))  # Quảng Ninh's report reaches the Ministry
    client = client_for(ministry)
    page = client.get(reverse("documents:page", args=[campaign.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="consolidated"' in html and 'value="annexes"' in html
    assert "BỘ GIÁO DỤC VÀ ĐÀO TẠO" in html and "Hà Nội" in html  # who issues, by default
    draft = client.get(reverse("documents:draft", args=[campaign.pk]))  # compiled for the country
    assert draft.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documents:generate", args=[campaign.pk]),
            {"kind": "consolidated", "number": "12", "issued_on": "18/11/2025"},
        )
    assert response.status_code == 302
    asked = GeneratedDocument.objects.get(campaign=campaign, unit=country)
    assert document_run(asked.pk) == "done"
    made = GeneratedDocument.objects.get(pk=asked.pk)
    assert made.record["symbol"] == "BC-BGDĐT" and made.created_by == ministry
    with made.file.open("rb") as handle:
        data = handle.read()
    header, body = header_and_body(data)
    assert issuer_cell(data) == ["BỘ GIÁO DỤC VÀ ĐÀO TẠO", ""]  # no empty line above it
    assert first_text(data) == CITED + "Bộ Giáo dục và Đào tạo báo cáo kết quả như sau:"
    assert "BỘ GIÁO DỤC VÀ ĐÀO TẠO" in header and "UBND" not in header
    assert "VIỆT NAM" not in header.replace("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "")
    assert "Hà Nội, ngày 18 tháng 11 năm 2025" in header
    assert "UBND" not in body and "việt Nam" not in body
    for code in PROVINCES:  # every province is a unit reported on
        assert province(code).display_name in body
    assert "18/11/2025 (đúng hạn)" in body  # Quảng Ninh's report, sent on time
    assert "của Bộ Giáo dục và Đào tạo./." in body
    # The annexes are made for the country as well.
    client.post(
        reverse("documents:generate", args=[campaign.pk]),
        {"kind": "annexes", "number": "", "issued_on": "18/11/2025"},
    )
    annexes = GeneratedDocument.objects.get(campaign=campaign, unit=country, kind="annexes")
    assert document_run(annexes.pk) == "done"


def test_a_province_officer_of_the_national_campaign_keeps_the_province_s_documents(
    national: National,
) -> None:
    campaign = national.campaign
    client = client_for(national.quang_ninh_officer)
    page = client.get(reverse("documents:page", args=[campaign.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'value="consolidated"' in html and 'value="dossier"' in html
    assert "Hà Nội" not in html and "Quảng Ninh" in html


def test_a_province_s_report_in_the_national_campaign_keeps_its_own_header_and_cites_the_ministry(
    national: National,
) -> None:
    """The Ministry's directive gives the province its number to cite, not its header."""
    campaign = national.campaign
    data = consolidated_made(campaign, province("22"), date(2025, 12, 5), "7").data
    assert issuer_cell(data) == ["UBND TỈNH QUẢNG NINH", "BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP", ""]
    header, _body = header_and_body(data)
    assert "Số: 07/BC-BCĐXDXHHT" in header and "Quảng Ninh, ngày 05 tháng 12 năm 2025" in header
    assert (
        first_text(data) == CITED + "Ban chỉ đạo xây dựng xã hội học tập báo cáo kết quả như sau:"
    )


def test_the_ministry_s_reminder_letter_urges_the_late_provinces_not_their_communes(
    national: National,
) -> None:
    country, campaign = national.country, national.campaign
    sent_by(campaign, province("22"), (40, 100))  # Quảng Ninh reported; 04 and 11 did not
    after = date(2025, 12, 15)  # past the provinces' deadline; communes are late too
    letter = reminder_letter(campaign, country, issued_on=after)
    late = [province(code).display_name for code in ("04", "11")]
    assert letter.addressees == late
    assert [row[1] for row in letter.sections[0].tables[0].rows if row[1]] == late
    assert letter.issuer.parent_body == "" and letter.issuer.place == "Hà Nội"
    assert letter.closing[-1].text.startswith("Bộ Giáo dục và Đào tạo đề nghị các đơn vị")
    data = reminder_made(campaign, country, after, "").data
    header, body = header_and_body(data)
    assert issuer_cell(data) == ["BỘ GIÁO DỤC VÀ ĐÀO TẠO", ""]
    assert first_text(data).startswith(CITED + "Bộ Giáo dục và Đào tạo đã hướng dẫn")
    assert "BỘ GIÁO DỤC VÀ ĐÀO TẠO" in header and "UBND" not in header
    assert "Hà Nội, ngày 15 tháng 12 năm 2025" in header
    assert "Xã" not in body  # no commune is named
