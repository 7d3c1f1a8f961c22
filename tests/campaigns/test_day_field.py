"""A date written dd/mm/yyyy that no calendar has is told as such, in Vietnamese."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms
from django.utils import translation

from xhht.campaigns.forms import date_field


class Held(forms.Form):
    held_on = date_field("Ngày tổ chức")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2013", "31/02/2013 không phải ngày có thật: tháng 2/2013 không có ngày 31."),
        ("29/02/2013", "29/02/2013 không phải ngày có thật: tháng 2/2013 không có ngày 29."),
        ("12/13/2013", "12/13/2013 không phải ngày có thật: không có tháng 13."),
        ("hôm qua", "Nhập ngày theo dạng dd/mm/yyyy."),
    ],
)
def test_a_day_no_calendar_has_is_named(typed: str, message: str) -> None:
    with translation.override("vi"):
        form = Held({"held_on": typed})
        assert not form.is_valid()
        assert form.errors["held_on"] == [message]


def test_a_real_day_is_read() -> None:
    form = Held({"held_on": "29/02/2012"})
    assert form.is_valid() and form.cleaned_data["held_on"] == date(2012, 2, 29)
