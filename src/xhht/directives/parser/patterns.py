"""Regular expressions for the landmarks of the official layout, shared by the modules.

Patterns marked "folded" run on `fold(line)` (lower case, no diacritics); the
others on the line as written.
"""

from __future__ import annotations

import re

# folded
KINH_GUI = re.compile(r"^\W*k\s?i\s?n\s?h\s*g\s?u\s?i\b\s*:?")
NOI_NHAN = re.compile(r"^\W*n\s?o\s?i\s*n\s?h\s?a\s?n\b\s*:?")
CAPACITY = re.compile(r"^(?:(?:kt|tm|tl|tuq|q)\s?[.:/]|k/t|t/m|t/l)\s*\S")
CAPACITY_FIRST = "ktq"  # what a match of CAPACITY opens with


def _may_open_label(folded: str, letter: str) -> bool:
    """Whether `folded` may open with a label whose first letter is `letter` (after
    characters that are not letters or digits): not where it opens with another letter or
    a digit, as most lines do."""
    first = folded[:1]
    return first == letter or not first.isalnum()


def match_noi_nhan(folded: str) -> re.Match[str] | None:
    """`NOI_NHAN.match(folded)`, tried only where the line may open with it."""
    return NOI_NHAN.match(folded) if _may_open_label(folded, "n") else None


def match_kinh_gui(folded: str) -> re.Match[str] | None:
    """`KINH_GUI.match(folded)`, tried only where the line may open with it."""
    return KINH_GUI.match(folded) if _may_open_label(folded, "k") else None


BODY_START = re.compile(
    r"^(?:can\s?cu|thuc\s?hien|de\s(?!an\b|cuong\b|tai\b)|nham\s|theo\s|trien\s?khai|ngay\s\d|hien\s?nay|"
    r"vua\s?qua|trong\s|tiep\s?theo|nhung\snam\s(?:qua|gan\sday)|thoi\sgian\s(?:qua|vua\squa)|sau\s?khi|dieu\s?\d|chuong\s|phan\s[ivx\d]|"
    r"nam\s(?:hoc\s)?\d{4}|qua\s|nhu\s|duoc\s|tai\s|vua\s)"
)
# as written
HEADING = re.compile(r"^(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-zđ]|[A-Z])\s?[.)]\s*\S")
