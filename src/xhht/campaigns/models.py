"""A campaign, its deadline rules (milestones) and the obligations they create.

The obligation is the spine: every dashboard figure is a query over
obligations, and conferences, reports and nominations fulfil them. Nothing
else keeps a copy of whether work is done.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import PurePath
from typing import Any, cast

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from xhht.kernel.kept import OBLIGATIONS, generation_raise
from xhht.kernel.vndates import DeadlineKind, DeadlineRule
from xhht.orgunits.models import Level


class Deliverable(models.TextChoices):
    CONFERENCE = "conference", _("Review conference")
    REPORT = "report", _("Report")
    NOMINATION = "nomination", _("Nominations for commendation")
    CONSOLIDATED = "consolidated", _("Consolidated report")


class RuleKind(models.TextChoices):
    BY = "by", _("no later than")
    BEFORE = "before", _("before")
    MONTH = "month", _("within the month")


class State(models.TextChoices):
    """Where an obligation stands on a given day; derived, never stored."""

    ON_TIME = "on_time", _("Done on time")
    LATE = "late", _("Done late")
    RETURNED = "returned", _("Returned, awaiting correction")
    OVERDUE = "overdue", _("Overdue")
    PENDING = "pending", _("Not yet due")


class Campaign(models.Model):
    title = models.CharField(_("title"), max_length=300)
    directive = models.OneToOneField(
        "directives.Directive",
        verbose_name=_("directive"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaign",
    )
    root = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text=_(
            "The province unit whose tree the campaign runs on; its officers are the standing unit."
        ),
    )
    tree_date = models.DateField(_("tree in force on"))
    data_cutoff = models.DateField(_("figures as of"), null=True, blank=True)
    reminder_days_before = models.PositiveSmallIntegerField(
        _("remind this many days before"), default=3
    )
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(
        _("closed at"),
        null=True,
        blank=True,
        help_text=_(
            "Once closed, its reports are read-only and its figures are the next baseline."
        ),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(
        _("withdrawn at"),
        null=True,
        blank=True,
        help_text=_("A withdrawn campaign asks nothing more of its units; its records stay."),
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        """Closed: its reports no longer change, and their figures carry forward."""
        return self.closed_at is not None


class Milestone(models.Model):
    """A deadline rule as written, for one deliverable of one level within a subtree.

    The province's rules cover its whole tree; a district (or an agency down
    its sector line) may add a rule for its own subtree, never later than
    the rule it refines."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="milestones")
    deliverable = models.CharField(_("deliverable"), max_length=12, choices=Deliverable.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    rule_kind = models.CharField(_("rule"), max_length=6, choices=RuleKind.choices)
    rule_date = models.DateField(_("date"), help_text=_("For a month, its first day."))
    last_day = models.DateField(_("last day allowed"))
    wording = models.CharField(_("as written"), max_length=500, blank=True)
    assumed = models.BooleanField(
        _("set by the system"),
        default=False,
        help_text=_(
            "The directive does not say it; the system set it (e.g. a commune reports by the "
            "day of its conference) and the level above may set another."
        ),
    )
    set_by = models.ForeignKey(
        "orgunits.OrgUnit", verbose_name=_("set by"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("applies within"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="refinements"
    )
    quota_individuals = models.PositiveSmallIntegerField(_("individuals"), null=True, blank=True)
    quota_collectives = models.PositiveSmallIntegerField(_("collectives"), null=True, blank=True)
    criteria = models.TextField(_("criteria"), blank=True)

    class Meta:
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["last_day", "level"]

    def __str__(self) -> str:
        return f"{self.get_deliverable_display()} · {self.get_level_display()} · {self.rule_text}"

    @property
    def rule(self) -> DeadlineRule:
        day = None if self.rule_kind == RuleKind.MONTH else self.rule_date.day
        return DeadlineRule(
            kind=cast(DeadlineKind, self.rule_kind),
            year=self.rule_date.year,
            month=self.rule_date.month,
            day=day,
        )

    @property
    def rule_text(self) -> str:
        """ "trước ngày 30/06/2013", "muộn nhất ngày 10/06/2013", "trong tháng 07/2013"."""
        return rule_text(self.rule_kind, self.rule_date)


def rule_text(kind: str, on: date) -> str:
    if kind == RuleKind.MONTH:
        return _("within %(month)s") % {"month": on.strftime("%m/%Y")}
    if kind == RuleKind.BEFORE:
        return _("before %(date)s") % {"date": on.strftime("%d/%m/%Y")}
    return _("no later than %(date)s") % {"date": on.strftime("%d/%m/%Y")}


class ObligationQuerySet(models.QuerySet["Obligation"]):
    def planned(self) -> ObligationQuerySet:
        """The obligations the published plan created, i.e. the campaign's frozen
        denominators: without those an agency cascaded down its sector line
        (their rule is set by an agency, never by the province or a district)."""
        return self.exclude(milestone__set_by__level=Level.AGENCY)

    def sector_line(self) -> ObligationQuerySet:
        """The obligations agencies cascaded to their branch units."""
        return self.filter(milestone__set_by__level=Level.AGENCY)


class Obligation(models.Model):
    """One unit owes one deliverable by the last day of its rule."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="obligations")
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="obligations"
    )
    deliverable = models.CharField(_("deliverable"), max_length=12, choices=Deliverable.choices)
    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="obligations")
    recipient = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("sent to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations_received",
    )
    last_day = models.DateField(_("last day allowed"))
    fulfilled_on = models.DateField(
        _("done on"), null=True, blank=True, help_text=_("The day the work was done or sent.")
    )
    fulfilled_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    fulfilled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_on = models.DateField(
        _("returned on"),
        null=True,
        blank=True,
        help_text=_(
            "The day the report that did this work was returned for correction; "
            "cleared when it is sent again."
        ),
    )

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "deliverable"], name="obligation_once_per_unit"
            ),
        ]
        indexes = [models.Index(fields=["campaign", "deliverable", "last_day"])]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_deliverable_display()}"

    def state_on(self, today: date) -> State:
        """Done (on time or late), returned and still owed, overdue, or not yet due."""
        if self.fulfilled_on is not None:
            return State.ON_TIME if self.fulfilled_on <= self.last_day else State.LATE
        if self.returned_on is not None:
            return State.RETURNED
        return State.OVERDUE if today > self.last_day else State.PENDING


class Conference(models.Model):
    """A review conference a unit held; recording it fulfils its conference obligation."""

    obligation = models.OneToOneField(
        Obligation, on_delete=models.CASCADE, related_name="conference"
    )
    held_on = models.DateField(_("held on"))
    venue = models.CharField(_("venue"), max_length=300)
    chair = models.CharField(_("chaired by"), max_length=200)
    participants = models.PositiveIntegerField(_("participants"))
    exhibition_held = models.BooleanField(
        _("an exhibition of exemplary models was held"), default=False
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["held_on"]

    def __str__(self) -> str:
        return f"{self.obligation.unit} · {self.held_on:%d/%m/%Y}"


class ConferencePlan(models.Model):
    """A conference a unit announced before holding it, for the press to cover; the
    `Conference` recorded later says what was held."""

    obligation = models.OneToOneField(
        Obligation, on_delete=models.CASCADE, related_name="conference_plan"
    )
    planned_on = models.DateField(_("planned on"))
    venue = models.CharField(_("venue"), max_length=300)
    chair = models.CharField(_("chaired by"), max_length=200)
    exhibition = models.BooleanField(
        _("an exhibition of exemplary models is planned"), default=False
    )
    announced_at = models.DateTimeField(_("announced at"))
    announced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("planned conference")
        verbose_name_plural = _("planned conferences")
        ordering = ["planned_on"]

    def __str__(self) -> str:
        return f"{self.obligation.unit} · {self.planned_on:%d/%m/%Y}"


def attachment_path(instance: ConferenceAttachment, filename: str) -> str:
    """A random name under the campaign and conference: what the user called the
    file is kept in `original_name`, never used as a path."""
    suffix = PurePath(filename).suffix.lower()[:10]
    campaign_id = instance.conference.obligation.campaign_id
    return f"conferences/{campaign_id}/{instance.conference_id}/{uuid.uuid4().hex}{suffix}"


class ConferenceAttachment(models.Model):
    class Kind(models.TextChoices):
        MINUTES = "minutes", _("Minutes")
        PHOTO = "photo", _("Photo")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class Reminder(models.Model):
    """A reminder e-mail sent for one obligation; at most one of each kind."""

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the due date")
        AFTER = "after", _("After the due date")

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    sent_at = models.DateTimeField()
    sent_to = models.TextField()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["obligation", "kind"], name="reminder_once_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.obligation} · {self.kind}"


@receiver(post_save, sender=Obligation)
def _obligation_made(created: bool, **kwargs: Any) -> None:
    """Who owes what changed (a state changing changes nothing of it): what is remembered
    of it (rollup.below.collects_below) is read anew."""
    if created:
        generation_raise(OBLIGATIONS)


@receiver(post_delete, sender=Obligation)
def _obligation_removed(**kwargs: Any) -> None:
    generation_raise(OBLIGATIONS)
