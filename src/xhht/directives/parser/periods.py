"""Deadline phrases the shared date reader leaves out, read on folded text.

- a quarter: "trong quý III/2013" → its last month (2013-09);
- a list of months: "Tháng 11, 12/2013", "trong tháng 11 và 12/2013" → the last one;
- a month after "vào" or a label: "vào tháng 11/2013", "Thời gian: tháng 11/2013";
- further dates of a recurring duty after the first: "trước ngày 15/6 và 15/12" → two.
"""

from __future__ import annotations

import re

from xhht.kernel.vndates import DeadlineRule, RuleMatch, find_deadline_rules

_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"\s{0,2}(?:/|-|nam|\.)\s{0,2}(\d{4})(?![\d/])"
_QUARTER = re.compile(r"quy\s{0,2}(iv|iii|ii|i|[1-4])\b" + _YEAR)
_MONTHS = re.compile(
    r"thang\s{0,2}(\d{1,2})((?:\s{0,2}(?:,|va|-|–|;)\s{0,2}(?:thang\s{0,2})?\d{1,2}){1,11})" + _YEAR
)
_MONTH = re.compile(r"thang\s{0,3}(\d{1,2})" + _YEAR)
_LAST_NUMBER = re.compile(r"(\d{1,2})\D*$")
# What opens such a phrase: a deadline word, a label and its colon, or the start of the line.
_MARK = re.compile(
    r"(?:(?:den\s{0,2})?(?:trong|vao|het|cuoi|truoc)(?:\s{0,2}(?:cac|nhung))?|den|xong"
    r"|thoi\s?(?:gian|han)[^:;.]{0,30}:)\s{0,3}$"
)
# "chuẩn bị cho Hội nghị … vào tháng 7": the month of the event the work is for.
_FOR_EVENT = re.compile(
    r"(?:cho|chuan\s?bi|phuc\s?vu)\s[^,;]{0,60}?(?:hoi\s?nghi|hoi\s?thao|dai\s?hoi|hoi\s?thi|\ble\b)"
    r"[^,;]{0,40}$"
)
_CLAUSE_END = re.compile(r"\s{0,2}(?:[.;]|$)")
_OPEN = re.compile(r"(?:^|[:\-–])\s{0,3}$")
_CHAIN = re.compile(
    r"\s{0,2}(?:,|va|hoac)\s{0,2}(?:(?:truoc\s{0,2})?ngay\s{0,2})?(\d{1,2})\s?[/.\-]\s?(\d{1,2})"
    r"(?:\s?[/.\-]\s?(\d{4}))?(?![\d\w@]|\s?[/.\-]\s?\d)"
)
_CHAIN_MONTH = re.compile(r"\s{0,2}(?:,|va)\s{0,2}thang\s{0,2}(\d{1,2})(?![\d/.\-])")


def _valid(year: int, month: int, day: int | None = None) -> bool:
    if not (1 <= month <= 12 and 1900 <= year <= 2100):
        return False
    if day is None:
        return True
    days = (31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31)
    last = (*days, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return 1 <= day <= last


def _marked(folded: str, start: int, list_or_quarter: bool) -> tuple[int, bool] | None:
    """Where the deadline words before `start` begin, and whether they say "before"."""
    prefix = folded[max(0, start - 40) : start]
    mark = _MARK.search(prefix)
    if mark is not None:
        return start - len(prefix) + mark.start(), mark.group().startswith("truoc")
    if list_or_quarter and _OPEN.search(prefix):
        return start, False
    return None


def _ends_clause(folded: str, end: int) -> bool:
    """Whether a time phrase closes its clause ("… báo cáo Thủ tướng Tháng 11, 12/2013.")."""
    return _CLAUSE_END.match(folded, end) is not None


def _extra(folded: str) -> list[RuleMatch]:
    found: list[RuleMatch] = []
    if "quy" in folded:
        for m in _QUARTER.finditer(folded):
            quarter, year = _QUARTERS[m[1]], int(m[2])
            marked = _marked(folded, m.start(), True)
            if marked and _valid(year, 3 * quarter):
                start, before = marked
                month = 3 * quarter - 2 if before else 3 * quarter
                rule = DeadlineRule("before" if before else "month", year, month)
                found.append(RuleMatch(start, m.end(), m.start(), rule))
    for m in _MONTHS.finditer(folded):
        last = _LAST_NUMBER.search(m[2])
        year = int(m[3])
        marked = _marked(folded, m.start(), True)
        if marked is None and _ends_clause(folded, m.end()):
            marked = (m.start(), False)  # a list of months after the action it bounds
        if last and marked and _valid(year, int(last[1])) and _valid(year, int(m[1])):
            rule = DeadlineRule("month", year, int(last[1]))
            found.append(RuleMatch(marked[0], m.end(), m.start(), rule))
    for m in _MONTH.finditer(folded):
        prefix = folded[max(0, m.start() - 40) : m.start()]
        mark = _MARK.search(prefix)
        if mark is None or not mark.group().startswith(("vao", "thoi", "trong c", "trong n")):
            continue
        if _FOR_EVENT.search(folded, max(0, m.start() - 90), m.start()):
            continue
        year, month = int(m[2]), int(m[1])
        if _valid(year, month):
            start = m.start() - len(prefix) + mark.start()
            found.append(RuleMatch(start, m.end(), m.start(), DeadlineRule("month", year, month)))
    return found


def _chained(folded: str, rule: RuleMatch) -> list[RuleMatch]:
    """The further dates joined to `rule` by "và" or a comma, under the same words."""
    result: list[RuleMatch] = []
    previous = rule
    while True:
        m = _CHAIN.match(folded, previous.end)
        if m is not None:
            year = int(m[3]) if m[3] else previous.rule.year
            day, month = int(m[1]), int(m[2])
        else:
            m = _CHAIN_MONTH.match(folded, previous.end)
            if m is None or previous.rule.day is None:
                return result
            year, month, day = previous.rule.year, int(m[1]), previous.rule.day
        if not _valid(year, month, day):
            return result
        rule_m = DeadlineRule(previous.rule.kind, year, month, day)
        previous = RuleMatch(m.start(1), m.end(), m.start(1), rule_m)
        result.append(previous)


def all_rules(text: str, folded: str, year: int | None) -> list[tuple[RuleMatch, bool]]:
    """Every deadline phrase of `text`, in order; True marks a date chained to the one before."""
    rules = find_deadline_rules(text, year, folded=folded)
    if "thang" in folded or "quy" in folded:
        taken = [(r.date_start, r.end) for r in rules]
        for extra in _extra(folded):
            if not any(s < extra.end and extra.date_start < e for s, e in taken):
                rules.append(extra)
                taken.append((extra.date_start, extra.end))
        rules.sort(key=lambda r: r.start)
    result: list[tuple[RuleMatch, bool]] = []
    last_end = -1
    for rule in rules:
        if rule.date_start < last_end:
            continue  # read already as a chained date
        result.append((rule, False))
        last_end = rule.end
        if rule.rule.day is not None:
            for chained in _chained(folded, rule):
                result.append((chained, True))
                last_end = chained.end
    return result
