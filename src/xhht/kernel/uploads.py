"""Bounded uploads: a request body stops at the size limit, and a .docx or .xlsx (a zip)
is judged by its directory, never inflated, before anything opens it."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

MB = 1024 * 1024
# Room for the form's other fields and the multipart headers beside the largest file.
FIELDS_MARGIN = MB
# No Word or Excel file has this many parts, or a large part packed this tightly
# (their XML packs 5 to 50 times; zeros pack about 1000 times).
MEMBERS_MAX = 10_000
RATIO_MAX = 200
# A part smaller than this may pack tightly (a run of empty cells) and inflates to little.
RATIO_FLOOR = MB
# Where the upload handler leaves its refusal for the middleware (a WSGI-style key).
REFUSED_KEY = "xhht.upload_refused"

FILE_TOO_LARGE = gettext_noop(
    "“%(name)s” is larger than %(limit)d MB, the largest file the server takes: "
    "it was not received and nothing was saved."
)
BODY_TOO_LARGE = gettext_noop(
    "The upload is larger than %(limit)d MB, the largest file the server takes: "
    "it was not received and nothing was saved."
)
ZIP_TOO_LARGE = gettext_noop(
    "“%(name)s” would unpack to %(size)d MB, more than the %(limit)d MB a Word or Excel "
    "file may hold: it is refused and nothing was saved."
)
ZIP_RATIO = gettext_noop(
    "“%(name)s” holds a part (“%(member)s”) packed %(ratio)d times smaller than its size, "
    "which no Word or Excel file does: it is refused and nothing was saved."
)
ZIP_MEMBERS = gettext_noop(
    "“%(name)s” holds %(count)d parts, more than the %(limit)d a Word or Excel file may "
    "have: it is refused and nothing was saved."
)


class UploadRefused(ValueError):
    """An uploaded file is refused before it is opened; the message is for the user."""


def max_upload_bytes() -> int:
    """The largest file the server receives (XHHT_MAX_UPLOAD_MB)."""
    limit: int = settings.XHHT_MAX_UPLOAD_MB
    return limit * MB


def zip_check(stream: IO[bytes], name: str) -> None:
    """Refuse (UploadRefused) a zip that would inflate past XHHT_MAX_UNZIPPED_MB, that has
    more than MEMBERS_MAX parts, or a large part packed more than RATIO_MAX times.

    Reads only the zip's central directory (the sizes it declares, which Python's zipfile
    never inflates past); a stream that is no zip passes, for its reader to refuse. The
    stream is left at its start."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return
    finally:
        stream.seek(0)
    if len(members) > MEMBERS_MAX:
        raise UploadRefused(
            _(ZIP_MEMBERS) % {"name": name, "count": len(members), "limit": MEMBERS_MAX}
        )
    limit: int = settings.XHHT_MAX_UNZIPPED_MB
    total = sum(member.file_size for member in members)
    if total > limit * MB:
        raise UploadRefused(_(ZIP_TOO_LARGE) % {"name": name, "size": total // MB, "limit": limit})
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > RATIO_MAX * max(
            member.compress_size, 1
        ):
            ratio = member.file_size // max(member.compress_size, 1)
            raise UploadRefused(
                _(ZIP_RATIO) % {"name": name, "member": member.filename, "ratio": ratio}
            )


class BoundedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: hands each chunk on to Django's own handlers until a
    file passes the limit, then stops reading the request and leaves the refusal on it."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = max_upload_bytes()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > self.limit:
            if self.request is not None:
                self.request.META[REFUSED_KEY] = _(FILE_TOO_LARGE) % {
                    "name": self.file_name,
                    "limit": self.limit // MB,
                }
            # The rest of the body is not read: the client is answered at once.
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _content_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class UploadLimitMiddleware:
    """Answers 413 to a body larger than the largest upload before reading any of it, and
    to a file the upload handler stopped, before the view runs (so nothing is written)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        limit = max_upload_bytes()
        if _content_length(request) > limit + FIELDS_MARGIN:
            return upload_refused(request, _(BODY_TOO_LARGE) % {"limit": limit // MB})
        if request.content_type == "multipart/form-data":
            request.FILES  # noqa: B018 -- parsed here, through BoundedUploadHandler
            message = request.META.get(REFUSED_KEY)
            if message:
                return upload_refused(request, str(message))
        return None


def upload_refused(request: HttpRequest, message: str) -> HttpResponse:
    """The page of a refused upload (413), with the message and a way back to the page the
    form was on (when it is one of this site's)."""
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    context = {"message": message, "back": back}
    return render(request, "kernel/upload_refused.html", context, status=413)
