"""Tasks: sections whose heading names a body, work assigned in prose (prose.py) and
tables of assignments (assignments.py), merged per body in the order of the text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .agencies import names_body, split_agencies, strip_leading, trim_name
from .assignments import read_tables
from .headings import Heading, read_heading
from .items import content_items
from .memo import per_document
from .model import Task
from .prose import NAME_END, ProseReader, split_clauses
from .textutil import (
    BULLET,
    contains_any,
    fold,
    low,
    says_done,
    split_top_level,
    strip_end,
)

_DUTY = re.compile(
    r"\s(?:(có trách nhiệm|có nhiệm vụ|chịu trách nhiệm(?! thi hành| trước))\s*:?\s*"
    r"|(?=chủ trì\b|phối hợp\b))"
)
_MAY_DUTY = ("nhiệm", "chủ trì", "phối hợp")  # words without which _DUTY cannot match
_DIGIT = re.compile(r"\d")
_DATE_LIKE = re.compile(r"\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{4}|\bngày\s\d", re.IGNORECASE)
# folded
_INVITES = re.compile(r"\b(?:tran\s?trong\s)?kinh\s?moi\b")
# folded
_PROPOSALS = re.compile(r"(?:cac\s)?(?:de\s?xuat|kien\s?nghi)\b")
_PROPOSALS_FIRST = "cdk"  # what a match of _PROPOSALS opens with


def _may_propose(text: str) -> bool:
    """Whether `text` may open as _PROPOSALS does (its first letter folded: no fold of the
    whole heading, which nothing else folds)."""
    return fold(text[:1]) in _PROPOSALS_FIRST


_ASKS = re.compile(r"^(?:đề nghị|yêu cầu)\s")
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
    lowered = low(text)
    duty = _DUTY.search(lowered) if contains_any(lowered, _MAY_DUTY) else None
    action = NAME_END.search(text)  # the work after the name ("2. UBND các huyện chỉ đạo …")
    if action is not None and not (names_body(text) and len(text[: action.start()].split()) <= 15):
        action = None
    colon = text.find(":")
    if colon > 0 and _PREFIXED_LIST.match(lowered):
        colon = -1  # "Các Sở: Y tế, Tư pháp" lists the bodies
    if colon > 0 and all(m is None or colon < m.start() for m in (duty, action)):
        return text[:colon].strip(), text[colon + 1 :].strip() or None
    if action is not None and (duty is None or action.start() < duty.start()):
        return text[: action.start()].strip(), text[action.start() :].strip()
    if duty:
        rest = text[duty.end() :].strip()
        return text[: duty.start()].strip(), rest or None
    return text, None


def _section_task(section: Section, lines: list[str], split: tuple[str, str | None]) -> Task | None:
    agency, inline = split
    agency = trim_name(strip_end(agency))
    if not _plausible_name(agency):
        return None
    if section.children:
        items = [child.heading.text for child in section.children]  # (clean, as lines are)
    else:
        items = content_items(lines[section.index + 1 : section.end])
    if inline:
        items.insert(0, inline)
    return _task(agency, items)


def _plausible_name(agency: str) -> bool:
    """Whether a heading's text can be the name of bodies rather than a sentence of work."""
    words = len(agency.split())
    # (a date needs a digit: a cheap test first)
    if not agency or words > 30 or (_DIGIT.search(agency) and _DATE_LIKE.search(agency)):
        return False
    if ";" in agency:  # a group: "Các bộ, ngành …; Ủy ban nhân dân các tỉnh …"
        groups = [g for g, _ in split_top_level(agency, ";") if g.strip()]
        if not all(names_body(g) for g in groups):
            return False
    if says_done(agency):
        return False  # "Phòng GD&ĐT đã chủ trì …" recounts work done
    return not (agency.endswith(".") and words > 12)


def _task(agency: str, items: list[str], agencies: list[str] | None = None) -> Task:
    # The document's end mark "./." is no part of its last item.
    items = [item[:-2] if item.endswith("./.") else item for item in items]
    if agencies is None:
        agencies = split_agencies(agency)
    return Task(agency=agency, agencies=agencies, items=items)


def find_tasks(
    lines: list[str], recipients: Sequence[str] = (), annex: Sequence[str] = ()
) -> list[Task]:
    """The tasks of the body `lines`, in the order of the text; `recipients` are the
    addressees (a letter's "Đề nghị các Sở …" names them), `annex` the lines after the
    body, where a table of assignments may stand."""
    for folded in map(fold, lines[:12]):
        if "kinh" in folded and _INVITES.search(folded):
            return []  # an invitation asks its guests to come, it assigns no work
    every = list(lines) + list(annex)
    owned = [False] * len(every)
    found: dict[int, list[Task]] = {}
    for first, end, table in read_tables(every):
        found[first] = table
        owned[first:end] = [True] * (end - first)
    reader = ProseReader(every, owned, list(recipients))
    _read_sections(every, len(lines), owned, found, reader)
    for index in range(len(lines)):
        if owned[index]:
            continue
        tasks, taken = reader.read(index)
        if tasks:
            found[index] = [_task(t.agency, t.items, t.agencies) for t in tasks]
            owned[index : index + 1 + taken] = [True] * (1 + taken)
    return _merge(found)


def _read_sections(
    every: list[str],
    count: int,
    owned: list[bool],
    found: dict[int, list[Task]],
    reader: ProseReader,
) -> None:
    """The tasks of the sections (among the first `count` lines) whose heading names a body."""
    for section in build_sections(every[:count]):
        if owned[section.index] or _inside_task(section, found):
            continue
        if _may_propose(section.heading.text) and _PROPOSALS.match(fold(section.heading.text)):
            # "Kiến nghị, đề xuất": requests sent upward, no one's assigned work
            owned[section.index : section.end] = [True] * (section.end - section.index)
            continue
        if not names_body(section.heading.text):
            continue
        if any(names_body(child.heading.text) for child in section.children):
            continue
        split = _split_heading(strip_leading(section.heading.text))
        if not section.children:
            # a paragraph that opens with work of its own ends the section (its first line
            # is the section's item, unless the heading carries the work itself)
            for index in range(section.index + (1 if split[1] else 2), section.end):
                line = every[index]
                if not BULLET.match(line) and read_heading(line) is None and reader.assigns(line):
                    section.end = index
                    break
        task = _section_task(section, every, split)
        if task is None:
            continue
        if _ASKS.match(low(section.heading.text)):
            # "3. Đề nghị các đơn vị …": the addressees in a word
            task.agencies = reader.agencies_for(task.agency)
        found[section.index] = [task]
        if len(task.items) == 1:
            # "1. Các Phòng GD&ĐT gửi …, các trường THPT gửi …": two bodies, two tasks
            task.items[0], others = split_clauses(task.items[0])
            found[section.index].extend(_task(t.agency, t.items, t.agencies) for t in others)
        owned[section.index : section.end] = [True] * (section.end - section.index)


def _inside_task(section: Section, found: dict[int, list[Task]]) -> bool:
    parent = section.parent
    while parent is not None:
        if parent.index in found:
            return True
        parent = parent.parent
    return False


_KEY_PUNCTUATION = str.maketrans({c: " " for c in ",;:.()[]&-–—/\"'“”"})
_ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "gd&dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao",
    "bcd": "ban chi dao",
}


def _key(task: Task) -> str:
    """Who a task is for, loosely: the same body written twice gives the same key."""
    return _names_key(" ; ".join(task.agencies) or task.agency)


@per_document
def _names_key(names: str) -> str:
    """`_key` of the names (remembered: a body's tasks are merged by it, so met again)."""
    text = fold(names)
    # (no abbreviation overlaps another or its expansions: one replace each does what a
    # substitution of them all would)
    for short, full in _ABBREVIATIONS.items():
        if short in text:
            text = text.replace(short, full)
    return " ".join(text.translate(_KEY_PUNCTUATION).replace("cac ", "").split())


def _merge(found: dict[int, list[Task]]) -> list[Task]:
    """The tasks in the order of the text, one per body (a body named twice: items joined)."""
    result: list[Task] = []
    seen: dict[str, Task] = {}
    for index in sorted(found):
        for task in found[index]:
            key = _key(task)
            if key in seen:
                seen[key].items.extend(i for i in task.items if i not in seen[key].items)
            else:
                seen[key] = task
                result.append(task)
    return result
