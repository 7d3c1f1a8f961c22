"""The parser's short cuts for common text give what the plain definitions give."""

from __future__ import annotations

import random

from xhht.directives.parser.headings import _FORMS, Heading, read_heading
from xhht.directives.parser.memo import forget_document
from xhht.directives.parser.textutil import has_digit, is_upper_line, split_top_level
from xhht.kernel.vndates import BYTE_CHARS, fold

_OUTSIDERS = ["\u0130", "\u01c5", "\u212a", "\u0661", "\uff11", "\U0001d7d9", "Ø", "\x01"]


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = [*BYTE_CHARS, "(", ")", "[", "]", ",", ";", "1.", "IV.", "a)", "Điều 3."]
    texts = []
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        if rng.random() < 0.3:
            at = rng.randint(0, len(text))
            text = text[:at] + rng.choice(_OUTSIDERS) + text[at:]
        texts.append(text)
    return texts


def test_capitals_are_counted_as_str_counts_them_with_or_without_an_outsider() -> None:
    for text in _texts(1):
        forget_document()
        upper = sum(map(str.isupper, text))
        letters = upper + sum(map(str.islower, text))
        assert is_upper_line(text) == (letters >= 2 and upper >= 0.75 * letters), repr(text)
    forget_document()


def test_a_digit_is_found_in_a_fold_as_the_regex_finds_it() -> None:
    for text in _texts(2):
        expected = any(char.isdecimal() for char in text)  # what `\d` matches
        assert has_digit(fold(text)) == expected, repr(text)


def _split_plainly(value: str, separators: str) -> list[tuple[str, str]]:
    pieces: list[tuple[str, str]] = []
    depth, start, before = 0, 0, ""
    for index, char in enumerate(value):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            pieces.append((value[start:index], before))
            start, before = index + 1, char
    pieces.append((value[start:], before))
    return pieces


def test_split_top_level_splits_outside_brackets_only() -> None:
    assert split_top_level("Sở Y tế, Sở Tư pháp; UBND các huyện (TX, TP)") == [
        ("Sở Y tế", ""),
        (" Sở Tư pháp", ","),
        (" UBND các huyện (TX, TP)", ";"),
    ]
    for text in _texts(3):
        for separators in (",", ";", ",;"):
            assert split_top_level(text, separators) == _split_plainly(text, separators)


def _heading_plainly(line: str) -> Heading | None:
    for rank, pattern in _FORMS:
        match = pattern.match(line)
        if match:
            label = match.group(1)
            text = line[match.end() :].strip()
            if text:
                return Heading(2 + label.count(".") if rank is None else rank, label, text)
    return None


def test_one_pattern_reads_each_heading_form_as_the_forms_in_turn() -> None:
    lines = ["I. Mục tiêu", "2.1. Nội dung", "3) Sở", "b. Các xã", "Điều 3. Hiệu lực", "Điều 3."]
    lines += ["IV.", "C. Tổ chức", "12 - Báo cáo", "1.2", "- Gạch đầu dòng", "V/v số liệu"]
    for line in [*lines, *_texts(4)]:
        forget_document()
        assert read_heading(line) == _heading_plainly(line), repr(line)
    forget_document()
