"""Pure-Python extraction of a directive: text in, ParsedDirective out (no Django)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from .deadlines import find_deadlines
from .header import find_title, read_header
from .layout import build_layout
from .memo import forget_document
from .model import Deadline, LegalRef, OutlineItem, ParsedDirective, Quota, Signer, Task
from .outline import find_quotas, find_report_outline
from .reading import DirectiveReadError, read_document
from .refs import find_cutoff, find_legal_refs
from .signature import read_closing
from .tasks import find_tasks
from .textutil import fold

__all__ = [
    "Deadline",
    "DirectiveReadError",
    "LegalRef",
    "OutlineItem",
    "ParsedDirective",
    "Quota",
    "Signer",
    "Task",
    "parse_file",
    "parse_text",
]


def parse_text(text: str) -> ParsedDirective:
    """Read every field of directive-format.md from the text of a directive."""
    forget_document()
    try:
        return _parse(text)
    finally:
        forget_document()


def _parse(text: str) -> ParsedDirective:
    layout = build_layout(text, find_title)
    header = read_header(layout.header, layout.title)
    recipients = layout.recipients
    issued = dt.date.fromisoformat(header.date) if header.date else None
    body = layout.body
    own = f"{header.number}/{header.symbol}" if header.number and header.symbol else None
    signer, cc = read_closing(layout.footer)
    # A report answers upward: it assigns no work, whatever dates and duties it recounts.
    assigns = not _is_report(header.symbol, layout.lines, layout.title)
    return ParsedDirective(
        number=header.number,
        symbol=header.symbol,
        date=header.date,
        place=header.place,
        issuer=header.issuer,
        subject=header.subject,
        recipients=recipients,
        legal_refs=find_legal_refs(layout.lines[: layout.footer_start], own),
        data_cutoff=find_cutoff(body),
        deadlines=(find_deadlines(body, issued, recipients, header.issuer) if assigns else []),
        tasks=find_tasks(body, recipients, layout.lines[layout.footer_start :]) if assigns else [],
        quotas=find_quotas(body),
        report_outline=find_report_outline(body + layout.appendix),
        signer=signer,
        cc=cc,
    )


def _is_report(symbol: str | None, lines: list[str], title: int | None) -> bool:
    """Whether the document is a báo cáo (its title, or "BC" opening its symbol)."""
    if symbol is not None and re.match(r"BC(?:[-/]|$)", symbol, re.IGNORECASE):
        return True
    return title is not None and fold(lines[title]).startswith("bao cao")


def parse_file(path: str | Path) -> ParsedDirective:
    """Read and parse the directive file at `path` (raises DirectiveReadError)."""
    return parse_text(read_document(path))
