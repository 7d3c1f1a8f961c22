"""The items of a task: a section's bullets or paragraphs, or the points after a request."""

from __future__ import annotations

import re
from collections.abc import Callable

from .headings import Heading, read_heading
from .textutil import BULLET, contains_any, fold, strip_bullet

# folded
CLOSING_FORMULA = re.compile(
    r"(?:tren\s?day\s?la|(?:quyet\s?dinh|chi\s?thi|ke\s?hoach|van\s?ban|thong\s?bao)\s"
    r"nay\sco\s?hieu\s?luc|(?:[^\W\d_]+\s){1,10}?thong\s?bao\s(?:de|cho)\s|nhan\s?duoc\s(?:cong\s?van|van\s?ban|ke\s?hoach|thong\s?bao)|"
    r"trong\s?qua\s?trinh\s(?:thuc\s?hien|trien\s?khai)[^.]{0,30}(?:vuong\s?mac|kho\s?khan))"
)

_CLOSING_WORDS = ("tren", "hieu", "thong", "nhan", "trong")  # (one is in every match)


def is_closing_formula(folded: str) -> bool:
    """Whether a folded line opens with the body's closing words (`CLOSING_FORMULA`, tried
    only where one of the words it needs is: most lines of a body have none)."""
    return contains_any(folded, _CLOSING_WORDS) and CLOSING_FORMULA.match(folded) is not None


_NO_POINT = Heading(-1, "", "")
# folded: a paragraph that turns to other bodies
_ANOTHER = re.compile(r"^(?:doi\s?voi|rieng)\s")


def content_items(lines: list[str]) -> list[str]:
    """A section's bullets, or else its paragraphs (wrapped lines joined)."""
    items: list[str] = []
    for line in lines:
        if is_closing_formula(fold(line)):
            break  # "Trên đây là Kế hoạch …": the body's closing words, no one's task
        is_bullet = bool(BULLET.match(line))
        text = strip_bullet(line)  # (clean: a document line is, and so is its end)
        if not text:
            continue
        if items and not is_bullet and continues(items[-1], text):
            items[-1] = items[-1] + " " + text
        else:
            items.append(text)
    return items


def continues(previous: str, line: str) -> bool:
    """Whether a line without a bullet carries on the item before it (a wrapped line)."""
    return line[:1].islower() or not previous.endswith((".", ":", ";", "!", "?", "…", ")"))


def following_items(
    lines: list[str],
    index: int,
    owned: list[bool],
    assigns: Callable[[str], bool] = lambda line: False,
) -> tuple[list[str], int]:
    """The numbered points, else the bullets, that follow the line `index` (which ends in
    ":"), and how many lines they take; nothing where those lines belong to a task. The
    points end at a paragraph that `assigns` work of its own."""
    first = index + 1
    if first >= len(lines) or owned[first]:
        return [], 0
    heading = read_heading(lines[first])
    if heading is not None:
        return _points(lines, first, heading.rank, owned, assigns)
    end = first
    while end < len(lines) and not owned[end]:
        line = lines[end]
        if is_closing_formula(fold(line)) or read_heading(line) is not None:
            break
        if not BULLET.match(line) and not (end > first and continues(lines[end - 1], line)):
            break
        end += 1
    return content_items(lines[first:end]), end - first


def _points(
    lines: list[str],
    first: int,
    rank: int,
    owned: list[bool],
    assigns: Callable[[str], bool],
) -> tuple[list[str], int]:
    items: list[str] = []
    end = first
    while end < len(lines) and not owned[end]:
        line = lines[end]
        if is_closing_formula(fold(line)):
            break
        if _ANOTHER.match(fold(line)):
            break  # "Đối với các Trung tâm …: …": the points have ended
        heading = read_heading(line)
        under_point = end > first and (read_heading(lines[end - 1]) or _NO_POINT).rank == rank
        if heading is None and not under_point and not BULLET.match(line) and assigns(line):
            break  # "Bộ … giao Vụ … chủ trì …" after the points (not a point's own text)
        if heading is not None:
            if heading.rank < rank:
                break
            if heading.rank == rank:
                items.append(heading.text)  # (clean, as its line is)
        end += 1
    return items, end - first
