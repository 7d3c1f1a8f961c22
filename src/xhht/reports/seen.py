"""What an editor started from: the version of a report a page, a Word form or a workbook
showed, so that saving it changes only what its user changed.

A save compares three versions of each field — what the editor was shown (`Seen`), what
the user sends, and what is stored now. A field the user left as shown is not written
(someone else's newer value stays); a field the user changed is written, unless someone
else changed it too, to something else: that is a conflict, and nothing is written.

The same token travels in a page's hidden field, in a workbook's meta sheet and in a
Word form's properties: `seen_encode` / `seen_decode`.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from xhht.reports.models import DataValue, Report, own_targets_attach


def text_key(text: str | None) -> str:
    """A section's text as compared: NFC, one kind of line break, no outer blank space."""
    text = unicodedata.normalize("NFC", text or "")
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_digest(text: str | None) -> str:
    return hashlib.sha256(text_key(text).encode()).hexdigest()[:20]


def value_key(value: Any) -> str:
    """A figure as compared: 12 == 12.0 == Decimal('12.00'); None == ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal | float):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        return (
            format(number.normalize(), "f")
            if number == number.to_integral()
            else str(number.normalize())
        )
    return text_key(str(value))


@dataclass(frozen=True)
class Seen:
    """Section id → digest of the text shown; indicator id → field → the figure shown."""

    texts: dict[int, str] = field(default_factory=dict)
    values: dict[int, dict[str, str]] = field(default_factory=dict)

    def text_shown(self, section_id: int) -> str | None:
        return self.texts.get(section_id)

    def value_shown(self, indicator_id: int, name: str) -> str | None:
        return self.values.get(indicator_id, {}).get(name)


def seen_of(
    report: Report,
    *,
    rows: list[DataValue] | None = None,
    texts: dict[int, str] | None = None,
) -> Seen:
    """The report as stored now, as an editor opened on it sees it (`rows`, with their own
    targets, and `texts` by section: the report's, when the caller read them already)."""
    if rows is None:
        rows = own_targets_attach(report.values.all())
    if texts is None:
        texts = {t.section_id: t.text for t in report.texts.all()}
    names = report.template.value_fields
    return Seen(
        texts={section_id: text_digest(text) for section_id, text in texts.items()},
        values={
            row.indicator_id: {name: value_key(row.figure(name)) for name in names} for row in rows
        },
    )


def seen_encode(seen: Seen) -> str:
    return json.dumps({"t": seen.texts, "v": seen.values}, separators=(",", ":"), ensure_ascii=True)


def seen_decode(token: str | None) -> Seen | None:
    """The Seen a token carries; None for a missing or damaged token (the caller then
    compares with the stored version only)."""
    if not token:
        return None
    try:
        raw = json.loads(token)
        texts = {int(k): str(v) for k, v in raw.get("t", {}).items()}
        values = {
            int(k): {str(name): str(v) for name, v in fields.items()}
            for k, fields in raw.get("v", {}).items()
        }
    except (ValueError, TypeError, AttributeError):
        return None
    return Seen(texts=texts, values=values)
