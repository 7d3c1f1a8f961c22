"""What an official document says, as plain data: the builders lay it out, the selectors
fill it from the database. Nothing here knows Word or Django's models.

The parts follow the boxes of the official layout (`vn-document-format`): the parent and
issuing bodies, number and symbol, place and date, type and subject, "Kính gửi", the body,
the signature block and "Nơi nhận".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from xhht.kernel.richtext import Run

# A piece of body text: a paragraph, an item of a list, or a heading inside a section.
BlockKind = Literal["paragraph", "bullet", "heading"]


@dataclass(frozen=True)
class Block:
    """A paragraph; `runs`, where the writer made some words bold or italic, its text in
    pieces (`text` is then their words)."""

    kind: BlockKind
    text: str
    runs: tuple[Run, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table of the body: a caption above it, a header row, the rows (strings as shown,
    numbers already formatted the Vietnamese way), and which columns are numbers (set
    right)."""

    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    bold_rows: frozenset[int] = frozenset()  # totals


@dataclass(frozen=True)
class Section:
    """A part of the body: its number and title ("I. KẾT QUẢ ĐẠT ĐƯỢC"), its text (the
    units' passages among it, each under its unit's name), tables, and sub-sections."""

    number: str
    title: str
    blocks: Sequence[Block | Table] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def paragraphs(self) -> list[str]:
        """The text of its own paragraphs, headings and items (its tables left out)."""
        return [block.text for block in self.blocks if isinstance(block, Block)]


@dataclass(frozen=True)
class Signer:
    """The signature block: "TM. BAN CHỈ ĐẠO" / "KT. TRƯỞNG BAN" / "PHÓ TRƯỞNG BAN" / name.

    `authority` is one of "", "TM.", "KT.", "Q.", "TL."; `on_behalf_of` the collective or
    head signed for ("BAN CHỈ ĐẠO", "TRƯỞNG BAN", "GIÁM ĐỐC"); with "TM." and "KT."
    together (a deputy of a collective body), `deputy_for` names the head ("TRƯỞNG BAN")."""

    authority: str
    on_behalf_of: str
    title: str
    name: str
    deputy_for: str = ""

    @property
    def lines(self) -> list[str]:
        """The upper-case lines above the signature, top first."""
        found = []
        if self.authority and self.on_behalf_of:
            found.append(f"{self.authority} {self.on_behalf_of}")
        if self.deputy_for:
            found.append(f"KT. {self.deputy_for}")
        if self.title:
            found.append(self.title)
        return found


@dataclass(frozen=True)
class Issuer:
    """Who issues: the parent body ("UBND TỈNH QUẢNG NINH"), the issuing body ("BAN CHỈ ĐẠO
    XÂY DỰNG XÃ HỘI HỌC TẬP"), its symbol ("BCĐXDXHHT" or "SGDĐT"), the place written
    before the date ("Quảng Ninh"), and who signs."""

    parent_body: str
    issuing_body: str
    symbol: str
    place: str
    signer: Signer


@dataclass(frozen=True)
class Record:
    """The fields an electronic exchange of the document needs (edXML's header)."""

    number: str
    symbol: str
    place: str
    issued_on: date
    type_name: str
    subject: str
    signer: str
    recipients: list[str]
    due_on: date | None = None


@dataclass(frozen=True)
class OfficialDocument:
    """One document: header, body and footer.

    `number` is left blank for the clerk unless given; the symbol is "<type>-<issuer>"
    ("BC-BCĐXDXHHT"). `addressees` is the "Kính gửi" list; `recipients` the lines of
    "Nơi nhận" (without the dash and semicolon, which the builder adds)."""

    issuer: Issuer
    type_name: str  # "BÁO CÁO"
    type_abbr: str  # "BC"
    subject: str  # trích yếu
    issued_on: date
    addressees: list[str]
    recipients: list[str]
    number: str = ""
    intro: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)

    @property
    def symbol(self) -> str:
        """ "BC-BCĐXDXHHT"; a letter (công văn) carries the issuer's symbol alone."""
        if self.type_abbr in ("", "CV"):
            return self.issuer.symbol
        return f"{self.type_abbr}-{self.issuer.symbol}"

    @property
    def number_and_symbol(self) -> str:
        """ "Số: 25/BC-BCĐXDXHHT", or "Số:      /BC-BCĐXDXHHT" for the clerk to fill."""
        number = self.number.zfill(2) if self.number.isdigit() else self.number
        return f"Số: {number or '      '}/{self.symbol}"

    @property
    def place_and_date(self) -> str:
        """ "Quảng Ninh, ngày 05 tháng 7 năm 2013": day < 10 and months 1, 2 padded."""
        day = f"{self.issued_on.day:02d}"
        month = (
            f"{self.issued_on.month:02d}" if self.issued_on.month < 3 else str(self.issued_on.month)
        )
        return f"{self.issuer.place}, ngày {day} tháng {month} năm {self.issued_on.year}"

    def record(self, due_on: date | None = None) -> Record:
        return Record(
            number=self.number,
            symbol=self.symbol,
            place=self.issuer.place,
            issued_on=self.issued_on,
            type_name=self.type_name,
            subject=self.subject,
            signer=" ".join([*self.issuer.signer.lines, self.issuer.signer.name]),
            recipients=[*self.addressees, *self.recipients],
            due_on=due_on,
        )
