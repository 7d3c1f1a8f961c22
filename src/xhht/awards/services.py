"""Writing commendation rules and nominations: entering, sending, reviewing, deciding.

Every write checks the quota inside the transaction that writes, with the nominating
unit's row locked, so two officers of one district cannot both take its last place;
every change goes through the audit module.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log, diff
from xhht.awards.models import (
    EDITABLE,
    HOLDS_PLACE,
    CommendationRule,
    Decision,
    Kind,
    Nomination,
    NominationFile,
    State,
    Submission,
)
from xhht.awards.quotas import Allowance, allowance_for
from xhht.campaigns import attachments
from xhht.campaigns.models import Campaign
from xhht.campaigns.services import (
    CampaignError,
    check_campaign_writable,
    obligation_fulfil,
    obligation_reopen,
    upload_check,
)
from xhht.kernel.clock import now, today
from xhht.kernel.text import clean_spaces, match_key, nfc
from xhht.orgunits.models import Level, OrgUnit


class AwardsError(ValueError):
    """A request the awards cannot take; the message is for the user, `field` the form
    field it belongs to, when there is one."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


NOT_A_DISTRICT = gettext_noop("Only a district-level unit sets rules for its communes.")
COMMENDATION_LEVEL = gettext_noop(
    "Commendation rules are set for commune- or district-level conferences."
)
CRITERIA_NEEDED = gettext_noop("Write the criteria the quota applies to.")
NO_QUOTA = gettext_noop(
    "%(unit)s has no quota for nominations in this campaign: neither the directive nor the "
    "level above gives it one."
)
KIND_NOT_ASKED = gettext_noop("%(source)s asks for no %(kind)s.")
QUOTA_FULL = gettext_noop(
    "The quota of %(unit)s is %(allowed)s %(kind)s (%(source)s) and it is filled: %(holders)s. "
    "Remove a draft, or ask the reviewer to reject one, to free a place."
)
NAME_NEEDED = gettext_noop("Write the full name.")
SEX_NEEDED = gettext_noop("Choose the sex of the individual.")
BIRTH_YEAR = gettext_noop("The year of birth must lie between %(first)s and %(last)s.")
WORKPLACE_NEEDED = gettext_noop("Write the unit the nominee belongs to.")
ACHIEVEMENTS_NEEDED = gettext_noop("Summarise the achievements.")
NOT_EDITABLE = gettext_noop(
    "This nomination is %(state)s: only a draft or a returned nomination can be changed."
)
NOTHING_TO_SEND = gettext_noop("There is no draft or returned nomination to send.")
NOTE_NEEDED = gettext_noop(
    "You put forward fewer than the quota allows (%(used)s): write a note saying why."
)
NOT_SENT = gettext_noop("This nomination is %(state)s: only a sent nomination can be accepted.")
NOT_REVIEWABLE = gettext_noop(
    "This nomination is %(state)s: only a sent or accepted nomination can be returned or rejected."
)
REASON_NEEDED = gettext_noop("Write the reason: the unit will read it.")
NOT_ACCEPTED = gettext_noop(
    "This nomination is %(state)s: a decision is recorded for an accepted nomination only."
)
DECISION_NEEDED = gettext_noop("Choose the decision.")
AUTHORITY_NEEDED = gettext_noop("Choose who decided.")
DECIDED_LATER = gettext_noop("The decision date %(date)s is in the future.")
CHANGED_MEANWHILE = gettext_noop(
    "This nomination changed while you were reading it: it is now %(state)s. Look at it again."
)

# The youngest nominee, in years; the oldest year of birth accepted.
YOUNGEST = 6
OLDEST_YEAR = 1900


# -- rules --------------------------------------------------------------------------------


def rule_set(
    *,
    campaign: Campaign,
    set_by: OrgUnit,
    conference_level: str,
    criteria: str,
    individuals: int | None,
    collectives: int | None,
    user: User | None = None,
) -> CommendationRule | None:
    """A district's criteria and quota for commendation at conferences of one level.

    All empty withdraws the rule (None is returned)."""
    if set_by.level != Level.DISTRICT:
        raise AwardsError(_(NOT_A_DISTRICT))
    if conference_level not in (Level.COMMUNE, Level.DISTRICT):
        raise AwardsError(_(COMMENDATION_LEVEL))
    check_campaign_writable(campaign, refuse=AwardsError)
    criteria = nfc(criteria).strip()
    rules = CommendationRule.objects.filter(
        campaign=campaign, set_by=set_by, conference_level=conference_level
    )
    with transaction.atomic():
        old = rules.first()
        before = _rule_fields(old)
        if not criteria and individuals is None and collectives is None:
            if old is not None:
                old.delete()
                audit_log(
                    action="awards.rule_removed", obj=old, user=user, unit=set_by, changes=before
                )
            return None
        if not criteria:
            raise AwardsError(_(CRITERIA_NEEDED), field="criteria")
        rule, _created = CommendationRule.objects.update_or_create(
            campaign=campaign,
            set_by=set_by,
            conference_level=conference_level,
            defaults={"criteria": criteria, "individuals": individuals, "collectives": collectives},
        )
        audit_log(
            action="awards.rule_set",
            obj=rule,
            user=user,
            unit=set_by,
            changes=diff(before, _rule_fields(rule)),
        )
    return rule


def _rule_fields(rule: CommendationRule | None) -> dict[str, object]:
    if rule is None:
        return {}
    return {
        "criteria": rule.criteria,
        "individuals": rule.individuals,
        "collectives": rule.collectives,
    }


# -- entering a nomination ----------------------------------------------------------------


@dataclass(frozen=True)
class NominationInput:
    """A nomination as typed: an individual's sex and year of birth; a collective has none."""

    kind: str
    name: str
    workplace: str
    field: str
    achievements: str
    sex: str = ""
    birth_year: int | None = None
    position: str = ""

    def cleaned(self) -> NominationInput:
        individual = self.kind == Kind.INDIVIDUAL
        return NominationInput(
            kind=self.kind,
            name=clean_spaces(nfc(self.name)),
            workplace=clean_spaces(nfc(self.workplace)),
            field=self.field,
            achievements=nfc(self.achievements).strip(),
            sex=self.sex if individual else "",
            birth_year=self.birth_year if individual else None,
            position=clean_spaces(nfc(self.position)) if individual else "",
        )

    def check(self) -> None:
        if not self.name:
            raise AwardsError(_(NAME_NEEDED), field="name")
        if self.kind == Kind.INDIVIDUAL:
            if not self.sex:
                raise AwardsError(_(SEX_NEEDED), field="sex")
            last = today().year - YOUNGEST
            if self.birth_year is None or not OLDEST_YEAR <= self.birth_year <= last:
                raise AwardsError(
                    _(BIRTH_YEAR) % {"first": OLDEST_YEAR, "last": last}, field="birth_year"
                )
        if not self.workplace:
            raise AwardsError(_(WORKPLACE_NEEDED), field="workplace")
        if not self.achievements:
            raise AwardsError(_(ACHIEVEMENTS_NEEDED), field="achievements")


FIELDS = ("kind", "name", "sex", "birth_year", "position", "workplace", "field", "achievements")


def _fields(nomination: Nomination) -> dict[str, object]:
    return {name: getattr(nomination, name) for name in FIELDS}


def allowance_or_refuse(campaign: Campaign, unit: OrgUnit) -> Allowance:
    allowance = allowance_for(campaign, unit)
    if allowance is None:
        raise AwardsError(_(NO_QUOTA) % {"unit": unit.display_name})
    return allowance


def quota_check(allowance: Allowance, kind: str, *, leaving: Nomination | None = None) -> None:
    """Refuse one more nomination of `kind` when the unit's quota of it is filled; the
    message names the quota, where it comes from and the nominations that fill it.
    `leaving` is a nomination that gives its place up (one whose kind is being changed)."""
    kind_label = str(Kind(kind).label).lower()
    allowed = allowance.ceiling(kind)
    source = allowance.source or _("the quota")
    if allowed == 0:
        raise AwardsError(_(KIND_NOT_ASKED) % {"source": source, "kind": kind_label}, field="kind")
    holders = list(
        Nomination.objects.filter(
            campaign=allowance.campaign, unit=allowance.unit, kind=kind, state__in=HOLDS_PLACE
        ).order_by("pk")
    )
    holders = [h for h in holders if leaving is None or h.pk != leaving.pk]
    if len(holders) >= allowed:
        names = ", ".join(f"{h.name} ({h.get_state_display().lower()})" for h in holders)
        raise AwardsError(
            _(QUOTA_FULL)
            % {
                "unit": allowance.unit.display_name,
                "allowed": allowed,
                "kind": kind_label,
                "source": source,
                "holders": names,
            },
            field="kind",
        )


def _lock(unit: OrgUnit) -> None:
    """Hold the nominating unit's row until the transaction ends: quota checks of one unit
    run one at a time."""
    OrgUnit.objects.select_for_update().filter(pk=unit.pk).first()


def _locked(nomination: Nomination) -> Nomination:
    """The nomination, locked, once its campaign is known to take changes (not withdrawn)."""
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    check_campaign_writable(locked.campaign_id, refuse=AwardsError)
    return locked


def _checked_files(uploads: Sequence[UploadedFile[bytes]]) -> list[tuple[UploadedFile[bytes], str]]:
    checked = []
    for upload in uploads:
        try:
            checked.append((upload, upload_check(upload=upload, field="files")))
        except CampaignError as error:
            raise AwardsError(error.message, field="files") from None
    return checked


def _store_files(
    nomination: Nomination, checked: list[tuple[UploadedFile[bytes], str]], stored: list[str]
) -> None:
    for upload, content_type in checked:
        item = NominationFile(
            nomination=nomination,
            original_name=nfc(upload.name or "")[:255],
            content_type=content_type,
            size=upload.size or 0,
            uploaded_at=now(),
        )
        item.file.save("file" + attachments.EXTENSIONS[content_type], upload, save=False)
        stored.append(str(item.file.name))
        item.save()


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def nomination_create(
    *,
    campaign: Campaign,
    unit: OrgUnit,
    data: NominationInput,
    files: Sequence[UploadedFile[bytes]] = (),
    user: User | None,
) -> Nomination:
    """Enter a draft nomination of `unit` to the level above; refused, with nothing
    written, when the quota of its kind is filled or the input is wrong."""
    data = data.cleaned()
    data.check()
    checked = _checked_files(files)
    stored: list[str] = []
    try:
        with transaction.atomic():
            _lock(unit)
            check_campaign_writable(campaign, refuse=AwardsError)
            allowance = allowance_or_refuse(campaign, unit)
            quota_check(allowance, data.kind)
            nomination = Nomination.objects.create(
                campaign=campaign,
                unit=unit,
                recipient=allowance.recipient,
                name_key=match_key(data.name),
                created_at=now(),
                created_by=user,
                **{name: getattr(data, name) for name in FIELDS},
            )
            _store_files(nomination, checked, stored)
            audit_log(
                action="awards.nomination_entered",
                obj=nomination,
                user=user,
                unit=unit,
                changes=diff({}, _fields(nomination)),
            )
    except BaseException:
        _delete_files(stored)
        raise
    return nomination


def nomination_update(
    *,
    nomination: Nomination,
    data: NominationInput,
    files: Sequence[UploadedFile[bytes]] = (),
    user: User | None,
) -> Nomination:
    """Change a draft or returned nomination (and add supporting files to it)."""
    data = data.cleaned()
    data.check()
    checked = _checked_files(files)
    stored: list[str] = []
    try:
        with transaction.atomic():
            _lock(nomination.unit)
            locked = _locked(nomination)
            if not locked.is_editable:
                raise AwardsError(_(NOT_EDITABLE) % {"state": locked.get_state_display().lower()})
            if data.kind != locked.kind:
                quota_check(
                    allowance_or_refuse(locked.campaign, locked.unit), data.kind, leaving=locked
                )
            before = _fields(locked)
            for name in FIELDS:
                setattr(locked, name, getattr(data, name))
            locked.name_key = match_key(data.name)
            locked.save()
            _store_files(locked, checked, stored)
            changes = diff(before, _fields(locked))
            if checked:
                changes["files"] = [None, [upload.name for upload, _type in checked]]
            audit_log(
                action="awards.nomination_changed",
                obj=locked,
                user=user,
                unit=locked.unit,
                changes=changes,
            )
    except BaseException:
        _delete_files(stored)
        raise
    return locked


def nomination_delete(*, nomination: Nomination, user: User | None) -> None:
    """Remove a draft or returned nomination; its place in the quota is free again."""
    with transaction.atomic():
        locked = _locked(nomination)
        if not locked.is_editable:
            raise AwardsError(_(NOT_EDITABLE) % {"state": locked.get_state_display().lower()})
        names = [str(item.file.name) for item in locked.files.all()]
        audit_log(
            action="awards.nomination_removed",
            obj=locked,
            user=user,
            unit=locked.unit,
            changes=diff(_fields(locked), {}),
        )
        locked.delete()
        transaction.on_commit(lambda: _delete_files(names))


# -- sending ------------------------------------------------------------------------------


def nominations_send(
    *, campaign: Campaign, unit: OrgUnit, note: str = "", user: User | None
) -> Submission:
    """Send every draft or returned nomination of `unit` to the level above. Fewer than
    the quota allows needs a note (sending none at all, with a note, tells the level above
    there is nobody to put forward). The first sending fulfils the nomination obligation,
    and timeliness is judged on it; a return reopens it, a sending again fulfils it anew."""
    note = nfc(note).strip()
    with transaction.atomic():
        _lock(unit)
        check_campaign_writable(campaign, refuse=AwardsError)
        allowance = allowance_or_refuse(campaign, unit)
        pending = list(
            Nomination.objects.select_for_update().filter(
                campaign=campaign, unit=unit, state__in=EDITABLE
            )
        )
        first = Submission.objects.filter(campaign=campaign, unit=unit).order_by("pk").first()
        if not pending and first is not None:
            raise AwardsError(_(NOTHING_TO_SEND))
        holding = Nomination.objects.filter(
            campaign=campaign, unit=unit, state__in=HOLDS_PLACE
        ).values_list("kind", flat=True)
        used = {kind: list(holding).count(kind) for kind in Kind.values}
        short = any(used[kind] < allowance.ceiling(kind) for kind in Kind.values)
        if short and not note:
            text = ", ".join(
                f"{used[kind]}/{allowance.ceiling(kind)} {str(Kind(kind).label).lower()}"
                for kind in Kind.values
                if allowance.ceiling(kind)
            )
            raise AwardsError(_(NOTE_NEEDED) % {"used": text}, field="note")
        submission = Submission.objects.create(
            campaign=campaign,
            unit=unit,
            recipient=allowance.recipient,
            sent_on=today(),
            sent_at=now(),
            sent_by=user,
            note=note,
        )
        for nomination in pending:
            nomination.state = State.SENT
            nomination.submission = submission
            nomination.first_sent_on = nomination.first_sent_on or submission.sent_on
            nomination.reason = ""
            nomination.save(update_fields=["state", "submission", "first_sent_on", "reason"])
        obligation = allowance.obligation
        if obligation is not None and obligation.fulfilled_on is None:  # as of the first
            obligation_fulfil(obligation=obligation, on=(first or submission).sent_on, user=user)
        audit_log(
            action="awards.nominations_sent",
            obj=submission,
            user=user,
            unit=unit,
            changes={"nominations": [n.pk for n in pending], "note": note},
        )
    return submission


# -- review by the level above -----------------------------------------------------------


def _locked_for_review(nomination: Nomination, shown_state: str | None) -> Nomination:
    locked = _locked(nomination)
    if shown_state and shown_state != locked.state:
        raise AwardsError(_(CHANGED_MEANWHILE) % {"state": locked.get_state_display().lower()})
    return locked


def _reviewed(locked: Nomination, state: str, user: User | None, reason: str, action: str) -> None:
    before = {"state": locked.state, "reason": locked.reason}
    locked.state = state
    locked.reason = reason
    locked.reviewed_on = today()
    locked.reviewed_by = user
    locked.save(update_fields=["state", "reason", "reviewed_on", "reviewed_by"])
    audit_log(
        action=action,
        obj=locked,
        user=user,
        unit=locked.unit,
        changes=diff(before, {"state": state, "reason": reason}),
    )


def nomination_accept(
    *, nomination: Nomination, user: User | None, shown_state: str | None = None
) -> Nomination:
    """The level above takes a sent nomination onto its list."""
    with transaction.atomic():
        locked = _locked_for_review(nomination, shown_state)
        if locked.state != State.SENT:
            raise AwardsError(_(NOT_SENT) % {"state": locked.get_state_display().lower()})
        _reviewed(locked, State.ACCEPTED, user, "", "awards.nomination_accepted")
    return locked


def nomination_return(
    *, nomination: Nomination, user: User | None, reason: str, shown_state: str | None = None
) -> Nomination:
    """Send a nomination back to its unit to correct and send again, with a reason; it
    keeps its place, and its unit's nomination obligation is owed again until it sends
    again. The unit is told by e-mail once this is committed."""
    return _send_back(nomination, user, reason, shown_state, State.RETURNED)


def nomination_reject(
    *, nomination: Nomination, user: User | None, reason: str, shown_state: str | None = None
) -> Nomination:
    """Decide not to put a nomination forward, with a reason; its place is free again.
    The unit is told by e-mail."""
    return _send_back(nomination, user, reason, shown_state, State.REJECTED)


def _send_back(
    nomination: Nomination, user: User | None, reason: str, shown_state: str | None, state: str
) -> Nomination:
    reason = nfc(reason).strip()
    if not reason:
        raise AwardsError(_(REASON_NEEDED), field="reason")
    with transaction.atomic():
        locked = _locked_for_review(nomination, shown_state)
        if not locked.can_be_sent_back:
            raise AwardsError(_(NOT_REVIEWABLE) % {"state": locked.get_state_display().lower()})
        action = (
            "awards.nomination_returned"
            if state == State.RETURNED
            else "awards.nomination_rejected"
        )
        _reviewed(locked, state, user, reason, action)
        owed = allowance_for(locked.campaign, locked.unit) if state == State.RETURNED else None
        if owed is not None and owed.obligation is not None:  # owed until sent again
            obligation_reopen(obligation=owed.obligation, on=today())
        pk = locked.pk
        transaction.on_commit(lambda: _mail_sent_back(pk))
    return locked


def _mail_sent_back(pk: int) -> None:
    from xhht.awards.mail import sent_back_mail

    sent_back_mail(nomination_pk=pk)


@dataclass(frozen=True)
class DecisionInput:
    decision: str
    authority: str
    award: str = ""
    decision_ref: str = ""
    decided_on: date | None = None


DECISION_FIELDS = ("decision", "authority", "award", "decision_ref", "decided_on")


def decision_record(
    *, nomination: Nomination, data: DecisionInput, user: User | None
) -> Nomination:
    """Record what the competent authority decided on an accepted nomination (the
    committee proposes; the chairman of the People's Committee or the director of the
    Department decides)."""
    if data.decision not in Decision.values:
        raise AwardsError(_(DECISION_NEEDED), field="decision")
    if not data.authority:
        raise AwardsError(_(AUTHORITY_NEEDED), field="authority")
    if data.decided_on is not None and data.decided_on > today():
        raise AwardsError(
            _(DECIDED_LATER) % {"date": f"{data.decided_on:%d/%m/%Y}"}, field="decided_on"
        )
    with transaction.atomic():
        locked = _locked(nomination)
        if not locked.is_accepted:
            raise AwardsError(_(NOT_ACCEPTED) % {"state": locked.get_state_display().lower()})
        before = {name: getattr(locked, name) for name in DECISION_FIELDS}
        locked.decision = data.decision
        locked.authority = data.authority
        locked.award = clean_spaces(nfc(data.award))[:200]
        locked.decision_ref = clean_spaces(nfc(data.decision_ref))[:100]
        locked.decided_on = data.decided_on
        locked.save(update_fields=list(DECISION_FIELDS))
        after = {name: getattr(locked, name) for name in DECISION_FIELDS}
        audit_log(
            action="awards.decision_recorded",
            obj=locked,
            user=user,
            unit=locked.unit,
            changes=diff(before, after),
        )
    return locked
