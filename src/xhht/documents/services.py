"""Making a document: the maker of its kind (kinds.py), the file stored with who made it
and when, and the record an electronic exchange needs; audited."""

from __future__ import annotations

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign
from xhht.documents.kinds import MAKERS, Made
from xhht.documents.models import GeneratedDocument
from xhht.kernel.clock import now
from xhht.orgunits.models import OrgUnit


def document_make(
    kind: str, campaign: Campaign, unit: OrgUnit, *, number: str = "", issued_on: date | None = None
) -> Made:
    """The file of `kind` for `unit`, not stored (the command line writes it where asked)."""
    maker, _levels = MAKERS[kind]
    return maker(campaign, unit, issued_on, number)


def document_generate(
    *,
    kind: str,
    campaign: Campaign,
    unit: OrgUnit,
    user: User | None,
    number: str = "",
    issued_on: date | None = None,
) -> GeneratedDocument:
    """Make the document of `kind` and keep it."""
    made = document_make(kind, campaign, unit, number=number, issued_on=issued_on)
    generated = GeneratedDocument(
        campaign=campaign,
        unit=unit,
        kind=kind,
        name=made.name,
        content_type=made.content_type,
        size=len(made.data),
        regime=made.regime,
        record=made.record,
        created_at=now(),
        created_by=user,
    )
    generated.file.save(made.name, ContentFile(made.data), save=False)
    try:
        with transaction.atomic():
            generated.save()
            audit_log(
                action="documents.generated",
                obj=generated,
                user=user,
                unit=unit,
                changes={"kind": kind, "regime": made.regime, "number": number},
            )
    except BaseException:
        generated.file.delete(save=False)
        raise
    return generated
