"""Cut a document flattened onto a few long lines back into the lines of the official layout."""

from __future__ import annotations

import re

from xhht.kernel.vndates import find_dates

from .agencies import names_body
from .headings import read_heading
from .textutil import contains_any

UPPER = "[A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]"
_TITLES = (
    "KẾ HOẠCH|GIẤY MỜI|THÔNG BÁO|QUYẾT ĐỊNH|BÁO CÁO|HƯỚNG DẪN|TỜ TRÌNH|CHỈ THỊ|CÔNG VĂN|"
    "CHƯƠNG TRÌNH|ĐỀ ÁN|PHƯƠNG ÁN|QUY CHẾ|QUY ĐỊNH|CÔNG ĐIỆN|NGHỊ QUYẾT|THÔNG TRI|KẾT LUẬN"
)
# Breaks of the header: the motto, "Số:", the first "V/v", a type title before its subject.
_HEAD_BREAKS = re.compile(
    r"\s+(?=(?:CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]|ĐẢNG CỘNG SẢN|Số\s*:|Số\s\d|V/v\b))"
    r"|(?<=Hạnh phúc)\s+|(?<=VIỆT NAM)\s+|\s+\*+(?:\s+|$)|\s+[-_=]{3,}(?:\s+|$)"
    r"|\s+(?=(?:" + _TITLES + r")\s+" + UPPER + r"?\s?[a-zđà-ỹ])"
)
# Words that open a body's name (or its head's title), as written at a sentence start.
_BODY_WORDS = (
    r"(?:Sở|Bộ(?! phận| máy)|Ban(?! hành)|Hội(?! trường| nghị| thảo| thi| diễn)|"
    r"Phòng(?! chống| ngừa)|UBND|Ủy ban|Uỷ ban|Văn phòng|Trung tâm|Trường(?! hợp)|Cục|Vụ|Viện|"
    r"Đài|Báo|Công an|Giám đốc|Chủ tịch|Thủ trưởng|Hiệu trưởng|Trưởng|Liên đoàn|Tỉnh đoàn|"
    r"Mặt trận|Cơ quan|Kho bạc|Thanh tra|Bảo hiểm)"
)
_ROMAN = r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})"
_SENTENCE_ENDED = r"(?:(?<=[^\W\d_][.:;] )|(?<=\d{3}[.:;] )|(?<=[)\"”][.:;] ))"
# Breaks anywhere: landmarks, bullets and numbered headings after a sentence end.
# Every break is at a space (the lines are cleaned: one space between words), so the
# pattern opens with a literal space and the engine tries the alternatives only there.
_BREAKS = re.compile(
    # (first what any break needs after its space: one of the characters that open the
    # alternatives below, or punctuation before it; most spaces are passed over there)
    r" (?=[KNTQCĐPBM(\-+•IVX\d]|[a-zđ]\)|(?<=[.:;,)] ))"
    r"(?="
    # (each alternative opens with a character or a class, which the engine tests first)
    r"Kính gửi|Nơi nhận|(?:KT|TM|TL|TUQ)\.\s|[KT]/[MLT]\s|\([đĐ]ã ký|Căn cứ\b|QUYẾT ĐỊNH\s?:"
    r"|Điều\s\d{1,3}\s?[.:]\s"
    r"|(?:ĐỀ CƯƠNG|PHỤ LỤC|BIỂU MẪU|MẪU BÁO CÁO)\b|\(Kèm theo\s"
    r"|[-+•](?<=[;:.)] .)\s"
    r"|(?=[IVX\d])(?<!Điều )(?<!, )(?:" + _ROMAN + r"|\d{1,2}(?:\.\d{1,2}){0,2})\.\s+" + UPPER + ""
    r"|[a-zđ]\)\s+" + UPPER + ""
    # after punctuation (one test of it for the four alternatives that need it):
    r"|(?<=[.:;,)] )(?:(?<=[.:;,] )(?:Để|Thực hiện|Căn cứ|Nhằm|Theo|Triển khai|Xét)\s"
    r"|(?<=[.;] )(?:Trên đây là|Nhận được (?:công văn|văn bản)|Trong quá trình (?:thực|triển))"
    r"|(?<=[.:;)] )(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2}){0,2})[.)]\s+\S"
    # after a sentence's end (not after the number of a point: "1. Sở …"; one cheap test
    # of the punctuation first, as most spaces follow a letter):
    r"|(?<=[.:;] )" + _SENTENCE_ENDED + r"(?:"
    # a sentence about other matters after a list's last item ("… 20/6. Mỗi huyện …")
    r"(?:Mỗi|Riêng|Ngoài ra|Lưu ý|Hội nghị|Hội thảo|Ngày \d{1,2}(?:/| tháng))\s?"
    # the forms that assign work open a paragraph of their own: a request, a body's name
    r"|(?:Giao|Đề nghị|Yêu cầu)\s(?!của\b)"
    r"|(?<!; )(?<!chủ trì: )(?<!phối hợp: )(?<!thực hiện: )(?<!nhận: )(?<!gửi: )"
    r"(?:Các\s)?" + _BODY_WORDS + r"\s"
    r")))"
)
# A place is written in capitals ("Hà Nội", "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh").
_PLACE_WORD = r"(?:" + UPPER + r"[\w.]*|phố|xã|trấn)"
_PLACE_DATE = re.compile(
    r"(?:^|(?<=\s))(?=" + _PLACE_WORD + r"(?: " + _PLACE_WORD + r"){0,3},\s*ngày\s+\d)"
)
_BODY_BEGINS = re.compile(
    r"(?:Kính gửi|Căn cứ|Thực\s?hiện|Để|Nhằm|Theo|Triển khai|"
    r"(?:Trong )?(?:Những|Thời gian|Các) năm qua|Thời gian qua|Hiện nay|Vừa qua)\b"
    r"|Ngày \d{1,2}(?: tháng \d{1,2}\b|/\d{1,2}/\d{4},)"
)
# A bullet glued to the heading before it ("1. Sở Tài chính - Bố trí …"), but not a
# dash inside a name ("Văn hóa - Thể thao", "chính trị - xã hội").
_GLUED_BULLET = re.compile(
    r"(?=\s+[-+•]\s)"  # what follows, tested first: most places are not before a dash
    r"(?<!văn hóa)(?<!văn hoá)(?<!lao động)(?<!chính trị)(?<!kinh tế)(?<!độc lập)(?<!tự do)"
    r"\s+[-+•]\s+(?=" + UPPER + ")",
    re.IGNORECASE,
)
# The work that follows a body's name in a heading ("2. Sở Nội vụ Chỉ đạo …").
_ACTION = re.compile(
    r"(?=\s)(?<!\bBan)(?<!\bban)\s+(?=(?:Chỉ đạo|Chủ trì|Phối hợp|Đánh giá|Báo cáo|Tổ chức|Xây dựng|"
    r"Triển khai|Hướng dẫn|Tham mưu|Thực hiện|Tiếp tục|Tăng cường|Đẩy mạnh|Cân đối|Bố trí|"
    r"Gửi|Rà soát|Kiểm tra|Tổng hợp|Tuyên truyền|Đôn đốc|Có trách nhiệm|Nộp|Lập)[\s,])"
)
# A clause that opens after a short heading ("2. Thời hạn Các phòng GD&ĐT gửi …").
_CLAUSE_START = re.compile(r"\s(?<=[a-zđà-ỹ]\s)\s*(?=(?:Các|Mỗi|Những|Đề nghị|Yêu cầu)\s)")
# An upper-case line glued after a subject ("… huyện Tiên Du CHỦ TỊCH ỦY BAN NHÂN DÂN …").
_UPPER_RUN = re.compile(r"\s+(?=" + UPPER + r"{2,}(?:\s+" + UPPER + r"{2,}){2,})")
_CC_BULLET = re.compile(r"(?:(?<=[;:.,])|(?<=" + UPPER + r"{2}))\s+(?=[-+•]\s)")
# The body's first sentence, glued after the subject of a type title.
_OPENING = re.compile(
    r"\s(?=(?:Phòng|Sở|UBND|Ủy ban|Uỷ ban|Ban|Hội|Trung tâm|Bộ|Cục|Văn phòng|Trường)\s"
    r"[^.;:]{0,80}?\s(?:trân trọng|kính mời|xin mời|thông báo|đề nghị|yêu cầu|hướng dẫn|"
    r"ban hành|xây dựng kế hoạch)\s)"
)
# (only tested for a match: each opens with a literal space, what precedes it looked behind)
_GLUED = re.compile(
    r" (?<=\S )(?:Nơi nhận\s?:|Kính gửi\s?:|(?:KT|TM|TL)\. [A-ZĐỦỶ]{2}|CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI)"
)
_GLUED_WORDS = ("Nơi nhận", "Kính gửi", "KT. ", "TM. ", "TL. ", "CỘNG H")  # one is in each
_GLUED_CC = re.compile(r" Nơi nhận(?<=[.;] Nơi nhận)\s?:")
# (the space and the number at the end first, then the words before the space)
_ROW_AFTER_CELL = re.compile(
    r"\s(?=\d{1,2}$)(?<!\bsố\s)(?<!khoản\s)(?<!Điều\s)(?<!mục\s)(?<!lần\s)(?<!tháng\s)"
    r"(?<!ngày\s)(?<!năm\s)(?<!quý\s)(?<!lớp\s)(?<!nhóm\s)(?<!lục\s)(?<!\bđợt\s)(?<!\bkỳ\s)"
    r"(?<!\bmẫu\s)(?<!\bbiểu\s)"
)
_SENTENCE_END = re.compile(r"\s(?<=\.\s)\s*(?=[^\W\d_])")  # (a space first: skipped to)
_TITLE_LINE = re.compile(r"(?:" + _TITLES + r")\s")


def is_flattened(lines: list[str]) -> bool:
    """Whether the document lost its line breaks (a few lines, one of them very long)."""
    longest = max(map(len, lines), default=0)
    if len(lines) < 15:
        return longest > 300
    # a table's cells (`|`) stand on lines of their own, the rest of the text on long lines
    # where the landmarks of the layout are glued inside
    if longest > 1500:
        return True
    # one search over the long lines joined by a character no pattern can match across
    # (the lines are cleaned: none opens or ends with a space)
    long_lines = "\x00".join([line for line in lines if len(line) > 150])
    if contains_any(long_lines, _GLUED_WORDS) and _GLUED.search(long_lines):
        return True
    text = "\x00".join([line for line in lines if len(line) > 60])
    return " Nơi nhận" in text and _GLUED_CC.search(text) is not None  # (its literal first)


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
        if len(line) < 200:
            # a table's cell, the next row's number glued after it ("Tháng 5/2017 2")
            line = _ROW_AFTER_CELL.sub("\n", line)
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
        bullet = next(
            (b for b in _GLUED_BULLET.finditer(text, 0, 200) if _opens_item(text, b)), None
        )
        if bullet is not None:
            return [part[: offset + bullet.start()], part[offset + bullet.start() :].strip()]
        found = _ACTION.search(text, 0, 200) if names_body(text) else None
        found = found or _CLAUSE_START.search(text, 0, 80)
        cut = found.start() if found is not None else None
    if cut is None:
        return [part]
    return [part[: offset + cut], part[offset + cut :].strip()]


# The second half of a name joined by a dash ("Phòng Tài chính - Kế hoạch",
# "Phòng Giáo dục thường xuyên - Chuyên nghiệp", "Lao động - Thương binh").
_NAME_HALF = re.compile(
    r"(?:Kế hoạch|Chuyên nghiệp|Thương binh|Xã hội|Thể thao|Du lịch|Truyền thông|Đào tạo|"
    r"Dạy nghề|Tài chính|Hướng nghiệp|Hành chính|Nhân sự|Thi đua|Khen thưởng|"
    r"Quốc phòng|Pháp chế|Thông tin|Công nghệ|Môi trường|Tiểu học|Mầm non|Trung học)(?:\s|$|[,;.])"
)


def _opens_item(text: str, bullet: re.Match[str]) -> bool:
    """Whether a dash glued after a heading opens an item, not the rest of a name
    ("Cục Nhà trường - Bộ Quốc phòng", "Phòng Tài chính - Kế hoạch")."""
    if not names_body(text):
        return True  # only a heading that names a body goes on with a dash
    after = text[bullet.end() :]
    return not (_NAME_HALF.match(after) or names_body(after))


_WORD = re.compile(r"\S+")


def _upper_run_end(text: str) -> int | None:
    """Where an upper-case heading ("TỔ CHỨC THỰC HIỆN Các Sở …") gives way to its text."""
    upper = 0
    last: re.Match[str] | None = None
    for word in _WORD.finditer(text):
        if any(map(str.islower, word.group())):
            if last is not None and len(last.group()) == 1 and upper >= 3:
                return last.start()  # "THÔNG BÁO Ý kiến …": the subject opens with "Ý"
            return word.start() if upper >= 2 else None
        if any(map(str.isupper, word.group())):
            upper += 1
            last = word
    return None
