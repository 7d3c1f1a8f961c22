"""`xhht parse_directive FILE`: JSON on stdout, a summary in the active language, exit 2 on a bad file."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from .helpers import SEED_TEXT, norm, seed_expected


def _xhht() -> list[str]:
    script = Path(sys.executable).with_name("xhht")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "xhht"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "XHHT_DEBUG": "1",
        "PYTHONIOENCODING": "utf-8",
        "DJANGO_SETTINGS_MODULE": "xhht.settings",
    }
    return subprocess.run(
        [*_xhht(), "parse_directive", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_call_command_prints_the_json_of_the_format() -> None:
    out = io.StringIO()
    call_command("parse_directive", str(SEED_TEXT), stdout=out)
    data = json.loads(out.getvalue())
    assert norm(data["deadlines"]) == norm(seed_expected()["deadlines"])
    assert "\\u" not in out.getvalue()  # UTF-8 kept, not escaped


def test_call_command_text_prints_a_summary_through_gettext() -> None:
    out = io.StringIO()
    with translation.override("en"):
        call_command("parse_directive", str(SEED_TEXT), "--text", stdout=out)
    text = out.getvalue()
    assert "Number and symbol: 1395/BCĐXDXHHT" in text
    assert "Deadlines (5)" in text
    assert "no later than 2013-06-10 [commune level]" in text
    assert "Signed by: Đỗ Văn Thuấn — KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN" in text


def test_call_command_refuses_a_missing_file_with_status_2(tmp_path: Path) -> None:
    with pytest.raises(CommandError) as raised:
        call_command("parse_directive", str(tmp_path / "none.txt"))
    assert raised.value.returncode == 2


def test_console_script_prints_json_exit_0() -> None:
    result = _run(str(SEED_TEXT))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["number"] == "1395"
    assert norm(data["cc"]) == norm(seed_expected()["cc"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("missing.txt", None),
        ("broken.docx", b"this is not a zip"),
        ("scan.pdf", None),
        ("binary.txt", b"\x00\x01\x02\x03" * 100),
    ],
)
def test_console_script_unreadable_file_exit_2_one_line(
    tmp_path: Path, name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    if name == "scan.pdf":
        from .pdfmaker import pdf_without_text

        path.write_bytes(pdf_without_text())
    elif content is not None:
        path.write_bytes(content)
    result = _run(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(shutil.which("soffice") is not None, reason="LibreOffice is installed")
def test_doc_without_libreoffice_says_so(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = _run(str(path))
    assert result.returncode == 2
    assert "LibreOffice" in result.stderr
