"""Names are matched on a key that ignores tone placement, case, spacing and abbreviations."""

import unicodedata

import pytest

from xhht.kernel.text import ascii_fold, clean_spaces, match_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Hoà Lạc", "Hòa Lạc"),
        ("Phường HOÀ LẠC", "phường hòa lạc"),
        ("Thuỷ Nguyên", "Thủy Nguyên"),
        ("Ủy ban nhân dân các huyện (TX, TP)", "UBND các huyện, thị xã, thành phố"),
        ("Sở Lao động-Thương binh và Xã hội", "Sở Lao động - Thương  binh và Xã hội"),
        (unicodedata.normalize("NFD", "Đầm Hà"), "Đầm Hà"),
        ("Quảng\u00a0Ninh", "Quảng Ninh"),
    ],
)
def test_these_names_match(one: str, other: str) -> None:
    assert match_key(one) == match_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Hà Tu", "Hà Tú"), ("Hải Hòa", "Hải Hà"), ("Bình Dương", "Bình Đương")],
)
def test_these_names_do_not(one: str, other: str) -> None:
    assert match_key(one) != match_key(other)


def test_clean_spaces_and_ascii_fold() -> None:
    assert clean_spaces("  Hạ\u00a0 Long \n") == "Hạ Long"
    assert ascii_fold("Đầm Hà") == "Dam Ha"


def test_iso_dates_are_shown_the_vietnamese_way() -> None:
    from xhht.kernel.templatetags.xhht_tags import vndate

    assert vndate("2013-05-16") == "16/05/2013"
    assert vndate("2013-07") == "07/2013"
    assert vndate(None) == ""
    assert vndate("not a date") == "not a date"


def test_numbers_and_dates_are_formatted_the_vietnamese_way() -> None:
    from datetime import date

    from django.contrib.humanize.templatetags.humanize import intcomma
    from django.utils import formats, translation

    with translation.override("vi"):
        assert intcomma(1449277) == "1.449.277"
        assert formats.date_format(date(2013, 6, 10)) == "10/06/2013"
        assert formats.number_format(82.7, 1) == "82,7"
