"""Deadlines: what a tier must do or hold by a date, and which tier owes it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from xhht.kernel.vndates import RuleMatch

from .agencies import names_body
from .assignments import Row, table_rows
from .events import holds_own_event
from .headings import read_heading
from .memo import per_document
from .model import Deadline
from .periods import all_rules
from .refs import is_cutoff_context
from .textutil import clean, contains_any, fold, has_digit, low, strip_bullet
from .tiers import issuer_tier_of, tier_owers

# The gap (group 1) after a clause's end: the pattern opens with the punctuation, not a
# look-behind, so that the engine skips ahead to it.
_CLAUSE_SPLIT = re.compile(r"[.;!?](\s+)(?=[-+•(\"“]?\s?[^\W\d_])")
# Where the clause names who receives the work, not who owes it.
_DESTINATION = re.compile(
    r"(?:\s|^)(?:về|cho|tới|lên|trình|qua|báo cáo|gửi|nộp)\s+(?:thường trực|sở|ban|ubnd|ủy ban|uỷ ban|bộ|phòng|"
    r"hội|văn phòng|cơ quan|địa chỉ|email|hộp thư|đ/c|đồng chí|bộ phận|bcđ)\b"
)
# folded. A date just after these words is an anniversary or a ceremony.
_ANNIVERSARY = re.compile(
    r"(?:ky\s?niem|chao\s?mung|nhan\s?dip|truyen\s?thong|thanh\s?lap|ngay\s?le)[^.;]{0,40}$"
)
_LUNAR = re.compile(r"^[^.;]{0,12}(?:am\s?lich|\(al\))")
_INVITATION = re.compile(r"kinh\s?moi|tran\s?trong\s?moi|xin\s?moi|giay\s?moi")
# A period ("từ ngày … đến ngày …") of an event that is held, not a deadline.
_PERIOD = re.compile(r"\btu\s(?:ngay\s)?\d[^.;()]{0,30}(?:\([^()]{0,80}\)[^.;()]{0,20})?$")
_EVENT = re.compile(
    r"tuan\s?le|ngay\s?hoi|le\s?hoi|thang\s?hanh\s?dong|dien\s?ra|nghi\s?(?:tet|le|bu)"
)
_CLOCK = re.compile(
    r"(?<!truoc\s)(?<!nhat\s)\b\d{1,2}\s?(?:h|gio)\s?\d{0,2}\s?(?:phut\s)?[,\s]{0,2}ngay\s?$"
)


def _not_a_deadline(folded: str, rule: RuleMatch) -> bool:
    """Anniversaries, lunar dates, invitations, clock times and event periods."""
    before = folded[max(0, rule.start - 120) : rule.start]
    if _ANNIVERSARY.search(before[-60:]) or _LUNAR.search(folded[rule.end : rule.end + 20]):
        return True
    if ("moi" in folded and _INVITATION.search(folded)) or _CLOCK.search(
        folded[max(0, rule.date_start - 20) : rule.date_start]
    ):
        return True
    return bool(_PERIOD.search(before) and _EVENT.search(folded))


_PERIOD_WORDS = re.compile(r"\s(?:từ|kể từ)\s(?:ngày\s)?\d[^.;]{0,30}$", re.IGNORECASE)
_PARTNER = re.compile(
    r"(?:phối hợp với|tham mưu(?: cho| với)?|(?<!ban )(?<!bản )chỉ đạo|(?<!bản )hướng dẫn)\s[^,;:]*"
)
_REQUESTER = re.compile(r"(?:^|\s)(?:đề nghị|yêu cầu)\s+")
_REQUEST = re.compile(r"(?:^|\s)(?:đề nghị|yêu cầu|giao cho|giao)\s+")
_REQUEST_WORDS = ("đề nghị", "yêu cầu", "giao")  # one of them is in every _REQUEST
# Cheap test that a line may hold a deadline phrase at all: one of these words (the
# month forms "vào tháng …" and "tháng 11, 12 …" hold "han", in "thang"), or a quarter.
# (the most frequent first: "han" is in "thang", "nhan", "thanh")
_MARKER_WORDS = ("han", "trong", "truoc", "qua", "den", "nhat", "gian", "toi", "het", "cuoi")
_QUARTER_WORD = re.compile(r"quy\s?(?:i|[1-4])")


def _may_hold_deadline(folded: str) -> bool:
    """Whether a folded line holds a word that deadline phrases need (tested with `in`:
    a regex alternation of words opening with common letters is tried at most positions)."""
    if contains_any(folded, _MARKER_WORDS):
        return True
    return "quy" in folded and _QUARTER_WORD.search(folded) is not None


_PAST = re.compile(r"\b(?:đã|vừa)\s")
_CONTACT = re.compile(r"\s*\([^()]*(?:@|đt|điện thoại|email|\d{6,})[^()]*\)", re.IGNORECASE)
_TRAIL = re.compile(r"[\s:,;.\-–]+$|\s(?:vào|là|xong|hoàn thành|và|trong)$", re.IGNORECASE)


_DESTINATION_WORDS = ("về ", "cho ", "tới ", "lên ", "trình ", "qua ", "báo cáo ", "gửi ", "nộp ")
_PARTNER_WORDS = ("phối hợp", "tham mưu", "chỉ đạo", "hướng dẫn")


def _has(text: str, words: tuple[str, ...]) -> bool:
    for word in words:  # a plain loop: twice as fast as any() over a generator here
        if word in text:
            return True
    return False


def levels_of(text: str, issuer: str | None = None) -> list[str]:
    """The tiers `text` names as owers, in the order it names them.

    In "X đề nghị Y …" the owers are Y, not X who asks. `issuer` is the issuer's tier
    ("central", "province", "district", "commune"), see `tiers.issuer_tier`.
    """
    lowered = low(text)
    if "đề nghị" in lowered or "yêu cầu" in lowered:
        request = _REQUESTER.search(lowered)
        asked = _owers(lowered[request.end() :], issuer) if request else []
        if asked:
            return asked
    return _owers(lowered, issuer)


def _owers(lowered: str, issuer: str | None) -> list[str]:
    destination = _DESTINATION.search(lowered) if _has(lowered, _DESTINATION_WORDS) else None
    if destination:
        lowered = lowered[: destination.start()]
    # A partner or a body the ower directs does not owe the work itself.
    if _has(lowered, _PARTNER_WORDS):
        lowered = _PARTNER.sub(" ", lowered)
    return tier_owers(lowered, issuer)


def _tidy(text: str) -> str:
    text = strip_bullet(clean(text))
    if "(" in text:  # (a contact is in brackets)
        text = _CONTACT.sub("", text)
    heading = read_heading(text)
    if heading is not None:
        text = heading.text
    period = _PERIOD_WORDS.search(text) if "ừ" in text or "Ừ" in text else None  # ("từ")
    if period:
        text = text[: period.start()]
    return _trim_end(text).strip(" :,;(")


_TRAIL_MARKS = ":,;.-–"  # (with the spaces: the characters of _TRAIL's first form)
_TRAIL_WORDS = ("vào", "là", "xong", "hoàn thành", "và", "trong")  # (its second form's)


def _trim_end(text: str) -> str:
    """`text` stripped, without what `_TRAIL` finds at its end, as often as it finds it
    (the pattern runs only where the last character or word is one it ends with)."""
    previous = None
    while previous != text:
        previous = text
        last = text[-1:]
        if last in _TRAIL_MARKS or last.isspace() or text[-11:].lower().endswith(_TRAIL_WORDS):
            text = _TRAIL.sub("", text)
        text = text.strip()
    return text


# folded. Words that only label a date ("Thời gian hoàn thành:", "Thời hạn nộp báo cáo:").
_LABEL = re.compile(r"^(?:thoi\s?gian|thoi\s?han|han\s?(?:chot|cuoi)?)(?:\s\w+){0,4}$")


_LABEL_WORDS = re.compile(r"thoi\s?gian|thoi\s?han|han\s?(?:chot|cuoi)|hoan\s?thanh")
_DATE_WORDS = re.compile(r"(?:[\s:,]*(?:ngày|trước|là|vào|chậm nhất|muộn nhất))*[\s:,]*$")


@dataclass
class _Context:
    """Who owes the work and what it is, from the headings and requests read so far.

    The ower is that of the innermost open heading (or request) that names a tier;
    tiers are read only when a deadline needs them.
    """

    addressees: Sequence[str]
    issuer: str | None = None
    issuer_name: str | None = None
    open: list[tuple[int, str]] = field(default_factory=list)  # (rank, text) outermost first
    topic: str | None = None

    def read(self, line: str) -> None:
        heading = read_heading(line)
        if heading is not None:
            while self.open and self.open[-1][0] >= heading.rank:
                self.open.pop()
            self.open.append((heading.rank, heading.text))
            self.topic = heading.text
        elif line.endswith(":"):
            lowered = low(line)
            request = _REQUEST.search(lowered) if _has(lowered, _REQUEST_WORDS) else None
            if request is not None:
                self.open.append((99, line[request.end() :]))

    @cached_property
    def default(self) -> str | None:
        """The tier that owes what no heading or clause assigns: that of the addressees,
        when they are all of one tier (read when a deadline first needs it)."""
        levels = {level for item in self.addressees for level in levels_of(item, self.issuer)}
        return levels.pop() if len(levels) == 1 else None

    @property
    def level(self) -> str | None:
        for _, text in reversed(self.open):
            levels = _heading_levels(f"{self.issuer}\x00{text}")
            if levels:
                return levels[0]
        return self.default


@per_document
def _heading_levels(key: str) -> tuple[str, ...]:
    issuer, text = key.split("\x00", 1)
    return tuple(levels_of(text, None if issuer == "None" else issuer))


def _applies_to(clause: str, segment_start: int, rule: RuleMatch, topic: str | None) -> str:
    before = _tidy(clause[segment_start : rule.start])
    request = _REQUESTER.search(before) if "đề nghị" in before or "yêu cầu" in before else None
    if request and names_body(before[: request.start()]) and before[request.end() :].count(" "):
        before = before[request.end() :]  # "Sở … đề nghị các phòng GD&ĐT gửi …": the asked part
    label = _LABEL.match(fold(before)) is not None
    if len(before.split()) >= 2 and not label:
        return before
    after = _tidy(clause[rule.end :].lstrip(" ,:)"))
    if len(after.split()) >= 2:
        return after
    # "Thời hạn nộp báo cáo: ngày …": the label says what is due, unless it is only a label.
    labelled = _tidy(_DATE_WORDS.sub("", clause[segment_start : rule.date_start]))
    if len(_LABEL_WORDS.sub("", fold(labelled)).split()) >= 2:
        return labelled
    if topic:
        return _tidy(topic)
    return after or before or labelled


def _clause_deadlines(
    clause: str, folded: str, issued: dt.date | None, year: int | None, context: _Context
) -> list[Deadline]:
    result: list[Deadline] = []
    segment = 0
    applies = ""
    levels: list[str | None] = []
    for rule, chained in all_rules(clause, folded, year):
        if not chained:
            if _not_a_deadline(folded, rule) or _PAST.search(low(clause[segment : rule.start])):
                continue
            if is_cutoff_context(folded[max(0, rule.date_start - 100) : rule.date_start]):
                continue
            if holds_own_event(folded[: rule.start], context.issuer_name):
                continue
        if issued is not None and rule.rule.last_day() < issued:
            continue
        if not chained or not applies:
            # A date joined to the one before ("trước ngày 15/6 và 15/12") shares its duty.
            applies = _applies_to(clause, segment, rule, context.topic)
            segment = rule.end
            levels = list(levels_of(applies, context.issuer)) or [context.level]
        else:
            segment = rule.end
        for level in levels:
            result.append(Deadline(rule.rule.iso(), rule.rule.inclusive, level, applies))
    return result


def find_deadlines(
    lines: list[str],
    issued: dt.date | None,
    addressees: Sequence[str] = (),
    issuer: str | None = None,
) -> list[Deadline]:
    """Every deadline in the body `lines`; `issued` rules out past dates and gives the year.

    The `addressees` (the recipients) owe what no heading or clause assigns, when they
    are all of one tier; `issuer` is the header's issuer, whose tier decides what some
    bodies are ("các Sở" of a ministry are the provinces').
    """
    year = issued.year if issued else None
    result: list[Deadline] = []
    context = _Context(addressees, issuer_tier_of(issuer) if issuer else None, issuer)
    tables = table_rows(lines)
    table = 0
    index = 0
    while index < len(lines):
        if table < len(tables) and index == tables[table][0]:
            _, index, rows = tables[table]
            table += 1
            for row in rows:
                result.extend(_row_deadlines(row, issued, year, context.issuer))
            continue
        line = lines[index]
        index += 1
        context.read(line)
        folded_line = fold(line)
        if not has_digit(folded_line) or not _may_hold_deadline(folded_line):
            continue
        for clause, folded in _clauses(line):
            # (a heading's number split off, "1." or "2.2.", is too short for a deadline)
            if len(clause) > 7 and has_digit(folded):
                result.extend(_clause_deadlines(clause, folded, issued, year, context))
    return result


def _clauses(line: str) -> Iterator[tuple[str, str]]:
    """The pieces of `line` between its clauses' gaps, each with its fold (cut from the
    line's)."""
    folded = fold(line)
    if ". " not in line and "; " not in line and "! " not in line and "? " not in line:
        yield line, folded  # (no gap: a document line's only space is " ")
        return
    start = 0
    for gap in _CLAUSE_SPLIT.finditer(line):
        yield line[start : gap.start(1)], folded[start : gap.start(1)]
        start = gap.end()
    yield line[start:], folded[start:]


def _row_deadlines(
    row: Row, issued: dt.date | None, year: int | None, issuer: str | None
) -> list[Deadline]:
    """The deadline of a row of a table of assignments: its time cell ("Tháng 5/2017",
    "Quý III/2017", "Trước ngày 30/10/2017"), owed by the row's lead body for its work."""
    for cell in reversed(row.rest):
        if not has_digit(fold(cell)):
            continue
        text = f"Thời gian: {cell}"  # a label, so that a month alone reads as a deadline
        rules = [r for r, _ in all_rules(text, fold(text), year)]
        rules = [r for r in rules if issued is None or r.rule.last_day() >= issued]
        if not rules:
            continue
        rule = rules[-1].rule  # "Tháng 4, 5/2017": the last
        level = (levels_of(row.lead, issuer) or ["agency"])[0]
        return [Deadline(rule.iso(), rule.inclusive, level, row.work)]
    return []
