"""Numbered headings ("I.", "1.", "2.1.", "a)", "Điều 3.") and their depth."""

from __future__ import annotations

import re
from typing import NamedTuple

from .memo import per_document

_ROMAN = re.compile(r"^([IVX]{1,5})\s?(?:[.):-]|/(?=\s))\s*(?=\S)")
_LETTER_UPPER = re.compile(r"^([A-H])\s?[.)]\s+(?=\S)")
_DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\)?\s+(?=\D)")
_ARABIC = re.compile(r"^(\d{1,2})\s?(?:[.):-]|/(?=\s))\s*(?=[^\W\d_]|[“\"(])")
_LETTER = re.compile(r"^([a-zđ])\s?[.)]\s+(?=\S)")
_ARTICLE = re.compile(r"^(Điều\s\d{1,3})\s?[.:]\s*")
_FORMS = (
    (0, _LETTER_UPPER),
    (1, _ROMAN),
    (1, _ARTICLE),
    (None, _DECIMAL),
    (2, _ARABIC),
    (6, _LETTER),
)
# The forms above in one pattern, in the same order, each label a group named "f<index>"
# (the only group of each form): one call finds the first form that matches.
_ANY_FORM = re.compile(
    "|".join(form.pattern.replace("^(", f"(?P<f{i}>", 1) for i, (_, form) in enumerate(_FORMS))
)


# What the forms open with (besides a digit): a line that opens otherwise is no heading.
_FORM_FIRST = "ABCDEFGHIVXabcdefghijklmnopqrstuvwxyzđĐ"


class Heading(NamedTuple):
    """A numbered line: its depth (smaller is higher) and the text after the number
    (a named tuple: made for most lines of a body, and quicker to make than a dataclass)."""

    rank: int
    label: str
    text: str


@per_document
def read_heading(line: str) -> Heading | None:
    """The heading `line` opens, or None for an ordinary line."""
    opening = line[:1]
    if opening not in _FORM_FIRST and not opening.isdecimal():
        return None  # (a bullet, most capitals: no pattern to try)
    first = _ANY_FORM.match(line)
    if first is None:
        return None
    name = first.lastgroup
    text = line[first.end() :].strip()
    if name is not None and text:
        rank = _FORMS[int(name[1:])][0]
        label = first.group(name)
        return Heading(2 + label.count(".") if rank is None else rank, label, text)
    for rank, pattern in _FORMS:  # (the form found leaves no text: try the others in turn)
        match = pattern.match(line)
        if not match:
            continue
        label = match.group(1)
        if rank is None:
            rank = 2 + label.count(".")
        text = line[match.end() :].strip()
        if text:
            return Heading(rank, label, text)
    return None
