"""The date reader's short cuts: its marker searches and its value classes behave as the
plain definitions do."""

from __future__ import annotations

import dataclasses
import pickle
import random

import pytest

from xhht.kernel.vndates import (
    _BEFORE,
    _BEFORE_TIME,
    _BY,
    _MONTH_BEFORE,
    _MONTH_MARK,
    DateMatch,
    DeadlineRule,
    RuleMatch,
    VNDate,
    _rule_for,
    _search,
    find_dates,
)

_WORDS = [
    *"abcdghlmnortuv0123456789 :,/",
    "truoc", "khong qua", "muon nhat", "cham  nhat", "la", "vao", "den", "toi", "het",
    "tinh ", "han chot", "han cuoi", "thoi han", "nop", "gui", "thoi gian hoan thanh",
    "thoi  gian hoan  thanh", "bao cao", "trong", "cuoi", "ngay", "17 gio 30 phut", "10h",
    "thoi han hoan thanh", "thoi han  gui la", "muon nhat la vao truoc",
]  # fmt: skip


def test_each_marker_search_finds_what_the_plain_search_finds() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        prefix = "".join(rng.choice(_WORDS) for _ in range(rng.randint(0, 14)))[-48:]
        for pattern in (_BEFORE, _BEFORE_TIME, _BY, _MONTH_MARK, _MONTH_BEFORE):
            found, expected = _search(pattern, prefix), pattern.search(prefix)
            assert (found and found.span()) == (expected and expected.span()), (pattern, prefix)


def test_a_day_takes_the_first_marker_its_plain_patterns_find() -> None:
    rng = random.Random(9)
    day = DateMatch(0, 9, VNDate(2013, 6, 30))
    for _ in range(3000):
        prefix = "".join(rng.choice([*_WORDS, " ngay ", ": ", ", "]) for _ in range(12))[-48:]
        expected = None
        for pattern, kind in ((_BEFORE_TIME, "by"), (_BEFORE, "before"), (_BY, "by")):
            found = pattern.search(prefix)
            if found:
                expected = (kind, found.start())
                break
        assert _rule_for(prefix, day) == expected, prefix


def test_value_classes_stay_frozen_dataclasses() -> None:
    value = VNDate(2013, 6)
    match = DateMatch(3, 12, value, month_only=True)
    rule = RuleMatch(0, 12, 3, DeadlineRule("month", 2013, 6))
    assert value == VNDate(2013, 6, None) and hash(value) == hash(VNDate(2013, 6))
    assert dataclasses.replace(value, day=30) == VNDate(2013, 6, 30)
    assert dataclasses.astuple(match) == (3, 12, (2013, 6, None), True, False)
    assert repr(rule.rule) == "DeadlineRule(kind='month', year=2013, month=6, day=None)"
    assert pickle.loads(pickle.dumps(rule)) == rule
    with pytest.raises(dataclasses.FrozenInstanceError):
        match.start = 4  # type: ignore[misc]


def test_dates_are_read_in_text_with_or_without_non_ascii_characters() -> None:
    for text in ("Hạn: ngày 30/6/2013", "Hạn: “ngày 30/6/2013”", "ngày ３０/6/2013 và 1/7/2013"):
        found = [(m.start, m.value.iso()) for m in find_dates(text)]
        assert found[-1][1] in ("2013-06-30", "2013-07-01"), text
    assert [m.value.iso() for m in find_dates("ngày ３０/6/2013")] == ["2013-06-30"]
