"""Making a document: asked for on the page and made by the worker (or at once, from the
command line and other services), by the maker of its kind (kinds.py); the file kept with
who made it and when and the record an electronic exchange needs; audited."""

from __future__ import annotations

import logging
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign
from xhht.documents.kinds import MAKERS, Made
from xhht.documents.models import GeneratedDocument, Kind, Status
from xhht.kernel.clock import now
from xhht.orgunits.models import OrgUnit

logger = logging.getLogger(__name__)


def document_make(
    kind: str, campaign: Campaign, unit: OrgUnit, *, number: str = "", issued_on: date | None = None
) -> Made:
    """The file of `kind` for `unit`, not stored (the command line writes it where asked)."""
    maker, _levels = MAKERS[kind]
    return maker(campaign, unit, issued_on, number)


def document_request(
    *,
    kind: str,
    campaign: Campaign,
    unit: OrgUnit,
    user: User | None,
    number: str = "",
    issued_on: date | None = None,
    background: bool = True,
) -> GeneratedDocument:
    """Ask for a document of `kind`: kept as waiting, and made by the worker once this is
    committed (or at once without `background`)."""
    asked = GeneratedDocument.objects.create(
        campaign=campaign,
        unit=unit,
        kind=kind,
        name=str(Kind(kind).label),
        content_type="",
        size=0,
        status=Status.QUEUED,
        progress=0,
        options={"number": number, "issued_on": issued_on.isoformat() if issued_on else None},
        created_at=now(),
        created_by=user,
    )
    audit_log(
        action="documents.asked",
        obj=asked,
        user=user,
        unit=unit,
        changes={"kind": kind, "number": number},
    )
    if background:
        from xhht.documents.tasks import document_job

        transaction.on_commit(lambda: document_job.enqueue(asked.pk))
    else:
        document_run(asked.pk)
        asked.refresh_from_db()
    return asked


def _claim(pk: int) -> GeneratedDocument | None:
    """Take the waiting document for this run; None when another run has it or it is made."""
    claimed = GeneratedDocument.objects.filter(pk=pk, status=Status.QUEUED).update(
        status=Status.RUNNING, progress=10
    )
    return GeneratedDocument.objects.get(pk=pk) if claimed else None


def document_run(pk: int) -> str:
    """Make the document asked for as `pk`; its state says how it went."""
    asked = _claim(pk)
    if asked is None:
        return "skipped"
    options = asked.options or {}
    issued = options.get("issued_on")
    try:
        made = document_make(
            asked.kind,
            asked.campaign,
            asked.unit,
            number=options.get("number") or "",
            issued_on=date.fromisoformat(issued) if issued else None,
        )
    except Exception as error:
        logger.exception("Document %s could not be made", pk)
        GeneratedDocument.objects.filter(pk=pk).update(
            status=Status.FAILED, progress=0, error=type(error).__name__
        )
        return "failed"
    GeneratedDocument.objects.filter(pk=pk).update(progress=80)
    _store(asked, made)
    return "done"


def _store(asked: GeneratedDocument, made: Made) -> None:
    """Put the made file into the document asked for, now done; audited."""
    asked.name = made.name
    asked.content_type = made.content_type
    asked.size = len(made.data)
    asked.regime = made.regime
    asked.record = made.record
    asked.status = Status.DONE
    asked.progress = 100
    asked.file.save(made.name, ContentFile(made.data), save=False)
    try:
        with transaction.atomic():
            asked.save()
            audit_log(
                action="documents.generated",
                obj=asked,
                user=asked.created_by,
                unit=asked.unit,
                changes={"kind": asked.kind, "regime": made.regime, "size": len(made.data)},
            )
    except BaseException:
        asked.file.delete(save=False)
        raise


def document_keep(
    *, kind: str, campaign: Campaign, unit: OrgUnit, made: Made, user: User | None
) -> GeneratedDocument:
    """Keep a file made elsewhere (a letter to units chosen on the dashboard) as the unit's
    document of `kind`, as every made document is kept."""
    kept = GeneratedDocument(
        campaign=campaign, unit=unit, kind=kind, created_at=now(), created_by=user
    )
    _store(kept, made)
    return kept


def document_generate(
    *,
    kind: str,
    campaign: Campaign,
    unit: OrgUnit,
    user: User | None,
    number: str = "",
    issued_on: date | None = None,
) -> GeneratedDocument:
    """Make the document of `kind` now and keep it."""
    return document_request(
        kind=kind,
        campaign=campaign,
        unit=unit,
        user=user,
        number=number,
        issued_on=issued_on,
        background=False,
    )
