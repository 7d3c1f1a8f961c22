"""The widgets written in Python draw what Django's templates draw, and `field_html` what the
bound field draws: on a form unbound and bound, with and without errors."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from xhht.kernel import widgets

NUMBER = widgets.with_attrs(widgets.TextInput, inputmode="numeric", size=8)
NOTE = widgets.with_attrs(widgets.Textarea, rows=2)


class Figures(forms.Form):
    count = forms.CharField(required=False, widget=NUMBER)
    note = forms.CharField(required=False, widget=NOTE)
    plain = forms.CharField(required=False, widget=widgets.TextInput)
    named = forms.CharField(required=False, widget=widgets.TextInput(attrs={"id": "mine"}))
    # Drawn through their bound field: required, with help text, disabled, hidden.
    needed = forms.CharField(widget=widgets.TextInput)
    helped = forms.CharField(required=False, help_text="Giúp", widget=widgets.TextInput)
    fixed = forms.CharField(required=False, disabled=True, widget=widgets.TextInput)
    hidden = forms.CharField(required=False, widget=widgets.HiddenInput)

    def clean_count(self) -> str:
        text: str = self.cleaned_data["count"]
        if text and not text.isdigit():
            raise forms.ValidationError("“Số người”: nhập số nguyên.")
        return text


INITIAL = {"count": 12, "note": 'a < b & "c"', "plain": "", "named": "x", "fixed": "7"}
POSTED = {
    "count": "12a",
    "note": "dòng 1\ndòng 2 <b>",
    "plain": "  ",
    "named": "y",
    "needed": "",
    "helped": "z",
    "hidden": "h",
}


@pytest.mark.parametrize(
    ("data", "initial", "prefix"),
    [(None, INITIAL, None), (POSTED, INITIAL, None), (POSTED, {}, "r"), ({}, {}, None)],
)
def test_field_html_is_what_the_bound_field_draws(
    data: dict[str, str] | None, initial: dict[str, Any], prefix: str | None
) -> None:
    if data is not None and prefix:
        data = {f"{prefix}-{name}": value for name, value in data.items()}
    form = Figures(data, initial=initial, prefix=prefix)
    for name in form.fields:
        assert widgets.field_html(form, name) == str(form[name]), name


def test_a_refused_field_is_marked_invalid() -> None:
    form = Figures(POSTED)
    drawn = widgets.field_html(form, "count")
    assert 'aria-invalid="true"' in drawn and 'aria-describedby="id_count_error"' in drawn
    assert 'value="12a"' in drawn


@pytest.mark.parametrize(
    ("ours", "django"),
    [
        (widgets.TextInput(attrs={"size": 8}), forms.TextInput(attrs={"size": 8})),
        (widgets.HiddenInput(), forms.HiddenInput()),
        (widgets.Textarea(attrs={"rows": 2}), forms.Textarea(attrs={"rows": 2})),
        (
            widgets.Select(choices=[("", "—"), ("1", "Sở <Nội vụ>")]),
            forms.Select(choices=[("", "—"), ("1", "Sở <Nội vụ>")]),
        ),
    ],
)
@pytest.mark.parametrize("value", [None, "", "1", 'a "b" <c> & d', 0])
def test_python_widgets_draw_what_django_templates_draw(
    ours: forms.Widget, django: forms.Widget, value: Any
) -> None:
    attrs = {"id": "id_x", "required": True, "disabled": False}
    assert ours.render("x", value, attrs) == django.render("x", value, attrs)
