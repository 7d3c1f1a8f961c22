"""Generating a document: the content from the database, laid out in the regime of its
date, stored with who made it and when, and the record an electronic exchange needs."""

from __future__ import annotations

import dataclasses
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign, Deliverable
from xhht.documents.consolidated import consolidated_report
from xhht.documents.content import OfficialDocument
from xhht.documents.docx import render
from xhht.documents.layout import regime_for
from xhht.documents.models import GeneratedDocument, Kind
from xhht.kernel.clock import now
from xhht.orgunits.models import OrgUnit


def consolidated_build(
    campaign: Campaign, unit: OrgUnit, *, number: str = "", issued_on: date | None = None
) -> tuple[OfficialDocument, bytes]:
    """The consolidated report's content and its .docx, in Vietnamese whatever the page's
    language: an official document has one."""
    with translation.override("vi"):
        document = consolidated_report(campaign, unit, issued_on=issued_on, number=number)
        return document, render(document, regime_for(document.issued_on))


def _due_on(campaign: Campaign, unit: OrgUnit) -> date | None:
    obligation = campaign.obligations.filter(
        unit=unit, deliverable__in=(Deliverable.CONSOLIDATED, Deliverable.REPORT)
    ).first()
    return obligation.last_day if obligation else None


def consolidated_generate(
    *,
    campaign: Campaign,
    unit: OrgUnit,
    user: User | None,
    number: str = "",
    issued_on: date | None = None,
) -> GeneratedDocument:
    """Generate the unit's consolidated report and keep it."""
    document, data = consolidated_build(campaign, unit, number=number, issued_on=issued_on)
    record = dataclasses.asdict(document.record(due_on=_due_on(campaign, unit)))
    record = {k: v.isoformat() if isinstance(v, date) else v for k, v in record.items()}
    regime = regime_for(document.issued_on)
    generated = GeneratedDocument(
        campaign=campaign,
        unit=unit,
        kind=Kind.CONSOLIDATED,
        name=f"Báo cáo tổng hợp - {unit.display_name} - {document.issued_on:%d-%m-%Y}.docx",
        size=len(data),
        regime=regime.code,
        record=record,
        created_at=now(),
        created_by=user,
    )
    generated.file.save("report.docx", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            generated.save()
            audit_log(
                action="documents.generated",
                obj=generated,
                user=user,
                unit=unit,
                changes={"kind": generated.kind, "regime": regime.code, "number": number},
            )
    except BaseException:
        generated.file.delete(save=False)
        raise
    return generated
