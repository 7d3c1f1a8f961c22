"""A unit's report text with its shape: paragraphs, "-" lists, bold and italic, and simple
tables, from the page or a Word file to the page and into the consolidated document.

The text is kept as a small line markup that an officer can type in a plain text box
(no JavaScript needed), read by the same rules everywhere:

- each line is a paragraph; a blank line is nothing;
- a line starting with "- ", "+ ", "• " or "* " is an item of a list;
- consecutive lines starting with "|" are a table, cells between "|"; a line of dashes
  ("|---|---|") after the first rows makes them the header;
- ``**bold**``, ``*italic*`` (or ``_italic_``), a backslash keeps a sign as it is.

The inline part is read by markdown-it (CommonMark's rules for emphasis and escapes);
nothing else of Markdown applies, so no HTML, link or image ever passes: the text is safe
by construction, and `to_html` escapes everything it writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape as html_escape
from typing import Literal

from markdown_it import MarkdownIt

from xhht.kernel.text import nfc

_INLINE = MarkdownIt("zero").enable(["escape", "emphasis"])
BULLET = re.compile(r"^\s*[-+•*–]\s+")  # what opens an item, typed
_RULE_CELL = re.compile(r"^\s*:?-{2,}:?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_ESCAPED = re.compile(r"([\\*_`])")

ParagraphKind = Literal["paragraph", "bullet"]


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    kind: ParagraphKind
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Grid:
    """A table as the unit wrote it: rows of cells, each cell's runs; `header` rows first."""

    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    header: int = 0

    def texts(self) -> list[list[str]]:
        return [["".join(run.text for run in cell) for cell in row] for row in self.rows]


Piece = Paragraph | Grid


# -- reading -------------------------------------------------------------------------------


def runs_of(line: str) -> tuple[Run, ...]:
    """The runs of one line: its text with bold and italic, the markup taken away."""
    tokens = _INLINE.parseInline(line)
    found: list[Run] = []
    bold = italic = 0
    for token in (tokens[0].children or []) if tokens else []:
        if token.type == "strong_open":
            bold += 1
        elif token.type == "strong_close":
            bold -= 1
        elif token.type == "em_open":
            italic += 1
        elif token.type == "em_close":
            italic -= 1
        elif token.content:
            _append(found, Run(token.content, bold > 0, italic > 0))
    return tuple(found)


def _append(runs: list[Run], run: Run) -> None:
    """Add `run`, joined to the last one when it looks the same."""
    if runs and (runs[-1].bold, runs[-1].italic) == (run.bold, run.italic):
        runs[-1] = Run(runs[-1].text + run.text, run.bold, run.italic)
    elif run.text:
        runs.append(run)


def _cells(line: str) -> list[str]:
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SPLIT.split(body)]


def _grid(lines: list[str]) -> Grid:
    rows: list[list[str]] = []
    header = 0
    for line in lines:
        cells = _cells(line)
        if rows and not header and all(_RULE_CELL.match(cell) for cell in cells):
            header = len(rows)
            continue
        rows.append(cells)
    width = max(len(row) for row in rows) if rows else 0
    return Grid(
        tuple(tuple(runs_of(cell) for cell in row + [""] * (width - len(row))) for row in rows),
        header,
    )


def parse(markup: str | None) -> list[Piece]:
    """The pieces of a text, in order."""
    pieces: list[Piece] = []
    table: list[str] = []
    for line in nfc(markup or "").splitlines():
        if line.lstrip().startswith("|"):
            table.append(line)
            continue
        if table:
            pieces.append(_grid(table))
            table = []
        if not line.strip():
            continue
        marker = BULLET.match(line)
        if marker:
            pieces.append(Paragraph("bullet", runs_of(line[marker.end() :].strip())))
        else:
            pieces.append(Paragraph("paragraph", runs_of(line.strip())))
    if table:
        pieces.append(_grid(table))
    return [p for p in pieces if not isinstance(p, Paragraph) or p.runs]


# -- writing -------------------------------------------------------------------------------


def _escaped(text: str, *, in_cell: bool = False) -> str:
    text = _ESCAPED.sub(r"\\\1", text)
    return text.replace("|", "\\|") if in_cell else text


def markup_of_runs(runs: Iterable[Run], *, in_cell: bool = False) -> str:
    """Runs as markup; the spaces at a run's edges stay outside its signs, where
    CommonMark needs them."""
    merged: list[Run] = []
    for run in runs:
        _append(merged, Run(run.text.replace("\n", " "), run.bold, run.italic))
    out = []
    for run in merged:
        text = _escaped(run.text, in_cell=in_cell)
        core = text.strip()
        sign = ("**" if run.bold else "") + ("*" if run.italic else "")
        if not core or not sign:
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(f"{lead}{sign}{core}{sign[::-1]}{trail}")
    return "".join(out)


def markup_of(pieces: Sequence[Piece]) -> str:
    """Pieces as markup that `parse` reads back as the same pieces."""
    lines: list[str] = []
    for piece in pieces:
        if isinstance(piece, Grid):
            for n, row in enumerate(piece.rows):
                if piece.header and n == piece.header:
                    lines.append("|" + "|".join(["---"] * len(row)) + "|")
                cells = (markup_of_runs(cell, in_cell=True).strip() for cell in row)
                lines.append("| " + " | ".join(cells) + " |")
            if piece.header and piece.header == len(piece.rows):
                lines.append("|" + "|".join(["---"] * len(piece.rows[-1])) + "|")
            continue
        text = markup_of_runs(piece.runs).strip()
        if piece.kind == "bullet":
            lines.append(f"- {text}")
        elif text[:1] in ("-", "+", "|"):  # a sign that would open an item or a table
            lines.append("\\" + text)  # ("*" is escaped already; "•" and "–" cannot be)
        else:
            lines.append(text)
    return "\n".join(lines)


def canonical(markup: str | None) -> str:
    """The text written the one way `markup_of` writes it: two texts that read the same
    have the same canonical form."""
    return markup_of(parse(markup))


def plain(markup: str | None) -> str:
    """The words alone, a line per paragraph or row, cells between " | " (for search and
    counting, never for a document)."""
    lines: list[str] = []
    for piece in parse(markup):
        if isinstance(piece, Grid):
            lines.extend(" | ".join(row) for row in piece.texts())
        else:
            lines.append(("- " if piece.kind == "bullet" else "") + piece.text)
    return "\n".join(lines)


def _runs_html(runs: Iterable[Run]) -> str:
    out = []
    for run in runs:
        text = html_escape(run.text, quote=False)
        if run.italic:
            text = f"<em>{text}</em>"
        if run.bold:
            text = f"<strong>{text}</strong>"
        out.append(text)
    return "".join(out)


def to_html(markup: str | None) -> str:
    """The text as HTML: <p>, <ul><li>, <table>, <strong>, <em>; everything else escaped."""
    out: list[str] = []
    in_list = False
    for piece in parse(markup):
        if in_list and not (isinstance(piece, Paragraph) and piece.kind == "bullet"):
            out.append("</ul>")
            in_list = False
        if isinstance(piece, Grid):
            out.append(_grid_html(piece))
        elif piece.kind == "bullet":
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_runs_html(piece.runs)}</li>")
        else:
            out.append(f"<p>{_runs_html(piece.runs)}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def _grid_html(grid: Grid) -> str:
    rows = []
    for n, row in enumerate(grid.rows):
        tag = "th" if n < grid.header else "td"
        cells = "".join(f"<{tag}>{_runs_html(cell)}</{tag}>" for cell in row)
        rows.append(f"<tr>{cells}</tr>")
    head, body = rows[: grid.header], rows[grid.header :]
    parts = ['<div class="table-scroll"><table class="text-table">']
    if head:
        parts.append("<thead>" + "".join(head) + "</thead>")
    parts.append("<tbody>" + "".join(body) + "</tbody></table></div>")
    return "".join(parts)
