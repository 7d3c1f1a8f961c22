"""Tables of assignments ("STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian").

The reader puts each cell on a line of its own (a `|` of a flattened table, a cell of a
.docx) and drops the empty ones, so a row is read as: its number alone on a line, the work
(one line or more), then the cells that name bodies, the first of them the lead body.
One task per lead body, its items the work of its rows in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import names_body, split_agencies
from .model import Task
from .patterns import NOI_NHAN
from .textutil import clean, fold, strip_end

# folded
_LEAD_COLUMN = re.compile(
    r"^(?:(?:co\s?quan|don\s?vi|bo\s?phan)[\s,/]+)*(?:chu\s?tri|thuc\s?hien|phu\s?trach)"
    r"(?:\s(?:thuc\s?hien|chinh))?\W*$"
)
_LEAD_FIRST = "cdbtp"  # what a match of _LEAD_COLUMN opens with
_WORK_COLUMN = re.compile(r"^(?:noi\s?dung|nhiem\s?vu|ten\s|cong\s?viec|hoat\s?dong)")
_ROW_NUMBER = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})?|[IVX]{1,5})\.?$")
_HEADER_SPAN = 6  # cells between the work column's title and the lead column's


def _table_starts(lines: list[str]) -> list[int]:
    """The lines that title a lead-body column after a work column."""
    starts = []
    for index, line in enumerate(lines):
        if len(line) > 40:
            continue
        folded = fold(line)
        if folded[:1] not in _LEAD_FIRST or not _LEAD_COLUMN.match(folded):
            continue
        before = lines[max(0, index - _HEADER_SPAN) : index]
        if any(_WORK_COLUMN.match(fold(cell)) for cell in before):
            starts.append(index)
    return starts


def _lead_cell(cell: str) -> bool:
    return len(cell.split()) <= 25 and names_body(cell) and not cell.endswith(".")


@dataclass(frozen=True)
class Row:
    """One row of a table of assignments: its lead body, its work, the cells after the lead
    (bodies that assist, the time)."""

    lead: str
    work: str
    rest: tuple[str, ...] = ()


def read_tables(lines: list[str]) -> list[tuple[int, int, list[Task]]]:
    """Each table of assignments in `lines`: its first and end line and its tasks."""
    return [(start, end, _tasks(rows)) for start, end, rows in table_rows(lines)]


def _row_end(lines: list[str], index: int) -> int:
    """The end of a row's cells after its lead: short cells up to the next row's number."""
    end = index
    while end < len(lines) and len(lines[end]) < 80 and not _ROW_NUMBER.match(lines[end]):
        if NOI_NHAN.match(fold(lines[end])) or lines[end].endswith("."):
            break
        end += 1
    return end


def table_rows(lines: list[str]) -> list[tuple[int, int, list[Row]]]:
    """Each table of assignments in `lines`: its first and end line and its rows."""
    found: list[tuple[int, int, list[Row]]] = []
    for start in _table_starts(lines):
        if found and start < found[-1][1]:
            continue
        rows: list[Row] = []
        index = end = start + 1
        while index < len(lines):
            line = lines[index]
            if NOI_NHAN.match(fold(line)) or index - end > 12:
                break
            if not _ROW_NUMBER.match(line):
                index += 1
                continue
            work: list[str] = []
            index += 1
            while index < len(lines) and not _ROW_NUMBER.match(lines[index]):
                cell = lines[index]
                if work and _lead_cell(cell):
                    end = _row_end(lines, index + 1)
                    rest = tuple(lines[index + 1 : end])
                    rows.append(Row(strip_end(cell), " ".join(work), rest))
                    break
                work.append(clean(cell))
                index += 1
        if rows:
            found.append((start, end, rows))
    return found


def _tasks(rows: list[Row]) -> list[Task]:
    by_lead: dict[str, Task] = {}
    for row in rows:
        key = fold(row.lead)
        if key in by_lead:
            by_lead[key].items.append(row.work)
        else:
            by_lead[key] = Task(
                agency=row.lead, agencies=split_agencies(row.lead), items=[row.work]
            )
    return list(by_lead.values())
