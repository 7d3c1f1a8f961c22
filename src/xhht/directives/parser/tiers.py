"""The tier of the administrative tree that owes a piece of work, relative to the issuer.

A body named for every unit of a tier is that tier ("Phòng GD&ĐT các huyện", "UBND các
tỉnh"); one named body, or one outside the tree, is "agency". The issuer matters: a
ministry's "các Sở" are the provinces' departments; a district's "Phòng" is one body.
Patterns run on lower-case text with its accents (Sở ≠ số ≠ sơ).
"""

from __future__ import annotations

import re

from .memo import per_document
from .textutil import low


def _committee(rest: str) -> str:
    """ "(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân) " + `rest`, written out for each name, so
    that every alternative of the tiers' patterns opens with a letter (the engine then skips
    ahead to the letters that open one)."""
    return "|".join(f"{name} {rest}" for name in ("ubnd", "ủy ban nhân dân", "uỷ ban nhân dân"))


_COMMUNE = re.compile(
    r"cấp xã|các xã|xã[ ,(]+(?:phường|thị trấn)|phường[ ,(]+xã|"
    + _committee(r"(?:các )?(?:xã|phường)")
    + r"|trung tâm học tập cộng đồng|tthtcđ|cấp cơ sở"
)
_DISTRICT = re.compile(
    r"cấp huyện|các huyện|huyện[ ,(]+(?:tx|thị xã|thành phố|tp)|quận, huyện|"
    + _committee(r"(?:các )?(?:huyện|quận|thị xã)")
    + r"|cấp quận|các quận"
)
# Every district's education bureau, unless the issuer is a district (then it is one body).
_BUREAU = re.compile(r"phòng gd|phòng giáo dục")
_PROVINCE = re.compile(
    r"cấp tỉnh|"
    + _committee(r"(?:các )?tỉnh")
    + r"|toàn tỉnh|các tỉnh|tỉnh, thành phố|thành phố trực thuộc trung ương"
)
# (only searched for: the first letter is tested first, and the words that open with a
# boundary share one, so that most places are passed over in a test or two)
_AGENCY = re.compile(
    r"(?=[sbnhđtcmlvp])(?:\b(?:sở\b|ngành\b|hội\b(?! nghị| thi| thảo| giảng| đồng)|"
    r"bộ(?<!cán bộ)\b(?! phận| tiêu chí| hồ sơ| tài liệu| câu hỏi| công cụ| chỉ số| mẫu| sách)|"
    r"trường\b(?! hợp)|cục\b|đoàn\b|báo\b(?! cáo)|đài\b|phòng\b)"
    r"|ban, ngành|đoàn thể|trung tâm|cơ quan|mặt trận|liên đoàn|công đoàn|viện\b)"
)
# Words without which _AGENCY cannot match (each of its forms holds one).
_AGENCY_WORDS = (
    "sở", "ngành", "hội", "bộ", "trường", "cục", "đoàn", "báo", "đài", "phòng",
    "trung tâm", "cơ quan", "mặt trận", "viện",
)  # fmt: skip
# A ministry's "các Sở …": the department of every province.
_EVERY_DEPARTMENT = re.compile(r"(?:^|\s)các sở\b")
# Words without which a pattern above cannot match: cheap tests that spare most searches.
_WORDS = {
    "commune": ("xã", "phường", "trung tâm", "tthtcđ", "cơ sở"),
    "district": ("huyện", "quận", "thị xã"),
    "province": ("tỉnh", "trung ương"),
}
_TIERS = (("commune", _COMMUNE), ("district", _DISTRICT), ("province", _PROVINCE))
# One body from the next: a separator, then a word that opens a body's name.
_BODY_SPLIT = re.compile(
    r"(?:[,;]|\s(?:và|với|cùng))\s*(?=(?:các\s)?(?:ubnd|ủy ban|uỷ ban|sở|phòng|hội|ban|bộ|"
    r"trường|trung tâm|cơ quan|đoàn|mặt trận|liên đoàn|công đoàn|cục|viện|đài|tthtcđ)\b"
    r"|các\s(?:huyện|quận|thị xã|tỉnh|xã|phường)\b)"
)
# Where a body's name ends and what it must do begins: the first verb of the duty.
_VERB = re.compile(
    r":|(?:^|\s)(?:tổ chức|thực hiện|(?<!ban )chỉ đạo|(?<!bản )hướng dẫn|báo cáo|gửi|nộp|hoàn thành|hoàn thiện|"
    r"xây dựng|triển khai|tham mưu|có trách nhiệm|chủ trì|phối hợp|tổng hợp|cập nhật|lập|"
    r"rà soát|kiểm tra|đánh giá|trình|bố trí|ban hành|thẩm định|lựa chọn|đăng ký|tiến hành|"
    r"khẩn trương|xem xét|nghiên cứu|đề xuất|chuẩn bị|quán triệt|tuyên truyền|tập trung|"
    r"căn cứ|phát động|duy trì|đẩy mạnh|sơ kết|tổng kết|vận động|biên soạn|giao)\b"
)

_HAS_OBJECT = re.compile(r"\s(?:của|cho|với|tại|tới|đối với)\s")
_OBJECT_WORDS = ("của", "cho", "với", "tại", "tới")  # (one is in each match of the two)
_OBJECT = re.compile(r"\s(?:của|cho|với|tại|tới|đối với)\s[^,;]*")

# folded issuer bodies, tested on lower case with accents
_ISSUER_COMMUNE = re.compile(r"\bxã\b(?! hội)|\bphường\b|thị trấn")
_ISSUER_DISTRICT = re.compile(r"\bhuyện\b|\bquận\b|thị xã|(?<!văn )\bphòng\b|thành phố")
_CENTRAL_CITY = re.compile(
    r"thành phố (?:hà nội|hồ chí minh|hải phòng|đà nẵng|cần thơ|huế)|thủ đô|tp\.? ?hcm"
)
_ISSUER_PROVINCE = re.compile(r"\btỉnh\b|\bsở\b")
_ISSUER_CENTRAL = re.compile(
    r"\bbộ\b|chính phủ|trung ương|việt nam|quốc hội|tổng cục|\bcục\b|thủ tướng|quốc gia"
)


def issuer_tier(issuer: str | None) -> str | None:
    """The tier of the issuing body: "central", "province", "district", "commune" or None.

    The issuing body is the last of the header's bodies; its parent may give the place.
    """
    if not issuer:
        return None
    for body in reversed(issuer.split(" / ")):
        tier = _body_tier(low(body))
        if tier is not None:
            return tier
    return None


def _body_tier(body: str) -> str | None:
    if _ISSUER_COMMUNE.search(body):
        return "commune"
    if _CENTRAL_CITY.search(body):
        return "province"
    if _ISSUER_DISTRICT.search(body):
        return "district"
    if _ISSUER_PROVINCE.search(body):
        return "province"
    if _ISSUER_CENTRAL.search(body):
        return "central"
    return None


def _has(text: str, words: tuple[str, ...]) -> bool:
    for word in words:  # a plain loop: twice as fast as any() over a generator here
        if word in text:
            return True
    return False


def _tiers_in(text: str, issuer: str | None) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for level, pattern in _TIERS:
        if _has(text, _WORDS[level]):
            found.extend([(m.start(), level) for m in pattern.finditer(text)])
    if issuer not in ("district", "commune") and "phòng" in text:
        found.extend([(m.start(), "district") for m in _BUREAU.finditer(text)])
    return sorted(found)


def _agency_in(text: str, issuer: str | None) -> str | None:
    if not _has(text, _AGENCY_WORDS) or _AGENCY.search(text) is None:
        return None
    if issuer == "central" and _EVERY_DEPARTMENT.search(text):
        return "province"
    return "agency"


def _body_levels(segment: str, issuer: str | None) -> list[tuple[int, str]]:
    """The tiers one body of the owers' list names: those of its name, else of its duty."""
    verb = _VERB.search(segment)
    name = segment[: verb.start()] if verb else segment
    # in the duty, a body after a preposition is whom the work concerns, not who owes it
    # ("rà soát học viên của các trung tâm học tập cộng đồng"); the lengths stay the same
    duty = segment[len(name) :]
    if _has(duty, _OBJECT_WORDS) and _HAS_OBJECT.search(duty):
        duty = _OBJECT.sub(lambda m: " " * len(m.group()), duty)
    for part, offset in ((name, 0), (duty, len(name))):
        tiers = _tiers_in(part, issuer)
        if tiers:
            return [(offset + start, level) for start, level in tiers]
        agency = _agency_in(part, issuer)
        if agency is not None:
            return [(offset, agency)]
    return []


def tier_owers(lowered: str, issuer: str | None) -> list[str]:
    """The tiers the owers in `lowered` (lower-case text) belong to, in the order named.

    Each body counts once: a tier in its name ("Hội Khuyến học các huyện") makes it that
    tier, not also an agency.
    """
    found: list[tuple[int, str]] = []
    start = 0
    verb = _VERB.search(lowered) if " với " in lowered or " cùng " in lowered else None
    for cut in [*_BODY_SPLIT.finditer(lowered), None]:
        if cut is not None and verb is not None and verb.start() < cut.start():
            if cut.group().strip() in ("với", "cùng"):
                continue  # "đăng ký … với Phòng GD&ĐT": a body the work is done with
        end = cut.start() if cut else len(lowered)
        piece = lowered[start:end]
        found.extend([(start + at, level) for at, level in _body_levels(piece, issuer)])
        start = cut.end() if cut else end
    result: list[str] = []
    for _, level in sorted(found):
        if level not in result:
            result.append(level)
    return result


@per_document
def issuer_tier_of(issuer: str) -> str | None:
    """`issuer_tier`, remembered for the document."""
    return issuer_tier(issuer)
