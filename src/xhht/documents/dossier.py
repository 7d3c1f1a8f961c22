"""The campaign's dossier ("Lưu: VT"): one .zip with the directive, every report's signed
scan or signed PDF, the documents made so far, and a table of contents (MUC-LUC.txt)."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath, PureWindowsPath

from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from xhht.campaigns.models import Campaign
from xhht.documents.models import GeneratedDocument, Kind
from xhht.reports.models import ReportAttachment

INDEX = "MUC-LUC.txt"
SIGNED = (ReportAttachment.Kind.SIGNED_SCAN, ReportAttachment.Kind.SIGNED_PDF)
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]+')


def safe_name(name: str, fallback: str = "tep") -> str:
    """A file name fit for a zip entry and any disk: NFC, no folder, no reserved character,
    not hidden, at most 120 characters with its suffix kept."""
    base = PureWindowsPath(PurePosixPath(unicodedata.normalize("NFC", name)).name).name
    base = _UNSAFE.sub(" ", base).strip(" .")
    base = re.sub(r"\s+", " ", base)
    if not base:
        return fallback
    suffix = PurePosixPath(base).suffix[:10]
    stem = base[: len(base) - len(suffix)] if suffix else base
    return f"{stem[: 120 - len(suffix)].rstrip(' .') or fallback}{suffix}"


@dataclass(frozen=True)
class Entry:
    folder: str
    name: str
    unit: str
    kind: str
    on: date
    data: bytes | None  # None: the stored file is gone


def _read(field: FieldFile) -> bytes | None:
    try:
        with field.open("rb") as stream:
            data: bytes = stream.read()
    except (FileNotFoundError, ValueError):
        return None
    return data


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _directive(campaign: Campaign) -> Iterator[Entry]:
    directive = campaign.directive
    if directive is None:
        return
    name = safe_name(f"{directive}.txt", "chi-thi.txt")
    yield Entry(
        folder="1 Chỉ thị",
        name=name,
        unit=campaign.root.display_name,
        kind=_("directive"),
        on=_local_day(directive.uploaded_at),
        data=directive.source_text.encode("utf-8"),
    )


def _reports(campaign: Campaign) -> Iterator[Entry]:
    attachments = (
        ReportAttachment.objects.filter(report__obligation__campaign=campaign, kind__in=SIGNED)
        .select_related("report__obligation__unit")
        .order_by("report__obligation__unit__code", "uploaded_at", "pk")
    )
    for item in attachments:
        unit = item.report.obligation.unit
        yield Entry(
            folder=f"2 Báo cáo/{safe_name(f'{unit.code} {unit.display_name}')}",
            name=safe_name(item.original_name),
            unit=unit.display_name,
            kind=item.get_kind_display(),
            on=item.report.signed_on or _local_day(item.uploaded_at),
            data=_read(item.file),
        )


def _generated(campaign: Campaign) -> Iterator[Entry]:
    documents = (
        GeneratedDocument.objects.filter(campaign=campaign)
        .exclude(kind=Kind.DOSSIER)
        .select_related("unit")
        .order_by("created_at", "pk")
    )
    for item in documents:
        if not item.file:  # still being made, or failed
            continue
        yield Entry(
            folder="3 Văn bản đã làm",
            name=safe_name(item.name),
            unit=item.unit.display_name,
            kind=item.get_kind_display(),
            on=_local_day(item.created_at),
            data=_read(item.file),
        )


def _unique(path: str, taken: set[str]) -> str:
    """`path`, or "name (2).ext" and so on when a file of that name is already in the zip."""
    candidate, number = path, 1
    pure = PurePosixPath(path)
    while candidate.casefold() in taken:
        number += 1
        candidate = str(pure.with_name(f"{pure.stem} ({number}){pure.suffix}"))
    taken.add(candidate.casefold())
    return candidate


def _index(campaign: Campaign, rows: list[tuple[str, Entry]], made_on: date) -> str:
    lines = [
        _("TABLE OF CONTENTS OF THE DOSSIER"),
        campaign.title,
        _("Made on %(date)s. Kept at the clerical office (Lưu: VT).")
        % {"date": f"{made_on:%d/%m/%Y}"},
        "",
        "\t".join([_("File"), _("Unit"), _("Kind"), _("Date")]),
    ]
    for path, entry in rows:
        missing = "" if entry.data is not None else " " + _("(the stored file is missing)")
        lines.append("\t".join([path, entry.unit, entry.kind + missing, f"{entry.on:%d/%m/%Y}"]))
    return "\r\n".join(lines) + "\r\n"


def dossier_zip(campaign: Campaign, made_on: date) -> tuple[bytes, int]:
    """The dossier's bytes and how many files it lists (the index aside)."""
    rows: list[tuple[str, Entry]] = []
    taken = {INDEX.casefold()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in [*_directive(campaign), *_reports(campaign), *_generated(campaign)]:
            path = _unique(f"{entry.folder}/{entry.name}", taken)
            rows.append((path, entry))
            if entry.data is not None:
                info = zipfile.ZipInfo(path, date_time=(*_zip_day(entry.on), 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, entry.data)
        info = zipfile.ZipInfo(INDEX, date_time=(*_zip_day(made_on), 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, _index(campaign, rows, made_on).encode("utf-8-sig"))
    return buffer.getvalue(), len(rows)


def _zip_day(day: date) -> tuple[int, int, int]:
    return (max(day.year, 1980), day.month, day.day)


def dossier_name(campaign: Campaign, made_on: date) -> str:
    return safe_name(f"Hồ sơ - {campaign.title[:100]} - {made_on:%d-%m-%Y}.zip", "ho-so.zip")
