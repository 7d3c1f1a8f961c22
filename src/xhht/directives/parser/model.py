"""The typed result of parsing a directive and its JSON form (directive-format.md)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any


@dataclass
class LegalRef:
    """A document the directive cites."""

    kind: str
    number: str
    date: str | None


@dataclass
class Deadline:
    """What a tier must do or hold by a date (`YYYY-MM-DD`, or `YYYY-MM` for a month)."""

    date: str
    inclusive: bool
    level: str | None
    applies_to: str


@dataclass
class Task:
    """Work assigned to named bodies: the heading as written, one name per body, the items."""

    agency: str
    agencies: list[str]
    items: list[str]


@dataclass
class Quota:
    """How many individuals and collectives a unit may put forward, and for what."""

    who: str | None
    individuals: int | None
    collectives: int | None
    for_: str | None


@dataclass
class OutlineItem:
    """A section a report must cover, with its sub-points."""

    title: str
    children: list[str] = field(default_factory=list)


@dataclass
class Signer:
    """The signature block."""

    name: str | None = None
    capacity: str | None = None
    title: str | None = None


@dataclass
class ParsedDirective:
    """Everything the parser reads from a directive."""

    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    place: str | None = None
    issuer: str | None = None
    subject: str | None = None
    recipients: list[str] = field(default_factory=list)
    legal_refs: list[LegalRef] = field(default_factory=list)
    data_cutoff: str | None = None
    deadlines: list[Deadline] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    quotas: list[Quota] = field(default_factory=list)
    report_outline: list[OutlineItem] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    cc: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of directive-format.md, keys in its order, strings in NFC."""
        data: dict[str, Any] = {
            "number": self.number,
            "symbol": self.symbol,
            "date": self.date,
            "place": self.place,
            "issuer": self.issuer,
            "subject": self.subject,
            "recipients": list(self.recipients),
            "legal_refs": [
                {"kind": r.kind, "number": r.number, "date": r.date} for r in self.legal_refs
            ],
            "data_cutoff": self.data_cutoff,
            "deadlines": [
                {
                    "date": d.date,
                    "inclusive": d.inclusive,
                    "level": d.level,
                    "applies_to": d.applies_to,
                }
                for d in self.deadlines
            ],
            "tasks": [
                {"agency": t.agency, "agencies": list(t.agencies), "items": list(t.items)}
                for t in self.tasks
            ],
            "quotas": [
                {
                    "who": q.who,
                    "individuals": q.individuals,
                    "collectives": q.collectives,
                    "for": q.for_,
                }
                for q in self.quotas
            ],
            "report_outline": [
                {"title": o.title, "children": list(o.children)} for o in self.report_outline
            ],
            "signer": {
                "name": self.signer.name,
                "capacity": self.signer.capacity,
                "title": self.signer.title,
            },
            "cc": list(self.cc),
        }
        normalised: dict[str, Any] = _nfc(data)
        return normalised

    def to_json(self, indent: int | None = 1) -> str:
        """`to_dict` as JSON text (UTF-8 characters kept, not escaped)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value
