"""Cut a document flattened onto a few long lines back into the lines of the official layout."""

from __future__ import annotations

import re

from xhht.kernel.vndates import find_dates

from .agencies import names_body
from .headings import read_heading

UPPER = "[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"
_TITLES = (
    "KẾ HOẠCH|GIẤY MỜI|THÔNG BÁO|QUYẾT ĐỊNH|BÁO CÁO|HƯỚNG DẪN|TỜ TRÌNH|CHỈ THỊ|CÔNG VĂN|"
    "CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|QUY CHẾ|QUY ĐỊNH|CÔNG ĐIỆN|NGHỊ QUYẾT|THÔNG TRI|KẾT LUẬN"
)
# Breaks of the header: the motto, "Số:", the first "V/v", a type title before its subject.
_HEAD_BREAKS = re.compile(
    r"\s+(?=(?:CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]|ĐẢNG CỘNG SẢN|Số\s*:|Số\s\d|V/v\b))"
    r"|(?<=Hạnh phúc)\s+|(?<=VIỆT NAM)\s+|\s+\*+(?:\s+|$)"
    r"|\s+(?=(?:" + _TITLES + r")\s+" + UPPER + r"?[a-zđà-ỹ])"
)
# Breaks anywhere: landmarks, bullets and numbered headings after a sentence end.
# Every break is at a space (the lines are cleaned: one space between words), so the
# pattern opens with a literal space and the engine tries the alternatives only there.
_BREAKS = re.compile(
    r" (?="
    r"(?:Kính gửi|Nơi nhận|(?:KT|TM|TL|TUQ)\.\s|[KT]/[MLT]\s|\([đĐ]ã ký|Căn cứ\b|QUYẾT ĐỊNH\s?:)"
    r"|Điều\s\d{1,3}\s?[.:]\s"
    r"|(?:ĐỀ CƯƠNG|PHỤ LỤC|BIỂU MẪU|MẪU BÁO CÁO)\b|\(Kèm theo\s"
    r"|(?<=[;:.)] )[-+•]\s"
    r"|(?<=[.:;,] )(?:Để|Thực hiện|Căn cứ|Nhằm|Theo|Triển khai|Xét)\s"
    r"|(?<=[.;] )(?:Trên đây là|Nhận được (?:công văn|văn bản)|Trong quá trình (?:thực|triển))"
    r"|(?<=[.:;)] )(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,2})[.)]\s+\S"
    r"|(?<!Điều )(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,2})\.\s+" + UPPER + ""
    r"|[a-zđ]\)\s+" + UPPER + ""
    r")"
)
_PLACE_DATE = re.compile(r"(?:^|(?<=\s))(?=[^\W\d_][\w.]*(?: [^\W\d_][\w.]*){0,3},\s*ngày\s+\d)")
_BODY_BEGINS = re.compile(r"(?:Kính gửi|Căn cứ|Thực hiện|Để|Nhằm|Theo|Triển khai)\b")
# A bullet glued to the heading before it ("1. Sở Tài chính - Bố trí …"), but not a
# dash inside a name ("Văn hóa - Thể thao", "chính trị - xã hội").
_GLUED_BULLET = re.compile(
    r"(?<!văn hóa)(?<!văn hoá)(?<!lao động)(?<!chính trị)(?<!kinh tế)(?<!độc lập)(?<!tự do)"
    r"\s+[-+•]\s+(?=" + UPPER + ")",
    re.IGNORECASE,
)
# The work that follows a body's name in a heading ("2. Sở Nội vụ Chỉ đạo …").
_ACTION = re.compile(
    r"(?<!\bBan)(?<!\bban)\s+(?=(?:Chỉ đạo|Chủ trì|Phối hợp|Đánh giá|Báo cáo|Tổ chức|Xây dựng|"
    r"Triển khai|Hướng dẫn|Tham mưu|Thực hiện|Tiếp tục|Tăng cường|Đẩy mạnh|Cân đối|Bố trí|"
    r"Gửi|Rà soát|Kiểm tra|Tổng hợp|Tuyên truyền|Đôn đốc|Có trách nhiệm|Nộp|Lập)[\s,])"
)
# A clause that opens after a short heading ("2. Thời hạn Các phòng GD&ĐT gửi …").
_CLAUSE_START = re.compile(r"(?<=[a-zđà-ỹ])\s+(?=(?:Các|Mỗi|Những|Đề nghị|Yêu cầu)\s)")
# An upper-case line glued after a subject ("… huyện Tiên Du CHỦ TỊCH ỦY BAN NHÂN DÂN …").
_UPPER_RUN = re.compile(r"\s+(?=" + UPPER + r"{2,}(?:\s+" + UPPER + r"{2,}){2,})")
_CC_BULLET = re.compile(r"(?:(?<=[;:.,])|(?<=" + UPPER + r"{2}))\s+(?=[-+•]\s)")
# The body's first sentence, glued after the subject of a type title.
_OPENING = re.compile(
    r"\s(?=(?:Phòng|Sở|UBND|Ủy ban|Uỷ ban|Ban|Hội|Trung tâm|Bộ|Cục|Văn phòng|Trường)\s"
    r"[^.;:]{0,80}?\s(?:trân trọng|kính mời|xin mời|thông báo|đề nghị|yêu cầu|hướng dẫn|"
    r"ban hành|xây dựng kế hoạch)\s)"
)
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[^\W\d_])")
_TITLE_LINE = re.compile(r"(?:" + _TITLES + r")\s")


def is_flattened(lines: list[str]) -> bool:
    """Whether the document lost its line breaks (a few lines, one of them very long)."""
    return len(lines) < 15 and any(len(line) > 300 for line in lines)


def unflatten(lines: list[str]) -> list[str]:
    """The lines of a flattened document, cut where the official layout has breaks."""
    parts: list[str] = []
    in_header = True
    for line in lines:
        if in_header:
            body = _BODY_BEGINS.search(line)
            head, rest = (line[: body.start()], line[body.start() :]) if body else (line, "")
            line = _HEAD_BREAKS.sub("\n", head) + "\n" + rest
            in_header = body is None
        line = line.replace("./.", "./.\n")  # the end mark ends a part (lines are cleaned)
        parts.extend(_BREAKS.sub("\n", line).split("\n"))
    result: list[str] = []
    closing = False
    for part in (p.strip() for p in parts):
        if not part:
            continue
        closing = closing or part.startswith("Nơi nhận")
        result.extend(_cut_part(part, closing))
    return result


def _cut_part(part: str, closing: bool) -> list[str]:
    if closing:
        return [p for p in _CC_BULLET.split(part) if p]
    if part.startswith("Kính gửi"):
        return _cut_addressees(part)
    if read_heading(part) is not None:
        return _cut_heading(part)
    if _TITLE_LINE.match(part):
        cut = _upper_run_end(part)
        if cut is None:
            return [part]
        opening = _OPENING.search(part, cut) or _UPPER_RUN.search(part, cut)
        return [part[:cut], *([part[cut:]] if opening is None else _split_at(part, cut, opening))]
    if "ngày" in part and len(part) > 30:
        return _cut_place_date(part)
    return [part]


def _split_at(part: str, start: int, match: re.Match[str]) -> list[str]:
    return [part[start : match.start()], part[match.start() :].strip()]


def _cut_place_date(part: str) -> list[str]:
    """ "… Quảng Ninh, ngày 16 tháng 5 năm 2013 KẾ HOẠCH": the place-and-date on a line."""
    place = _PLACE_DATE.search(part)
    if place is None:
        return [part]
    pieces = [part[: place.start()]] if place.start() > 0 and not part.startswith("Số") else []
    start = 0 if not pieces else place.start()
    dates = [d for d in find_dates(part[place.start() :]) if d.value.complete]
    if not dates:
        return [*pieces, part[start:]]
    end = place.start() + dates[0].end
    return [p for p in (*pieces, part[start:end], part[end:]) if p.strip()]


def _cut_addressees(part: str) -> list[str]:
    """A "Kính gửi" line without bullets: one addressee per `;`, the body after the first `.`."""
    if re.search(r"\s[-+•]\s", part):
        return [part]
    pieces = _SENTENCE_END.split(part, maxsplit=1)
    addressees = re.split(r"(?<=;)\s+", pieces[0])
    return addressees + pieces[1:]


def _cut_heading(part: str) -> list[str]:
    """A numbered heading with the text it governs glued after it."""
    heading = read_heading(part)
    assert heading is not None
    offset = len(part) - len(heading.text)
    text = heading.text
    cut = _upper_run_end(text)
    if cut is None:
        bullet = _GLUED_BULLET.search(text, 0, 200)
        if bullet is not None:
            return [part[: offset + bullet.start()], part[offset + bullet.start() :].strip()]
        found = _ACTION.search(text, 0, 200) if names_body(text) else None
        found = found or _CLAUSE_START.search(text, 0, 80)
        cut = found.start() if found is not None else None
    if cut is None:
        return [part]
    return [part[: offset + cut], part[offset + cut :].strip()]


def _upper_run_end(text: str) -> int | None:
    """Where an upper-case heading ("TỔ CHỨC THỰC HIỆN Các Sở …") gives way to its text."""
    upper = 0
    for word in re.finditer(r"\S+", text):
        if any(c.islower() for c in word.group()):
            return word.start() if upper >= 2 else None
        if any(c.isupper() for c in word.group()):
            upper += 1
    return None
