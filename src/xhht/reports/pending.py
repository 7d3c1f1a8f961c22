"""The signed file chosen on a send form that was refused: kept on the server against the
report, so that the user need not choose it again; named to the page by a signed token."""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core import signing
from django.core.files.base import File
from django.core.files.storage import default_storage

from xhht.campaigns.attachments import EXTENSIONS, sniff
from xhht.reports.models import Report
from xhht.reports.services import SIGNED_KINDS, SignedFile

_SALT = "xhht.reports.pending-signed-file"
_MAX_AGE = 7 * 24 * 3600  # a week: long enough to come back to an interrupted sending


@dataclass(frozen=True)
class PendingFile:
    name: str
    token: str  # what the page posts back to use it
    path: str
    size: int


def pending_keep(*, report: Report, name: str, stream: IO[bytes], size: int) -> PendingFile | None:
    """Keep a chosen file that sending could take (a PDF or scan within the size limit);
    None for one it could not: the user chooses another anyway."""
    if size > settings.XHHT_ATTACHMENT_MAX_MB * 1024 * 1024:
        return None
    kind = sniff(stream)
    if kind not in SIGNED_KINDS:
        return None
    stream.seek(0)
    pending_purge()
    path = default_storage.save(
        f"pending/report-{report.pk}/{secrets.token_hex(8)}{EXTENSIONS[kind]}", File(stream)
    )
    token = signing.dumps({"r": report.pk, "p": path, "n": name, "s": size}, salt=_SALT)
    return PendingFile(name=name, token=token, path=path, size=size)


def pending_purge() -> int:
    """Remove the kept files older than a token lives (a sending given up); how many.

    Their age is the file's own, in real time, as the tokens' is."""
    removed = 0
    if not default_storage.exists("pending"):
        return removed
    oldest = time.time() - _MAX_AGE
    for folder in default_storage.listdir("pending")[0]:
        for name in default_storage.listdir(f"pending/{folder}")[1]:
            path = f"pending/{folder}/{name}"
            if default_storage.get_modified_time(path).timestamp() < oldest:
                default_storage.delete(path)
                removed += 1
    return removed


def pending_of(*, report: Report, token: str) -> PendingFile | None:
    """The file a token names, if it is this report's and still there."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=_SALT, max_age=_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("r") != report.pk or not default_storage.exists(data["p"]):
        return None
    return PendingFile(name=data["n"], token=token, path=data["p"], size=data["s"])


def pending_drop(pending: PendingFile | None) -> None:
    """Remove a kept file once the report is sent with it (or with another)."""
    if pending is not None:
        default_storage.delete(pending.path)


@contextmanager
def pending_signed(pending: PendingFile | None) -> Iterator[SignedFile | None]:
    """The kept file, opened to be sent (None: there is none)."""
    if pending is None:
        yield None
        return
    with default_storage.open(pending.path, "rb") as stream:
        yield SignedFile(name=pending.name, stream=stream, size=pending.size)
