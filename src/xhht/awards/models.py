"""Commendation rules and quotas, nominations, their sending and review, conference papers.

A unit puts forward exemplary individuals and collectives to the level above it: a
district to the province where the directive gives it a quota (its nomination
obligation), a commune to its district where the district gives one. A quota is a
ceiling: every nomination but a rejected one holds a place. Sending fulfils the
nomination obligation; the level above accepts, returns or rejects each nomination,
and the competent authority's decision is recorded on it.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from xhht.orgunits.models import Level


class CommendationRule(models.Model):
    """A district's own criteria and quota for commendation at conferences of one level.

    At its own level (a district's conference) the quota is what each unit directly below
    may put forward to it; at a lower level (its communes' conferences) it is how many each
    of those conferences may commend, criteria the commune applies itself."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="commendation_rules"
    )
    set_by = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    conference_level = models.CharField(
        _("at conferences of level"), max_length=10, choices=Level.choices
    )
    criteria = models.TextField(_("criteria"))
    individuals = models.PositiveSmallIntegerField(_("individuals"), null=True, blank=True)
    collectives = models.PositiveSmallIntegerField(_("collectives"), null=True, blank=True)

    class Meta:
        verbose_name = _("commendation rule")
        verbose_name_plural = _("commendation rules")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "set_by", "conference_level"], name="awards_rule_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.set_by} · {self.get_conference_level_display()}"


class Kind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class Field(models.TextChoices):
    """The field of the achievement, as learning-society commendations group them."""

    PROMOTION = "promotion", _("Encouraging learning and talent")
    CENTRE = "centre", _("Community learning centres")
    FAMILY = "family", _("Learning families, clans and communities")
    ORGANISATION = "organisation", _("Learning units and organisations")
    LITERACY = "literacy", _("Literacy and universal education")
    CONTINUING = "continuing", _("Continuing education and skills")
    OUTREACH = "outreach", _("Communication and mobilisation")
    STEERING = "steering", _("Leadership and steering")
    OTHER = "other", _("Other")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Not put forward")


# The states that hold a place in the quota: all but a rejected nomination.
HOLDS_PLACE = (State.DRAFT, State.SENT, State.RETURNED, State.ACCEPTED)
# The states the nominating unit may still change.
EDITABLE = (State.DRAFT, State.RETURNED)


class Authority(models.TextChoices):
    """Who decides a commendation: the committee proposes, the competent authority decides."""

    PROVINCE_CHAIR = "province_chair", _("Chairman of the provincial People's Committee")
    DEPARTMENT_DIRECTOR = "department_director", _("Director of the Department of Education")
    DISTRICT_CHAIR = "district_chair", _("Chairman of the district People's Committee")


class Decision(models.TextChoices):
    COMMENDED = "commended", _("Commended")
    NOT_COMMENDED = "not_commended", _("Not commended")


class Submission(models.Model):
    """One sending of a unit's nominations to the level above, with its note; the first
    fulfils the unit's nomination obligation."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="nomination_submissions"
    )
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(_("sent at"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("sending of nominations")
        verbose_name_plural = _("sendings of nominations")
        ordering = ["sent_at"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.sent_on:%d/%m/%Y}"


class Nomination(models.Model):
    """An individual or a collective one unit puts forward to the level above."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="nominations"
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("put forward by"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    recipient = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("put forward to"),
        on_delete=models.PROTECT,
        related_name="nominations_received",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    sex = models.CharField(_("sex"), max_length=6, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    workplace = models.CharField(_("unit"), max_length=300)
    field = models.CharField(_("field of achievement"), max_length=12, choices=Field.choices)
    achievements = models.TextField(_("summary of achievements"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(_("entered at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.SET_NULL, related_name="nominations"
    )
    first_sent_on = models.DateField(_("first sent on"), null=True, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    decision = models.CharField(_("decision"), max_length=14, choices=Decision.choices, blank=True)
    authority = models.CharField(
        _("decided by"), max_length=20, choices=Authority.choices, blank=True
    )
    award = models.CharField(_("form of commendation"), max_length=200, blank=True)
    decision_ref = models.CharField(_("decision number"), max_length=100, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["campaign", "unit"]),
            models.Index(fields=["campaign", "recipient", "state"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_individual(self) -> bool:
        return self.kind == Kind.INDIVIDUAL

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE

    @property
    def awaits_review(self) -> bool:
        return self.state == State.SENT

    @property
    def is_accepted(self) -> bool:
        return self.state == State.ACCEPTED

    @property
    def can_be_sent_back(self) -> bool:
        """May the level above return it or decide not to put it forward?"""
        return self.state in (State.SENT, State.ACCEPTED)


def _stored_path(folder: str, campaign_id: int, owner_id: int, filename: str) -> str:
    """A random name under the campaign and its owner: what the user called the file is
    kept in `original_name`, never used as a path."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{campaign_id}/{owner_id}/{uuid.uuid4().hex}{suffix}"


def nomination_file_path(instance: NominationFile, filename: str) -> str:
    nomination = instance.nomination
    return _stored_path("nominations", nomination.campaign_id, nomination.pk, filename)


class NominationFile(models.Model):
    """A supporting file of a nomination (a CV, a record of achievements, a photo)."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=nomination_file_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("supporting file")
        verbose_name_plural = _("supporting files")

    def __str__(self) -> str:
        return self.original_name


class PaperKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Exemplary individual")
    COLLECTIVE = "collective", _("Exemplary collective")
    SECTOR = "sector", _("Representative of a sector")
    GRASSROOTS = "grassroots", _("Grassroots unit")


class PaperState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SELECTED = "selected", _("Selected for the programme")
    DECLINED = "declined", _("Not selected")


def paper_file_path(instance: Paper, filename: str) -> str:
    return _stored_path("papers", instance.campaign_id, instance.unit_id, filename)


class Paper(models.Model):
    """A conference paper ("tham luận") a unit proposes to the level above, which selects
    the papers of its conference programme."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="papers"
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="papers",
    )
    recipient = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("proposed to"),
        on_delete=models.PROTECT,
        related_name="papers_received",
    )
    author = models.CharField(_("author"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=PaperKind.choices)
    author_unit = models.CharField(_("author's unit"), max_length=300)
    title = models.CharField(_("title"), max_length=500)
    file = models.FileField(_("file"), upload_to=paper_file_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    state = models.CharField(
        _("state"), max_length=10, choices=PaperState.choices, default=PaperState.PROPOSED
    )
    position = models.PositiveSmallIntegerField(_("order in the programme"), null=True, blank=True)
    proposed_at = models.DateTimeField(_("proposed at"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("selected at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("conference paper")
        verbose_name_plural = _("conference papers")
        ordering = ["position", "proposed_at"]

    def __str__(self) -> str:
        return self.title
