"""The header zone: number and symbol, place and date, issuer, subject, type title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xhht.kernel.vndates import find_dates

from .layout import is_motto, remove_motto
from .patterns import BODY_START, HEADING, KINH_GUI, match_kinh_gui
from .textutil import clean, fold, is_upper_line, join_wrapped, rejoin_cut_words

# "Số: 1395/…", "Số 45-CV/TU" (the Party's style: the number is what comes before the "/")
# (the "s" first, then what precedes it: the engine skips ahead to each "s")
_SO = re.compile(
    r"s(?<![\w/]s)\s?o\s{0,2}"
    r"(?::|;|\.|(?=\s{0,3}[\d.…_ ]{0,12}/)|(?=\s{0,3}\d{1,5}\s?-\s?[^\W\d_]+\s?/))\s{0,3}"
)
_NUMBER = re.compile(r"^([\d\s.…_]{0,14}?|\d{1,5}\s?-\s?[^\W\d_][\w&]*)\s{0,3}/\s{0,3}")
# "V/v", "V.v" (OCR), or the words it abbreviates, "Về việc"
_VV = re.compile(r"(?:^|(?<=\W))(?:v\s?[/.]\s?v|ve\s{1,2}viec)(?!\w)\s*[:.]?\s*")
_ABOUT = re.compile(r"^(?:về\s+việc|v\s?/\s?v)\b\s*:?\s*", re.IGNORECASE)
# ", ngày 25 tháng 10", ", ngày … tháng", ", 25/10/2013"; not ", Ngày Chiến thắng 30/4" (a subject).
_PLACE_DATE = re.compile(
    r",\s{0,3}(?:ngay\b(?=\s?(?:\d|[._…]|thang\b|$))|\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{4})"
)
# A trích yếu may open with words that also open a body ("Thực hiện phong trào …").
_SUBJECT_OPENERS = re.compile(r"^(?:thuc\s?hien|trien\s?khai|tiep\s?tuc|tong\s?ket)\s")
_TITLE = re.compile(
    r"^(ke hoach|cong van|thong bao|quyet dinh|huong dan|bao cao|to trinh|giay moi|chi thi|"
    r"nghi quyet|chuong trinh|de an|phuong an|quy che|quy dinh|bien ban|cong dien|thong tri|"
    r"ket luan|loi keu goi|thu|de cuong)(?:$| )"
)
_STAMPS = re.compile(r"^(?:khan|hoa toc|thuong khan|du thao|mat|toi mat|luu hanh noi bo)\W*$")
ORG_WORDS = re.compile(
    r"^(?:ubnd|hdnd|uy\s?ban|hoi\s?dong|so\s|bo\s|ban\s|bcd|phong\s|hoi\s|truong\s|trung\s?tam|"
    r"tinh\s?uy|thanh\s?uy|huyen\s?uy|dang\s?uy|dang\s?bo|chi\s?bo|tinh\s?doan|doan\s|"
    r"cong\s?doan|lien\s?doan|lien\s?hiep|mat\s?tran|van\s?phong|cuc\s|chi\s?cuc|tong\s?cuc|"
    r"vien\s|hoc\s?vien|dai\s?hoc|cong\s?an|bo\s?chi\s?huy|kho\s?bac|thanh\s?tra|"
    r"bao\s?hiem|toa\s?an|vien\s?kiem\s?sat|tong\s?lien|trung\s?uong|chinh\s?phu|quoc\s?hoi|"
    r"thu\s?tuong)"
)
# An org word inside an upper-case line starts a new level unless it belongs to a phrase.
_LEVEL_BREAK = re.compile(
    # (the first space, then the words before it: the engine skips ahead to spaces)
    r"\s(?<!\bxa\s)(?<!\buy\s)(?<!\bvan\s)(?<!\bco\s)(?<!\buong\s)(?<!\bva\s)(?<!\bcua\s)"
    r"(?<!\bdang\s)(?<!\bthuoc\s)\s*"
    r"(?=(?:ban|so|phong|hoi|truong|trung tam|vien|cuc|chi cuc|cong doan|dang uy|"
    r"van phong|uy ban|ubnd|bo)\s)"
)


@dataclass(frozen=True)
class Header:
    """What the header zone gives."""

    number: str | None
    symbol: str | None
    date: str | None
    place: str | None
    issuer: str | None
    subject: str | None
    title_index: int | None


@dataclass(frozen=True)
class _NumberLine:
    index: int
    start: int
    end: int
    number: str | None
    symbol: str


def _read_symbol(rest: str) -> tuple[str, int]:
    """The symbol at the start of `rest` and how many characters it used."""
    tokens = re.finditer(r"\S+", rest)
    symbol = ""
    end = 0
    for token in tokens:
        text = token.group()
        if symbol and not (symbol.endswith(("-", "/", "&")) or text.startswith(("-", "/", "&"))):
            break
        if not symbol and not re.match(r"[\wĐđ&-]", text):
            break
        symbol += text
        end = token.end()
    trimmed = symbol.rstrip(".,;:")
    return trimmed, end - (len(symbol) - len(trimmed))


def find_number(lines: list[str]) -> _NumberLine | None:
    """The "Số: 1395/BCĐXDXHHT" line of the header, if any."""
    for index, line in enumerate(lines):
        folded = fold(line)
        for match in _SO.finditer(folded):
            rest = line[match.end() :]
            number_match = _NUMBER.match(rest)
            if not number_match:
                continue
            after = match.end() + number_match.end()
            symbol, used = _read_symbol(line[after:])
            if not symbol:
                continue
            digits = number_match.group(1).replace(" ", "")
            number = digits if re.search(r"\d", digits) else None
            return _NumberLine(index, match.start(), after + used, number, symbol)
    return None


def _place_date(lines: list[str], number: _NumberLine | None) -> tuple[str | None, str | None, int]:
    """The place and ISO date of the place-and-date line, and its index (-1: none)."""
    for index, line in enumerate(lines):
        folded = fold(line)
        comma = _PLACE_DATE.search(folded)
        if not comma:
            continue
        start = 0
        if number is not None and number.index == index and number.end <= comma.start():
            start = number.end
        place = clean(remove_motto(line[start : comma.start()]))
        vv = _VV.search(fold(place))
        if vv:
            place = place[: vv.start()].strip()
        if not place or len(place.split()) > 7 or not place[0].isupper():
            continue
        tail, folded_tail = line[comma.start() :], folded[comma.start() :]
        dates = [d for d in find_dates(tail, _folded=folded_tail) if d.start <= 8]
        date = dates[0].value.iso() if dates and dates[0].value.complete else None
        return place.rstrip(" ,.:"), date, index
    return None, None, -1


def _is_title(line: str) -> bool:
    """Whether `line` (a document line, clean, or its start) is a type title."""
    if len(line) > 60:
        return False
    folded = fold(line).rstrip(" .:")  # (clean already: one space between words)
    title = _TITLE.match(folded)
    if title is None or (title.end(1) < len(folded) and len(folded) >= 40):
        return False
    return is_upper_line(line)


def find_title(lines: list[str]) -> int | None:
    """The index of the document-type title line (KẾ HOẠCH, THÔNG BÁO …)."""
    for index, line in enumerate(lines[:40]):
        if _is_title(line):
            return index
    return None


def _split_levels(line: str) -> list[str]:
    folded = fold(line)
    cuts = [m.end() for m in _LEVEL_BREAK.finditer(folded)]
    pieces = []
    last = 0
    for cut in cuts:
        pieces.append(line[last:cut].strip())
        last = cut
    pieces.append(line[last:].strip())
    return [p for p in pieces if p]


def _issuer_lines(lines: list[str], number: _NumberLine | None, date_index: int) -> list[str]:
    result = []
    in_subject = False  # a "V/v" line and the lines that wrap it are the subject
    for index, line in enumerate(lines):
        if number is not None and index == number.index:
            line = line[: number.start]
        if index == date_index:
            in_subject = False
            continue
        folded = fold(line)
        if _VV.match(folded):
            in_subject = True
            continue
        if in_subject and not is_upper_line(line) and not is_motto(line):
            continue  # "V/v hướng dẫn đánh giá" / "Trung tâm học tập cộng đồng năm 2014"
        in_subject = False
        if KINH_GUI.match(folded) or _STAMPS.match(folded):
            continue
        text = clean(remove_motto(line)) if is_motto(line) else line
        if not text or len(text) > 300 or _is_title(text):
            continue
        if is_upper_line(text) or (ORG_WORDS.match(fold(text)) and len(text) < 90):
            result.append(text)
    return result


def _issuer(lines: list[str]) -> str | None:
    levels: list[list[str]] = []
    for line in lines:
        for piece in _split_levels(line):
            if levels and not ORG_WORDS.match(fold(piece)):
                levels[-1].append(piece)
            else:
                levels.append([piece])
    names = (rejoin_cut_words(clean(join_wrapped(level))) for level in levels)
    return " / ".join(names) or None


def _subject(lines: list[str], title: int | None, stops: set[int]) -> str | None:
    start: int | None = None
    first = ""
    for index, line in enumerate(lines):
        found = _VV.search(fold(line))
        if found and (found.start() == 0 or index in stops):
            start, first = index, line[found.end() :]
            break
    if start is None:
        if title is None or title + 1 >= len(lines):
            return None
        start, first = title + 1, lines[title + 1]
        if KINH_GUI.match(fold(first)) or (
            BODY_START.match(fold(first)) and not _may_be_subject(first)
        ):
            return None
    first = _cut_place_date(first)
    parts = [first]
    for index in range(start + 1, min(len(lines), start + 4)):
        line = lines[index]
        folded = fold(line)
        if index in stops or is_motto(line) or is_upper_line(line) or KINH_GUI.match(folded):
            break
        # A wrapped subject line goes on in lower case ("năm học 2019-2020").
        opens_body = BODY_START.match(folded) and not line[:1].islower()
        if (opens_body and title is None) or HEADING.match(line):
            break
        if _PLACE_DATE.search(folded) or _SO.match(folded):
            break
        parts.append(line)
    joined = join_wrapped([clean(part) for part in parts])
    # "Về việc" is what "V/v" abbreviates (the trích yếu of a Quyết định under its title).
    subject = _ABOUT.sub("", rejoin_cut_words(joined)).strip(" :")
    return subject or None


def _may_be_subject(line: str) -> bool:
    """Whether a line under a type title that opens like a body sentence is the trích yếu:
    a short phrase with no sentence end ("Thực hiện phong trào … năm 2019")."""
    return (
        bool(_SUBJECT_OPENERS.match(fold(line)))
        and len(line) < 200
        and not line.rstrip().endswith((".", ":", ";"))
    )


def _cut_place_date(text: str) -> str:
    found = _PLACE_DATE.search(fold(text))
    if not found:
        return text
    head = text[: found.start()]
    words = head.split()
    # Drop the place words (capitalised) that precede the comma.
    while words and words[-1][:1].isupper() and len(words) > 1:
        words.pop()
    return " ".join(words)


def read_header(lines: list[str], title: int | None = -1) -> Header:
    """Read the header zone (`lines` stop where the body starts).

    `title` is the index of the type title when the caller has found it already.
    """
    number = find_number(lines)
    place, date, date_index = _place_date(lines, number)
    if title == -1:
        title = find_title(lines)
    kinh_gui = _first_kinh_gui(lines)
    stop = min(x for x in (title, kinh_gui, len(lines)) if x is not None)
    issuer_zone = lines[:stop]
    issuer = _issuer(_issuer_lines(issuer_zone, number, date_index))
    stops = {i for i in (date_index, number.index if number else -1) if i >= 0}
    subject = _subject(lines[: kinh_gui or len(lines)], title, stops)
    return Header(
        number=number.number if number else None,
        symbol=number.symbol if number else None,
        date=date,
        place=place,
        issuer=issuer,
        subject=subject,
        title_index=title,
    )


def _first_kinh_gui(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if match_kinh_gui(fold(line))), None)
