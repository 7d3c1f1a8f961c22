"""Report templates, reports and the values in them.

A percentage is collected as its numerator and denominator and recomputed at
every level from summed counts, never averaged. A report fulfils its report
obligation when it is first sent (or registered as received on paper).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from xhht.indicators.models import Indicator
from xhht.kernel.kept import INDICATORS, generation_raise
from xhht.orgunits.models import Level

# The figures of an indicator's row in a report, besides the unit's own targets.
FIGURE_FIELDS = ("baseline", "baseline_denominator", "value", "denominator")
_FIELD_COLUMNS = frozenset({*FIGURE_FIELDS, "justification"})
_TARGET_FIELD = re.compile(r"^target_(\d{4})$")


def target_field(year: int) -> str:
    """The column of an own target, in forms, workbooks and the audit trail: "target_2020"."""
    return f"target_{year}"


def target_year(name: str) -> int | None:
    found = _TARGET_FIELD.match(name)
    return int(found.group(1)) if found else None


def target_years_for(year: int) -> list[int]:
    """The years a campaign of `year` asks units' own targets for: the next two five-year
    plan marks, `year` included (2013 → 2015, 2020; 2025 → 2025, 2030)."""
    first = -(-year // 5) * 5
    return [first, first + 5]


class ReportTemplate(models.Model):
    """What a level's report holds in one campaign: sections and indicators."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="report_templates"
    )
    level = models.CharField(_("for level"), max_length=10, choices=Level.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    indicators = models.ManyToManyField(Indicator, through="TemplateIndicator", related_name="+")
    target_years = models.JSONField(_("years of the units' own targets"), default=list, blank=True)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "level"], name="template_once_per_level"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.get_level_display()}"

    @property
    def target_fields(self) -> tuple[str, ...]:
        return tuple(target_field(int(year)) for year in self.target_years)

    @property
    def value_fields(self) -> tuple[str, ...]:
        """Every column of a row of this template's reports, in the order pages show them."""
        return (*FIGURE_FIELDS, *self.target_fields, "justification")


class TemplateSectionQuerySet(models.QuerySet["TemplateSection"]):
    def live(self) -> TemplateSectionQuerySet:
        """The sections reports show: those the province has not retired."""
        return self.filter(retired=False)


class TemplateSection(models.Model):
    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=600)
    guidance = models.TextField(_("guidance"), blank=True)
    order = models.PositiveIntegerField(default=0)
    depth = models.PositiveSmallIntegerField(default=1)
    agency = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("only for agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A section for one task the directive gave this agency."),
    )
    retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("Kept with any text written in it, but no longer shown in reports."),
    )

    objects = TemplateSectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["template", "order"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class TemplateIndicator(models.Model):
    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "indicator"], name="template_indicator_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template_id} · {self.indicator_id}"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    WITH_LEADER = "with_leader", _("With the unit's leader")
    SENT = "sent", _("Sent")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class Channel(models.TextChoices):
    ONLINE = "online", _("Sent in the system")
    PAPER = "paper", _("Received on paper")
    FAX = "fax", _("Received by fax")
    OTHER = "other", _("Received through another system")


# A report in these states may change; sent or accepted, it waits for a return.
EDITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED, ReportStatus.WITH_LEADER})
RECEIVED = frozenset({ReportStatus.SENT, ReportStatus.ACCEPTED})
SENT_UP = frozenset({ReportStatus.SENT, ReportStatus.RETURNED, ReportStatus.ACCEPTED})


class Report(models.Model):
    """A unit's report in a campaign; it fulfils the unit's report obligation."""

    obligation = models.OneToOneField(
        "campaigns.Obligation", on_delete=models.PROTECT, related_name="report"
    )
    template = models.ForeignKey(ReportTemplate, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    revision = models.PositiveIntegerField(
        default=0,
        help_text=_("Raised at every save, so that a second editor is told of the first."),
    )
    number = models.CharField(_("number and symbol"), max_length=80, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    signer_capacity = models.CharField(_("in the capacity of"), max_length=200, blank=True)
    channel = models.CharField(
        _("how it arrived"), max_length=6, choices=Channel.choices, default=Channel.ONLINE
    )
    received_number = models.CharField(_("received number"), max_length=40, blank=True)
    first_sent_on = models.DateField(_("first sent on"), null=True, blank=True)
    last_sent_on = models.DateField(_("last sent on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    entered_by_reviewer = models.BooleanField(
        _("entered by the unit above"),
        default=False,
        help_text=_("The unit above entered it for a unit that cannot (an island, no connection)."),
    )
    updated_at = models.DateTimeField(_("last saved"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    baseline_from = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("baseline carried from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The closed campaign whose figures filled the empty baselines."),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return str(self.obligation)

    @property
    def is_editable(self) -> bool:
        """Its text and figures may change: a draft, returned, or with the leader to sign."""
        return self.status in EDITABLE

    @property
    def is_sent_up(self) -> bool:
        """Sent to the unit above at least once and not a draft again: sent, returned or
        accepted. Before that the report is its unit's own (scope.can_read_report_of)."""
        return self.status in SENT_UP

    @property
    def is_received(self) -> bool:
        """Sent (or registered) and not returned since: under review, or accepted."""
        return self.status in RECEIVED

    @property
    def awaits_review(self) -> bool:
        return self.status == ReportStatus.SENT

    @property
    def is_with_leader(self) -> bool:
        return self.status == ReportStatus.WITH_LEADER

    @property
    def is_accepted(self) -> bool:
        return self.status == ReportStatus.ACCEPTED

    @property
    def is_returned(self) -> bool:
        return self.status == ReportStatus.RETURNED

    @property
    def came_online(self) -> bool:
        return self.channel == Channel.ONLINE

    @property
    def sent_late(self) -> bool:
        """First sent (or received) after the last day: timeliness is judged on this date."""
        return self.first_sent_on is not None and self.first_sent_on > self.obligation.last_day

    @property
    def version_late(self) -> bool:
        """The version now under review or accepted was sent after the last day, though the
        return it answers (if any) came in time to send it again by then. A report returned
        after the last day cannot be resent on time: its resending is not late."""
        last_day = self.obligation.last_day
        if self.last_sent_on is None or self.last_sent_on <= last_day:
            return False
        if not self.resent or self.pk is None:
            return True
        answered = (
            self.events.filter(kind=ReportEvent.Kind.RETURNED, on__lte=self.last_sent_on)
            .order_by("-at", "-pk")
            .first()
        )
        return answered is None or answered.on <= last_day

    @property
    def resent(self) -> bool:
        """The version under review or accepted is not the first one sent."""
        return self.first_sent_on is not None and self.last_sent_on != self.first_sent_on

    @property
    def last_return(self) -> ReportEvent | None:
        """The latest return, with its day and reason, while the report stands returned
        (who returned it is read on use: `returns`)."""
        if not self.is_returned:
            return None
        return self.returns().first()

    def returns(self) -> models.QuerySet[ReportEvent]:
        """The report's returns, the latest first."""
        return self.events.filter(kind=ReportEvent.Kind.RETURNED).order_by("-at", "-pk")


class SectionText(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="texts")
    section = models.ForeignKey(TemplateSection, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("text"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="section_text_once"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id} · {self.section_id}"


class DataValue(models.Model):
    """One indicator's row in a report: baseline, value at the cut-off, the unit's targets.

    A count uses `value`; a percentage uses `numerator` and `denominator` (and
    their baseline twins)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    baseline = models.BigIntegerField(_("baseline"), null=True, blank=True)
    baseline_denominator = models.BigIntegerField(_("baseline, out of"), null=True, blank=True)
    value = models.BigIntegerField(_("value at the cut-off"), null=True, blank=True)
    denominator = models.BigIntegerField(_("out of"), null=True, blank=True)
    justification = models.TextField(_("justification"), blank=True)

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="data_value_once"),
        ]

    def __str__(self) -> str:
        return f"{self.report} · {self.indicator.code}"

    @property
    def percent(self) -> Decimal | None:
        if self.value is None or not self.denominator:
            return None
        return (Decimal(self.value) * 100 / Decimal(self.denominator)).quantize(Decimal("0.1"))

    def own_targets_by_year(self) -> dict[int, Decimal]:
        """The unit's own targets, by year (read once; own_targets_attach reads many rows')."""
        cached: dict[int, Decimal] | None = getattr(self, "_own_targets", None)
        if cached is None:
            cached = {t.year: t.value for t in self.own_targets.all()} if self.pk else {}
            self._own_targets = cached
        return cached

    def figure(self, name: str) -> Any:
        """The figure a column names: a field ("value"), or an own target ("target_2020")."""
        if name in _FIELD_COLUMNS:
            return getattr(self, name)
        year = target_year(name)
        if year is None:
            raise AttributeError(name)
        return self.own_targets_by_year().get(year)

    def set_figure(self, name: str, value: Any) -> None:
        """Set a figure in memory; figures_save (reports/editing.py) stores own targets."""
        if name in _FIELD_COLUMNS:
            setattr(self, name, "" if name == "justification" and value is None else value)
            return
        year = target_year(name)
        if year is None:
            raise AttributeError(name)
        if value is None:
            self.own_targets_by_year().pop(year, None)
        else:
            self.own_targets_by_year()[year] = value

    def figures(self, names: Iterable[str]) -> dict[str, Any]:
        return {name: self.figure(name) for name in names}


def rows_in_order(report: Report) -> list[DataValue]:
    """The report's indicator rows, with their indicators and own targets, in the order the
    pages show them."""
    return own_targets_attach(
        report.values.select_related("indicator").order_by("indicator__order", "indicator__code")
    )


def own_targets_attach(rows: Iterable[DataValue]) -> list[DataValue]:
    """Read the own targets of many rows at once, by their reports (a few hundred keys where
    the rows are thousands; cheaper than prefetch_related, which builds a model and a
    manager per row); returns the rows as a list."""
    rows = list(rows)
    found: dict[int, dict[int, Decimal]] = {row.pk: {} for row in rows}
    reports = sorted({row.report_id for row in rows})
    for start in range(0, len(reports), 2000):  # within any backend's limit of parameters
        targets = OwnTarget.objects.filter(row__report_id__in=reports[start : start + 2000])
        for row_id, year, value in targets.values_list("row_id", "year", "value"):
            if row_id in found:  # a row of the report the caller did not read
                found[row_id][year] = value
    for row in rows:
        row._own_targets = found[row.pk]
    return rows


class OwnTarget(models.Model):
    """A unit's own target for one indicator and one year, given in its report."""

    row = models.ForeignKey(DataValue, on_delete=models.CASCADE, related_name="own_targets")
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("own target"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("own target")
        verbose_name_plural = _("own targets")
        constraints = [
            models.UniqueConstraint(fields=["row", "year"], name="own_target_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.row_id} {self.year}: {self.value}"


class Baseline(models.Model):
    """A unit's figure for one indicator when its campaign closed: the baseline the next
    campaign of the province starts from (closing.py writes these, once per campaign)."""

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        verbose_name=_("closed campaign"),
        on_delete=models.CASCADE,
        related_name="baselines",
    )
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    value = models.BigIntegerField(_("value at the cut-off"), null=True, blank=True)
    denominator = models.BigIntegerField(_("out of"), null=True, blank=True)

    class Meta:
        verbose_name = _("carried baseline")
        verbose_name_plural = _("carried baselines")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "unit", "indicator"], name="baseline_once_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} · {self.unit_id} · {self.indicator_id}: {self.value}"


class ReportEvent(models.Model):
    """A step of the review: sent, returned (with its reason), resent, accepted, registered."""

    class Kind(models.TextChoices):
        TO_LEADER = "to_leader", _("Passed to the leader")
        SENT = "sent", _("Sent")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")
        REGISTERED = "registered", _("Registered as received")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    at = models.DateTimeField()
    on = models.DateField(help_text=_("The day it counts for (sent, received, accepted)."))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} · {self.kind} · {self.on:%d/%m/%Y}"


def report_file_path(instance: ReportAttachment, filename: str) -> str:
    return f"reports/{instance.report.obligation.campaign_id}/{instance.report_id}/{filename}"


class ReportAttachment(models.Model):
    class Kind(models.TextChoices):
        SIGNED_SCAN = "signed_scan", _("Signed scan")
        SIGNED_PDF = "signed_pdf", _("Digitally signed PDF")
        OTHER = "other", _("Other")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    file = models.FileField(upload_to=report_file_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.original_name


class Proposal(models.Model):
    """A proposal ("kiến nghị") in a report, addressed to a body; the standing unit's register."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        FORWARDED = "forwarded", _("Forwarded")
        ANSWERED = "answered", _("Answered")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="proposals")
    text = models.TextField(_("proposal"))
    addressed_to = models.ForeignKey(
        "orgunits.OrgUnit",
        verbose_name=_("addressed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    addressed_to_text = models.CharField(_("addressed to (as written)"), max_length=300, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    forwarded_on = models.DateField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_new(self) -> bool:
        """Not yet forwarded by the standing unit: its unit may still change it."""
        return self.status == self.Status.NEW

    @property
    def is_answered(self) -> bool:
        return self.status == self.Status.ANSWERED


@receiver([post_save, post_delete], sender=ReportTemplate)
@receiver([post_save, post_delete], sender=TemplateIndicator)
def _templates_changed(**kwargs: Any) -> None:
    """A report template or its list of indicators changed: what pages keep of what a
    campaign collects (a roll-up) is drawn anew."""
    generation_raise(INDICATORS)
