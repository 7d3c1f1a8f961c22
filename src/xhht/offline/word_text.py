"""A report text in a Word file and back (`kernel.richtext`): paragraphs with their bold
and italic, list paragraphs as items, tables as tables.

Only that subset is read; anything else of the file (pictures, fields, colours, merged
cells' spans, nested tables) comes through as its words, so what reaches the site is
always a text the page can show safely.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.oxml.ns import qn
from docx.table import Table
from docx.text.hyperlink import Hyperlink
from docx.text.paragraph import Paragraph
from docx.text.run import Run as WordRun

from xhht.kernel.richtext import BULLET, Grid, Piece, Run
from xhht.kernel.richtext import Paragraph as TextParagraph
from xhht.kernel.text import nfc

_LIST_STYLES = ("list bullet", "list number", "list paragraph", "danh sách")


def _style_flag(style: Any, name: str) -> bool | None:
    """Bold or italic as a style (or the style it is based on) sets it."""
    while style is not None:
        value = getattr(style.font, name)
        if value is not None:
            return bool(value)
        style = style.base_style
    return None


def _run_flag(run: WordRun, paragraph: Paragraph, name: str) -> bool:
    for value in (
        getattr(run, name),
        _style_flag(run.style, name) if run.style is not None else None,
        _style_flag(paragraph.style, name),
    ):
        if value is not None:
            return bool(value)
    return False


def _runs(paragraph: Paragraph) -> list[Run]:
    found: list[Run] = []
    for item in paragraph.iter_inner_content():
        for run in item.runs if isinstance(item, Hyperlink) else [item]:
            text = nfc(run.text).replace("\t", " ").replace("\n", " ")
            if text:
                bold, italic = (
                    _run_flag(run, paragraph, "bold"),
                    _run_flag(run, paragraph, "italic"),
                )
                if found and (found[-1].bold, found[-1].italic) == (bold, italic):
                    found[-1] = Run(found[-1].text + text, bold, italic)
                else:
                    found.append(Run(text, bold, italic))
    return _trimmed(found)


def _trimmed(runs: list[Run]) -> list[Run]:
    """Without the spaces at the paragraph's edges."""
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)
    return runs


def is_list_item(paragraph: Paragraph) -> bool:
    """A paragraph Word shows as an item: its own numbering, or a list style."""
    if paragraph._p.find(qn("w:pPr") + "/" + qn("w:numPr")) is not None:
        return True
    style = paragraph.style
    while style is not None:
        if (style.name or "").casefold().startswith(_LIST_STYLES):
            return True
        if style.element.find(qn("w:pPr") + "/" + qn("w:numPr")) is not None:
            return True
        style = style.base_style
    return False


def paragraph_piece(paragraph: Paragraph) -> TextParagraph:
    """The paragraph as a piece: an item if Word lists it or its text starts with a dash
    typed by hand (the dash is then the list's own)."""
    runs = _runs(paragraph)
    marker = BULLET.match(runs[0].text) if runs else None
    if marker:
        runs[0] = Run(runs[0].text[marker.end() :], runs[0].bold, runs[0].italic)
        return TextParagraph("bullet", tuple(_trimmed([run for run in runs if run.text])))
    return TextParagraph("bullet" if is_list_item(paragraph) else "paragraph", tuple(runs))


def _cell_runs(cell: Any) -> tuple[Run, ...]:
    """A cell's paragraphs (nested tables' too) as one line."""
    found: list[Run] = []
    for element in cell._tc.iter(qn("w:p")):
        runs = _runs(Paragraph(element, cell))
        if runs and found:
            found.append(Run(" "))
        found.extend(runs)
    merged: list[Run] = []
    for run in found:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return tuple(merged)


def table_piece(table: Table) -> Grid:
    """A table's rows; a merged cell counted once. The first row is the header when Word
    repeats it on each page, or when it is all bold (then its bold is the header's own)."""
    rows: list[tuple[tuple[Run, ...], ...]] = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_runs(cell))
        rows.append(tuple(cells))
    if not rows:
        return Grid(())
    width = max(len(row) for row in rows)
    rows = [row + ((),) * (width - len(row)) for row in rows]
    repeated = 0
    for row in table.rows:
        if row._tr.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is None:
            break
        repeated += 1
    all_bold = all(run.bold for cell in rows[0] for run in cell if run.text.strip())
    if not repeated and all_bold and len(rows) > 1 and any(rows[0]):
        rows[0] = tuple(tuple(Run(r.text, False, r.italic) for r in cell) for cell in rows[0])
        return Grid(tuple(rows), 1)
    return Grid(tuple(rows), repeated)


def pieces_write(doc: Any, pieces: Sequence[Piece]) -> None:
    """Write a text into the form: paragraphs in Normal, items in "List Bullet", tables in
    "Table Grid" with their header rows repeated on each page."""
    for piece in pieces:
        if isinstance(piece, Grid):
            _grid_write(doc, piece)
            continue
        paragraph = doc.add_paragraph(style="List Bullet" if piece.kind == "bullet" else None)
        for run in piece.runs:
            added = paragraph.add_run(run.text)
            added.bold = run.bold or None
            added.italic = run.italic or None


def _grid_write(doc: Any, grid: Grid) -> None:
    if not grid.rows:
        return
    table = doc.add_table(rows=len(grid.rows), cols=len(grid.rows[0]))
    table.style = doc.styles["Table Grid"]
    for n, (row, cells) in enumerate(zip(table.rows, grid.rows, strict=True)):
        if n < grid.header:
            row._tr.get_or_add_trPr().append(row._tr.makeelement(qn("w:tblHeader"), {}))
        for cell, runs in zip(row.cells, cells, strict=True):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = 0
            for run in runs:
                added = paragraph.add_run(run.text)
                added.bold = run.bold or None
                added.italic = run.italic or None
