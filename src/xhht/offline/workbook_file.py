"""Opening an uploaded workbook: is it an .xlsx at all, is it one of ours (its meta sheet),
which sheet holds the figures, which own-target years its columns were made with."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.kernel.uploads import UploadRefused, zip_check
from xhht.offline.workbook import (
    COMMUNES_LAYOUT,
    FORMAT,
    FORMAT_VERSIONS,
    LEGACY_TARGET_YEARS,
    META_SHEET,
    SEEN_KEY,
    UNIT_LAYOUT,
)
from xhht.offline.workbook_cells import (
    cell_text,
)

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024  # no more than XHHT_MAX_UPLOAD_MB's default

NOT_XLSX = gettext_noop(
    "“%(name)s” is not an Excel workbook (.xlsx). Save it as .xlsx and upload it again."
)
OLD_XLS = gettext_noop(
    "“%(name)s” is an old Excel file (.xls). Open it in Excel, save it as an Excel workbook "
    "(.xlsx) and upload it again."
)
NOT_OURS = gettext_noop(
    "This workbook was not made by XHHT (its “meta” sheet is missing or damaged): "
    "download the form from XHHT and copy your figures into it."
)
TOO_LARGE = gettext_noop("“%(name)s” is larger than %(limit)d MB.")
UNKNOWN_FORMAT = gettext_noop(
    "This workbook is in a format this version of XHHT does not know (format %(version)s): "
    "download the form again from XHHT and copy your figures into it."
)
NO_DATA_SHEET = gettext_noop(
    "The sheet “%(sheet)s”, which holds the figures, is missing from the workbook (renamed "
    "or deleted?): give it back its name, or download the form again."
)


class WorkbookError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class WorkbookMeta:
    """The meta sheet: {key: value of column B} and {key: its row}, the tokens joined."""

    values: dict[str, Any]
    rows: dict[str, int]

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def ref(self, key: str) -> str:
        return f"B{self.rows.get(key, 1)}"


def sniff_xlsx(stream: IO[bytes], name: str) -> None:
    """Refuse anything that is not an .xlsx by its content (magic bytes, then the zip's parts),
    and a zip that would inflate too far, by its directory (kernel.uploads.zip_check)."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise WorkbookError(_(OLD_XLS) % {"name": name})
    if not head.startswith(b"PK\x03\x04"):
        raise WorkbookError(_(NOT_XLSX) % {"name": name})
    try:
        zip_check(stream, name)
    except UploadRefused as refused:
        raise WorkbookError(str(refused)) from None
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        raise WorkbookError(_(NOT_XLSX) % {"name": name}) from None
    finally:
        stream.seek(0)
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise WorkbookError(_(NOT_XLSX) % {"name": name})


# -- the meta sheet ----------------------------------------------------------------------


def meta_of(book: Any) -> WorkbookMeta:
    if META_SHEET not in book.sheetnames:
        raise WorkbookError(_(NOT_OURS))
    meta = WorkbookMeta(values={}, rows={})
    for r, row in enumerate(book[META_SHEET].iter_rows(min_row=1, values_only=True), start=1):
        if not row or row[0] is None:
            continue
        key = str(row[0])
        rest = row[1:]
        if key.startswith(SEEN_KEY):  # a token may span several cells
            meta.values[key] = "".join(str(part) for part in rest if part is not None)
        else:
            meta.values[key] = rest[0] if rest else None
        meta.rows[key] = r
    if meta.get("format") != FORMAT or meta.get("layout") not in (UNIT_LAYOUT, COMMUNES_LAYOUT):
        raise WorkbookError(_(NOT_OURS))
    version = meta.get("format_version")
    if int_or_none(version) not in FORMAT_VERSIONS:
        raise WorkbookError(_(UNKNOWN_FORMAT) % {"version": version})
    return meta


def data_sheet(book: Any, meta: WorkbookMeta) -> str:
    """The sheet holding the figures, by the name the meta sheet gives it; a file made
    before it was named there (or whose sheet was renamed) has it as its only other sheet."""
    named = cell_text(meta.get("sheet"))
    if named and named in book.sheetnames:
        return named
    others = [n for n in book.sheetnames if n != META_SHEET]
    if len(others) == 1:
        return str(others[0])
    raise WorkbookError(_(NO_DATA_SHEET) % {"sheet": named or (others[0] if others else "")})


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def target_years_of(meta: WorkbookMeta) -> tuple[int, ...]:
    """The years of the own-target columns the file was made with."""
    raw = meta.get("target_years")
    if raw is None:
        return LEGACY_TARGET_YEARS
    try:
        return tuple(int(part) for part in str(raw).split(",") if part.strip())
    except ValueError:
        raise WorkbookError(_(NOT_OURS)) from None
