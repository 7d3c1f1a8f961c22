"""Whether a text names a body, and one name per body ("Các Sở: A, B" → "Sở A", "Sở B")."""

from __future__ import annotations

import re

from .textutil import clean, fold, low, name_case, split_top_level, strip_end

# Words that open the name of a body, on lower-case text with accents.
_ORG = re.compile(
    r"^(?:các\s+|quý\s+)?(?:ubnd|ủy ban|uỷ ban|hđnd|hội đồng|sở|bộ(?! phận| máy| tiêu chí| hồ sơ| tài liệu| câu hỏi| công cụ| chỉ số| mẫu| sách)|ban(?! hành)|bcđ|"
    r"phòng(?!,? chống| ngừa)|hội(?! nghị| thi| thảo| giảng| diễn| khỏe| chợ| trường| viên)|"
    r"trường(?! hợp)|trung tâm|tthtcđ|tỉnh ủy|tỉnh uỷ|thành ủy|huyện ủy|đảng ủy|"
    r"tỉnh đoàn|đoàn(?! thể| kết| kiểm tra viên)|công đoàn|liên đoàn|liên hiệp|mặt trận|"
    r"văn phòng|cục|chi cục|tổng cục|viện|học viện|đại học|công an|bộ chỉ huy|kho bạc|"
    r"thanh tra|bảo hiểm xã hội|vụ(?! việc| án| mùa| đông| hè| xuân| trưởng)|ttgdtx|ttgdnn|"
    r"(?<=các )đoàn thể|(?<=các )tổ chức (?:chính trị|hội\b(?! nghị| thi| thảo)|đoàn thể)|báo(?! cáo)|đài|cơ quan|đơn vị|thường trực|"
    r"huyện|thị xã|thành phố|xã|phường|thị trấn|quận|cấp ủy|chi bộ|đảng bộ|"
    # the head of a body, named for the body ("Trưởng phòng Giáo dục và Đào tạo …")
    r"trưởng phòng|giám đốc|thủ trưởng|hiệu trưởng|chủ tịch (?:ubnd|ủy ban|uỷ ban|hội))\b"
)
_ORG_FIRST = "bcghklmpqstuvxđủ"  # what a match of _ORG opens with
_LEADING = re.compile(
    r"^(?:đối với|giao cho|giao|đề nghị|yêu cầu|riêng)\s+(?:(?:các\s)?đồng chí\s+)?"
    r"|^(?:các\s)?đồng chí\s+(?=\w)",
    re.IGNORECASE,
)
_LEADING_FIRST = "đĐgGyYrRcC"  # the first letters of _LEADING's words, in either case
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
    return " ".join([w for w in _WORD.findall(fold(value)) if w != "va"])


_FIELD_KEYS = {_field_key(f) for f in _FIELDS}


def strip_leading(text: str) -> str:
    """`text` without "Đối với", "Giao", "Đề nghị" in front of the body's name."""
    text = text.strip()
    if text[:1] not in _LEADING_FIRST:
        return text  # (most names: their first letter opens none of the words)
    leading = _LEADING.match(text)  # (a match, not a sub: the engine tries the start only)
    return text[leading.end() :] if leading else text


_QUALIFIER = re.compile(
    r",?\s(?:theo|trong phạm vi|thuộc phạm vi|căn cứ)\s(?:các\s)?(?:chức năng|nhiệm vụ|thẩm quyền|"
    r"phạm vi|lĩnh vực)\b.*$"
)


def trim_name(name: str) -> str:
    """A body's name without the qualifier after it ("Các bộ, ngành theo chức năng, nhiệm vụ
    được giao" → "Các bộ, ngành")."""
    if "theo" not in name and "phạm vi" not in name and "căn cứ" not in name:
        return name  # (most names: none of the qualifier's words, no regex)
    qualifier = _QUALIFIER.search(name)
    return name[: qualifier.start()].rstrip(" ,") if qualifier and qualifier.start() else name


def names_body(text: str) -> bool:
    """Whether `text` begins with the name of a body (not an action)."""
    lowered = low(strip_leading(text[:120]))  # the name's start is enough, and cheap
    if lowered[:1] not in _ORG_FIRST:
        return False
    return bool(_ORG.match(lowered)) and not lowered.startswith(("xã hội", "thành phố hóa"))


def _split_fields(fields: str) -> list[str]:
    pieces = [clean(p) for p, _ in split_top_level(fields, ",;")]
    pieces = [p for p in pieces if p]
    # The key of pieces joined by ", " is their keys joined (no word spans the ", ").
    keys = [_field_key(p) for p in pieces]
    result: list[str] = []
    index = 0
    while index < len(pieces):
        for size in range(min(3, len(pieces) - index), 0, -1):
            key = " ".join([k for k in keys[index : index + size] if k])
            if key in _FIELD_KEYS:
                result.append(", ".join(pieces[index : index + size]))
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
    return len(lowered.split()) >= 2 and names_body(lowered)  # (the cheaper test first)


# The head of a body stands for the body: "Bộ trưởng Bộ Nội vụ" → "Bộ Nội vụ",
# "Giám đốc Sở Y tế" → "Sở Y tế", "Chủ tịch UBND các huyện" → "UBND các huyện",
# "Trưởng phòng Giáo dục …" → "Phòng Giáo dục …". The task's `agency` keeps the head
# as written; its `agencies` name the bodies.
_HEAD = re.compile(
    r"^(?:bộ trưởng|thứ trưởng|giám đốc|phó giám đốc|chủ tịch|phó chủ tịch|thủ trưởng|"
    r"hiệu trưởng|chánh văn phòng|cục trưởng|tổng cục trưởng|vụ trưởng|viện trưởng|"
    r"trưởng ban|trưởng phòng|trưởng các phòng)\s+(?=\S)"
)
_HEAD_OF_KIND = {"trưởng ban": "Ban", "trưởng phòng": "Phòng", "trưởng các phòng": "Các phòng"}
_HEAD_FIRST = "btgpchv"  # the first letters of _HEAD's titles


def body_of_head(name: str) -> str:
    """The body a head is named for ("Bộ trưởng Bộ Nội vụ" → "Bộ Nội vụ"), else `name`."""
    if name[:1].lower() not in _HEAD_FIRST:
        return name  # (most names: "Sở …", "UBND …", "Đài …" open with no title)
    head = _HEAD.match(low(name))
    if head is None:
        return name
    rest = name[head.end() :].strip()
    if names_body(rest):
        return rest[:1].upper() + rest[1:]
    kind = _HEAD_OF_KIND.get(head.group().strip())
    return f"{kind} {rest}" if kind else name


def split_agencies(heading: str) -> list[str]:
    """One name per body named in `heading` (groups separated by ";" split first)."""
    text = strip_end(strip_leading(clean(heading)))
    if ";" in text:
        groups = [g for g, _ in split_top_level(text, ";") if clean(g)]
        if len(groups) > 1:
            return [name for group in groups for name in split_agencies(group)]
    text = name_case(text)
    if "," not in text and ":" not in text:
        # one body, the common case, read fast: "Sở Giáo dục và Đào tạo" (no body after "và")
        parts = text.split(" và ")
        second = parts[-1]
        if len(parts) == 1 or (
            len(parts) == 2 and not low(second).startswith("các ") and not _starts_new(second)
        ):
            return [body_of_head(text)] if text else []
    return [body_of_head(name) for name in _split_group(text)]


_AND = re.compile(r"\s+và\s+")


def _split_group(text: str) -> list[str]:
    prefixed = _PREFIXED.match(low(text))
    if prefixed:
        kind = text[prefixed.start(1) : prefixed.end(1)]
        kind = kind[:1].upper() + kind[1:]
        fields = text[prefixed.start(2) :]
        return [f"{kind} {field}" for field in _split_fields(fields)]
    names: list[str] = []
    for piece, separator in split_top_level(text, ","):
        parts = _AND.split(piece) if "và" in piece else [piece]
        for index, part in enumerate(parts):
            stripped = part.strip()
            glue = separator if index == 0 else " và"
            # "Các huyện ủy, thị ủy, thành ủy": a plural list goes on with short kinds
            plural = bool(names) and len(part.split()) <= 2 and low(names[0][:4]) == "các "
            # "Ủy ban MTTQ tỉnh và các đoàn thể": "và các …" opens another body
            joined = index > 0 and low(stripped).startswith("các ") and names_body(part)
            if names and not joined and (plural or not _starts_new(part)):
                names[-1] = names[-1] + glue + " " + stripped
            elif stripped:
                names.append(stripped)
    return [name for name in map(clean, names) if name]
