"""The closing zone: the signature block (capacity, title, name) and "Nơi nhận"."""

from __future__ import annotations

import re

from .model import Signer
from .patterns import CAPACITY, NOI_NHAN
from .textutil import (
    BULLET,
    clean,
    fold,
    is_upper_line,
    split_top_level,
    strip_bullet,
    strip_end,
)

# folded: "(đã ký)", "đã ký, đóng dấu", "(ký, ghi rõ họ tên)"
_SIGNED = re.compile(
    r"\(\s*da\s?ky[^)]{0,40}\)|\bda\s?ky\b(?:\s?(?:va|,)\s?dong\s?dau)?|\(\s*ky\b[^)]{0,40}\)"
)
SIGNED = "(đã ký)"
_TRAILING_UPPER = re.compile(r"^(.*?[;.])\s+(\S+(?:\s\S+){1,14})$")
_HEAD_POSITION = re.compile(
    r"^(?:KT|TL|TUQ|Q)\.\s?(?:BỘ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|TRƯỞNG BAN|HIỆU TRƯỞNG|"
    r"CỤC TRƯỞNG|VỤ TRƯỞNG|VIỆN TRƯỞNG|CHÁNH VĂN PHÒNG|TRƯỞNG PHÒNG|THỦ TRƯỞNG|BÍ THƯ)\s"
)
# "TM." signs for a collective body; the signer's position follows its name on a flat line.
_FOR_BODY = re.compile(
    r"^(TM\.\s?(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|BAN CHỈ ĐẠO|"
    r"THƯỜNG TRỰC|HỘI ĐỒNG NHÂN DÂN|BAN GIÁM HIỆU|BAN THƯỜNG TRỰC)(?:\s\S+){0,4}?)"
    r"\s(?=(?:PHÓ\s)?(?:CHỦ TỊCH|TRƯỞNG BAN|BÍ THƯ|HIỆU TRƯỞNG)\b|KT\.|Q\.)"
)
_DEPUTY = re.compile(r"\s(?=PHÓ\s)")
# ", " before the deputy ("PHÓ …", "THỨ TRƯỞNG") or another form ("KT.").
_COMMA_POSITION = re.compile(r",\s*(?=PHÓ\s|THỨ TRƯỞNG|(?:KT|TL|TM|TUQ|Q)\.)")
# After "TL." / "TUQ.", ", " before the officer who signs by order ("VỤ TRƯỞNG …").
_BY_ORDER = re.compile(
    r"^(?:TL|TUQ)\.\s?[^,]{2,40}(,\s*)(?=(?:VỤ|CỤC|VIỆN|TỔNG CỤC) TRƯỞNG|CHÁNH VĂN PHÒNG|"
    r"TRƯỞNG (?:PHÒNG|BAN)|GIÁM ĐỐC)"
)
_NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_]*\.?$")


def _is_name(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 6 or is_upper_line(line, 0.9):
        return False
    return all(_NAME_WORD.match(w) and w[0].isupper() for w in words)


def _split_capacity(line: str) -> list[str]:
    """ "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" → the form line and the position line.

    A comma parts them only before the deputy or the signing officer ("KT. BỘ TRƯỞNG,
    THỨ TRƯỞNG"); "KT. BỘ TRƯỞNG, CHỦ NHIỆM" names one office with two titles (the
    Minister who chairs the Government Office) and stays one line of the block.
    """
    if " / " in line:  # the lines of the block already parted by a slash
        return [p for piece in line.split(" / ") if piece.strip() for p in _split_capacity(piece)]
    comma = _COMMA_POSITION.search(line)
    by_order = _BY_ORDER.match(line)
    cut = comma.span() if comma else by_order.span(1) if by_order else None
    if cut is not None:
        form, rest = line[: cut[0]].strip(), line[cut[1] :].strip()
        return [form, *_split_capacity(rest)]
    collective = _FOR_BODY.match(line)
    if collective is not None:  # "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH": the body, then the position
        rest = line[collective.end(1) :].strip()
        return [line[: collective.end(1)].strip(), *_split_capacity(rest)]
    pieces = [p for p in _DEPUTY.split(line) if p]
    if len(pieces) > 1:
        return pieces
    head = _HEAD_POSITION.match(line)
    if head and head.end() < len(line):
        return [line[: head.end()].strip(), line[head.end() :].strip()]
    return [line]


def _split_signature_line(line: str) -> list[str]:
    """Cut a line that holds several parts of the block ("(đã ký)", title + name, KT. + PHÓ)."""
    result: list[str] = []
    last = 0
    folded = fold(line)
    for match in _SIGNED.finditer(folded) if "ky" in folded else ():  # (each needs "ky")
        result.extend(_split_piece(line[last : match.start()]))
        result.append(SIGNED)
        last = match.end()
    result.extend(_split_piece(line[last:]))
    return result


def _split_piece(piece: str) -> list[str]:
    piece = clean(piece)
    if not piece:
        return []
    words = piece.split()
    cut = 0
    while cut < len(words) and not any(map(str.islower, words[cut])):
        cut += 1
    head, tail = " ".join(words[:cut]), " ".join(words[cut:])
    parts = [head, tail] if head and tail and _is_name(tail) else [piece]
    result: list[str] = []
    for part in parts:
        if CAPACITY.match(fold(part)) and is_upper_line(part):
            result.extend(_split_capacity(part))
        else:
            result.append(part)
    return result


def _cc_and_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split the closing lines into "Nơi nhận" items and signature-block lines.

    The two columns of the closing zone often share lines once flattened, so a cc
    line may end with a piece of the signature block.
    """
    cc: list[str] = []
    signature: list[str] = []
    in_cc = False
    for line in lines:
        noi_nhan = NOI_NHAN.match(fold(line))
        if noi_nhan:
            in_cc = True
            line = line[noi_nhan.end() :].strip()
            if not line:
                continue
        rest = _cc_line(line, cc) if in_cc else line
        if rest:
            signature.extend(_split_signature_line(rest))
    # Items that share a line ("Như trên; Lưu: VT.") are still one per addressee.
    pieces = [piece for item in cc for piece, _ in split_top_level(item, ";")]
    return [strip_end(clean(piece)) for piece in pieces if strip_end(piece)], signature


def _opens_signature(text: str) -> bool:
    """Whether text after a cc item is the signature column (a capitalised position)."""
    words = text.split()
    upper = 0
    while upper < len(words) and not any(map(str.islower, words[upper])):
        upper += 1
    head = " ".join(words[:upper])
    if upper == 0 and _is_name(text):
        return True  # the signer's name, after the last item of a flattened closing
    if upper < 2 or not is_upper_line(head, 0.9):
        return False
    return upper == len(words) or _is_name(" ".join(words[upper:]))


def _cc_line(line: str, cc: list[str]) -> str | None:
    """Add `line` to the cc items where it belongs; return what belongs to the signature."""
    folded = fold(line)
    if CAPACITY.match(folded) or ("ky" in folded and _SIGNED.match(folded)):
        return line
    if BULLET.match(line):
        item = strip_bullet(line)
        signed = _SIGNED.search(fold(item)) if "ky" in folded else None  # (it needs "ky")
        if signed is not None and signed.start() > 0 and signed.group().startswith("("):
            cc.append(item[: signed.start()])  # "- Lưu: VP. (Đã ký)": the columns met
            return item[signed.start() :]
        trailing = _TRAILING_UPPER.match(item)
        if trailing and _opens_signature(trailing.group(2)):
            cc.append(trailing.group(1))
            return trailing.group(2)
        cc.append(item)
        return None
    ended = bool(cc) and cc[-1].rstrip().endswith((";", "."))
    if is_upper_line(line, 0.9) or _is_name(line):
        return line
    if cc and not ended:
        cc[-1] = cc[-1] + " " + line
        return None
    if not cc:
        cc.append(line)
        return None
    return line


def read_closing(lines: list[str]) -> tuple[Signer, list[str]]:
    """The signer and the "Nơi nhận" items of the closing `lines`."""
    cc, signature = _cc_and_signature(lines)
    return _signer(signature), cc


def _signer(lines: list[str]) -> Signer:
    capacity: list[str] = []
    titles: list[str] = []
    name: str | None = None
    expect_position = False
    signed = False
    for line in lines:
        if line == SIGNED:
            signed = True
            continue
        folded = fold(line)
        if CAPACITY.match(folded) and is_upper_line(line) and not titles:
            capacity.append(line)
            expect_position = not folded.startswith("q")
        elif is_upper_line(line, 0.9):
            if (expect_position and not signed) or (not capacity and not titles):
                capacity.append(line)
                expect_position = False
            elif name is None:
                titles.append(line)
        elif _is_name(line) and (capacity or titles):
            name = line
    return Signer(
        name=name,
        capacity=" / ".join(capacity) or None,
        title=" / ".join(titles) or None,
    )
