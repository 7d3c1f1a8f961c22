"""Per-document memory of line tests: most lines are read by several modules."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

R = TypeVar("R")

_MEMOS: list[dict[str, object]] = []
_MISSING = object()
# A bound on each memo, so that a huge document cannot hold unbounded memory.
_MAX_ENTRIES = 100_000


def per_document(function: Callable[[str], R]) -> Callable[[str], R]:
    """Remember `function`'s result per argument until `forget_document` (results must be
    immutable: callers share them)."""
    memo: dict[str, object] = {}
    _MEMOS.append(memo)

    @wraps(function)
    def remembered(value: str) -> R:
        result = memo.get(value, _MISSING)
        if result is _MISSING:
            result = function(value)
            if len(memo) < _MAX_ENTRIES:
                memo[value] = result
        return result  # type: ignore[return-value]

    return remembered


def forget_document() -> None:
    """Drop everything remembered (at the start and the end of each document)."""
    for memo in _MEMOS:
        memo.clear()
