"""The official layout in force on a document's date.

Decree 30/2020/NĐ-CP (Phụ lục I) from 05/03/2020; Circular 01/2011/TT-BNV before it, so a
2013 campaign's documents look as 2013 documents did. Both use A4 with the same margins
and element sizes; the Circular put page numbers at the bottom right, the Decree centres
them at the top, neither on page 1. Sizes are in points, margins in millimetres, inside
the ranges the texts allow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

DECREE_30_FROM = date(2020, 3, 5)


@dataclass(frozen=True)
class Regime:
    code: Literal["nd30-2020", "tt01-2011"]
    name: str
    page_numbers: Literal["top-centre", "bottom-right"]
    font: str = "Times New Roman"
    margins_mm: tuple[int, int, int, int] = (20, 20, 30, 15)  # top, bottom, left, right
    body_pt: int = 14
    first_line_indent_cm: float = 1.27
    space_after_pt: int = 6
    motto_title_pt: int = 13  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto_pt: int = 14  # "Độc lập - Tự do - Hạnh phúc"
    body_name_pt: int = 13  # the parent and issuing bodies
    number_pt: int = 13  # "Số: …"
    place_date_pt: int = 14
    type_pt: int = 14  # "BÁO CÁO" and the subject under it
    addressee_pt: int = 14  # "Kính gửi:"
    signer_pt: int = 14
    recipients_title_pt: int = 12  # "Nơi nhận:" italic bold
    recipients_pt: int = 11
    page_number_pt: int = 13


DECREE_30 = Regime(code="nd30-2020", name="Nghị định 30/2020/NĐ-CP", page_numbers="top-centre")
CIRCULAR_01 = Regime(code="tt01-2011", name="Thông tư 01/2011/TT-BNV", page_numbers="bottom-right")
REGIMES: dict[str, Regime] = {regime.code: regime for regime in (DECREE_30, CIRCULAR_01)}


def regime_for(on: date) -> Regime:
    """The layout a document dated `on` follows."""
    return DECREE_30 if on >= DECREE_30_FROM else CIRCULAR_01
