"""The parser's cheap tests before its patterns decide as the patterns alone decide."""

from __future__ import annotations

import random
import re

from xhht.directives.parser.deadlines import _clauses, _may_hold_deadline, _trim_end
from xhht.directives.parser.headings import _FORMS, read_heading
from xhht.directives.parser.items import CLOSING_FORMULA, is_closing_formula
from xhht.directives.parser.layout import _may_hold_path, _may_hold_paths
from xhht.directives.parser.memo import forget_document
from xhht.directives.parser.patterns import (
    CAPACITY,
    CAPACITY_FIRST,
    KINH_GUI,
    NOI_NHAN,
    match_kinh_gui,
    match_noi_nhan,
)
from xhht.directives.parser.recipients import _INLINE_BULLETS, _split_bullets
from xhht.directives.parser.textutil import clean, says_done
from xhht.kernel.vndates import fold

# Pieces the patterns look for, and characters that case-insensitive matching or `\d`
# treat specially (dotted and dotless i, the Kelvin sign, Arabic and full-width digits).
_PIECES = [
    *"aàáảãạăâbcdđeêghiklmnoôơpqrstuưvxyAÀĐÊÔƠƯKT0123456789 .,;:!?-+•/\\()",
    "\u0130", "\u0131", "\u212a", "\u0661", "\uff11", "\t", "\u00a0",
    "đã ", "vừa ", "từng ", "Đã", "nơi nhận", "n o i nhan", "kính gửi", "k i n h gui", "kt.", "tm/", "q.", "quý",
    "quy ii", "thang 11, 12", "vao thang", "han", "truoc", "den", " và", " là", " xong",
    " hoàn thành", " trong", "vào", " - ", "; - ", ", + ", ". • ", ":/", "/home/", "/Users/",
    ":\\", "\\\\", "I.", "IV)", "2.1.", "3/ ", "a)", "đ.", "Điều 3.", "B)",
]  # fmt: skip


def _texts(seed: int, count: int = 600, size: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, size))) for _ in range(count)]


def test_a_past_tense_is_found_as_the_pattern_finds_it() -> None:
    past = re.compile(r"\s(?:đã|vừa|từng)(?:\s|$)", re.IGNORECASE)
    for text in _texts(1):
        assert says_done(text) == (past.search(text) is not None), repr(text)


def test_the_closing_labels_are_found_as_their_patterns_find_them() -> None:
    for text in _texts(2):
        folded = fold(text)
        expected = NOI_NHAN.match(folded)
        found = match_noi_nhan(folded)
        assert (found and found.span()) == (expected and expected.span()), repr(text)
        expected, found = KINH_GUI.match(folded), match_kinh_gui(folded)
        assert (found and found.span()) == (expected and expected.span()), repr(text)
        if CAPACITY.match(folded):
            assert folded[:1] in CAPACITY_FIRST, repr(text)


def test_a_heading_is_read_as_its_forms_read_it() -> None:
    for text in _texts(3, size=8):
        forget_document()
        heading = read_heading(text)
        matches = [pattern.match(text) for _, pattern in _FORMS]
        if not any(matches):
            assert heading is None, repr(text)
        elif heading is not None:
            assert text.startswith(heading.label), repr(text)
    forget_document()


def test_a_line_may_hold_a_deadline_where_the_marker_pattern_finds_a_word() -> None:
    marker = re.compile(
        r"truoc|nhat|den|toi|trong|han|het|cuoi|qua|vao\s?thang|gian|quy\s?(?:i|[1-4])"
        r"|thang\s?\d{1,2}\s?(?:,|va|-)"
    )
    for text in _texts(4):
        folded = fold(text)
        assert _may_hold_deadline(folded) == (marker.search(folded) is not None), repr(text)


def test_trailing_words_and_marks_go_as_the_pattern_removes_them() -> None:
    trail = re.compile(r"[\s:,;.\-–]+$|\s(?:vào|là|xong|hoàn thành|và|trong)$", re.IGNORECASE)
    for text in _texts(5):
        expected, previous = text, None
        while previous != expected:
            previous = expected
            expected = trail.sub("", expected).strip()
        assert _trim_end(text) == expected, repr(text)


def test_a_document_line_is_cut_into_clauses_and_bullets_as_the_patterns_cut_it() -> None:
    gap = re.compile(r"[.;!?](\s+)(?=[-+•(\"“]?\s?[^\W\d_])")
    for text in _texts(6):
        line = clean(text)  # (the parser's lines are clean)
        assert _split_bullets(line) == _INLINE_BULLETS.split(line), repr(line)
        forget_document()
        pieces, start = [], 0
        for found in gap.finditer(line):
            pieces.append(line[start : found.start(1)])
            start = found.end()
        pieces.append(line[start:])
        assert [clause for clause, _ in _clauses(line)] == pieces, repr(line)
    forget_document()


def test_the_text_may_hold_a_path_wherever_one_of_its_lines_does() -> None:
    for text in _texts(7):
        if any(_may_hold_path(line) for line in text.split("\n")):
            assert _may_hold_paths(text), repr(text)
        if not _may_hold_paths(text):
            assert not _may_hold_path(text), repr(text)


def test_the_closing_words_are_found_as_their_pattern_finds_them() -> None:
    words = ["trên đây là", "kế hoạch này có hiệu lực", "thông báo để", "nhận được văn bản",
             "trong quá trình thực hiện có khó khăn", "các đơn vị", " ", "Sở", "xin"]  # fmt: skip
    rng = random.Random(8)
    for text in _texts(8):
        text = rng.choice(words) + " " + text if rng.random() < 0.5 else text
        folded = fold(text)
        assert is_closing_formula(folded) == (CLOSING_FORMULA.match(folded) is not None), text
