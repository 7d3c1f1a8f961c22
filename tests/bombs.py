"""A zip bomb shaped as a Word document and an Excel workbook at once: about 1 MB whose
Word body inflates to 1 GiB of zeros, built once per test session.

Deflating 1 GiB takes seconds, so the body is written as zlib makes it: after its first
flushed megabytes, each further megabyte of zeros deflates to the same bytes, repeated."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from django.db.models import Model

MB = 1024 * 1024
INFLATED = 1024 * MB
CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)
_DATE = (2013 - 1980) << 9 | 6 << 5 | 1  # 01/06/2013, in the zip's DOS format
_built: dict[str, Path] = {}


def _zeros_deflated(megabytes: int) -> tuple[bytes, int]:
    """(raw deflate stream, CRC-32) of `megabytes` MiB of zeros."""
    zeros = bytes(MB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    blocks = [packer.compress(zeros) + packer.flush(zlib.Z_SYNC_FLUSH) for _ in range(4)]
    assert blocks[2] == blocks[3], "zlib no longer repeats its blocks of zeros"
    body = b"".join(blocks[:3]) + blocks[3] * (megabytes - 3) + packer.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    return body, crc


def _zip(members: list[tuple[str, int, bytes, int, int]]) -> bytes:
    """A zip of (name, method, data as stored, size inflated, CRC-32) members."""
    local, central = b"", b""
    for name, method, data, size, crc in members:
        encoded = name.encode()
        head = (20, 0, method, 0, _DATE, crc, len(data), size, len(encoded), 0)
        central += struct.pack(
            "<4sHHHHHHLLLHHHHHLL", b"PK\x01\x02", 20, *head, 0, 0, 0, 0, len(local)
        )
        central += encoded
        local += struct.pack("<4sHHHHHLLLHH", b"PK\x03\x04", *head) + encoded + data
    end = struct.pack(
        "<4sHHHHLLH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(local), 0
    )
    return local + central + end


def zip_bomb(folder_factory: pytest.TempPathFactory) -> Path:
    """The bomb's path: the parts python-docx and openpyxl look for, the Word body 1 GiB."""
    if "bomb" not in _built:
        body, crc = _zeros_deflated(INFLATED // MB)
        small = [CONTENT_TYPES, b"<workbook/>"]
        path = folder_factory.mktemp("bomb") / "bomb.zip"
        path.write_bytes(
            _zip(
                [
                    ("[Content_Types].xml", 0, small[0], len(small[0]), zlib.crc32(small[0])),
                    ("xl/workbook.xml", 0, small[1], len(small[1]), zlib.crc32(small[1])),
                    ("word/document.xml", 8, body, INFLATED, crc),
                ]
            )
        )
        _built["bomb"] = path
    return _built["bomb"]


def row_counts(*models: type[Model]) -> dict[str, int]:
    """{model: its number of rows}, to show that a refused upload wrote nothing."""
    return {model.__name__: model._default_manager.count() for model in models}
