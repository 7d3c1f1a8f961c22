"""Whether a text names a body, and one name per body ("Các Sở: A, B" → "Sở A", "Sở B")."""

from __future__ import annotations

import re

from .textutil import clean, fold, low, name_case, split_top_level, strip_end

# Words that open the name of a body, on lower-case text with accents.
_ORG = re.compile(
    r"^(?:các\s+)?(?:ubnd|ủy ban|uỷ ban|hđnd|hội đồng|sở|bộ(?! phận| máy)|ban(?! hành)|bcđ|"
    r"phòng(?!,? chống| ngừa)|hội(?! nghị| thi| thảo| giảng| diễn| khỏe| chợ)|"
    r"trường(?! hợp)|trung tâm|tthtcđ|tỉnh ủy|tỉnh uỷ|thành ủy|huyện ủy|đảng ủy|"
    r"tỉnh đoàn|đoàn(?! thể| kết| kiểm tra viên)|công đoàn|liên đoàn|liên hiệp|mặt trận|"
    r"văn phòng|cục|chi cục|tổng cục|viện|học viện|đại học|công an|bộ chỉ huy|kho bạc|"
    r"thanh tra|bảo hiểm xã hội|báo(?! cáo)|đài|cơ quan|đơn vị|thường trực|"
    r"huyện|thị xã|thành phố|xã|phường|thị trấn|quận|cấp ủy|chi bộ|đảng bộ|"
    # the head of a body, named for the body ("Trưởng phòng Giáo dục và Đào tạo …")
    r"trưởng phòng|giám đốc|thủ trưởng|hiệu trưởng|chủ tịch (?:ubnd|ủy ban|uỷ ban|hội))\b"
)
_LEADING = re.compile(r"^(?:đối với|giao cho|giao|đề nghị|yêu cầu|riêng)\s+", re.IGNORECASE)
_GENERIC = re.compile(r"^(?:các\s+)?(?:ban|ngành|hội|đoàn thể|đơn vị|cơ quan|sở)\s*$")
_PREFIXED = re.compile(r"^(?:các\s+)?(sở|bộ|ban|hội|phòng|trường|trung tâm)\s*:\s*(.+)$")
_FIELDS = (
    "Giáo dục và Đào tạo",
    "Nội vụ",
    "Kế hoạch và Đầu tư",
    "Tài chính",
    "Lao động, Thương binh và Xã hội",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hóa và Thể thao",
    "Thông tin và Truyền thông",
    "Khoa học và Công nghệ",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Tài nguyên và Môi trường",
    "Giao thông vận tải",
    "Xây dựng",
    "Công Thương",
    "Y tế",
    "Tư pháp",
    "Ngoại vụ",
    "Dân tộc và Tôn giáo",
    "Du lịch",
)


_WORD = re.compile(r"[^\W_]+")


def _field_key(value: str) -> str:
    """The words of a field's name without accents, case, punctuation or "và"."""
    return " ".join(w for w in _WORD.findall(fold(value)) if w != "va")


_FIELD_KEYS = {_field_key(f) for f in _FIELDS}


def strip_leading(text: str) -> str:
    """`text` without "Đối với", "Giao", "Đề nghị" in front of the body's name."""
    return _LEADING.sub("", text.strip())


def names_body(text: str) -> bool:
    """Whether `text` begins with the name of a body (not an action)."""
    lowered = low(strip_leading(text))
    return bool(_ORG.match(lowered)) and not lowered.startswith(("xã hội", "thành phố hóa"))


def _split_fields(fields: str) -> list[str]:
    pieces = [clean(p) for p, _ in split_top_level(fields, ",;")]
    pieces = [p for p in pieces if p]
    result: list[str] = []
    index = 0
    while index < len(pieces):
        for size in range(min(3, len(pieces) - index), 0, -1):
            candidate = ", ".join(pieces[index : index + size])
            if _field_key(candidate) in _FIELD_KEYS:
                result.append(candidate)
                index += size
                break
        else:
            piece = pieces[index]
            halves = piece.split(" và ")
            if len(halves) == 2 and all(len(h.split()) <= 3 for h in halves):
                result.extend(halves)
            else:
                result.append(piece)
            index += 1
    return result


_PLACES = re.compile(r"^(?:các\s+)?(?:huyện|thị xã|thành phố|xã|phường|thị trấn|quận)\b")


def _starts_new(piece: str) -> bool:
    """Whether a piece of a list of bodies is a new body (not "thị xã" of "các huyện, thị xã")."""
    lowered = low(piece.strip())
    if _GENERIC.match(lowered) or _PLACES.match(lowered):
        return False
    return names_body(lowered) and len(lowered.split()) >= 2


def split_agencies(heading: str) -> list[str]:
    """One name per body named in `heading`."""
    text = strip_end(strip_leading(clean(heading)))
    text = name_case(text)
    prefixed = _PREFIXED.match(low(text))
    if prefixed:
        kind = text[prefixed.start(1) : prefixed.end(1)]
        kind = kind[:1].upper() + kind[1:]
        fields = text[prefixed.start(2) :]
        return [f"{kind} {field}" for field in _split_fields(fields)]
    names: list[str] = []
    for piece, separator in split_top_level(text, ","):
        parts = re.split(r"\s+và\s+", piece)
        for index, part in enumerate(parts):
            glue = separator if index == 0 else " và"
            if names and not _starts_new(part):
                names[-1] = names[-1] + glue + " " + part.strip()
            elif part.strip():
                names.append(part.strip())
    return [clean(n) for n in names if clean(n)]
