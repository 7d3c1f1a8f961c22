"""Per-document memory of line tests: most lines are read by several modules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Generic, TypeVar

R = TypeVar("R")

# A bound on each memo, so that a huge document cannot hold unbounded memory.
_MAX_ENTRIES = 100_000


class _Memo(dict[str, R], Generic[R]):
    """A dict that computes a missing value: a hit is one C-level lookup, no Python frame."""

    def __init__(self, function: Callable[[str], R]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, value: str) -> R:
        result = self.function(value)
        if len(self) < _MAX_ENTRIES:
            self[value] = result
        return result


_MEMOS: list[_Memo[object]] = []


def per_document(function: Callable[[str], R]) -> Callable[[str], R]:
    """Remember `function`'s result per argument until `forget_document` (results must be
    immutable: callers share them)."""
    memo: _Memo[R] = _Memo(function)
    _MEMOS.append(memo)  # type: ignore[arg-type]
    return memo.__getitem__


def remember(memoized: Callable[[str], R], pairs: Iterable[tuple[str, R]]) -> None:
    """Store results computed in bulk in the memo of `memoized` (made by `per_document`)."""
    memo: _Memo[R] = memoized.__self__  # type: ignore[attr-defined]
    memo.update(islice(pairs, max(0, _MAX_ENTRIES - len(memo))))


def forget_document() -> None:
    """Drop everything remembered (at the start and the end of each document)."""
    for memo in _MEMOS:
        memo.clear()
