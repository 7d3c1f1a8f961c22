"""`{% indicator_line row cells query rollup_url %}`: one row of the roll-up page's table of
indicators, written in one go.

The table has a row per indicator the campaign collects, each with a dozen figures, labels
and links; written by the template's own tags, the rows were most of the page's time.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from xhht.orgunits.models import Level
from xhht.rollup.services import IndicatorRow, TargetShown

register = template.Library()
NONE = "—"


@dataclass(frozen=True)
class _Numbers:
    """The page's language's separators: a count grouped by three, a percentage's comma."""

    decimal: str
    thousand: str

    @classmethod
    def now(cls) -> _Numbers:
        return cls(str(get_format("DECIMAL_SEPARATOR")), str(get_format("THOUSAND_SEPARATOR")))

    def figure(self, value: Decimal | int | None) -> str:
        """`{{ value|default_if_none:"—" }}`: a percentage (quantized, never in exponent form)
        or a count, ungrouped."""
        return NONE if value is None else str(value).replace(".", self.decimal)

    def count(self, value: int | None) -> str:
        """`{{ value|default_if_none:"—"|intcomma }}`."""
        return NONE if value is None else f"{value:,}".replace(",", self.thousand)


@lru_cache(maxsize=8)
def _words(language: str) -> dict[str, str]:
    """The table's words in `language`, escaped: looked up once, not once a row."""
    del language  # the key: gettext below answers in the active language
    words = {
        "value": _("Value"),
        "percentage": _("Percentage"),
        "baseline": _("Baseline"),
        "reported": _("Units reported"),
        "pulling": _("Pulling it down"),
        "national": _("national"),
        "own": _("the province's own"),
    }
    words |= {level.value: str(level.label) for level in Level}
    return {key: escape(word) for key, word in words.items()}


def _value_cell(row: IndicatorRow, numbers: _Numbers) -> str:
    sums = row.sums
    if sums.value is None:
        return NONE
    if row.indicator.is_ratio:
        return f"{numbers.count(sums.value)} / {numbers.count(sums.denominator)}"
    return f"{numbers.count(sums.value)} {escape(row.indicator.unit_label)}"


def _targets_cell(row: IndicatorRow, shown: list[TargetShown], words: dict[str, str]) -> str:
    if not shown:
        return NONE
    mark = "%" if row.indicator.is_ratio else ""
    return "".join(
        f"{floatformat(t.value, '-2')}{mark}<small>{escape(t.source)} · {words['national' if t.national else 'own']}</small>"
        for t in shown
    )


@register.simple_tag
def indicator_line(
    row: IndicatorRow,
    cells: list[tuple[str, list[TargetShown]]],
    query: str,
    rollup_url: str,
) -> SafeString:
    """The <tr> of `row`: its figures, its targets by year (`cells`: each column's label and
    targets) and the units below pulling it down; `query` is the page's own."""
    indicator, sums = row.indicator, row.sums
    numbers = _Numbers.now()
    ratio = indicator.is_ratio
    code = escape(indicator.code)
    baseline = numbers.figure(sums.baseline_percent) if ratio else numbers.count(sums.baseline)
    words = _words(get_language())
    targets = "".join(
        f'<td class="num target" data-label="{escape(label)}">'
        f"{_targets_cell(row, shown, words)}</td>"
        for label, shown in cells
    )
    url = escape(rollup_url)
    pulling = "".join(
        f'<span><a href="{url}?unit={c.pk}">{escape(c.name)}</a> '
        f"({numbers.figure(c.sums.percent)}%)</span>"
        for c in row.pulling_down
    )
    line = (
        "<tr>\n"
        f'      <th scope="row"><a href="?{escape(query) + "&amp;" if query else ""}'
        f'indicator={code}#breakdown">{escape(indicator.name)}</a>'
        f"<small>{code} · {words[indicator.level]}</small></th>\n"
        f'      <td class="num" data-label="{words["value"]}">{_value_cell(row, numbers)}</td>\n'
        f'      <td class="num{" below" if row.below else ""}" id="pct-{code}" '
        f'data-label="{words["percentage"]} (%)">'
        f"{numbers.figure(sums.percent) if ratio else ''}</td>\n"
        f'      <td class="num" data-label="{words["baseline"]}">{baseline}</td>\n'
        f"      {targets}\n"
        f'      <td class="num" data-label="{words["reported"]}">'
        f"{sums.reported} / {sums.expected}</td>\n"
        f'      <td class="low" data-label="{words["pulling"]}">{pulling}</td>\n'
        "    </tr>"
    )
    return mark_safe(line)  # every text above is escaped


@register.simple_tag
def difference_lines(lines: list[tuple[str, int | None, int]]) -> SafeString:
    """An indicator's figures that differ from the sums below (rollup/_differences.html): each
    `<li>` a column's label, the report's figure struck out and the current sum. A district's
    report may differ in hundreds of figures: written here, not by a loop of the template."""
    numbers = _Numbers.now()
    return mark_safe(  # the label is escaped, the figures are numbers
        "".join(
            f"<li>{escape(label)}: <del>{numbers.count(mine)}</del> → "
            f"<ins>{numbers.count(summed)}</ins></li>"
            for label, mine, summed in lines
        )
    )
