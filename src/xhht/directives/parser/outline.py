"""Commendation quotas and the outline a report must follow."""

from __future__ import annotations

import re

from .agencies import names_body, strip_leading
from .headings import read_heading
from .model import OutlineItem, Quota
from .textutil import BULLET, clean, fold, low, strip_bullet, strip_end

_WORD_NUMBERS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
_COUNT = re.compile(
    r"(?<!\w)(\d{1,3}|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s{1,3}(cá nhân|tập thể)\b"
)
_COUNT_REACH = 10  # the most characters of a match of _COUNT before its word ("mười   ")
_PROPOSE = re.compile(
    r"(?:^|\s)(?:được\s)?(?:đề xuất|đề nghị|giới thiệu|lựa chọn|chọn|cử|bình chọn|xét chọn|"
    r"tối đa|không quá|gửi)\b"
)
_PURPOSE = re.compile(r"\s(?:để|nhằm)\s+|\s(?=đề nghị\s)")
_ATTACHED = re.compile(r"^\(?\s?(?:kem\s?theo|ban\s?hanh\s?kem)")
_OUTLINE_HEAD = re.compile(r"(?:noi\s?dung|de\s?cuong)\s(?:cua\s)?bao\s?cao")


def _count(value: str) -> int:
    return int(value) if value.isdigit() else _WORD_NUMBERS[value]


_SENTENCE_END = re.compile(r"\s(?<=[.;]\s)\s*")  # (a space first: the engine skips to it)


def find_quotas(lines: list[str]) -> list[Quota]:
    """Every "each X puts forward N individuals and M collectives" sentence."""
    quotas = []
    heading = ""  # the current heading ("4. UBND các huyện"): the body that chooses
    for line in lines:
        found = read_heading(line)  # (remembered: the other readers of the body read it)
        if found is not None and not found.label.startswith("Điều"):
            heading = found.text  # (a numbered or lettered point, not an article)
        folded = fold(line)  # remembered: a cheaper first test than lower-casing the line
        if "ca nhan" not in folded and "tap the" not in folded:
            continue
        lowered = low(line)
        if "cá nhân" not in lowered and "tập thể" not in lowered:
            continue
        for sentence in _SENTENCE_END.split(strip_bullet(line)):
            quota = _quota(sentence)
            if quota is not None:
                who = quota.who or ""
                body = _heading_body(heading)
                if body is not None and not (names_body(who) or low(who).startswith("mỗi ")):
                    # "- lựa chọn 02 tập thể …" under the heading of the body that chooses
                    quota = Quota(body, quota.individuals, quota.collectives, quota.for_)
                quotas.append(quota)
    return quotas


def _heading_body(heading: str) -> str | None:
    text = strip_leading(heading)
    return strip_end(text) if len(text) < 120 and names_body(text) else None


def _quota(sentence: str) -> Quota | None:
    lowered = low(sentence)
    if "cá nhân" not in lowered and "tập thể" not in lowered:
        return None  # (_COUNT needs one of them: most sentences of a quota's line)
    # (every match ends in one of the two words, a few characters after its number: the
    # scan starts just before the first of them)
    first = min(i for i in (lowered.find("cá nhân"), lowered.find("tập thể")) if i >= 0)
    counts = list(_COUNT.finditer(lowered, max(0, first - _COUNT_REACH)))
    if not counts:
        return None
    individuals = collectives = None
    for match in counts:
        if match.group(2) == "cá nhân" and individuals is None:
            individuals = _count(match.group(1))
        elif match.group(2) == "tập thể" and collectives is None:
            collectives = _count(match.group(1))
    head = lowered[: counts[0].start()]
    verbs = list(_PROPOSE.finditer(head))
    who_end = verbs[0].start() if verbs else counts[0].start()
    who = strip_end(clean(sentence[:who_end])) or None
    purpose = _PURPOSE.search(lowered, counts[-1].end())
    for_ = strip_end(clean(sentence[purpose.end() :])) if purpose else None
    return Quota(who=who, individuals=individuals, collectives=collectives, for_=for_ or None)


def _marker(line: str) -> str | None:
    """The kind of list marker a line starts with ("-", "+", "h2" for a heading rank 2)."""
    heading = read_heading(line)
    if heading is not None:
        return f"h{heading.rank}"
    bullet = BULLET.match(line)
    return bullet.group().strip() if bullet else None


def find_report_outline(lines: list[str]) -> list[OutlineItem]:
    """The contents a report must cover, where the text lists them under "Nội dung báo cáo"."""
    for index, line in enumerate(lines):
        folded = fold(line)
        if len(line) > 90 or not _OUTLINE_HEAD.search(folded):
            continue
        heading = read_heading(line)
        rank = heading.rank if heading else None
        following = lines[index + 1 :]
        while following and _ATTACHED.match(fold(following[0])):
            following = following[1:]  # "(Kèm theo Công văn số … ngày …)"
        items = _collect_outline(following, rank)
        if items:
            return items
    return []


def _collect_outline(lines: list[str], rank: int | None) -> list[OutlineItem]:
    items: list[OutlineItem] = []
    title_marker: str | None = None
    for line in lines:
        heading = read_heading(line)
        if heading is not None and rank is not None and heading.rank <= rank:
            break
        marker = _marker(line)
        text = clean(strip_bullet(line)) if heading is None else clean(heading.text)
        if marker is None:
            if not items:
                break
            target = items[-1].children if items[-1].children else None
            if text[:1].islower() or not _ended(items[-1], target):
                if target:
                    target[-1] = target[-1] + " " + text
                else:
                    items[-1].title = items[-1].title + " " + text
                continue
            break
        if title_marker is None:
            title_marker = marker
        if marker == title_marker:
            items.append(OutlineItem(text))
        elif items:
            items[-1].children.append(text)
    return items


def _ended(item: OutlineItem, children: list[str] | None) -> bool:
    last = children[-1] if children else item.title
    return last.endswith((".", ";", ":", "…", "?", "!"))
