"""Turn raw text into clean lines and find the header, body and footer zones."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from .flat import is_flattened, unflatten
from .patterns import (
    BODY_START,
    CAPACITY,
    CAPACITY_FIRST,
    HEADING,
    KINH_GUI,
    match_kinh_gui,
    match_noi_nhan,
)
from .recipients import read_recipients
from .textutil import clean, fold, fold_lines, is_upper_line

_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
_RULE_LINE = re.compile(r"^[\s_\-=*~.…·•–—]*$")
# A file path (often printed above the signature); removed so its digits are not read as dates.
_PATH = re.compile(
    r"(?:(?<!\w)[A-Za-z]:[\\/]|\\\\|(?<!\w)/(?:home|Users|mnt)/)"
    r"(?:[^\n]{0,200}?\.(?:docx?|pdf|xlsx?|txt|odt)\b|[^\n]{0,200}$)"
)
# folded
_APPENDIX = re.compile(
    r"(?:de\s?cuong|phu\s?luc|mau\s|bieu\s?mau|huong\s?dan\s(?:noi\s?dung|bao\s?cao)|"
    r"noi\s?dung\s(?:bao\s?cao|de\s?cuong))"
)
_MOTTO_FOLD = re.compile(
    r"c\s?o\s?n\s?g\s*h\s?o\s?a\s*x\s?a\s*h\s?o\s?i\s*c\s?h\s?u\s*n\s?g\s?h\s?i\s?a\s*"
    r"v\s?i\s?e\s?t\s*n\s?a\s?m"
    r"|doc\s*l\s?a\s?p\s*[-–—,.]?\s*t\s?u\s*d\s?o\s*[-–—,.]?\s*h\s?a\s?n\s?h\s*p\s?h\s?u\s?c"
    r"|dang\s*cong\s*san\s*viet\s*nam"
)


def normalize_text(raw: str) -> str:
    """NFC, Unix line ends, no NBSP or zero-width characters, table cells on lines."""
    text = unicodedata.normalize("NFC", raw)
    if any(char in text for char in _ZERO_WIDTH_CHARS):  # rare; a search is much cheaper
        text = _ZERO_WIDTH.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n").replace("\v", "\n")
    return text.replace("|", "\n")


def _may_hold_path(line: str) -> bool:
    return ":\\" in line or ":/" in line or "\\\\" in line or "/home/" in line or "/Users/" in line


def _may_hold_paths(text: str) -> bool:
    """Whether a line of `text` may pass `_may_hold_path` (a cheaper test of the whole text:
    one scan for a backslash, then a look around each slash, few in most texts)."""
    if "\\" in text:
        return True
    slash = text.find("/")
    while slash >= 0:
        if text[slash - 1 : slash] == ":" or text.startswith(("home/", "Users/"), slash + 1):
            return True
        slash = text.find("/", slash + 1)
    return False


def text_lines(raw: str) -> list[str]:
    """The non-blank, cleaned lines of a document, rules and file paths dropped.

    Each line is as `clean` leaves it (one space between words, none at the ends), and so
    is its end from any word on: the readers take lines and their ends as they are.
    """
    text = normalize_text(raw)
    # Each line with its spaces folded: a stripped printable line without "  " has none
    # to fold (every space but " " is unprintable), and is most lines: no split for them.
    lines = [
        line if line.isprintable() and "  " not in line else " ".join(line.split())
        for line in map(str.strip, text.split("\n"))
        if line
    ]
    if is_flattened(lines):
        lines = [line for line in map(clean, unflatten(lines)) if line]
    if _may_hold_paths(text):
        lines = [clean(_PATH.sub(" ", line)) if _may_hold_path(line) else line for line in lines]
    # (a rule has no letter or digit: a line that opens with one needs no regex)
    lines = [line for line in lines if line and (line[0].isalnum() or not _RULE_LINE.match(line))]
    fold_lines(lines)  # every line is folded, most of them more than once
    return lines


def is_motto(line: str) -> bool:
    """Whether `line` holds the national (or the Party's) motto."""
    return bool(_MOTTO_FOLD.search(fold(line)))


def remove_motto(line: str) -> str:
    """`line` without the motto phrases (they share lines with the issuer when flattened)."""
    folded = fold(line)
    pieces = []
    last = 0
    for match in _MOTTO_FOLD.finditer(folded):
        pieces.append(line[last : match.start()])
        last = match.end()
    pieces.append(line[last:])
    return clean(" ".join(pieces))


@dataclass(frozen=True)
class Layout:
    """A document's lines and where its zones begin."""

    lines: list[str]
    body_start: int
    footer_start: int
    kinh_gui: int | None
    title: int | None = None
    appendix_start: int | None = None
    recipients: list[str] = field(default_factory=list)  # those of the "Kính gửi" block

    @property
    def header(self) -> list[str]:
        return self.lines[: self.body_start]

    @property
    def body(self) -> list[str]:
        return self.lines[self.body_start : self.footer_start]

    @property
    def footer(self) -> list[str]:
        return self.lines[self.footer_start : self.appendix_start]

    @property
    def appendix(self) -> list[str]:
        """What follows the signature: an outline or forms "kèm theo" the document."""
        return [] if self.appendix_start is None else self.lines[self.appendix_start :]


def _is_body_line(line: str) -> bool:
    folded = fold(line)
    if BODY_START.match(folded):
        return True
    if HEADING.match(line) and not is_upper_line(line[:40]) and len(line) > 3:
        return not folded.startswith(("so", "v/v"))
    return len(line) > 160 and not is_upper_line(line) and "v/v" not in folded[:6]


# A trích yếu cannot end on these words: the line after it goes on with the subject.
_OPEN_END = re.compile(
    r"\s(?:ve|cua|va|cho|tai|voi|trong|theo|doi voi|nham|de|giai doan|nam|nam hoc|"
    r"thuc hien|trien khai|cac|nhung|tu|den|tren|o)$"
)


def _subject_wraps(lines: list[str], start: int) -> int:
    """How many lines after the subject line `start` go on with it (at most two): the
    subject line ends on a word that cannot end it, or the next line opens in lower case."""
    count = 0
    for index in range(start + 1, min(len(lines), start + 3)):
        line, before = lines[index], lines[index - 1]
        if HEADING.match(line) or KINH_GUI.match(fold(line)) or len(before) > 160:
            break
        if not (line[:1].islower() or _OPEN_END.search(fold(before).rstrip(" ,"))):
            break
        count += 1
    return count


def find_body_start(lines: list[str], kinh_gui: int | None, title: int | None = None) -> int:
    """The first line of the body: after the recipients, or the first body-like line.

    The line after a type title (KẾ HOẠCH …) is its subject, never the body.
    """
    if kinh_gui is not None:
        return read_recipients(lines, kinh_gui)[1]
    first = 1 if title is None else title + 2 + _subject_wraps(lines, title + 1)
    for index in range(first, min(len(lines), 60)):
        line = lines[index]
        if _is_body_line(line):
            return index
        if HEADING.match(line) and index > 2 and is_upper_line(line):
            return index
    return min(len(lines), first if title is not None else 8)


def find_footer_start(lines: list[str], body_start: int) -> int:
    """The first line of the closing zone (Nơi nhận, the signature block)."""
    end = len(lines)
    window = max(body_start, end - 40)
    for index in range(end - 1, window - 1, -1):
        folded = fold(lines[index])
        if match_noi_nhan(folded) or (
            folded[:1] in CAPACITY_FIRST and CAPACITY.match(folded) and is_upper_line(lines[index])
        ):
            end = index
    for index in range(max(body_start, len(lines) - 60), end):
        if lines[index].endswith("./."):  # (a line has no space at its end)
            return index + 1
    return max(end, body_start)


def find_appendix_start(lines: list[str], body_start: int) -> int | None:
    """The title line of an appendix after the closing zone ("ĐỀ CƯƠNG BÁO CÁO", "PHỤ LỤC")."""
    for closing in range(body_start, len(lines)):
        if match_noi_nhan(fold(lines[closing])):
            break
    else:
        return None
    for index in range(closing + 1, len(lines)):
        line = lines[index]
        if len(line) < 90 and _APPENDIX.match(fold(line)) and is_upper_line(line):
            return index
    return None


def build_layout(raw: str, find_title: Callable[[list[str]], int | None]) -> Layout:
    """Split `raw` into lines and find its zones (`find_title` locates a type title)."""
    lines = text_lines(raw)
    kinh_gui = next(
        (i for i, line in enumerate(lines[:80]) if match_kinh_gui(fold(line))),
        None,
    )
    title = find_title(lines[:40])
    recipients: list[str] = []
    if kinh_gui is not None:
        recipients, body_start = read_recipients(lines, kinh_gui)
    else:
        body_start = find_body_start(lines, kinh_gui, title)
    appendix = find_appendix_start(lines, body_start)
    footer_start = find_footer_start(lines[:appendix], body_start)
    header_title = title if title is not None and title < body_start else None
    return Layout(lines, body_start, footer_start, kinh_gui, header_title, appendix, recipients)
