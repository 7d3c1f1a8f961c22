"""Property: whatever text comes in (random, mutilated, the seed cut up), the parser returns."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xhht.directives.parser import parse_text
from xhht.kernel.vndates import find_dates, find_deadline_rules

from . import documents as doc
from .helpers import seed_text

settings.register_profile(
    "directives",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
BOUNDED = settings.get_profile("directives")

SOURCES = [
    seed_text(),
    doc.MINISTRY,
    doc.PROVINCE_PLAN,
    doc.ASSOCIATION,
    doc.DEPARTMENT,
    doc.PARTY_LETTER,
    # flattened onto one line: the line-cutting path
    " ".join(seed_text().split()),
    " ".join(doc.ASSOCIATION.split()),
]
PIECES = [
    "Số:",
    "V/v",
    "Kính gửi:",
    "Nơi nhận:",
    "KT. ",
    "TM. ",
    "(đã ký)",
    "ngày 31 tháng 2 năm 2013",
    "trước ngày 30/6",
    "muộn nhất đến ngày 99/99/9999",
    "trong tháng 13 năm 2013",
    "Các Sở: ",
    " | ",
    "\u00a0",
    "\r\n",
    "- ",
    "1. ",
    "I. ",
    "02 cá nhân",
    "Quyết định số 1/",
    "./.",
    "\u0301",
]


def _check(text: str) -> None:
    data = parse_text(text).to_dict()
    json.dumps(data, ensure_ascii=False)


@BOUNDED
@given(st.text(max_size=600))
def test_random_text(text: str) -> None:
    _check(text)


@BOUNDED
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=60))
def test_landmark_soup(pieces: list[str]) -> None:
    _check("".join(pieces))


@BOUNDED
@given(
    st.sampled_from(SOURCES),
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=12000),
            st.integers(min_value=0, max_value=400),
            st.sampled_from(PIECES) | st.text(max_size=8),
        ),
        max_size=12,
    ),
)
def test_mutilated_documents(source: str, cuts: list[tuple[int, int, str]]) -> None:
    text = source
    for start, length, insert in cuts:
        start %= len(text) + 1
        text = text[:start] + insert + text[start + length :]
    _check(text)


@BOUNDED
@given(st.sampled_from(SOURCES), st.data())
def test_lines_shuffled_and_dropped(source: str, data: st.DataObject) -> None:
    lines = source.split("\n")
    chosen = data.draw(st.lists(st.sampled_from(lines), max_size=len(lines)))
    _check("\n".join(chosen))


@BOUNDED
@given(st.text(alphabet="0123456789/.- ngàythángnămtrướcđếntrong", max_size=120))
def test_date_reader_never_fails(text: str) -> None:
    for match in find_dates(text, 2013):
        match.value.iso()
    for rule in find_deadline_rules(text, 2013):
        rule.rule.last_day()
