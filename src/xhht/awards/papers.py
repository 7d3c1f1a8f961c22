"""Conference papers ("tham luận"): proposed upward with their file, selected by the level
above for its conference programme, in order."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log, diff
from xhht.awards.models import Paper, PaperKind, PaperState
from xhht.awards.services import AwardsError
from xhht.campaigns import attachments
from xhht.campaigns.models import Campaign
from xhht.campaigns.services import CampaignError, check_campaign_writable, upload_check
from xhht.kernel.clock import now
from xhht.kernel.text import clean_spaces, nfc
from xhht.orgunits.models import OrgUnit

NO_LEVEL_ABOVE = gettext_noop("%(unit)s has no level above it to propose a paper to.")
NOT_IN_CAMPAIGN = gettext_noop("%(unit)s has no work in this campaign.")
AUTHOR_NEEDED = gettext_noop("Write the author: a person, a collective or a unit.")
AUTHOR_UNIT_NEEDED = gettext_noop("Write the author's unit.")
TITLE_NEEDED = gettext_noop("Write the title of the paper.")
KIND_NEEDED = gettext_noop("Choose what kind of paper it is.")
FILE_NEEDED = gettext_noop("Attach the paper (PDF, Word or OpenDocument).")
NOT_PROPOSED = gettext_noop(
    "This paper is %(state)s: only a paper not yet selected can be withdrawn."
)
SELECTION_CHANGED = gettext_noop(
    "This paper changed while you were reading it: it is now %(state)s. Look at it again."
)


@dataclass(frozen=True)
class PaperInput:
    author: str
    kind: str
    author_unit: str
    title: str

    def cleaned(self) -> PaperInput:
        return PaperInput(
            author=clean_spaces(nfc(self.author)),
            kind=self.kind,
            author_unit=clean_spaces(nfc(self.author_unit)),
            title=clean_spaces(nfc(self.title)),
        )

    def check(self) -> None:
        if not self.author:
            raise AwardsError(_(AUTHOR_NEEDED), field="author")
        if self.kind not in PaperKind.values:
            raise AwardsError(_(KIND_NEEDED), field="kind")
        if not self.author_unit:
            raise AwardsError(_(AUTHOR_UNIT_NEEDED), field="author_unit")
        if not self.title:
            raise AwardsError(_(TITLE_NEEDED), field="title")


def paper_propose(
    *,
    campaign: Campaign,
    unit: OrgUnit,
    data: PaperInput,
    upload: UploadedFile[bytes] | None,
    user: User | None,
) -> Paper:
    """Propose a paper to the level above `unit`; the file is checked by its content."""
    check_campaign_writable(campaign, refuse=AwardsError)
    data = data.cleaned()
    data.check()
    recipient = unit.parent
    if recipient is None:
        raise AwardsError(_(NO_LEVEL_ABOVE) % {"unit": unit.display_name})
    if not campaign.obligations.filter(unit=unit).exists():
        raise AwardsError(_(NOT_IN_CAMPAIGN) % {"unit": unit.display_name})
    if upload is None:
        raise AwardsError(_(FILE_NEEDED), field="file")
    try:
        content_type = upload_check(upload=upload, field="file")
    except CampaignError as error:
        raise AwardsError(error.message, field="file") from None
    if content_type in attachments.IMAGES:
        raise AwardsError(_(FILE_NEEDED), field="file")
    paper = Paper(
        campaign=campaign,
        unit=unit,
        recipient=recipient,
        author=data.author,
        kind=data.kind,
        author_unit=data.author_unit,
        title=data.title[:500],
        original_name=nfc(upload.name or "")[:255],
        content_type=content_type,
        size=upload.size or 0,
        proposed_at=now(),
        proposed_by=user,
    )
    paper.file.save("paper" + attachments.EXTENSIONS[content_type], upload, save=False)
    try:
        with transaction.atomic():
            paper.save()
            audit_log(
                action="awards.paper_proposed",
                obj=paper,
                user=user,
                unit=unit,
                changes={"title": paper.title, "author": paper.author, "kind": paper.kind},
            )
    except BaseException:
        default_storage.delete(str(paper.file.name))
        raise
    return paper


def paper_withdraw(*, paper: Paper, user: User | None) -> None:
    """The proposing unit takes back a paper not yet selected."""
    with transaction.atomic():
        locked = Paper.objects.select_for_update().get(pk=paper.pk)
        check_campaign_writable(locked.campaign_id, refuse=AwardsError)
        if locked.state == PaperState.SELECTED:
            raise AwardsError(_(NOT_PROPOSED) % {"state": locked.get_state_display().lower()})
        name = str(locked.file.name)
        audit_log(
            action="awards.paper_withdrawn",
            obj=locked,
            user=user,
            unit=locked.unit,
            changes={"title": [locked.title, None]},
        )
        locked.delete()
        transaction.on_commit(lambda: default_storage.delete(name))


def paper_decide(
    *, paper: Paper, state: str, user: User | None, shown_state: str | None = None
) -> Paper:
    """The level above selects a paper for its programme (placed last), declines it, or
    puts it back among the proposed."""
    with transaction.atomic():
        locked = Paper.objects.select_for_update().get(pk=paper.pk)
        check_campaign_writable(locked.campaign_id, refuse=AwardsError)
        if shown_state and shown_state != locked.state:
            raise AwardsError(_(SELECTION_CHANGED) % {"state": locked.get_state_display().lower()})
        before = {"state": locked.state, "position": locked.position}
        if state == PaperState.SELECTED and locked.state != PaperState.SELECTED:
            last = Paper.objects.filter(
                campaign=locked.campaign, recipient=locked.recipient, state=PaperState.SELECTED
            ).aggregate(last=Max("position"))["last"]
            locked.position = (last or 0) + 1
        elif state != PaperState.SELECTED:
            locked.position = None
        locked.state = state
        locked.decided_at = now()
        locked.decided_by = user
        locked.save(update_fields=["state", "position", "decided_at", "decided_by"])
        if before["state"] == PaperState.SELECTED and state != PaperState.SELECTED:
            _renumber(locked)
        audit_log(
            action="awards.paper_decided",
            obj=locked,
            user=user,
            unit=locked.unit,
            changes=diff(before, {"state": locked.state, "position": locked.position}),
        )
    return locked


def paper_move(*, paper: Paper, up: bool, user: User | None) -> None:
    """Move a selected paper one place earlier (`up`) or later in the programme."""
    check_campaign_writable(paper.campaign_id, refuse=AwardsError)
    with transaction.atomic():
        programme = list(
            Paper.objects.select_for_update()
            .filter(campaign=paper.campaign, recipient=paper.recipient, state=PaperState.SELECTED)
            .order_by("position", "proposed_at")
        )
        index = next((i for i, p in enumerate(programme) if p.pk == paper.pk), None)
        if index is None:
            return
        other = index - 1 if up else index + 1
        if not 0 <= other < len(programme):
            return
        programme[index], programme[other] = programme[other], programme[index]
        for position, item in enumerate(programme, start=1):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
        audit_log(
            action="awards.paper_moved",
            obj=paper,
            user=user,
            unit=paper.unit,
            changes={"position": [index + 1, other + 1]},
        )


def _renumber(paper: Paper) -> None:
    selected = Paper.objects.filter(
        campaign=paper.campaign, recipient=paper.recipient, state=PaperState.SELECTED
    ).order_by("position", "proposed_at")
    for position, item in enumerate(selected, start=1):
        if item.position != position:
            Paper.objects.filter(pk=item.pk).update(position=position)
