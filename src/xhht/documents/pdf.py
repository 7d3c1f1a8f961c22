"""A generated .docx as PDF, converted by LibreOffice, for reading, printing and signing.

The PDF is not signed here. Under Nghị định 30/2020/NĐ-CP an electronic document carries
the signer's image and the organisation's seal put on by the officer's token (or by the
province's document-management system): the organisation's key never sits on the server.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.documents.models import GeneratedDocument

logger = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
TIMEOUT_SECONDS = 60

PDF_MISSING = gettext_noop("LibreOffice is not installed on the server: no PDF can be made.")
PDF_FAILED = gettext_noop("LibreOffice could not convert the document to PDF.")
PDF_TIMEOUT = gettext_noop("LibreOffice took longer than %(seconds)d seconds to make the PDF.")
PDF_NOT_DOCX = gettext_noop("Only a .docx document can be converted to PDF.")


class PdfError(Exception):
    """The PDF could not be made; the message is for the user."""


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    """Whether LibreOffice is installed, so that `to_pdf` can work."""
    return _soffice() is not None


def _run(command: list[str], work: Path) -> int:
    """Run LibreOffice in its own process group, so a timeout ends every process it started."""
    env = {**os.environ, "HOME": str(work)}
    with subprocess.Popen(
        command,
        cwd=work,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    ) as process:
        try:
            output, _unused = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfError(_(PDF_TIMEOUT) % {"seconds": TIMEOUT_SECONDS}) from None
    if process.returncode != 0:
        logger.warning("soffice exited with %s: %s", process.returncode, output[-2000:])
    return process.returncode


def to_pdf(docx: bytes) -> bytes:
    """The PDF of a .docx, laid out by LibreOffice; PdfError when it cannot be made.

    Each conversion has its own temporary directory and LibreOffice profile, so several
    may run at once and as root (in CI). The PDF is unsigned (see the module's docstring).
    """
    soffice = _soffice()
    if soffice is None:
        raise PdfError(_(PDF_MISSING))
    with tempfile.TemporaryDirectory(prefix="xhht-pdf-") as directory:
        work = Path(directory)
        source = work / "document.docx"
        source.write_bytes(docx)
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            code = _run(command, work)
        except OSError as error:
            logger.warning("soffice did not start: %s", error)
            raise PdfError(_(PDF_FAILED)) from None
        result = work / "document.pdf"
        if code != 0 or not result.is_file() or result.stat().st_size == 0:
            raise PdfError(_(PDF_FAILED))
        return result.read_bytes()


def pdf_name(document: GeneratedDocument) -> str:
    """The name a user sees: the document's, with .pdf."""
    return str(PurePosixPath(document.name).with_suffix(".pdf"))


def pdf_of(document: GeneratedDocument) -> str:
    """The storage name of the generated .docx's PDF, converted once and kept beside it."""
    if document.content_type != DOCX:
        raise PdfError(_(PDF_NOT_DOCX))
    if not document.file.name:  # still being made
        raise FileNotFoundError(document.pk)
    storage = document.file.storage
    name = str(PurePosixPath(document.file.name).with_suffix(".pdf"))
    if storage.exists(name):
        return name
    with document.file.open("rb") as stream:
        data = to_pdf(stream.read())
    return storage.save(name, ContentFile(data))
