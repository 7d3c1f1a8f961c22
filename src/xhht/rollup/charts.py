"""Server-rendered SVG bar charts of rolled-up indicators: one bar per row, its target as a tick.

Inline SVG needs no JavaScript and prints; the chart carries a title and a
description for screen readers, and every figure is also written as text.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

BAR = "#2f6690"
BELOW = "#a4262c"
TARGET = "#1d2733"
_ids = itertools.count(1)


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int | None
    target: Decimal | None = None


def _text(value: Decimal | int | None, suffix: str) -> str:
    if value is None:
        return "—"
    digits = 1 if isinstance(value, Decimal) else 0
    return f"{number_format(value, digits, force_grouping=True)}{suffix}"


def bars(rows: Sequence[Bar], title: str, *, percent: bool) -> SafeString:
    """Horizontal bars; percentages on a 0–100 scale, counts on the largest one. A bar under
    its target is drawn in red, and the target is a dark tick across the bar."""
    prefix = f"rc{next(_ids)}"
    label_w, bar_w, tail_w, row_h = 200, 260, 70, 22
    suffix = "%" if percent else ""
    values = [float(r.value) for r in rows if r.value is not None]
    values += [float(r.target) for r in rows if r.target is not None]
    scale = 100.0 if percent else max([*values, 1.0])
    height = 8 + row_h * max(len(rows), 1)
    fits = int((label_w - 8) / 7.5)  # characters of 12 px text that fit left of the bars
    out = []
    for i, row in enumerate(rows):
        y = 4 + i * row_h
        short = row.label if len(row.label) <= fits else row.label[: fits - 1] + "…"
        out.append(
            f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end" '
            f'fill="#1d2733"><title>{escape(row.label)}</title>{escape(short)}</text>'
        )
        out.append(
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w}" height="{row_h - 6}" fill="#eef1f4"/>'
        )
        if row.value is not None:
            below = row.target is not None and row.value < row.target
            w = bar_w * min(float(row.value) / scale, 1.0)
            out.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                f'fill="{BELOW if below else BAR}"/>'
            )
        if row.target is not None:
            x = label_w + bar_w * min(float(row.target) / scale, 1.0)
            out.append(
                f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{y + row_h}" stroke="{TARGET}" '
                f'stroke-width="2"><title>{escape(_("target"))} '
                f"{escape(_text(row.target, suffix))}</title></line>"
            )
        out.append(
            f'<text x="{label_w + bar_w + 6}" y="{y + 15}" font-size="12" fill="#1d2733">'
            f"{escape(_text(row.value, suffix))}</text>"
        )
    desc = "; ".join(
        f"{r.label}: {_text(r.value, suffix)}"
        + (f" ({_('target')} {_text(r.target, suffix)})" if r.target is not None else "")
        for r in rows
    )
    svg = (
        f'<svg class="chart bars" role="img" viewBox="0 0 {label_w + bar_w + tail_w} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{prefix}-t {prefix}-d">'
        f'<title id="{prefix}-t">{escape(title)}</title>'
        f'<desc id="{prefix}-d">{escape(desc)}</desc>' + "".join(out) + "</svg>"
    )
    return mark_safe(svg)  # every text above is escaped
