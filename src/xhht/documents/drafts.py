"""The standing unit's draft of its consolidated report: the units' passages compiled
section by section, edited on the page before the report is made.

A saved draft is what the report is made from until the unit discards it. Nothing typed
is lost: a section the reports no longer give (a report returned since) keeps its text in
the draft, a section they newly give is added from the reports, and a save made on an
older revision of the draft is refused with the typed text kept on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign
from xhht.documents.consolidated import Compiled, below_of, compiled_of
from xhht.documents.models import ConsolidatedDraft
from xhht.kernel.clock import now
from xhht.kernel.text import nfc
from xhht.orgunits.models import OrgUnit
from xhht.reports.models import Report
from xhht.rollup.services import COUNTED

STALE = gettext_noop(
    "%(who)s saved this draft at %(when)s, after you opened it. Your text is below and not "
    "saved yet: compare it with the draft as it is now, then save again."
)


class DraftError(ValueError):
    """The draft cannot be saved as asked; the message is for the user."""


@dataclass
class DraftRow:
    """A section of the draft as the page shows it. `state`: "compiled" (no draft yet),
    "kept" (the draft's text), "new" (the reports give it, the draft has it not yet),
    "gone" (in the draft, no longer in the reports)."""

    section: Compiled
    state: str


def draft_of(campaign: Campaign, unit: OrgUnit) -> ConsolidatedDraft | None:
    return (
        ConsolidatedDraft.objects.filter(campaign=campaign, unit=unit)
        .select_related("updated_by")
        .first()
    )


def _saved(draft: ConsolidatedDraft) -> list[Compiled]:
    return [
        Compiled(s["key"], s.get("number", ""), s.get("title", ""), s.get("text", ""))
        for s in draft.sections
    ]


def draft_rows(campaign: Campaign, unit: OrgUnit) -> list[DraftRow]:
    """The draft's sections in the reports' order, then those the reports no longer give."""
    compiled = compiled_of(campaign, unit)
    draft = draft_of(campaign, unit)
    if draft is None:
        return [DraftRow(section, "compiled") for section in compiled]
    saved = {s.key: s for s in _saved(draft)}
    rows = []
    for section in compiled:
        kept = saved.pop(section.key, None)
        rows.append(DraftRow(kept, "kept") if kept is not None else DraftRow(section, "new"))
    rows.extend(DraftRow(section, "gone") for section in saved.values())
    return rows


def draft_compiled(campaign: Campaign, unit: OrgUnit) -> list[Compiled] | None:
    """What the consolidated report is made from: the saved draft (new sections of the
    reports added), or None when there is none."""
    if draft_of(campaign, unit) is None:
        return None
    return [row.section for row in draft_rows(campaign, unit)]


def reports_changed_since(draft: ConsolidatedDraft) -> int:
    """How many of the reports the draft compiles were saved after it was compiled."""
    return Report.objects.filter(
        obligation__campaign=draft.campaign,
        obligation__unit__parent=draft.unit,
        obligation__unit__level__in=below_of(draft.unit),
        status__in=COUNTED,
        updated_at__gt=draft.compiled_at,
    ).count()


def draft_save(
    *,
    campaign: Campaign,
    unit: OrgUnit,
    texts: dict[str, str],
    revision: int,
    user: User,
) -> ConsolidatedDraft:
    """Save the texts typed for the draft's sections (by key). `revision` is the draft's
    revision the page was opened on (0 without a draft)."""
    with transaction.atomic():
        # Locking the draft's row alone: PostgreSQL locks nothing on the nullable side of
        # a join, so who saved it is read after.
        draft = (
            ConsolidatedDraft.objects.select_for_update()
            .filter(campaign=campaign, unit=unit)
            .first()
        )
        if draft is not None and draft.revision != revision:
            who = draft.updated_by.get_username() if draft.updated_by else "—"
            raise DraftError(_(STALE) % {"who": who, "when": f"{draft.updated_at:%H:%M %d/%m/%Y}"})
        rows = draft_rows(campaign, unit)
        sections = [
            {
                "key": row.section.key,
                "number": row.section.number,
                "title": row.section.title,
                "text": nfc(texts.get(row.section.key, row.section.text)).replace("\r\n", "\n"),
            }
            for row in rows
        ]
        at = now()
        if draft is None:
            draft = ConsolidatedDraft(campaign=campaign, unit=unit, compiled_at=at)
        before = {s["key"]: s["text"] for s in draft.sections}
        draft.sections, draft.revision = sections, draft.revision + 1
        draft.updated_at, draft.updated_by = at, user
        draft.save()
        changed = {
            s["key"]: [before.get(s["key"]), s["text"]]
            for s in sections
            if before.get(s["key"]) != s["text"]
        }
        audit_log(action="documents.draft_saved", obj=draft, user=user, changes=changed, unit=unit)
    return draft


def draft_discard(*, campaign: Campaign, unit: OrgUnit, user: User) -> bool:
    """Drop the draft: the report is made from the reports as they are again. False when
    there was none."""
    with transaction.atomic():
        draft = ConsolidatedDraft.objects.filter(campaign=campaign, unit=unit).first()
        if draft is None:
            return False
        audit_log(
            action="documents.draft_discarded",
            obj=draft,
            user=user,
            changes={s["key"]: [s["text"], None] for s in draft.sections},
            unit=unit,
        )
        draft.delete()
    return True
