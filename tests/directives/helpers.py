"""Shared helpers for the directive tests: the seed fixture and text normalisation."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import xhht

FIXTURES = Path(xhht.__file__).resolve().parent / "data" / "directives"
SEED_TEXT = FIXTURES / "000_22b84cf719125a31.txt"
SEED_EXPECTED = FIXTURES / "000_22b84cf719125a31.expected.json"


def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


def seed_expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))
    return data


def norm(value: Any, *, fold_case: bool = False) -> Any:
    """NFC, whitespace collapsed (recursively); case folded on request."""
    if isinstance(value, str):
        text = " ".join(unicodedata.normalize("NFC", value).split())
        return text.casefold() if fold_case else text
    if isinstance(value, list):
        return [norm(v, fold_case=fold_case) for v in value]
    if isinstance(value, dict):
        return {k: norm(v, fold_case=fold_case) for k, v in value.items()}
    return value
