"""Uploading a directive, saving the reviewed plan, and publishing it as a campaign."""

from __future__ import annotations

import tempfile
from io import BytesIO
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.campaigns.models import Campaign
from xhht.campaigns.planning import Plan, plan_from_parsed
from xhht.campaigns.services import campaign_publish
from xhht.directives.models import Directive
from xhht.directives.parser import DirectiveReadError, parse_text, reading
from xhht.kernel.clock import now
from xhht.kernel.text import nfc
from xhht.kernel.uploads import UploadRefused, zip_check
from xhht.orgunits.models import OrgUnit

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ACCEPTED_SUFFIXES = (".txt", ".docx", ".pdf", ".doc")

# The parser speaks English (it knows no Django); these are its faults for users.
_READ_FAULTS = [
    (
        reading.NOT_TEXT,
        gettext_noop("“%(name)s” is not a text document (it holds binary content)."),
    ),
    (
        reading.BAD_DOCX,
        gettext_noop("“%(name)s” is not a valid .docx file: open it in Word and save it again."),
    ),
    (reading.BAD_PDF, gettext_noop("“%(name)s” is not a readable PDF file.")),
    (
        reading.SCANNED_PDF,
        gettext_noop(
            "“%(name)s” is a scanned PDF with no text layer: upload the .docx, or a PDF with text."
        ),
    ),
    (
        reading.NO_SOFFICE,
        gettext_noop(
            "Reading a .doc file needs LibreOffice, which is not installed on the server: "
            "save it as .docx and upload that."
        ),
    ),
    (
        reading.DOC_FAILED,
        gettext_noop("LibreOffice could not convert “%(name)s”: save it as .docx and upload that."),
    ),
    (reading.EMPTY, gettext_noop("“%(name)s” holds no text.")),
]
TOO_LARGE = gettext_noop("“%(name)s” is larger than %(limit)d MB.")
WRONG_SUFFIX = gettext_noop(
    "“%(name)s” is not a directive file: upload a .docx, .pdf, .txt or .doc file."
)
NOTHING_GIVEN = gettext_noop("Upload a file or paste the text of the directive.")


class DirectiveError(ValueError):
    """The upload cannot be taken; the message is for the user."""


def _read_fault(error: DirectiveReadError, name: str) -> str:
    message = str(error)
    for template, user_message in _READ_FAULTS:
        if message.startswith(template.split("{")[0]):
            return _(user_message) % {"name": name}
    return _("“%(name)s” cannot be read as a directive.") % {"name": name}


def directive_text_from_upload(*, name: str, data: bytes) -> str:
    """The text of an uploaded directive file, or DirectiveError saying why not."""
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise DirectiveError(_(WRONG_SUFFIX) % {"name": name})
    if len(data) > MAX_UPLOAD_BYTES:
        raise DirectiveError(_(TOO_LARGE) % {"name": name, "limit": MAX_UPLOAD_BYTES // 2**20})
    if suffix == ".docx":
        try:
            zip_check(BytesIO(data), name)
        except UploadRefused as refused:
            raise DirectiveError(str(refused)) from None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return reading.read_document(path)
        except DirectiveReadError as error:
            raise DirectiveError(_read_fault(error, name)) from None


def directive_create(
    *, root: OrgUnit, user: User | None, name: str = "", data: bytes | None = None, text: str = ""
) -> Directive:
    """Read an uploaded file (or pasted text) and keep it as a draft with its plan."""
    if data:
        source = directive_text_from_upload(name=name, data=data)
    elif text.strip():
        source = nfc(text)
        name = name or _("pasted text")
    else:
        raise DirectiveError(_(NOTHING_GIVEN))
    parsed = parse_text(source).to_dict()
    moment = now()
    return Directive.objects.create(
        root=root,
        original_name=name[:255],
        source_text=source,
        parsed=parsed,
        plan=plan_from_parsed(parsed, root=root).to_json(),
        uploaded_by=user,
        uploaded_at=moment,
        updated_at=moment,
    )


def directive_plan_save(*, directive: Directive, plan: Plan) -> None:
    """Keep the officer's edits to the draft plan; a published directive is not changed."""
    with transaction.atomic():
        locked = Directive.objects.select_for_update().get(pk=directive.pk)
        if locked.status == Directive.Status.PUBLISHED:
            raise DirectiveError(_("This directive is published; its plan can no longer change."))
        locked.plan = plan.to_json()
        locked.updated_at = now()
        locked.save(update_fields=["plan", "updated_at"])
    directive.plan = locked.plan


def directive_publish(*, directive: Directive, user: User | None) -> Campaign:
    """Publish the saved plan of the draft as a campaign with all its obligations."""
    return campaign_publish(directive=directive, plan=Plan.from_json(directive.plan), user=user)
