"""docs/USER-GUIDE.vi.md and its pictures (made by `make docs-pictures`) stay together: every
picture it shows is committed, every committed picture is shown, and they stay light."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "USER-GUIDE.vi.md"
PICTURES = ROOT / "docs" / "pictures"
MAX_BYTES = 3 * 1024 * 1024


def _shown() -> set[str]:
    return set(re.findall(r"\]\(pictures/([^)]+)\)", GUIDE.read_text(encoding="utf-8")))


def test_every_picture_shown_is_committed_and_every_one_committed_is_shown() -> None:
    shown = _shown()
    committed = {path.name for path in PICTURES.glob("walk-*.jpg")}
    assert shown, "the guide shows no picture"
    assert shown - committed == set(), "pictures shown but missing: run make docs-pictures"
    assert committed - shown == set(), "pictures committed but shown nowhere in the guide"


def test_the_pictures_are_jpeg_and_light() -> None:
    pictures = sorted(PICTURES.glob("walk-*.jpg"))
    assert all(path.read_bytes()[:3] == b"\xff\xd8\xff" for path in pictures)
    assert sum(path.stat().st_size for path in pictures) < MAX_BYTES
