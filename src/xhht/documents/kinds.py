"""Every kind of document the campaign produces, and the function that makes it.

A maker takes the campaign, the issuing unit, the document's date (None: today) and its
number (blank for the clerk) and gives the file: its name, bytes, content type, the
layout it follows and the record an electronic exchange needs. The documents page, the
command line and the background job all go through `MAKERS`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import translation

from xhht.campaigns.models import Campaign, Deliverable
from xhht.documents import kit
from xhht.documents.annexes import annexes_workbook
from xhht.documents.consolidated import consolidated_report
from xhht.documents.content import OfficialDocument
from xhht.documents.docx import render
from xhht.documents.dossier import dossier_name, dossier_zip
from xhht.documents.drafts import draft_compiled
from xhht.documents.layout import regime_for
from xhht.documents.letters import reminder_letter
from xhht.documents.models import Kind
from xhht.documents.proposal import commendation_proposal
from xhht.documents.templates_own import template_for
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP = "application/zip"


@dataclass(frozen=True)
class Made:
    name: str
    data: bytes
    content_type: str
    regime: str = ""
    record: dict[str, Any] = field(default_factory=dict)


Maker = Callable[[Campaign, OrgUnit, date | None, str], Made]


def _due_on(campaign: Campaign, unit: OrgUnit) -> date | None:
    obligation = campaign.obligations.filter(
        unit=unit, deliverable__in=(Deliverable.CONSOLIDATED, Deliverable.REPORT)
    ).first()
    return obligation.last_day if obligation else None


def official(document: OfficialDocument, label: str, unit: OrgUnit, due_on: date | None) -> Made:
    """An official document laid out in the regime of its date, with its record."""
    regime = regime_for(document.issued_on)
    record = dataclasses.asdict(document.record(due_on=due_on))
    plain = {k: v.isoformat() if isinstance(v, date) else v for k, v in record.items()}
    return Made(
        name=f"{label} - {unit.display_name} - {document.issued_on:%d-%m-%Y}.docx",
        data=render(document, regime, template_for(unit, document.type_abbr)),
        content_type=DOCX,
        regime=regime.code,
        record=plain,
    )


def consolidated_made(
    campaign: Campaign, unit: OrgUnit, issued_on: date | None, number: str
) -> Made:
    with translation.override("vi"):
        document = consolidated_report(
            campaign,
            unit,
            issued_on=issued_on,
            number=number,
            compiled=draft_compiled(campaign, unit),
        )
        return official(document, "Báo cáo tổng hợp", unit, _due_on(campaign, unit))


def reminder_made(campaign: Campaign, unit: OrgUnit, issued_on: date | None, number: str) -> Made:
    """The reminder letter to every unit below `unit` late on the letter's day."""
    document = reminder_letter(campaign, unit, issued_on=issued_on, number=number)
    return official(document, "Công văn đôn đốc", unit, None)


def proposal_made(campaign: Campaign, unit: OrgUnit, issued_on: date | None, number: str) -> Made:
    with translation.override("vi"):
        document = commendation_proposal(campaign, unit, issued_on=issued_on, number=number)
        return official(document, "Tờ trình khen thưởng", unit, None)


def _kit_maker(build: Callable[..., OfficialDocument], label: str) -> Maker:
    """A maker of one document of the conference kit."""

    def made(campaign: Campaign, unit: OrgUnit, issued_on: date | None, number: str) -> Made:
        with translation.override("vi"):
            document = build(campaign, unit, issued_on=issued_on, number=number)
            return official(document, label, unit, None)

    return made


invitation_made = _kit_maker(kit.invitation, "Giấy mời hội nghị")
programme_made = _kit_maker(kit.conference_programme, "Chương trình hội nghị")
exhibits_made = _kit_maker(kit.exhibits, "Danh sách trưng bày")
budget_made = _kit_maker(kit.budget, "Dự toán kinh phí hội nghị")


def annexes_made(campaign: Campaign, unit: OrgUnit, issued_on: date | None, number: str) -> Made:
    on = issued_on or today()
    with translation.override("vi"):
        data = annexes_workbook(campaign, unit, on=on)
    return Made(
        name=f"Phụ lục - {unit.display_name} - {on:%d-%m-%Y}.xlsx", data=data, content_type=XLSX
    )


def dossier_made(campaign: Campaign, unit: OrgUnit, issued_on: date | None, number: str) -> Made:
    """The campaign's archive as one .zip (dossier.py), its date the day it is made."""
    made_on = issued_on or today()
    with translation.override("vi"):
        data, count = dossier_zip(campaign, made_on)
    record = {"files": count, "issued_on": made_on.isoformat(), "number": number}
    return Made(name=dossier_name(campaign, made_on), data=data, content_type=ZIP, record=record)


# What each kind is made by, and at which levels of unit it is offered.
MAKERS: dict[str, tuple[Maker, tuple[str, ...]]] = {
    Kind.CONSOLIDATED: (consolidated_made, (Level.COUNTRY, Level.PROVINCE, Level.DISTRICT)),
    Kind.DOSSIER: (dossier_made, (Level.PROVINCE,)),
    Kind.PROPOSAL: (proposal_made, (Level.PROVINCE, Level.DISTRICT)),
    Kind.INVITATION: (invitation_made, (Level.PROVINCE, Level.DISTRICT)),
    Kind.PROGRAMME: (programme_made, (Level.PROVINCE, Level.DISTRICT)),
    Kind.EXHIBITS: (exhibits_made, (Level.PROVINCE, Level.DISTRICT)),
    Kind.BUDGET: (budget_made, (Level.PROVINCE, Level.DISTRICT)),
    Kind.ANNEXES: (annexes_made, (Level.COUNTRY, Level.PROVINCE, Level.DISTRICT)),
    Kind.REMINDER: (reminder_made, (Level.COUNTRY, Level.PROVINCE, Level.DISTRICT)),
}


def kinds_for(unit: OrgUnit) -> list[tuple[str, str]]:
    """(kind, label) of the documents `unit` may make, in the order of Kind."""
    return [
        (kind.value, str(kind.label))
        for kind in Kind
        if kind.value in MAKERS and unit.level in MAKERS[kind.value][1]
    ]
