"""Cited documents (legal references) and the data cut-off date."""

from __future__ import annotations

import re

from xhht.kernel.vndates import find_dates

from .model import LegalRef
from .textutil import fold

_KINDS = (
    "Nghị quyết liên tịch",
    "Thông tư liên tịch",
    "Thông báo kết luận",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Nghị định",
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Kế hoạch",
    "Công văn",
    "Văn bản",
    "Thông báo",
    "Tờ trình",
    "Hướng dẫn",
    "Công điện",
    "Chương trình",
    "Đề án",
    "Kết luận",
    "Quy định",
    "Quy chế",
    "Báo cáo",
    "Thông tri",
    "Điều lệ",
)
_KIND = re.compile(r"(?<!\w)(" + "|".join(_KINDS) + r")(?!\w)", re.IGNORECASE)
_CANONICAL = {kind.casefold(): kind for kind in _KINDS}
# "89/QĐ-TTg", "01-NQ/TV", "12/2013/TT-BGDĐT", "14 / CV- HKH": digits, then groups of
# letters joined by "/" or "-" (a group may also be a year or "QH13"). The pattern opens
# with a digit (what may not precede it is tested after it) so the engine skips ahead.
_NUMBER = re.compile(
    r"(\d(?<![\w/.-]\d)\d{0,4}(?:\s?/\s?\d{4})?\s?[/-]\s?[^\W\d_][\w&]*+"
    r"(?:\s?[/-]\s?(?=[\w&]*[^\W\d_])[\w&]++)*+)(?![\w/])"
)
# What every match of _NUMBER holds: a digit, "/" or "-", a letter; searched in the fold
# (which keeps digits, letters and spaces where they are), where ASCII needs no Unicode
# classes: three times quicker than _NUMBER on the many lines without a number.
_NUMBER_HINT = re.compile(r"\d\s?[/-]\s?[^\W\d_]")
_ASCII_NUMBER_HINT = re.compile(r"[0-9]\s?[/-]\s?[a-z]")  # (a fold has no capitals)


# A match of _NUMBER holds its hint at most this far from its start ("12345 / 2013/").
_HINT_REACH = 16


def _number_scan_start(line: str) -> int:
    """Where a scan for cited numbers in `line` may start (-1: the line holds none): a
    little before the first hint, so that the scan skips the words before it."""
    folded = fold(line)
    if folded.isascii():
        hint = _ASCII_NUMBER_HINT.search(folded)
    else:
        hint = _NUMBER_HINT.search(line)
    return -1 if hint is None else max(0, hint.start() - _HINT_REACH)


_GAP_DATE = re.compile(
    r"^[\s,(]{0,3}(?:(?:do|của)\s[^,.;()\d/]{0,60}?\s)?(?:ban\shành\s)?(?:ngày|,)", re.IGNORECASE
)

_SENTENCE_GAP = re.compile(r"\.\s")
_OTHER_NUMBER = re.compile(r"[\d/]\w*[/-]\w")
_NGAY = re.compile(r"ngày", re.IGNORECASE)
_SPACE = re.compile(r"\s")


def _nearest_kind(line: str, number_start: int) -> re.Match[str] | None:
    """The kind word that governs the number starting at `number_start`, if any."""
    window_start = max(0, number_start - 90)
    found = None
    for match in _KIND.finditer(line, window_start, number_start):
        found = match
    if found is None:
        return None
    gap = line[found.end() : number_start]
    if ";" in gap or _SENTENCE_GAP.search(gap) or _OTHER_NUMBER.search(gap):
        # Another cited number or a sentence end sits between them, unless the gap only
        # lists numbers of the same kind ("Công văn 123/BGDĐT-GDTX, 124/BGDĐT-GDTX").
        if not _NGAY.search(gap) and not _only_numbers(gap):
            return None
    return found


_LIST_WORDS = re.compile(r"\b(?:và|số|ngày|tháng|năm|\d+)\b|[\s,]", re.IGNORECASE)


def _only_numbers(gap: str) -> bool:
    """Whether `gap` holds nothing but other document numbers, dates and "và", "số"."""
    if ";" in gap or _SENTENCE_GAP.search(gap):
        return False
    rest = _NUMBER.sub(" ", gap)
    return not _LIST_WORDS.sub("", rest)


def _date_after(line: str, end: int) -> str | None:
    tail = line[end : end + 100]
    gap = _GAP_DATE.match(tail)
    if not gap:
        return None
    for match in find_dates(tail, _folded=fold(line)[end : end + 100]):
        if match.start >= gap.start() and match.start <= gap.end() + 2:
            return match.value.iso() if match.value.complete else None
    return None


def _date_before(line: str, start: int, end: int) -> str | None:
    """The date last in `line[start:end]`, if complete."""
    dates = find_dates(line[start:end], _folded=fold(line)[start:end])
    if dates and dates[-1].value.complete:
        return dates[-1].value.iso()
    return None


def _key(number: str) -> str:
    return _SPACE.sub("", number).casefold()


def find_legal_refs(lines: list[str], own: str | None) -> list[LegalRef]:
    """Every document cited in `lines`, once each, in order of first citation."""
    refs: list[LegalRef] = []
    seen: dict[str, LegalRef] = {}
    own_key = _key(own) if own else None
    for line in lines:
        if "/" not in line and "-" not in line:
            continue  # a number joins its parts with "/" or "-"
        scan_start = _number_scan_start(line)
        if scan_start < 0:
            continue
        for match in _NUMBER.finditer(line, scan_start):
            number = "".join(match.group(1).split())  # (split: the spaces of `\s`, fast)
            key = number.casefold()  # (= _key(number): no space is left)
            cited = seen.get(key)
            if key == own_key or (cited is not None and cited.date is not None):
                continue  # the document itself, or cited again with nothing more to read
            kind = _nearest_kind(line, match.start())
            if kind is None:
                continue
            date = _date_after(line, match.end()) or _date_before(line, kind.end(), match.start())
            if cited is not None:
                cited.date = date
                continue
            ref = LegalRef(_CANONICAL.get(kind.group(1).casefold(), kind.group(1)), number, date)
            seen[key] = ref
            refs.append(ref)
    return refs


_CUTOFF_DIRECT = re.compile(
    r"(?:(?:tinh|lay|chot)\s{0,2}(?:so\s{0,2}lieu\s{0,2})?(?:tu\s.{0,40}?)?den"
    r"|thoi\s{0,2}diem(?:\s{0,2}(?:bao\s{0,2}cao|lay\s{0,2}so\s{0,2}lieu|chot\s{0,2}so\s{0,2}lieu))?"
    r"\s{0,2}:?)\s{0,3}(?:het\s{0,2})?(?:ngay\s{0,2})?$"
)
_CUTOFF_TOPIC = re.compile(r"so\s{0,2}lieu|ket\s{0,2}qua|thoi\s{0,2}diem")
_CUTOFF_END = re.compile(r"den\s{0,3}(?:het\s{0,2})?(?:ngay\s{0,2})?$")
_DEADLINE_WORDS = re.compile(r"truoc|cham\s?nhat|muon\s?nhat|gui\s|nop\s|han\s")


def is_cutoff_context(prefix: str) -> bool:
    """Whether the folded words before a date make it a "data as of" date."""
    # (each pattern needs "den" or "diem": a cheap test first)
    if ("den" in prefix or "diem" in prefix) and _CUTOFF_DIRECT.search(prefix):
        return True
    if "den" not in prefix or not _CUTOFF_END.search(prefix):
        return False
    topics = list(_CUTOFF_TOPIC.finditer(prefix))
    if not topics:
        return False
    return not _DEADLINE_WORDS.search(prefix[topics[-1].end() :])


def find_cutoff(lines: list[str]) -> str | None:
    """The first "data as of" date (ISO) in `lines`."""
    for line in lines:
        folded = fold(line)
        if "den" not in folded and "thoi diem" not in folded:
            continue
        for match in find_dates(line, _folded=folded):
            if not match.value.complete or match.month_only:
                continue
            prefix = folded[max(0, match.start - 100) : match.start]
            if is_cutoff_context(prefix):
                return match.value.iso()
    return None
