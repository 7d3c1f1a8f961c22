"""Server-rendered SVG charts of obligation states: a progress bar and a stacked bar chart.

Inline SVG needs no JavaScript and prints; each chart carries a title and a
description for screen readers, every figure is also written as text, and the
overdue share is hatched so that it stays apart from the others in grey print.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from xhht.campaigns.dashboards import STATE_ORDER, Tally

# Fill of each state; the overdue one is a hatch pattern defined per chart.
COLOURS = {
    "on_time": "#2e7d32",
    "late": "#e0a800",
    "returned": "#7b4fa0",
    "overdue": "#a4262c",
    "pending": "#cfd6dd",
}
TEXT_ON = {
    "on_time": "#fff",
    "late": "#1d2733",
    "returned": "#fff",
    "overdue": "#fff",
    "pending": "#1d2733",
}

_ids = itertools.count(1)


def _defs(prefix: str) -> str:
    return (
        f'<defs><pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{COLOURS["overdue"]}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/>'
        "</pattern></defs>"
    )


def _fill(state: str, prefix: str) -> str:
    return f"url(#{prefix}-hatch)" if state == "overdue" else COLOURS[state]


def _summary(tally: Tally) -> str:
    parts = [f"{label}: {count}" for _state, label, count in tally.segments()]
    return "; ".join(parts) + "; " + _("total %(n)s") % {"n": tally.total}


def _bar(tally: Tally, x: float, y: float, width: float, height: float, prefix: str) -> str:
    """The stacked segments of one tally, each labelled with its count where it fits."""
    if tally.total == 0:
        return (
            f'<rect x="{x}" y="{y}" width="{width}" height="{height}" fill="none" '
            'stroke="#d5dbe1"/>'
        )
    out = []
    left = x
    for state, label, count in tally.segments():
        if not count:
            continue
        w = width * count / tally.total
        out.append(
            f'<rect x="{left:.2f}" y="{y}" width="{w:.2f}" height="{height}" '
            f'fill="{_fill(state, prefix)}"><title>{escape(label)}: {count}</title></rect>'
        )
        if w >= 7 * len(str(count)) + 4:
            # A halo in the state's colour keeps the figure legible on the hatch.
            out.append(
                f'<text x="{left + w / 2:.2f}" y="{y + height / 2 + 4:.2f}" text-anchor="middle" '
                f'font-size="11" fill="{TEXT_ON[state]}" stroke="{COLOURS[state]}" '
                f'stroke-width="3" paint-order="stroke">{count}</text>'
            )
        left += w
    return "".join(out)


def _text_width(text: str, size: float) -> float:
    """A generous guess of a text's width: the SVG is drawn before any font measures it."""
    return len(text) * size * 0.62


def legend(prefix: str, width: float, y: float = 12) -> tuple[str, float]:
    """The states' colours, wrapped onto as many rows as the width needs; returns the SVG
    and the baseline of its last row."""
    out = []
    x = 0
    for state in STATE_ORDER:
        label = str(state.label)
        step = round(16 + _text_width(label, 12))
        if x and x + step > width:
            x, y = 0, y + 18
        out.append(
            f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{_fill(state.value, prefix)}"/>'
            f'<text x="{x + 16}" y="{y}" font-size="12" fill="#1d2733">{escape(label)}</text>'
        )
        x += step + 8
    return "".join(out), y


def progress_bar(tally: Tally, title: str) -> SafeString:
    """A wide bar of the four states with the share done written beside it."""
    prefix = f"pb{next(_ids)}"
    width = 480
    percent = _("%(p)s%% done") % {"p": tally.percent_done}
    # The bar leaves room for the share done, however long its words are.
    bar_w = round(width - 12 - _text_width(percent, 14))
    keys, top = legend(prefix, width)
    svg = (
        f'<svg class="chart progress" role="img" viewBox="0 0 {width} {top + 34}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{prefix}-t {prefix}-d">'
        f'<title id="{prefix}-t">{escape(title)}</title>'
        f'<desc id="{prefix}-d">{escape(_summary(tally))}</desc>'
        f"{_defs(prefix)}{keys}"
        f"{_bar(tally, 0, top + 8, bar_w, 22, prefix)}"
        f'<text x="{bar_w + 6}" y="{top + 24}" font-size="13" font-weight="600" '
        f'fill="#1d2733">{escape(percent)}</text></svg>'
    )
    return mark_safe(svg)  # every text above is escaped


def stacked_bars(rows: Sequence[tuple[str, Tally]], title: str) -> SafeString:
    """One stacked bar per row (a district, a level…), scaled to the row's own total so that
    units of different sizes compare by share; the counts are written on the bars."""
    prefix = f"sb{next(_ids)}"
    label_w, bar_w, tail_w, row_h = 170, 300, 60, 22
    width = label_w + bar_w + tail_w
    keys, top = legend(prefix, width)
    height = top + 12 + row_h * len(rows)
    lines = [_defs(prefix), keys]
    fits = int((label_w - 8) / _text_width("x", 12))  # characters that fit left of the bars
    for i, (label, tally) in enumerate(rows):
        y = top + 12 + i * row_h
        short = label if len(label) <= fits else label[: fits - 1] + "…"
        lines.append(
            f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end" '
            f'fill="#1d2733"><title>{escape(label)}</title>{escape(short)}</text>'
        )
        lines.append(_bar(tally, label_w, y + 2, bar_w, row_h - 4, prefix))
        lines.append(
            f'<text x="{label_w + bar_w + 6}" y="{y + 15}" font-size="12" fill="#1d2733">'
            f"{tally.percent_done}%</text>"
        )
    desc = "\n".join(f"{label}: {_summary(tally)}" for label, tally in rows)
    svg = (
        f'<svg class="chart bars" role="img" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{prefix}-t {prefix}-d">'
        f'<title id="{prefix}-t">{escape(title)}</title>'
        f'<desc id="{prefix}-d">{escape(desc)}</desc>' + "".join(lines) + "</svg>"
    )
    return mark_safe(svg)  # every text above is escaped
