"""Text inputs and text areas rendered in Python, for the forms with hundreds of fields.

Django renders every widget through its template engine (input.html, attrs.html), a few
hundred microseconds each: a report's form of 500 fields spent most of its page's time
there. These write the very same HTML as Django's templates, without the engine.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from typing import Any

from django import forms
from django.utils.safestring import SafeString, mark_safe


def esc(value: Any) -> str:
    """Django's `conditional_escape` without its lazy-string wrapper (a few microseconds
    each, thousands of calls on a report's page): safe text as it is, anything else
    escaped the same way."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape(str(value))


def attributes(attrs: dict[str, Any]) -> str:
    """What django/forms/widgets/attrs.html writes: ` name="value"`, ` name` for True,
    nothing for False."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            out.append(f" {esc(name)}")
        else:
            out.append(f' {esc(name)}="{esc(str(value))}"')
    return "".join(out)


@lru_cache(maxsize=512)
def _attributes_of(attrs: tuple[tuple[str, Any], ...]) -> str:
    """`attributes` of a widget's own attributes, written once for all its fields."""
    return attributes(dict(attrs))


def _input(widget: dict[str, Any], drawn_attrs: str | None = None) -> str:
    """What django/forms/widgets/input.html writes (`drawn_attrs`: its attributes written)."""
    value = widget["value"]
    shown = "" if value is None else f' value="{esc(str(value))}"'
    head = f'<input type="{esc(widget["type"])}" name="{esc(widget["name"])}"'
    drawn = attributes(widget["attrs"]) if drawn_attrs is None else drawn_attrs
    return head + shown + drawn + ">"


def _textarea(widget: dict[str, Any], drawn_attrs: str | None = None) -> str:
    """What django/forms/widgets/textarea.html writes (`drawn_attrs`: its attributes written)."""
    value = widget["value"]
    text = esc(value) if value else ""
    drawn = attributes(widget["attrs"]) if drawn_attrs is None else drawn_attrs
    return f'<textarea name="{esc(widget["name"])}"' + drawn + (f">\n{text}</textarea>")


class TextInput(forms.TextInput):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return mark_safe(_input(self.get_context(name, value, attrs)["widget"]))


class HiddenInput(forms.HiddenInput):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return mark_safe(_input(self.get_context(name, value, attrs)["widget"]))


class Textarea(forms.Textarea):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return mark_safe(_textarea(self.get_context(name, value, attrs)["widget"]))


def field_html(form: forms.BaseForm, name: str) -> str:
    """What `str(form[name])` writes, without making the bound field, for a field drawn by
    TextInput or Textarea above that is optional, enabled and without help text (a
    report's form draws two thousand); any other field through its bound field."""
    field = form.fields[name]
    widget = field.widget
    auto_id = form.auto_id
    plain = (
        isinstance(widget, TextInput | Textarea)
        and not (field.required or field.disabled or field.help_text or field.localize)
        and not field.show_hidden_initial
    )
    if not (plain and isinstance(auto_id, str) and "%s" in auto_id):
        return str(form[name])
    html_name = form.add_prefix(name)
    value = form.get_initial_for_field(field, name)
    if form.is_bound:
        value = field.bound_data(
            widget.value_from_datadict(form.data, form.files, html_name), value
        )
    extra: dict[str, Any] = {}
    if form.errors.get(name):
        extra["aria-invalid"] = "true"
        extra["aria-describedby"] = f"{auto_id % html_name}_error"
    if "id" not in widget.attrs:
        extra["id"] = auto_id % html_name
    attrs = {**widget.attrs, **extra}
    drawn = {
        "type": getattr(widget, "input_type", ""),
        "name": html_name,
        "value": widget.format_value(field.prepare_value(value)),
        "attrs": attrs,
    }
    # The widget's own attributes come first, as written for every field that shares them.
    written = (
        attributes(attrs)
        if extra.keys() & widget.attrs.keys()
        else _attributes_of(tuple(widget.attrs.items())) + attributes(extra)
    )
    return _textarea(drawn, written) if isinstance(widget, Textarea) else _input(drawn, written)


def with_attrs(widget: type[forms.Widget], **attrs: Any) -> type[forms.Widget]:
    """`widget` with these attributes, as a class: a field given a class makes its widget
    afresh, where one given an instance deep-copies it (a form of 500 fields feels it)."""

    def __init__(self: forms.Widget, attrs_given: dict[str, Any] | None = None) -> None:
        widget.__init__(self, {**attrs, **(attrs_given or {})})

    return type(widget.__name__, (widget,), {"__init__": __init__})


def _select(widget: dict[str, Any]) -> str:
    """What django/forms/widgets/select.html (with select_option.html) writes."""
    out = [f'<select name="{esc(widget["name"])}"', attributes(widget["attrs"]), ">"]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{esc(group_name)}">')
        for option in group_choices:
            out.append(f'\n  <option value="{esc(str(option["value"]))}"')
            out.append(attributes(option["attrs"]))
            out.append(f">{esc(option['label'])}</option>\n")
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


class Select(forms.Select):
    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        return mark_safe(_select(self.get_context(name, value, attrs)["widget"]))
