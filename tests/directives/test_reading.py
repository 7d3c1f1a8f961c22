"""Reading files: text encodings, .docx with its header table, .pdf, refused files."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from xhht.directives.parser import DirectiveReadError, parse_file, parse_text
from xhht.directives.parser.reading import decode_text, read_document

from . import documents as doc
from .helpers import seed_text
from .pdfmaker import pdf_with_text, pdf_without_text


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "crlf"],
)
def test_text_encodings_parse_like_the_original(
    tmp_path: Path, encode: Callable[[str], bytes]
) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(encode(seed_text()))
    assert parse_file(path).to_dict() == parse_text(seed_text()).to_dict()


TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed vowels, tones as combining marks."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return bytes(out)


def test_windows_1258_is_detected_and_composed_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(to_cp1258(doc.DEPARTMENT))
    assert read_document(path) == unicodedata.normalize("NFC", doc.DEPARTMENT)
    assert parse_file(path).to_dict() == parse_text(doc.DEPARTMENT).to_dict()


def test_binary_file_is_refused() -> None:
    with pytest.raises(DirectiveReadError, match="Not a text"):
        decode_text(bytes(range(256)) * 4, "x.bin")


def _docx_with_header_table(path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "UBND TỈNH QUẢNG NINH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 1021/SGDĐT-GDTX\nV/v báo cáo sơ kết 3 năm xây dựng xã hội học tập"
    table.cell(1, 1).text = "Hạ Long, ngày 8/4/2021"
    body = doc.DEPARTMENT.split("\n")[4:]
    for line in body:
        document.add_paragraph(line)
    document.save(str(path))


def test_docx_reads_the_header_table_and_paragraphs_in_order(tmp_path: Path) -> None:
    path = tmp_path / "cv.docx"
    _docx_with_header_table(path)
    got = parse_file(path).to_dict()
    expected = parse_text(doc.DEPARTMENT).to_dict()
    assert got == expected


def test_docx_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.docx"
    path.write_text("plain text", encoding="utf-8")
    with pytest.raises(DirectiveReadError, match="docx"):
        parse_file(path)


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    lines = [
        "SO GIAO DUC VA DAO TAO",
        "So: 12/SGDDT-GDTX",
        "Ha Long, ngay 8/4/2021",
        "Kinh gui: Cac phong giao duc.",
        "Cac phong gui bao cao truoc ngay 30/4/2021.",
    ]
    path = tmp_path / "cv.pdf"
    path.write_bytes(pdf_with_text(lines))
    data = parse_file(path).to_dict()
    assert (data["number"], data["symbol"], data["date"]) == ("12", "SGDDT-GDTX", "2021-04-08")
    assert data["deadlines"][0]["date"] == "2021-04-30"


def test_scanned_pdf_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_without_text())
    with pytest.raises(DirectiveReadError, match="no text layer"):
        parse_file(path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DirectiveReadError, match="not found"):
        parse_file(tmp_path / "none.txt")
