"""`fold` takes a short cut for ASCII: it must give what the plain table gives."""

from __future__ import annotations

import random
import unicodedata

from xhht.kernel.vndates import _FOLD_TABLE, BYTE_CHARS, find_dates, fold

_VIETNAMESE = "Đà Nẵng, ngày 16 tháng 5 năm 2013: ĐỒNG Ý, được, Ưu tiên, CƠ SỞ, phường Ỷ La. " * 15


def _plain(value: str) -> str:
    return value.translate(_FOLD_TABLE)


def test_every_code_point_folds_as_the_table_says_in_short_and_long_texts() -> None:
    points = [cp for cp in range(0x30000) if not 0xD800 <= cp < 0xE000]
    for start in range(0, len(points), 500):
        chunk = "".join(map(chr, points[start : start + 500]))
        for text in (chunk, _VIETNAMESE + chunk, chunk + _VIETNAMESE, chunk * 3):
            assert fold(text) == _plain(text), hex(points[start])


def test_long_vietnamese_text_folds_keeping_its_length() -> None:
    text = _VIETNAMESE + unicodedata.normalize("NFD", _VIETNAMESE) + "\U0001f600\ud800"
    folded = fold(text)
    assert folded == _plain(text)
    assert len(folded) == len(text)
    assert folded.startswith("da nang, ngay 16 thang 5 nam 2013: dong y, duoc, uu tien, co so")


def test_random_texts_fold_as_the_table_says() -> None:
    rng = random.Random(20261205)
    alphabet = [chr(cp) for cp in range(0x250)] + [chr(cp) for cp in range(0x1E00, 0x1F00)]
    alphabet += ["\u2026", "\u201c", "\u0301", "\u212a", "\u0130", "\U0001f600", "\u2200"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 2500)))
        assert fold(text) == _plain(text)


def test_dates_need_a_digit_and_keep_their_spans_in_long_texts() -> None:
    assert find_dates("ngày mười sáu tháng năm năm hai nghìn") == []
    text = "Quảng Ninh, " * 100 + "ngày 16 tháng 5 năm 2013"
    (found,) = find_dates(text)
    assert text[found.start : found.end] == "ngày 16 tháng 5 năm 2013"
    assert found.value.iso() == "2013-05-16"


def test_texts_of_the_byte_table_fold_as_the_table_says_with_or_without_an_outsider() -> None:
    # Vietnamese text and common marks take the byte-table path; one other character
    # anywhere sends the whole text to the full table: both give the same folds.
    rng = random.Random(20261206)
    alphabet = list(BYTE_CHARS)
    outsiders = ["\x01", "\x7f", "\u0110\u0111ø", "\u212a", "\u0130", "\U0001f600", "\u2200"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 2500)))
        assert fold(text) == _plain(text)
        at = rng.randint(0, len(text))
        mixed = text[:at] + rng.choice(outsiders) + text[at:]
        assert fold(mixed) == _plain(mixed)
