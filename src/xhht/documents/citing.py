"""How a document cites the directive it carries out, from the directive's header as read:
"Công văn số 4120/BGDĐT-GDTX ngày 15/09/2025 về việc …"."""

from __future__ import annotations

from datetime import date
from typing import Any

from xhht.campaigns.models import Campaign


def directive_cited(campaign: Campaign) -> str:
    """ "Công văn số 1395/BCĐXDXHHT ngày 16/05/2013 về việc …" (the date when read), or ""
    when the directive's number was not read: each document then says it its own way."""
    parsed: dict[str, Any] = campaign.directive.parsed if campaign.directive else {}
    if not parsed.get("number"):
        return ""
    issued = parsed.get("date") or ""
    on = f" ngày {date.fromisoformat(issued):%d/%m/%Y}" if issued else ""
    subject = parsed.get("subject") or campaign.title
    return f"Công văn số {parsed['number']}/{parsed.get('symbol') or ''}{on} về việc {subject}"


def directive_reference(campaign: Campaign) -> str:
    """The directive cited, or "Kế hoạch <the campaign's title>" when its number is unknown."""
    return directive_cited(campaign) or f"Kế hoạch {campaign.title}"
