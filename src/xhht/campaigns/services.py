"""Publishing a campaign, refining its rules down the tree, and recording work done."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns import attachments
from xhht.campaigns.models import (
    Campaign,
    Conference,
    ConferenceAttachment,
    ConferencePlan,
    Deliverable,
    Milestone,
    Obligation,
    RuleKind,
    rule_text,
)
from xhht.campaigns.planning import Plan, RulePlan
from xhht.campaigns.reminders import reminders_reset
from xhht.campaigns.signals import campaign_published
from xhht.directives.models import Directive
from xhht.kernel.clock import now, today
from xhht.kernel.kept import OBLIGATIONS, generation_raise
from xhht.kernel.text import nfc
from xhht.kernel.uploads import UploadRefused, zip_check
from xhht.orgunits.models import Level, OrgUnit


class CampaignError(ValueError):
    """A request the campaign cannot take; the message is for the user.

    `field` names the form field the message belongs to, when there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


WITHDRAWN = gettext_noop(
    "The campaign was withdrawn on %(date)s (reason: %(reason)s): it takes no more changes."
)


def check_campaign_writable(
    campaign: Campaign | int, *, refuse: Callable[[str], Exception] = CampaignError
) -> None:
    """Refuse any change to the records of a withdrawn campaign (given or by its id): its
    reports, conferences, nominations, deadlines… Raises `refuse` (the caller's error
    class) with a message saying when and why. Read from the database: `campaign` may be
    stale."""
    pk = campaign if isinstance(campaign, int) else campaign.pk
    found = (
        Campaign.objects.filter(pk=pk, withdrawn_at__isnull=False)
        .only("withdrawn_at", "withdrawn_reason")
        .first()
    )
    if found is not None and found.withdrawn_at is not None:
        raise refuse(withdrawn_message(found.withdrawn_at, found.withdrawn_reason))


def withdrawn_message(withdrawn_at: datetime, reason: str) -> str:
    """Why a change to a withdrawn campaign's records is refused."""
    why = reason.strip().rstrip(".;:") or "—"
    return _(WITHDRAWN) % {"date": f"{timezone.localtime(withdrawn_at):%d/%m/%Y}", "reason": why}


ALREADY_PUBLISHED = gettext_noop("This directive has already been published as a campaign.")
NO_RULES = gettext_noop("The plan has no deadline: add at least one before publishing.")
UNMATCHED_BODY = gettext_noop(
    "“%(name)s” matches no unit: pick the unit it stands for, or remove it."
)
LATER_THAN_PARENT = gettext_noop(
    "The deadline “%(rule)s” is later than the rule above it (%(parent_rule)s): "
    "the last day allowed is %(parent)s."
)
UNKNOWN_RULE_KIND = gettext_noop("Unknown kind of deadline.")
ALREADY_PASSED = gettext_noop(
    "The deadline “%(rule)s” has already passed (today is %(today)s): "
    "a new rule must leave time to do the work."
)
FUTURE_CONFERENCE = gettext_noop(
    "The conference date %(date)s is in the future: record it once it is held."
)
NOT_A_CONFERENCE = gettext_noop("This obligation is not a conference.")
ALREADY_RECORDED = gettext_noop("This conference is already recorded.")
ALREADY_HELD = gettext_noop(
    "This conference has already been held: record it rather than announce it."
)
PLANNED_BEFORE_PUBLICATION = gettext_noop(
    "The planned date %(date)s is before the campaign was published (%(published)s)."
)
TOO_LARGE = gettext_noop("“%(name)s” is larger than %(limit)s MB.")
NOT_A_DOCUMENT = gettext_noop("“%(name)s” is not a PDF, Word, OpenDocument, JPEG or PNG file.")
NOT_A_PHOTO = gettext_noop("“%(name)s” is not a JPEG or PNG photo.")
EMPTY_FILE = gettext_noop("“%(name)s” is empty.")


@dataclass(frozen=True)
class Owers:
    """The units that owe each level's deliverables, frozen at publication."""

    communes: list[OrgUnit]
    districts: list[OrgUnit]
    agencies: list[OrgUnit]
    province: OrgUnit  # the campaign's root: a province, or the country
    provinces: list[OrgUnit]  # under a country root: the provinces, which report to it


def _owers(plan: Plan, root: OrgUnit) -> Owers:
    on = date.fromisoformat(plan.tree_date)
    in_tree = OrgUnit.objects.in_force(on).subtree_of(root)
    standing = plan.standing_agency
    agencies = {
        unit.code: unit for unit in in_tree.filter(level=Level.AGENCY, code__in=plan.agency_codes)
    }
    return Owers(
        communes=list(in_tree.filter(level=Level.COMMUNE).select_related("parent")),
        districts=list(in_tree.filter(level=Level.DISTRICT)),
        agencies=[agencies[c] for c in plan.agency_codes if c in agencies and c != standing],
        province=root,
        provinces=(
            list(in_tree.filter(level=Level.PROVINCE)) if root.level == Level.COUNTRY else []
        ),
    )


def plan_check(plan: Plan) -> list[str]:
    """What stops the plan from being published, as messages for the user."""
    problems = []
    if not plan.rules:
        problems.append(_(NO_RULES))
    for body in plan.bodies:
        if body.unmatched:
            problems.append(_(UNMATCHED_BODY) % {"name": body.text})
    return problems


def _milestone(campaign: Campaign, rule: RulePlan, root: OrgUnit) -> Milestone:
    return Milestone.objects.create(
        campaign=campaign,
        deliverable=rule.deliverable,
        level=rule.level,
        rule_kind=rule.kind,
        rule_date=date.fromisoformat(rule.date),
        last_day=rule.last_day,
        wording=rule.wording[:500],
        set_by=root,
        scope=root,
        quota_individuals=rule.quota_individuals,
        quota_collectives=rule.quota_collectives,
        assumed=rule.assumed,
    )


def _obligations_for(milestone: Milestone, owers: Owers) -> list[Obligation]:
    def owe(unit: OrgUnit, recipient: OrgUnit | None) -> Obligation:
        return Obligation(
            campaign=milestone.campaign,
            unit=unit,
            deliverable=milestone.deliverable,
            milestone=milestone,
            recipient=recipient,
            last_day=milestone.last_day,
        )

    if milestone.level == Level.COMMUNE:
        return [owe(unit, unit.parent) for unit in owers.communes]
    if milestone.level == Level.DISTRICT:
        return [owe(unit, owers.province) for unit in owers.districts]
    if milestone.level == Level.AGENCY:
        return [owe(unit, owers.province) for unit in owers.agencies]
    if milestone.level == Level.PROVINCE and owers.province.level == Level.COUNTRY:
        return [owe(unit, owers.province) for unit in owers.provinces]
    return [owe(owers.province, None)]  # the root's own: its conference, consolidated report


def campaign_publish(
    *, directive: Directive, plan: Plan, user: User | None, at: datetime | None = None
) -> Campaign:
    """Create the campaign and every obligation of it, in one transaction.

    `at` is the moment of publication when it is not now (a generator replaying history).

    The units expected to report are those in force on the plan's tree date
    now: a unit created or closed later does not change the campaign."""
    problems = plan_check(plan)
    if problems:
        raise CampaignError("\n".join(problems))
    try:
        with transaction.atomic():
            locked = Directive.objects.select_for_update().get(pk=directive.pk)
            if locked.status == Directive.Status.PUBLISHED:
                raise CampaignError(_(ALREADY_PUBLISHED))
            root = locked.root
            campaign = Campaign.objects.create(
                title=plan.title[:300],
                directive=locked,
                root=root,
                tree_date=date.fromisoformat(plan.tree_date),
                data_cutoff=date.fromisoformat(plan.data_cutoff) if plan.data_cutoff else None,
                reminder_days_before=plan.reminder_days_before,
                published_at=at or now(),
                published_by=user,
            )
            owers = _owers(plan, root)
            obligations: list[Obligation] = []
            for rule in plan.rules:
                obligations.extend(_obligations_for(_milestone(campaign, rule, root), owers))
            Obligation.objects.bulk_create(obligations, batch_size=2000)
            generation_raise(OBLIGATIONS)  # bulk writes send no signal
            locked.plan = plan.to_json()
            locked.status = Directive.Status.PUBLISHED
            locked.save(update_fields=["plan", "status"])
    except IntegrityError:
        raise CampaignError(_(ALREADY_PUBLISHED)) from None
    campaign_published.send(sender=Campaign, campaign=campaign)
    return campaign


# -- rules a unit sets for its own subtree -------------------------------------------------


@dataclass(frozen=True)
class RuleInput:
    """A deadline as a user writes it: a kind (RuleKind) and a date."""

    kind: str
    on: date

    def normalised(self) -> tuple[str, date]:
        return self.kind, self.on.replace(day=1) if self.kind == RuleKind.MONTH else self.on


def _set_rule(milestone: Milestone, rule: RuleInput) -> None:
    milestone.rule_kind, milestone.rule_date = rule.normalised()
    milestone.last_day = milestone.rule.last_day()


def milestone_refine(
    *,
    parent: Milestone,
    set_by: OrgUnit,
    kind: str,
    on: date,
    wording: str = "",
    latest: date | None = None,
) -> Milestone:
    """A unit's own rule for its subtree, e.g. a district's earlier deadline for its communes.

    It may never be later than the rule it refines (or than `latest`, when the
    caller bounds it instead: a rule the system added); the obligations of the
    subtree move to the new rule. A unit has at most one rule per rule above
    it: refining again changes that rule and the last day of its obligations."""
    if kind not in RuleKind.values:
        raise CampaignError(_(UNKNOWN_RULE_KIND))
    check_campaign_writable(parent.campaign_id)
    candidate = Milestone(
        campaign=parent.campaign,
        deliverable=parent.deliverable,
        level=parent.level,
        set_by=set_by,
        scope=set_by,
        parent=parent,
        wording=nfc(wording)[:500],
        quota_individuals=parent.quota_individuals,
        quota_collectives=parent.quota_collectives,
    )
    _set_rule(candidate, RuleInput(kind, on))
    limit = parent.last_day if latest is None else latest
    if candidate.last_day > limit:
        # Named as typed: "before 05/07" ends on 04/07, a date the user never wrote.
        above = parent.rule_text if latest is None else rule_text(RuleKind.BY, latest)
        raise CampaignError(
            _(LATER_THAN_PARENT)
            % {"rule": candidate.rule_text, "parent_rule": above, "parent": f"{limit:%d/%m/%Y}"}
        )
    with transaction.atomic():
        current = Milestone.objects.select_for_update().filter(parent=parent, set_by=set_by).first()
        if current is not None:
            _set_rule(current, RuleInput(kind, on))
            current.wording = candidate.wording
            current.save(update_fields=["rule_kind", "rule_date", "last_day", "wording"])
            Obligation.objects.filter(milestone=current).update(last_day=current.last_day)
            return current
        candidate.save()
        Obligation.objects.filter(milestone=parent, unit__path__startswith=set_by.path).exclude(
            unit=set_by
        ).update(milestone=candidate, last_day=candidate.last_day)
    return candidate


def rule_check_not_past(rule: RuleInput, *, field: str | None = None) -> None:
    """Refuse a new rule whose last day is already behind the system's today, naming the
    rule as the user wrote it."""
    probe = Milestone()
    _set_rule(probe, rule)
    if probe.last_day < today():
        raise CampaignError(
            _(ALREADY_PASSED) % {"rule": probe.rule_text, "today": f"{today():%d/%m/%Y}"},
            field=field,
        )


def milestone_unrefine(*, milestone: Milestone) -> None:
    """Withdraw a unit's own rule: its obligations go back under the rule above it."""
    parent = milestone.parent
    if parent is None:
        raise CampaignError(_("The published plan's rules cannot be withdrawn."))
    check_campaign_writable(milestone.campaign_id)
    with transaction.atomic():
        Obligation.objects.filter(milestone=milestone).update(
            milestone=parent, last_day=parent.last_day
        )
        milestone.delete()


def commune_rule_of(campaign: Campaign, deliverable: str) -> Milestone | None:
    """The published plan's rule for every commune's `deliverable`."""
    return (
        Milestone.objects.filter(
            campaign=campaign, level=Level.COMMUNE, deliverable=deliverable, parent__isnull=True
        )
        .order_by("last_day")
        .first()
    )


def district_deadlines(campaign: Campaign, district: OrgUnit) -> dict[str, Milestone | None]:
    """The district's own rule for its communes' conference and report (None: the province's)."""
    return {
        deliverable: Milestone.objects.filter(
            campaign=campaign,
            set_by=district,
            level=Level.COMMUNE,
            deliverable=deliverable,
        ).first()
        for deliverable in (Deliverable.CONFERENCE, Deliverable.REPORT)
    }


# -- conferences and their attachments ----------------------------------------------------

Upload = tuple[str, UploadedFile[bytes]]  # (ConferenceAttachment.Kind, the uploaded file)


def attachment_check(*, kind: str, upload: UploadedFile[bytes]) -> str:
    """The content type of a conference's attachment; the error's `field` is "minutes" or
    "photos"."""
    photo = kind == ConferenceAttachment.Kind.PHOTO
    return upload_check(upload=upload, field="photos" if photo else "minutes", photo=photo)


def upload_check(*, upload: UploadedFile[bytes], field: str, photo: bool = False) -> str:
    """The content type of `upload` judged by its content (a document or, with `photo`, a
    photo only); refused with a message naming the file, for the form's `field`, when the
    type or size is not allowed."""
    name = nfc(upload.name or "")
    limit: int = settings.XHHT_ATTACHMENT_MAX_MB
    if not upload.size:
        raise CampaignError(_(EMPTY_FILE) % {"name": name}, field=field)
    if upload.size > limit * 1024 * 1024:
        raise CampaignError(_(TOO_LARGE) % {"name": name, "limit": limit}, field=field)
    content_type = attachments.sniff(upload)
    if content_type is None:
        raise CampaignError(_(NOT_A_DOCUMENT) % {"name": name}, field=field)
    if content_type in (attachments.DOCX, attachments.ODT):
        try:  # kept, not opened here, but opened by whoever downloads it
            zip_check(upload, name)
        except UploadRefused as refused:
            raise CampaignError(str(refused), field=field) from None
    if photo and content_type not in attachments.IMAGES:
        raise CampaignError(_(NOT_A_PHOTO) % {"name": name}, field=field)
    return content_type


def _store_attachments(
    conference: Conference, checked: list[tuple[str, UploadedFile[bytes], str]], stored: list[str]
) -> None:
    for kind, upload, content_type in checked:
        attachment = ConferenceAttachment(
            conference=conference,
            kind=kind,
            original_name=nfc(upload.name or "")[:255],
            content_type=content_type,
            size=upload.size or 0,
            uploaded_at=now(),
        )
        attachment.file.save("file" + attachments.EXTENSIONS[content_type], upload, save=False)
        stored.append(str(attachment.file.name))
        attachment.save()


def _check_conference(
    held_on: date, uploads: Sequence[Upload]
) -> list[tuple[str, UploadedFile[bytes], str]]:
    if held_on > today():
        raise CampaignError(_(FUTURE_CONFERENCE) % {"date": f"{held_on:%d/%m/%Y}"}, field="held_on")
    return [(kind, upload, attachment_check(kind=kind, upload=upload)) for kind, upload in uploads]


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def conference_record(
    *,
    obligation: Obligation,
    user: User | None,
    held_on: date,
    venue: str,
    chair: str,
    participants: int,
    exhibition_held: bool = False,
    notes: str = "",
    uploads: Sequence[Upload] = (),
) -> Conference:
    """Record a conference; it fulfils the obligation as of the day it was held.

    Every file is checked before anything is written; nothing is kept when
    any part is refused."""
    if obligation.deliverable != Deliverable.CONFERENCE:
        raise CampaignError(_(NOT_A_CONFERENCE))
    checked = _check_conference(held_on, uploads)
    stored: list[str] = []
    try:
        with transaction.atomic():
            locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
            check_campaign_writable(locked.campaign_id)
            if Conference.objects.filter(obligation=locked).exists():
                raise CampaignError(_(ALREADY_RECORDED))
            conference = Conference.objects.create(
                obligation=locked,
                held_on=held_on,
                venue=nfc(venue).strip(),
                chair=nfc(chair).strip(),
                participants=participants,
                exhibition_held=exhibition_held,
                notes=nfc(notes).strip(),
                recorded_by=user,
                recorded_at=now(),
            )
            _store_attachments(conference, checked, stored)
            obligation_fulfil(obligation=locked, on=held_on, user=user)
    except BaseException:
        _delete_files(stored)
        raise
    obligation.fulfilled_on = held_on
    return conference


def conference_update(
    *,
    conference: Conference,
    user: User | None,
    held_on: date,
    venue: str,
    chair: str,
    participants: int,
    exhibition_held: bool = False,
    notes: str = "",
    uploads: Sequence[Upload] = (),
    remove: Sequence[ConferenceAttachment] = (),
) -> Conference:
    """Correct a recorded conference; the obligation is fulfilled as of the new date held."""
    checked = _check_conference(held_on, uploads)
    stored: list[str] = []
    removed = [str(a.file.name) for a in remove if a.conference_id == conference.pk]
    try:
        with transaction.atomic():
            Obligation.objects.select_for_update().filter(pk=conference.obligation_id).first()
            check_campaign_writable(conference.obligation.campaign_id)
            Conference.objects.filter(pk=conference.pk).update(
                held_on=held_on,
                venue=nfc(venue).strip(),
                chair=nfc(chair).strip(),
                participants=participants,
                exhibition_held=exhibition_held,
                notes=nfc(notes).strip(),
            )
            conference.attachments.filter(pk__in=[a.pk for a in remove]).delete()
            _store_attachments(conference, checked, stored)
            obligation_fulfil(obligation=conference.obligation, on=held_on, user=user)
            transaction.on_commit(lambda: _delete_files(removed))
    except BaseException:
        _delete_files(stored)
        raise
    conference.refresh_from_db()
    return conference


def conference_announce(
    *,
    obligation: Obligation,
    planned_on: date,
    venue: str,
    chair: str,
    exhibition: bool,
    user: User | None,
) -> ConferencePlan:
    """Announce (or change) the date, venue and chair of a conference not yet held, for the
    press calendar."""
    if obligation.deliverable != Deliverable.CONFERENCE:
        raise CampaignError(_(NOT_A_CONFERENCE))
    published = timezone.localdate(obligation.campaign.published_at)
    if planned_on < published:
        message = _(PLANNED_BEFORE_PUBLICATION) % {
            "date": f"{planned_on:%d/%m/%Y}",
            "published": f"{published:%d/%m/%Y}",
        }
        raise CampaignError(message, field="planned_on")
    fields = {
        "planned_on": planned_on,
        "venue": nfc(venue).strip(),
        "chair": nfc(chair).strip(),
        "exhibition": exhibition,
    }
    with transaction.atomic():
        locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
        check_campaign_writable(locked.campaign_id)
        if locked.fulfilled_on is not None or Conference.objects.filter(obligation=locked).exists():
            raise CampaignError(_(ALREADY_HELD))
        plan, created = ConferencePlan.objects.update_or_create(
            obligation=locked, defaults=fields | {"announced_at": now(), "announced_by": user}
        )
        audit_log(
            action="conference.announced" if created else "conference.reannounced",
            obj=plan,
            user=user,
            changes=fields,
            unit=locked.unit,
        )
    return plan


def obligation_fulfil(*, obligation: Obligation, on: date, user: User | None) -> None:
    """Mark the obligation done as of `on` (the day the work was done or sent); a return
    it was reopened by is over."""
    Obligation.objects.filter(pk=obligation.pk).update(
        fulfilled_on=on, fulfilled_at=now(), fulfilled_by=user, returned_on=None
    )
    obligation.fulfilled_on = on
    obligation.returned_on = None


def obligation_reopen(*, obligation: Obligation, on: date) -> None:
    """The work that fulfilled the obligation was returned on `on`: it is owed again, as
    returned and awaiting correction, until it is sent again. Call it inside the
    transaction of the return. The reminders it was sent are forgotten: it is reminded again."""
    Obligation.objects.filter(pk=obligation.pk).update(
        fulfilled_on=None, fulfilled_at=None, fulfilled_by=None, returned_on=on
    )
    reminders_reset(obligation=obligation)
    obligation.fulfilled_on = None
    obligation.returned_on = on
