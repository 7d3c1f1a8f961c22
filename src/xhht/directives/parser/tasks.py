"""Tasks: sections whose heading names a body, and "X có trách nhiệm …" sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .agencies import names_body, split_agencies, strip_leading
from .headings import Heading, read_heading
from .model import Task
from .textutil import BULLET, clean, fold, low, strip_bullet, strip_end

_DUTY = re.compile(
    r"\s(?:(có trách nhiệm|có nhiệm vụ|chịu trách nhiệm(?! thi hành| trước))\s*:?\s*"
    r"|(?=chủ trì\b|phối hợp\b))"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")
_DATE_LIKE = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{4}|\bngày\s\d", re.IGNORECASE)
_REQUEST = re.compile(r"(?:^|\s)(?:đề nghị|yêu cầu|giao cho|giao)\s+")
_REQUEST_TAIL = re.compile(
    r"\s(?:thực hiện|triển khai|chỉ đạo|quan tâm|tập trung|khẩn trương|tổ chức)\b.*$"
)
# The work after a body's name in a heading ("2. UBND các huyện chỉ đạo …"), written in
# lower case (so "Ban Chỉ đạo" stays a name) and not part of "ban chỉ đạo", "phòng tổ chức".
_ACTION = re.compile(
    r"(?<!\b[bB]an)(?<!\b[pP]hòng)(?<!\b[vV]ụ)\s(?=(?:chỉ đạo|tổ chức|triển khai|xây dựng|hướng dẫn|"
    r"báo cáo|thực hiện|tham mưu|rà soát|gửi|tiếp tục|tăng cường|đẩy mạnh|kiểm tra|tổng hợp|"
    r"đánh giá|tuyên truyền)\b)"
)
# folded
_CLOSING_FORMULA = re.compile(
    r"(?:tren\s?day\s?la|nhan\s?duoc\s(?:cong\s?van|van\s?ban|ke\s?hoach|thong\s?bao)|"
    r"trong\s?qua\s?trinh\s(?:thuc\s?hien|trien\s?khai)[^.]{0,30}(?:vuong\s?mac|kho\s?khan))"
)
_PAST = re.compile(r"\s(?:đã|vừa|từng)(?:\s|$)", re.IGNORECASE)
_PREFIXED_LIST = re.compile(r"^(?:các\s+)?(?:sở|bộ|ban|hội|phòng)\s*:")


@dataclass
class Section:
    """A numbered heading and the body lines it governs."""

    index: int
    heading: Heading
    end: int = 0
    children: list[Section] = field(default_factory=list)
    parent: Section | None = None


def build_sections(lines: list[str]) -> list[Section]:
    """Every numbered heading of `lines` as a section, in order, with its sub-sections."""
    sections: list[Section] = []
    stack: list[Section] = []
    for index, line in enumerate(lines):
        heading = read_heading(line)
        if heading is None:
            continue
        while stack and stack[-1].heading.rank >= heading.rank:
            stack.pop().end = index
        section = Section(index, heading, parent=stack[-1] if stack else None)
        if stack:
            stack[-1].children.append(section)
        stack.append(section)
        sections.append(section)
    for section in stack:
        section.end = len(lines)
    return sections


def _split_heading(text: str) -> tuple[str, str | None]:
    """The body's name in a heading and any work written on the same line."""
    duty = _DUTY.search(low(text))
    action = _ACTION.search(text)
    if action is not None and not (names_body(text) and len(text[: action.start()].split()) <= 15):
        action = None
    if action is not None and (duty is None or action.start() < duty.start()):
        return text[: action.start()].strip(), text[action.start() :].strip()
    if duty:
        rest = text[duty.end() :].strip()
        return text[: duty.start()].strip(), rest or None
    lowered = low(text)
    colon = text.find(":")
    if colon > 0 and not _PREFIXED_LIST.match(lowered):
        return text[:colon].strip(), text[colon + 1 :].strip() or None
    return text, None


def content_items(lines: list[str]) -> list[str]:
    """A section's bullets, or else its paragraphs (wrapped lines joined)."""
    items: list[str] = []
    for line in lines:
        if _CLOSING_FORMULA.match(fold(line)):
            break  # "Trên đây là Kế hoạch …": the body's closing words, no one's task
        is_bullet = bool(BULLET.match(line))
        text = clean(strip_bullet(line))
        if not text:
            continue
        if items and not is_bullet and _continues(items[-1], text):
            items[-1] = items[-1] + " " + text
        else:
            items.append(text)
    return items


def _continues(previous: str, line: str) -> bool:
    """Whether a line without a bullet carries on the item before it (a wrapped line)."""
    return line[:1].islower() or not previous.endswith((".", ":", ";", "!", "?", "…", ")"))


def _section_task(section: Section, lines: list[str]) -> Task | None:
    agency, inline = _split_heading(strip_leading(section.heading.text))
    agency = strip_end(agency)
    if not _plausible_name(agency):
        return None
    if section.children:
        items = [clean(child.heading.text) for child in section.children]
    else:
        items = content_items(lines[section.index + 1 : section.end])
    if inline:
        items.insert(0, inline)
    return _task(agency, items)


def _plausible_name(agency: str) -> bool:
    """Whether a heading's text can be the name of bodies rather than a sentence of work."""
    words = len(agency.split())
    if not agency or words > 30 or ";" in agency or _DATE_LIKE.search(agency):
        return False
    if _PAST.search(agency):
        return False  # "Phòng GD&ĐT đã chủ trì …" recounts work done
    return not (agency.endswith(".") and words > 12)


def _request_task(lines: list[str], index: int) -> Task | None:
    """ "X đề nghị <bodies>:" followed by bullets: the bullets are the bodies' task."""
    line = lines[index]
    if not line.endswith(":") or BULLET.match(line):
        return None
    match = _REQUEST.search(low(line))
    if match is None:
        return None
    agency = strip_end(clean(line[match.end() : len(line) - 1]))
    cut = _REQUEST_TAIL.search(low(agency))
    if cut:
        agency = agency[: cut.start()].strip()
    if not agency or not names_body(agency) or not _plausible_name(agency):
        return None
    items: list[str] = []
    for following in lines[index + 1 :]:
        if not BULLET.match(following):
            break
        items.append(clean(strip_bullet(following)))
    if not items:
        return None
    return _task(agency, items)


def _task(agency: str, items: list[str]) -> Task:
    # The document's end mark "./." is no part of its last item.
    items = [item[:-2] if item.endswith("./.") else item for item in items]
    return Task(agency=agency, agencies=split_agencies(agency), items=items)


def _duty_tasks(line: str) -> list[Task]:
    tasks = []
    for sentence in _SENTENCE.split(strip_bullet(line)):
        duty = _DUTY.search(low(sentence))
        if not duty:
            continue
        subject = strip_end(strip_leading(clean(sentence[: duty.start()])))
        words = len(subject.split())
        if not subject or not names_body(subject) or words > 30 or _PAST.search(subject):
            continue
        item = clean(sentence[duty.end() :])
        if item:
            tasks.append(_task(subject, [item]))
    return tasks


def find_tasks(lines: list[str]) -> list[Task]:
    """The tasks of the body `lines`, in the order of the text."""
    sections = build_sections(lines)
    owned = [False] * len(lines)
    by_index: dict[int, Task] = {}
    for section in sections:
        if _inside_task(section, by_index) or not names_body(section.heading.text):
            continue
        if any(names_body(child.heading.text) for child in section.children):
            continue
        task = _section_task(section, lines)
        if task is None:
            continue
        by_index[section.index] = task
        for index in range(section.index, section.end):
            owned[index] = True
    duties: dict[int, list[Task]] = {}
    for index, line in enumerate(lines):
        if owned[index]:
            continue
        request = _request_task(lines, index)
        if request is not None:
            duties[index] = [request]
            for item_index in range(index, index + 1 + len(request.items)):
                owned[min(item_index, len(lines) - 1)] = True
            continue
        found = _duty_tasks(line)
        if found:
            duties[index] = found
    return _merge(by_index, duties)


def _inside_task(section: Section, by_index: dict[int, Task]) -> bool:
    parent = section.parent
    while parent is not None:
        if parent.index in by_index:
            return True
        parent = parent.parent
    return False


def _merge(by_index: dict[int, Task], duties: dict[int, list[Task]]) -> list[Task]:
    result: list[Task] = []
    seen: dict[str, Task] = {}
    for index in sorted(set(by_index) | set(duties)):
        if index in by_index:
            result.append(by_index[index])
            continue
        for task in duties[index]:
            key = task.agency.casefold()
            if key in seen:
                seen[key].items.extend(task.items)
            else:
                seen[key] = task
                result.append(task)
    return result
