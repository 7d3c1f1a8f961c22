"""The PDF of a generated .docx (LibreOffice), read back and drawn as a picture; the
campaign's dossier as a .zip with its table of contents; the command's --pdf and --annexes.

Where LibreOffice or poppler is missing the PDF tests are skipped, except in CI (CI=true),
where .ci/run installs them and a missing one fails."""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import unicodedata
import zipfile
import zlib
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tests.conftest import Personas, PublishedCampaign, client_for, streamed
from tests.reports.factories import PDF_BYTES
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign
from xhht.documents.dossier import INDEX, safe_name
from xhht.documents.kinds import kinds_for
from xhht.documents.models import Kind
from xhht.documents.pdf import PDF_MISSING, PdfError, pdf_available, to_pdf
from xhht.documents.services import document_generate, document_make

pytestmark = pytest.mark.django_db

PICTURES = Path(__file__).resolve().parents[2] / "var" / "test-pictures"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PAGE_NOTE = "No PDF: LibreOffice is not installed on the server."


def said(message: str) -> str:
    """`message` as the pages and the command say it (in Vietnamese)."""
    with translation.override("vi"):
        return translation.gettext(message)


def needs(program: str) -> None:
    """Skip without `program`, except in CI, where it must be installed."""
    if shutil.which(program):
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{program} is missing in CI: .ci/run installs it")
    pytest.skip(f"{program} is not installed")


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(content_pack=True, MEDIA_ROOT=tmp_path / "media")


def plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# -- reading a PNG without Pillow (not installed): 8-bit grey or RGB, as pdftoppm writes it --


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind: int, line: bytearray, previous: bytes, step: int) -> bytearray:
    for x in range(len(line)):
        a = line[x - step] if x >= step else 0
        b = previous[x]
        c = previous[x - step] if x >= step else 0
        guess = (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]
        line[x] = (line[x] + guess) & 0xFF
    return line


def grey_pixels(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and the pixels (0 black … 255 white; the darkest channel) of a PNG."""
    assert png.startswith(PNG_SIGNATURE)
    position, compressed, width, height, step = 8, b"", 0, 0, 1
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position : position + 8])
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (0, 2), "not 8-bit grey or RGB"
            step = 3 if colour == 2 else 1
        elif kind == b"IDAT":
            compressed += body
        position += 12 + length
    raw, stride = zlib.decompress(compressed), width * step
    rows, previous = [], bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1 : start + 1 + stride])
        previous = bytes(_unfilter(raw[start], line, previous, step))
        rows.append(bytes(min(previous[x : x + step]) for x in range(0, stride, step)))
    return width, height, b"".join(rows)


def page_one_png(pdf: bytes, name: str) -> Path:
    """Page 1 drawn at 50 dpi into var/test-pictures/NAME.png (git-ignored), to look at."""
    needs("pdftoppm")
    PICTURES.mkdir(parents=True, exist_ok=True)
    source = PICTURES / f"{name}.pdf"
    source.write_bytes(pdf)
    command = ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*command, str(source), str(PICTURES / name)], check=True, timeout=60)
    return PICTURES / f"{name}.png"


# -- the PDF ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issued_on", "regime"), [(date(2013, 7, 5), "tt01-2011"), (date(2021, 7, 5), "nd30-2020")]
)
def test_the_consolidated_report_as_pdf_reads_and_draws_as_the_docx(
    campaign: Campaign, issued_on: date, regime: str
) -> None:
    needs("soffice")
    made = document_make(Kind.CONSOLIDATED, campaign, campaign.root, issued_on=issued_on)
    assert made.regime == regime
    pdf = to_pdf(made.data)
    assert pdf.startswith(b"%PDF-")
    picture = page_one_png(pdf, f"bao-cao-tong-hop-{issued_on.year}")
    first = plain(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "BÁO CÁO" in first
    assert f"ngày {issued_on:%d} tháng {issued_on.month} năm {issued_on.year}" in first

    png = picture.read_bytes()
    assert len(png) > 4 * 1024
    width, height, pixels = grey_pixels(png)
    assert 380 < width < 450 and 550 < height < 620  # A4 at 50 dpi: 413 × 585
    ink = sum(1 for value in pixels if value < 128) / len(pixels)
    assert 0.005 < ink < 0.3, ink  # text on a white page, neither blank nor black
    top = pixels[: width * height // 8]  # the national motto and the issuing body
    assert any(value < 128 for value in top)


def test_without_libreoffice_the_converter_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert not pdf_available()
    with pytest.raises(PdfError, match=re.escape(translation.gettext(PDF_MISSING))):
        to_pdf(b"PK")


def test_the_pdf_page_serves_the_unit_s_documents_or_says_why_not(
    personas: Personas, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> None:
    needs("soffice")
    made = document_generate(
        kind=Kind.CONSOLIDATED, campaign=campaign, unit=campaign.root, user=None
    )
    url = reverse("documents:pdf", args=[made.pk])
    province = client_for(personas.province_officer)
    page = province.get(reverse("documents:page", args=[campaign.pk])).content.decode()
    assert url in page
    response = province.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert streamed(response).startswith(b"%PDF-")
    assert client_for(personas.halong_officer).get(url).status_code == 404

    monkeypatch.setenv("PATH", "")
    page = province.get(reverse("documents:page", args=[campaign.pk])).content.decode()
    assert said(PAGE_NOTE) in page and url not in page
    another = document_generate(
        kind=Kind.CONSOLIDATED, campaign=campaign, unit=campaign.root, user=None
    )
    response = province.get(reverse("documents:pdf", args=[another.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("documents:page", args=[campaign.pk])
    assert said(PDF_MISSING) in response.content.decode()


# -- the dossier --------------------------------------------------------------------------


def test_the_dossier_holds_the_directive_the_signed_reports_and_the_documents(
    campaign: Campaign,
) -> None:
    report_with(campaign, "06673")  # Bãi Cháy, sent with its signed PDF
    document_generate(
        kind=Kind.CONSOLIDATED,
        campaign=campaign,
        unit=campaign.root,
        user=None,
        issued_on=date(2013, 7, 5),
    )
    made = document_make(Kind.DOSSIER, campaign, campaign.root, issued_on=date(2013, 7, 6))
    assert made.content_type == "application/zip" and made.name.endswith("06-07-2013.zip")
    archive = zipfile.ZipFile(io.BytesIO(made.data))
    names = archive.namelist()
    index = archive.read(INDEX).decode("utf-8-sig")
    files = [n for n in names if n != INDEX]
    assert made.record["files"] == len(files) == 3
    for name in files:
        assert name == unicodedata.normalize("NFC", name) and ".." not in name
        assert name in index
    directive = next(n for n in files if n.startswith("1 Chỉ thị/"))
    assert archive.read(directive).decode() == campaign.directive.source_text  # type: ignore[union-attr]
    signed = next(n for n in files if n.startswith("2 Báo cáo/"))
    assert signed.endswith("bao-cao-ky.pdf") and archive.read(signed) == PDF_BYTES
    assert "Bãi Cháy" in signed and "05/06/2013" in index  # the unit and the day it was signed
    kept = next(n for n in files if n.startswith("3 Văn bản đã làm/"))
    assert kept.endswith(".docx") and archive.read(kept).startswith(b"PK")
    assert "Báo cáo tổng hợp" in index and "Lưu: VT" in index


def test_the_dossier_is_the_province_s_alone(campaign: Campaign) -> None:
    district = campaign.obligations.filter(unit__level="district").first()
    assert district is not None
    assert Kind.DOSSIER in dict(kinds_for(campaign.root))
    assert Kind.DOSSIER not in dict(kinds_for(district.unit))


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\..\\báo cáo.pdf", "báo cáo.pdf"),
        ('a<b>:"c|?*.pdf', "a b c.pdf"),
        ("...", "tep"),
        ("Ba\u0301o ca\u0301o.pdf", "Báo cáo.pdf"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_a_name_from_a_user_is_made_safe_for_the_zip(given: str, kept: str) -> None:
    assert safe_name(given) == kept


# -- the command line ---------------------------------------------------------------------


def test_the_command_writes_the_pdf_and_the_annexes(campaign: Campaign, tmp_path: Path) -> None:
    needs("soffice")
    out, annexes = tmp_path / "bao-cao.docx", tmp_path / "phu-luc"
    args = [str(campaign.pk), "--out", str(out), "--date", "05/07/2013"]
    call_command("generate_report", *args, "--pdf", "--annexes", str(annexes), stdout=io.StringIO())
    assert out.read_bytes().startswith(b"PK")
    text = plain(PdfReader(out.with_suffix(".pdf")).pages[0].extract_text())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    others = {k for k, _label in kinds_for(campaign.root)} - {Kind.CONSOLIDATED, Kind.DOSSIER}
    written = list(annexes.iterdir())
    assert len(written) == len(others)
    assert all(f.stat().st_size > 0 and not f.name.endswith(".zip") for f in written)


def test_the_command_refuses_pdf_without_libreoffice(
    campaign: Campaign, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    out = tmp_path / "bao-cao.docx"
    with pytest.raises(CommandError, match=re.escape(translation.gettext(PDF_MISSING))):
        call_command("generate_report", str(campaign.pk), "--out", str(out), "--pdf")
    assert not out.exists()
