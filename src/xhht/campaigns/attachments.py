"""What an uploaded file really is, judged by its content (magic bytes), not its name.

Minutes may be PDF, Word (.doc, .docx), OpenDocument text or a scan (JPEG,
PNG); photos must be JPEG or PNG. Anything else is refused before it is
stored. A PDF is called digitally signed only when it carries a signature.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from typing import IO

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
DOC = "application/msword"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

IMAGES = frozenset({JPEG, PNG})
DOCUMENTS = frozenset({PDF, DOC, DOCX, ODT}) | IMAGES

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"


def _zip_kind(stream: IO[bytes]) -> str | None:
    """DOCX or ODT when the zip holds a word-processing document; None for any other zip."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                return DOCX
            # The mimetype part is a few bytes; a larger one is not read (it may be a bomb).
            if "mimetype" in names and archive.getinfo("mimetype").file_size <= 100:
                if archive.read("mimetype").strip() == ODT.encode():
                    return ODT
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
        return None
    return None


def sniff(stream: IO[bytes]) -> str | None:
    """The content type of `stream` (one of DOCUMENTS), or None when it is none of them.

    The stream is read from the start and left at the start."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    kind: str | None = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(_OLE2):
        kind = DOC
    elif head.startswith(_ZIP):
        kind = _zip_kind(stream)
    stream.seek(0)
    return kind


# The extension a stored file gets, from its sniffed type.
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png", DOC: ".doc", DOCX: ".docx", ODT: ".odt"}


def attachment_response(*, file: FieldFile, content_type: str, name: str) -> FileResponse:
    """Serve a stored attachment: images and PDFs inline, other files as downloads,
    never cached by a shared proxy, never sniffed into another type; 404 if the file
    is gone from the disk."""
    try:
        stream = file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    inline = content_type in IMAGES or content_type == PDF
    response = FileResponse(
        stream, content_type=content_type, as_attachment=not inline, filename=name
    )
    response["Cache-Control"] = "private, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@dataclass(frozen=True)
class PdfSignature:
    """A digital signature found in a PDF, as written in it; not verified cryptographically."""

    signer: str  # the signature's /Name, "" when the file names nobody


def pdf_signature(stream: IO[bytes]) -> PdfSignature | None:
    """The first signature a PDF carries: a signature field (/FT /Sig) whose value holds the
    signed byte range and the signature itself. None for a PDF without one (an empty field
    waiting to be signed included) and for anything pypdf cannot read."""
    try:
        reader = PdfReader(stream, strict=False)
        for field_ in (reader.get_fields() or {}).values():
            value = field_.get("/V")
            if field_.get("/FT") != "/Sig" or value is None:
                continue
            value = value.get_object()
            if (
                isinstance(value, DictionaryObject)
                and "/ByteRange" in value
                and "/Contents" in value
            ):
                return PdfSignature(signer=str(value.get("/Name", "")).strip())
    except Exception:  # pypdf raises many kinds of error on a damaged file
        return None
    return None


def stored_pdf_signature(file: FieldFile) -> PdfSignature | None:
    """`pdf_signature` of a stored file, read once per file version; None if it is gone."""
    try:
        path = file.path
        stat = os.stat(path)
    except (OSError, NotImplementedError, ValueError):
        return None
    return _signature_of_path(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _signature_of_path(path: str, mtime_ns: int, size: int) -> PdfSignature | None:
    with open(path, "rb") as stream:
        return pdf_signature(stream)
