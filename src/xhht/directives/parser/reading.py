"""Read a directive file (.txt in any usual encoding, .docx, .pdf, .doc) into text."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class DirectiveReadError(Exception):
    """The file cannot be read as a directive; the message is one line for the user."""


NOT_FOUND = "File not found: {path}"
NOT_TEXT = "Not a text document (binary content): {path}"
BAD_DOCX = "Not a valid .docx file (not a Word zip package): {path}"
BAD_PDF = "Not a readable PDF file: {path}"
SCANNED_PDF = "The PDF has no text layer (a scanned image?): run OCR or supply the .docx: {path}"
NO_SOFFICE = (
    "Reading a .doc file needs LibreOffice (soffice), which is not installed; "
    "save it as .docx: {path}"
)
DOC_FAILED = "LibreOffice could not convert the .doc file: {path}"
EMPTY = "The file holds no text: {path}"

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def decode_text(data: bytes, path: str = "") -> str:
    """Bytes of a text file as NFC text: UTF-8 (BOM or not), UTF-16, else Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif _looks_utf16(data):
        text = data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
    else:
        if b"\x00" in data:
            raise DirectiveReadError(NOT_TEXT.format(path=path))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Windows-1258 writes tones as combining marks: NFC below composes them.
            text = data.decode("cp1258", errors="replace")
    text = unicodedata.normalize("NFC", text)
    if _mostly_control(text):
        raise DirectiveReadError(NOT_TEXT.format(path=path))
    return text


def _looks_utf16(data: bytes) -> bool:
    sample = data[:400]
    if len(sample) < 4:
        return False
    zeros_odd = sample[1::2].count(0)
    zeros_even = sample[0::2].count(0)
    half = len(sample) // 2
    return zeros_odd > 0.4 * half or zeros_even > 0.4 * half


def _mostly_control(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or c == "\ufffd")
    return bad > 0.1 * len(sample)


def _docx_blocks(parent: Any) -> Iterator[str]:
    """Paragraph and table-cell texts in reading order (tables row by row, cell by cell)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in parent.iter_inner_content():
        if isinstance(child, Paragraph):
            yield child.text
        elif isinstance(child, Table):
            for row in child.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from _docx_blocks(cell)


def read_docx(path: Path) -> str:
    """The text of a .docx, paragraphs and tables in reading order."""
    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DirectiveReadError(BAD_DOCX.format(path=path)) from error
    except Exception as error:  # python-docx raises assorted errors on a damaged package
        raise DirectiveReadError(BAD_DOCX.format(path=path)) from error
    return "\n".join(_docx_blocks(document))


def read_pdf(path: Path) -> str:
    """The text layer of a PDF; a PDF without one (a scan) is refused."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # pypdf raises many kinds of error on a damaged file
        raise DirectiveReadError(BAD_PDF.format(path=path)) from error
    text = unicodedata.normalize("NFC", "\n".join(pages))
    if sum(1 for c in text if c.isalpha()) < 20:
        raise DirectiveReadError(SCANNED_PDF.format(path=path))
    return text


def read_doc(path: Path) -> str:
    """A legacy .doc, converted to .docx by LibreOffice when it is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DirectiveReadError(NO_SOFFICE.format(path=path))
    with tempfile.TemporaryDirectory() as out:
        command = [soffice, "--headless", "--convert-to", "docx", "--outdir", out, str(path)]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=120)
        except (subprocess.SubprocessError, OSError) as error:
            raise DirectiveReadError(DOC_FAILED.format(path=path)) from error
        converted = Path(out) / (path.stem + ".docx")
        if not converted.exists():
            raise DirectiveReadError(DOC_FAILED.format(path=path))
        return read_docx(converted)


def read_document(path: str | Path) -> str:
    """The text of the directive file at `path`, whatever its format."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise DirectiveReadError(NOT_FOUND.format(path=path)) from error
    except OSError as error:
        raise DirectiveReadError(f"Cannot read {path}: {error.strerror}") from error
    suffix = path.suffix.lower()
    if suffix == ".docx" or (data.startswith(_ZIP_MAGIC) and suffix != ".pdf"):
        text = read_docx(path)
    elif suffix == ".pdf" or data.startswith(_PDF_MAGIC):
        text = read_pdf(path)
    elif suffix == ".doc" or data.startswith(_OLE_MAGIC):
        text = read_doc(path)
    else:
        text = decode_text(data, str(path))
    if not text.strip():
        raise DirectiveReadError(EMPTY.format(path=path))
    return text
