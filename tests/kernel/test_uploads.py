"""Bounded uploads: a zip bomb is refused from the zip's directory without inflating it; a
body past the limit is refused before it is read, a file past it as soon as it passes."""

from __future__ import annotations

import html
import io
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import translation
from docx import Document
from pytest_django import Settings

from tests.bombs import CONTENT_TYPES, _zeros_deflated, _zip, zip_bomb
from xhht.kernel.uploads import (
    BODY_TOO_LARGE,
    FILE_TOO_LARGE,
    MB,
    MEMBERS_MAX,
    ZIP_MEMBERS,
    ZIP_RATIO,
    ZIP_TOO_LARGE,
    UploadLimitMiddleware,
    UploadRefused,
    zip_check,
)


class Counted(io.BytesIO):
    """A stream that counts the bytes read from it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.bytes_read += len(data)
        return data


@pytest.fixture(scope="session")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return zip_bomb(tmp_path_factory)


def refusal(stream: io.BytesIO, name: str) -> str:
    with translation.override("en"), pytest.raises(UploadRefused) as refused:
        zip_check(stream, name)
    return str(refused.value)


def test_a_bomb_is_refused_from_its_directory_without_inflating(bomb: Path) -> None:
    stream = Counted(bomb.read_bytes())
    tracemalloc.start()
    try:
        message = refusal(stream, "bao-cao.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message == ZIP_TOO_LARGE % {"name": "bao-cao.docx", "size": 1024, "limit": 100}
    # The directory is the file's last few hundred bytes; the 1 MB body is never read.
    assert stream.bytes_read < 64 * 1024
    assert peak < 5 * MB
    assert stream.tell() == 0


def test_the_unzipped_limit_is_a_setting(settings: Settings) -> None:
    part = bytes(MB)
    stored = _zip([(f"word/media/{i}.bin", 0, part, MB, zlib.crc32(part)) for i in range(3)])
    zip_check(io.BytesIO(stored), "ok.docx")
    settings.XHHT_MAX_UNZIPPED_MB = 2
    assert "more than the 2 MB" in refusal(io.BytesIO(stored), "big.docx")


def test_a_large_part_packed_too_tightly_is_refused() -> None:
    body, crc = _zeros_deflated(50)
    bombed = _zip([("xl/worksheets/sheet1.xml", 8, body, 50 * MB, crc)])
    message = refusal(io.BytesIO(bombed), "so-lieu.xlsx")
    ratio = 50 * MB // len(body)
    assert ratio > 1000
    assert message == ZIP_RATIO % {
        "name": "so-lieu.xlsx",
        "member": "xl/worksheets/sheet1.xml",
        "ratio": ratio,
    }


def test_too_many_parts_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(MEMBERS_MAX + 1):
            archive.writestr(f"p/{i}", b"")
    message = refusal(buffer, "nhieu.docx")
    assert message == ZIP_MEMBERS % {
        "name": "nhieu.docx",
        "count": MEMBERS_MAX + 1,
        "limit": MEMBERS_MAX,
    }


def test_an_ordinary_document_and_a_non_zip_pass() -> None:
    buffer = io.BytesIO()
    doc = Document()
    doc.add_paragraph("Báo cáo sơ kết. " * 2000)
    doc.save(buffer)
    zip_check(buffer, "bao-cao.docx")
    small = _zip([("[Content_Types].xml", 0, CONTENT_TYPES, len(CONTENT_TYPES), 0)])
    zip_check(io.BytesIO(small), "nho.docx")
    zip_check(io.BytesIO(b"%PDF-1.4 not a zip"), "a.pdf")  # its own reader refuses it


# -- the request body ----------------------------------------------------------------------


def posted(data: bytes, name: str = "to.docx") -> tuple[WSGIRequest, Counted]:
    """A multipart POST of one file, read from a counted stream as a server would give it."""
    body = encode_multipart(BOUNDARY, {"note": "x", "file": io.BytesIO(data)})
    body = body.replace(b'filename="file"', f'filename="{name}"'.encode(), 1)
    stream = Counted(body)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/upload/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": stream,
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(len(body)),
    }
    return WSGIRequest(environ), stream


def answer(request: HttpRequest) -> HttpResponse | None:
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("the view ran")

    with translation.override("en"):
        return UploadLimitMiddleware(view).process_view(request, view, (), {})


def test_a_body_past_the_limit_is_refused_before_any_of_it_is_read(settings: Settings) -> None:
    settings.XHHT_MAX_UPLOAD_MB = 1
    request, stream = posted(bytes(3 * MB))
    response = answer(request)
    assert response is not None and response.status_code == 413
    assert BODY_TOO_LARGE % {"limit": 1} in html.unescape(response.content.decode())
    assert stream.bytes_read == 0


def test_a_file_past_the_limit_is_stopped_where_it_passes_it(settings: Settings) -> None:
    settings.XHHT_MAX_UPLOAD_MB = 1
    # Within the margin for the other fields, so the body's length lets it in.
    request, stream = posted(bytes(MB + MB // 2), name="bien-ban.pdf")
    response = answer(request)
    assert response is not None and response.status_code == 413
    expected = FILE_TOO_LARGE % {"name": "bien-ban.pdf", "limit": 1}
    assert expected in html.unescape(response.content.decode())
    assert stream.bytes_read < MB + 256 * 1024
    assert "file" not in request.FILES


def test_a_file_within_the_limit_reaches_the_view(settings: Settings) -> None:
    settings.XHHT_MAX_UPLOAD_MB = 1
    request, _stream = posted(bytes(MB - 1024), name="bien-ban.pdf")
    assert answer(request) is None
    assert [upload.size for upload in request.FILES.getlist("file")] == [MB - 1024]
    assert request.POST["note"] == "x"
