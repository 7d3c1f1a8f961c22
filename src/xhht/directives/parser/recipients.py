"""The "Kính gửi" block: its items and where the body begins after it."""

from __future__ import annotations

import re

from .patterns import BODY_START, HEADING, KINH_GUI, NOI_NHAN
from .textutil import BULLET, clean, fold, strip_bullet, strip_end

# (a space first, then what precedes it: the engine skips ahead to spaces)
_INLINE_BULLETS = re.compile(r"\s(?<=[;.,]\s)\s*(?=[-+•]\s)")


def _split_bullets(line: str) -> list[str]:
    """`line` cut before its inline bullets; the pattern runs only where a bullet may be
    (a document line's only space is " ", so an inline bullet stands between two)."""
    if " - " not in line and " + " not in line and " • " not in line:
        return [line]
    return _INLINE_BULLETS.split(line)


# folded. What the issuer does in the body's first sentence, never in an addressee's name.
_SPEAKS = re.compile(r"\s(?:tran\s?trong|kinh\s?moi|xin\s?moi|de\s?nghi|yeu\s?cau|thong\s?bao)\s")
_HAS_WORD = re.compile(r"[^\W\d_]{2}")
# "Lao động- Thương binh": a wrap after a hyphen, flattened into a space.
_WRAPPED_HYPHEN = re.compile(r"-(?<=[^\W\d_]-) (?=[^\W\d_])")  # (the hyphen first)


def _after_colon(line: str) -> str:
    match = KINH_GUI.match(fold(line))
    return line[match.end() :].strip() if match else line


def _ends_block(line: str, has_items: bool) -> bool:
    """Whether `line` can no longer be an addressee (the body has begun)."""
    folded = fold(line)
    if BODY_START.match(folded) or NOI_NHAN.match(folded):
        return True
    if HEADING.match(line) and not BULLET.match(line):
        return has_items
    if has_items and len(line) > 60 and not BULLET.match(line) and _SPEAKS.search(folded):
        return True  # "Ban Thường vụ … trân trọng kính mời …": the issuer speaking
    return has_items and len(line) > 160 and not BULLET.match(line)


def _joins_previous(previous: str, line: str, bulleted: bool) -> bool:
    """Whether a line without a bullet continues the addressee before it."""
    if previous.endswith("-"):
        return True
    if previous.endswith((".", ":")):
        return False
    if bulleted:
        return True
    if previous.endswith((";", ",")):
        return False
    return line[:1].islower()


def read_recipients(lines: list[str], start: int) -> tuple[list[str], int]:
    """The addressees of the "Kính gửi" line at `start`, and the index after the block."""
    items: list[str] = []
    bulleted = False
    index = start
    pending = _split_bullets(_after_colon(lines[start]))
    while True:
        for raw in pending:
            piece = raw.strip()
            if not piece:
                continue
            if index > start and _ends_block(piece, bool(items)):
                return _finish(items), index
            if index > start and items and items[-1].endswith("."):
                return _finish(items), index  # the last addressee ends with "."
            if BULLET.match(piece):
                bulleted = True
                items.append(strip_bullet(piece))
            elif items and _joins_previous(items[-1], piece, bulleted):
                glue = "" if items[-1].endswith("-") else " "
                items[-1] = items[-1] + glue + piece
            else:
                items.append(piece)
        index += 1
        if index >= len(lines) or index - start > 40:
            return _finish(items), index
        if index == start + 1 and items and _single_addressee(items, lines[index]):
            return _finish(items), index
        pending = _split_bullets(lines[index])


def _single_addressee(items: list[str], following: str) -> bool:
    """Whether the "Kính gửi" line held the only addressee (nothing left open after it)."""
    return not items[-1].endswith((";", ",", "-")) and not BULLET.match(following)


def _finish(items: list[str]) -> list[str]:
    result = []
    for item in items:
        text = _WRAPPED_HYPHEN.sub("-", strip_end(clean(item)))
        if _HAS_WORD.search(text):
            result.append(text)
    return result
