"""One reader of Vietnamese dates for the whole project (pure Python, no Django).

Dates are found in "folded" text (lower case, diacritics removed, same length
as the original) so that spans found here index the caller's own string, and
so that OCR or code-page damage to the accents does not hide a date.
"""

from __future__ import annotations

import calendar
import codecs
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

DeadlineKind = Literal["before", "by", "month"]


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char)[0] if ord(char) > 127 else char
    if unicodedata.combining(base):
        base = char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


# Latin, Latin Extended and Vietnamese letters folded; every other code point below
# U+2200 maps to itself (a complete table translates about twice as fast as a
# sparse one), and characters above it are left as they are by str.translate.
_FOLDED_RANGES = (range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00))
_FOLD_TABLE = tuple(
    ord(_fold_char(chr(cp))) if any(cp in r for r in _FOLDED_RANGES) else cp for cp in range(0x2200)
)


# Most texts hold only ASCII, Vietnamese letters and a few marks: 256 characters at most,
# which a codec table turns into one byte each. Folding those bytes with bytes.translate
# and decoding them back runs in C, four times faster than str.translate (which looks
# each character up in Python objects once the text holds a non-ASCII one).
_VIETNAMESE = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
BYTE_CHARS = (
    "\x00\t\n\v\f\r"  # (a codec table must map byte 0 to "\x00")
    + "".join(map(chr, range(0x20, 0x7F)))
    + _VIETNAMESE
    + _VIETNAMESE.upper()
    + "“”‘’–—…•·°«»×\u00a0\u0300\u0301\u0303\u0309\u0323"
)
_DECODING = BYTE_CHARS.ljust(256, "\ufffe")  # (U+FFFE: a byte that maps to nothing)
_ENCODING = codecs.charmap_build(_DECODING)
# byte of a character → byte of its fold (each fold is among the characters)
_BYTE_FOLD = bytes(BYTE_CHARS.index(chr(_FOLD_TABLE[ord(c)])) for c in BYTE_CHARS).ljust(
    256, b"\x00"
)


def to_bytes(value: str) -> bytes | None:
    """`value` one byte per character, byte i for `BYTE_CHARS[i]` (C-speed counting and
    folding), or None when a character of `value` is not in `BYTE_CHARS`."""
    try:
        return codecs.charmap_encode(value, "strict", _ENCODING)[0]
    except UnicodeEncodeError:
        return None


def fold(value: str) -> str:
    """Lower-case `value` and drop its diacritics, one output char per input char.

    Keeping the length lets a match on the folded text be cut out of the original.
    """
    if value.isascii():  # (the table changes nothing in ASCII but the case)
        return value.lower()
    try:  # (`to_bytes` inline: fold is called for most lines)
        encoded = codecs.charmap_encode(value, "strict", _ENCODING)[0]
    except UnicodeEncodeError:  # a character outside the byte table: the full table
        return value.translate(_FOLD_TABLE)
    return codecs.charmap_decode(encoded.translate(_BYTE_FOLD), "strict", _DECODING)[0]


# The value classes below set their fields in `__dict__` in their own `__init__`: a frozen
# dataclass's generated one goes through `object.__setattr__` for each field, twice as
# slow, and the scans make one of these for every date and deadline they read.


@dataclass(frozen=True, init=False)
class VNDate:
    """A date as written: the day (and even the year) may be missing."""

    year: int | None
    month: int | None
    day: int | None = None

    def __init__(self, year: int | None, month: int | None, day: int | None = None) -> None:
        fields = self.__dict__
        fields["year"], fields["month"], fields["day"] = year, month, day

    @property
    def complete(self) -> bool:
        return self.year is not None and self.month is not None and self.day is not None

    def as_date(self) -> dt.date | None:
        """The calendar date, or None when a part is missing."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def iso(self) -> str | None:
        """`YYYY-MM-DD`, `YYYY-MM` for a month alone, None without year or month."""
        if self.year is None or self.month is None:
            return None
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, init=False)
class DateMatch:
    """A date found in a text: its span in that text and its value."""

    start: int
    end: int
    value: VNDate
    month_only: bool = False
    month_end: bool = False  # "cuối tháng …"

    def __init__(
        self, start: int, end: int, value: VNDate, month_only: bool = False, month_end: bool = False
    ) -> None:
        fields = self.__dict__
        fields["start"], fields["end"], fields["value"] = start, end, value
        fields["month_only"], fields["month_end"] = month_only, month_end


@dataclass(frozen=True, init=False)
class DeadlineRule:
    """What a deadline phrase allows.

    kind "before": "trước ngày X", the last allowed day is X - 1;
    kind "by": "muộn nhất / chậm nhất / đến ngày X", the last allowed day is X;
    kind "month": "trong tháng M năm Y", any day of that month.
    """

    kind: DeadlineKind
    year: int
    month: int
    day: int | None = None

    def __init__(self, kind: DeadlineKind, year: int, month: int, day: int | None = None) -> None:
        fields = self.__dict__
        fields["kind"], fields["year"], fields["month"], fields["day"] = kind, year, month, day

    @property
    def inclusive(self) -> bool:
        return self.kind != "before"

    def last_day(self) -> dt.date:
        """The last day on which the obligation is still met."""
        if self.day is None:
            end = dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
            if self.kind == "before":
                return dt.date(self.year, self.month, 1) - dt.timedelta(days=1)
            return end
        day = dt.date(self.year, self.month, self.day)
        return day - dt.timedelta(days=1) if self.kind == "before" else day

    def iso(self) -> str:
        """The date as the text gives it: `YYYY-MM` for a month, else `YYYY-MM-DD`."""
        if self.day is None:
            if self.kind == "before":
                return f"{self.year:04d}-{self.month:02d}-01"
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, init=False)
class RuleMatch:
    """A deadline phrase found in a text: the span of marker + date, and the rule."""

    start: int
    end: int
    date_start: int
    rule: DeadlineRule

    def __init__(self, start: int, end: int, date_start: int, rule: DeadlineRule) -> None:
        fields = self.__dict__
        fields["start"], fields["end"] = start, end
        fields["date_start"], fields["rule"] = date_start, rule


_SEP = r"\s?[/.\-]\s?"
# Neighbours that mean the digits belong to a phone number, a path or an address.
# Each pattern opens with a digit or a literal word so that the regex engine can skip
# ahead to candidates; what must not come before a date is tested just after its first digit.
_NUMERIC = re.compile(
    r"(\d(?<![\w@./\\-]\d)\d?)" + _SEP + r"(\d{1,2})" + _SEP + r"(\d{4})(?![\w@]|[./\\-]\w)"
)
# The same in ASCII text (where `\d` is [0-9]), and quicker: the engine skips ahead to a
# digit by a table test instead of a Unicode category lookup.
_ASCII_NUMERIC = re.compile(_NUMERIC.pattern.replace(r"(\d(?<!", r"([0-9](?<!", 1))
_WORDS = re.compile(
    r"ngay\s{0,3}(\d{1,2})[\s,]{0,3}thang\s{0,3}(\d{1,2})(?:[\s,]{0,3}(?:nam|/|-)\s{0,3}(\d{4}))?"
)
_MONTH = re.compile(r"thang\s{0,3}(\d{1,2})\s{0,3}(?:nam|/|-|\.)\s{0,3}(\d{4})(?!\d)")
_MONTH_END = re.compile(r"cuoi\s{0,3}$")
_SHORT = re.compile(r"ngay\s{0,3}(\d{1,2})\s?[/.\-]\s?(\d{1,2})(?![\d\w@]|\s?[/.\-]\s?\d)")


def _valid(year: int | None, month: int, day: int | None) -> bool:
    if not 1 <= month <= 12:
        return False
    if year is not None and not 1900 <= year <= 2100:
        return False
    if day is None:
        return True
    if 1 <= day <= 28:
        return True
    last = calendar.monthrange(year if year is not None else 2000, month)[1]
    return 1 <= day <= last


def _candidates(
    folded: str, default_year: int | None, digit: int, numeric: re.Pattern[str] = _NUMERIC
) -> list[DateMatch]:
    """The dates of every reading; `digit` is where the first digit of `folded` is.

    No match can start before that digit, or (for "ngay 1…", "thang 1…") more than
    8 characters before it: the scans start there. `numeric` is `_NUMERIC` or, for
    ASCII text, `_ASCII_NUMERIC`.
    """
    found: list[DateMatch] = []
    words = "ngay" in folded  # (the patterns below need these words)
    month_word = "thang" in folded
    after_words = max(0, digit - 8)
    for m in numeric.finditer(folded, digit):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        if _valid(year, month, day):
            found.append(DateMatch(m.start(), m.end(), VNDate(year, month, day)))
    for m in _WORDS.finditer(folded, after_words) if words and month_word else ():
        day, month = int(m[1]), int(m[2])
        written_year = int(m[3]) if m[3] else default_year
        if _valid(written_year, month, day):
            found.append(DateMatch(m.start(), m.end(), VNDate(written_year, month, day)))
    for m in _MONTH.finditer(folded, after_words) if month_word else ():
        month, year = int(m[1]), int(m[2])
        if _valid(year, month, None):
            end_of = _MONTH_END.search(folded, max(0, m.start() - 8), m.start())
            start = end_of.start() if end_of else m.start()
            found.append(DateMatch(start, m.end(), VNDate(year, month), True, bool(end_of)))
    for m in _SHORT.finditer(folded, after_words) if words and default_year is not None else ():
        day, month = int(m[1]), int(m[2])
        if default_year is not None and _valid(default_year, month, day):
            found.append(DateMatch(m.start(1), m.end(), VNDate(default_year, month, day)))
    return found


_DIGIT = re.compile(r"\d")
_ASCII_DIGIT = re.compile(r"[0-9]")  # the same in ASCII text, and quicker


def _order(match: DateMatch) -> tuple[int, int]:
    return match.start, match.start - match.end


def find_dates(
    text: str, default_year: int | None = None, *, _folded: str | None = None
) -> list[DateMatch]:
    """Every date in `text`, in order, overlapping readings resolved to the longest.

    With `default_year`, "ngày 30/6" and "ngày 30 tháng 6" take that year.
    """
    folded = _folded if _folded is not None else fold(text)
    ascii_only = folded.isascii()
    digit = (_ASCII_DIGIT if ascii_only else _DIGIT).search(folded)
    if digit is None:  # every date has a digit
        return []
    found = _candidates(
        folded, default_year, digit.start(), _ASCII_NUMERIC if ascii_only else _NUMERIC
    )
    if len(found) < 2:  # (nothing to order or to resolve)
        return found
    found.sort(key=_order)
    result: list[DateMatch] = []
    for item in found:
        if result and item.start < result[-1].end:
            continue
        result.append(item)
    return result


def parse_date(text: str) -> dt.date | None:
    """The first complete date in `text` ("16/5/2013", "ngày 16 tháng 5 năm 2013")."""
    for match in find_dates(text):
        value = match.value.as_date()
        if value is not None:
            return value
    return None


_BEFORE = re.compile(r"(?:truoc|khong\s{0,2}qua)\s{0,3}(?:ngay\s{0,3})?$")
_BEFORE_TIME = re.compile(
    r"truoc\s{0,3}\d{1,2}\s{0,2}(?:h|gio)\s{0,2}\d{0,2}\s{0,2}(?:phut\s{0,2})?[,\s]{0,3}"
    r"(?:ngay\s{0,3})?$"
)
_BY = re.compile(
    r"(?:(?:muon|cham|tre)\s{0,3}nhat(?:\s{0,3}la)?(?:\s{0,3}vao)?(?:\s{0,3}(?:den|truoc))?"
    r"|(?<!tinh\s)(?<!tinh)(?:den|toi)(?:\s{0,3}het)?|han\s{0,3}(?:chot|cuoi)(?:\s{0,3}la)?"
    r"|thoi\s{0,3}han(?:\s{0,3}(?:nop|gui|hoan\s{0,3}thanh))?(?:\s{0,3}la)?"
    # a label and its colon: "Thời hạn nộp báo cáo:", "Hạn cuối nhận hồ sơ:"
    r"|(?:thoi\s{0,3}han|han\s{0,3}(?:chot|cuoi)|thoi\s{0,3}gian\s{0,3}hoan\s{0,3}thanh)"
    r"(?:\s{1,3}[a-z]+){0,4}\s{0,2}:)"
    r"[\s:,]{0,3}(?:ngay\s{0,3})?$"
)
_MONTH_MARK = re.compile(
    r"(?:trong|(?:den\s{0,3})?het|vao\s{0,3}cuoi|truoc\s{0,3}cuoi|(?:den\s{0,3})?cuoi|den)"
    r"\s{0,3}$"
)
_MONTH_END_WORDS = re.compile(r"(?:truoc|vao|den|trong|het)?\s{0,3}$")
_MONTH_BEFORE = re.compile(r"truoc\s{0,3}$")


# A word each match of these patterns holds, and how far into a match that word may
# begin at most: where none is in the text, no search; else the search starts that far
# before the first of them (most of the 48 characters before a date are passed over).
# (Keyed by the patterns' text: hashing a compiled pattern hashes its whole code.)
_NEEDS: dict[str, tuple[tuple[str, ...], int]] = {
    _BEFORE.pattern: (("truoc", "qua"), 7),  # "khong  qua"
    _BEFORE_TIME.pattern: (("truoc",), 0),
    # ("han": "thoi han", "han chot", "hoan thanh"; the farthest, "thoi gian hoan thanh")
    _BY.pattern: (("nhat", "den", "toi", "han"), 22),
    _MONTH_MARK.pattern: (("trong", "het", "cuoi", "den"), 8),  # "truoc   cuoi"
    _MONTH_BEFORE.pattern: (("truoc",), 0),
}


def _search(pattern: re.Pattern[str], prefix: str) -> re.Match[str] | None:
    """`pattern.search(prefix)`, skipped when `prefix` lacks every word the pattern needs,
    and begun a little before the first of them."""
    words, reach = _NEEDS[pattern.pattern]
    first = -1
    for word in words:
        at = prefix.find(word)
        if at >= 0 and (first < 0 or at < first):
            first = at
    if first < 0:
        return None
    return pattern.search(prefix, max(0, first - reach))


# The markers of a day, each with the words it can end on before the date (see
# `_words_end`; "" for any: a clock time ends the first).
_BY_ENDS = ("nhat", "la", "vao", "den", "truoc", "toi", "het", "chot", "cuoi", "han", "nop", "gui")
_DAY_MARKS: tuple[tuple[re.Pattern[str], DeadlineKind, tuple[str, ...]], ...] = (
    (_BEFORE_TIME, "by", ("",)),  # "trước 17 giờ ngày X": that day included
    (_BEFORE, "before", ("truoc", "qua")),
    (_BY, "by", (*_BY_ENDS, "thanh")),
)


def _words_end(prefix: str) -> int:
    """Where in `prefix` (the words before a date) a day's marker must end: before a final
    "ngay" with up to three spaces, and up to three spaces or commas before that; -1 where
    a colon (a label's: "Thời hạn nộp:") or a longer run leaves it open."""
    end = len(prefix)
    spaces = end
    while spaces > end - 3 and spaces > 0 and prefix[spaces - 1].isspace():
        spaces -= 1
    if prefix.endswith("ngay", 0, spaces):
        end = spaces - 4
    run = 0
    while end > 0 and (prefix[end - 1] in ":," or prefix[end - 1].isspace()):
        if prefix[end - 1] == ":" or run == 3:
            return -1
        end -= 1
        run += 1
    return end


def _rule_for(prefix: str, match: DateMatch) -> tuple[DeadlineKind, int] | None:
    """The kind of deadline the words just before a date give it, if any, and where
    inside `prefix` those words begin."""
    value = match.value
    if value.year is None or value.month is None:
        return None
    if match.month_only:
        before = None if match.month_end else _search(_MONTH_BEFORE, prefix)
        if before:
            return "before", before.start()
        words = _search(_MONTH_MARK, prefix)
        if words:
            return "month", words.start()
        if match.month_end:  # "cuối tháng …": a month whatever the words before it
            words = _MONTH_END_WORDS.search(prefix)
            return "month", words.start() if words else len(prefix)
        return None
    end = _words_end(prefix)
    for pattern, kind, endings in _DAY_MARKS:
        if end >= 0 and not prefix.endswith(endings, 0, end):
            continue  # (the words before the date end on none of the marker's last words)
        words = _search(pattern, prefix)
        if words:
            return kind, words.start()
    return None


def find_deadline_rules(
    text: str, default_year: int | None = None, *, folded: str | None = None
) -> list[RuleMatch]:
    """Every "before / no later than / within the month" phrase of `text`, in order.

    `folded` is `fold(text)` where the caller has it already.
    """
    if folded is None:
        folded = fold(text)
    result: list[RuleMatch] = []
    for match in find_dates(text, default_year, _folded=folded):
        window_start = max(0, match.start - 48)
        found = _rule_for(folded[window_start : match.start], match)
        if found is None:
            continue
        kind, marker = found
        value = match.value
        assert value.year is not None and value.month is not None
        rule = DeadlineRule(kind, value.year, value.month, value.day)
        result.append(RuleMatch(window_start + marker, match.end, match.start, rule))
    return result


def parse_deadline(text: str, default_year: int | None = None) -> DeadlineRule | None:
    """The first deadline rule in `text` ("trước ngày 30/6/2013" → before 2013-06-30)."""
    rules = find_deadline_rules(text, default_year)
    return rules[0].rule if rules else None
