"""Who issues a unit's documents in a campaign, and every document generated.

An issuer profile starts from the directive (its parent and issuing bodies, symbol, place
and signer) and the unit changes it: the steering committee with its own symbol, or the
Department ("…/BC-SGDĐT"), and who signs in which form (TM., KT., Q., TL.). Each generated
file is kept with who made it and when, and the record an electronic exchange needs.
"""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Authority(models.TextChoices):
    NONE = "", _("The head signs")
    ON_BEHALF = "TM.", _("TM. — on behalf of a collective body")
    DEPUTY = "KT.", _("KT. — a deputy signs for the head")
    ACTING = "Q.", _("Q. — acting head")
    BY_ORDER = "TL.", _("TL. — by order of the head")


class IssuerProfile(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="issuer_profiles"
    )
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    parent_body = models.CharField(_("parent body"), max_length=200, blank=True)
    issuing_body = models.CharField(_("issuing body"), max_length=300)
    symbol = models.CharField(
        _("symbol"), max_length=40, help_text=_("After the type: “BCĐXDXHHT” gives …/BC-BCĐXDXHHT.")
    )
    place = models.CharField(_("place"), max_length=100)
    authority = models.CharField(
        _("signing form"), max_length=4, choices=Authority.choices, blank=True
    )
    on_behalf_of = models.CharField(
        _("signs for"), max_length=200, blank=True, help_text=_("“BAN CHỈ ĐẠO”, “TRƯỞNG BAN”.")
    )
    signer_title = models.CharField(_("signer's title"), max_length=200)
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    addressees = models.TextField(_("to (Kính gửi)"), help_text=_("One per line."))
    recipients = models.TextField(_("distribution (Nơi nhận)"), help_text=_("One per line."))
    updated_at = models.DateTimeField(_("changed at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("issuer profile")
        verbose_name_plural = _("issuer profiles")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="issuer_once_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.issuing_body} ({self.symbol})"


class Kind(models.TextChoices):
    CONSOLIDATED = "consolidated", _("Consolidated report")
    REMINDER = "reminder", _("Reminder letter")
    PROPOSAL = "proposal", _("Commendation proposal")
    INVITATION = "invitation", _("Conference invitation")
    PROGRAMME = "programme", _("Conference programme")
    EXHIBITS = "exhibits", _("List of exhibits")
    BUDGET = "budget", _("Budget estimate of the conference")
    ANNEXES = "annexes", _("Annexes (.xlsx)")
    DOSSIER = "dossier", _("The campaign's dossier (.zip)")


def generated_path(instance: GeneratedDocument, filename: str) -> str:
    """A random name under the campaign, with the suffix of the file's kind."""
    suffix = PurePath(filename).suffix.lower()[:6] or ".bin"
    return f"documents/{instance.campaign_id}/{uuid.uuid4().hex}{suffix}"


class Status(models.TextChoices):
    QUEUED = "queued", _("Waiting to be made")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Made")
    FAILED = "failed", _("Could not be made")


class GeneratedDocument(models.Model):
    """A document asked for and, once the worker has made it, its file."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="documents"
    )
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("state"), max_length=8, choices=Status.choices, default=Status.DONE)
    progress = models.PositiveSmallIntegerField(_("progress"), default=100)
    error = models.TextField(
        _("what went wrong"), blank=True, help_text=_("The kind of fault, for the administrator.")
    )
    options = models.JSONField(_("asked with"), default=dict, blank=True)
    file = models.FileField(_("file"), upload_to=generated_path, blank=True)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    regime = models.CharField(_("layout"), max_length=20, blank=True)
    record = models.JSONField(_("record for electronic exchange"), default=dict)
    created_at = models.DateTimeField(_("made at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("generated document")
        verbose_name_plural = _("generated documents")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_pending(self) -> bool:
        return self.status in (Status.QUEUED, Status.RUNNING)

    @property
    def is_done(self) -> bool:
        return self.status == Status.DONE


class TemplateName(models.TextChoices):
    """The .docx templates a unit may replace with its own (see docx.py)."""

    REPORT = "bao-cao.docx", _("Report, and documents with a type name (BÁO CÁO …)")
    LETTER = "cong-van.docx", _("Letter (công văn)")
    PROPOSAL = "to-trinh.docx", _("Proposal (TỜ TRÌNH)")


def template_path(instance: WordTemplate, filename: str) -> str:
    return f"templates/{instance.unit_id}/{uuid.uuid4().hex}.docx"


class WordTemplate(models.Model):
    """A unit's own version of a template, edited in Word and checked before it is kept."""

    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("template"), max_length=20, choices=TemplateName.choices)
    file = models.FileField(_("file"), upload_to=template_path)
    original_name = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Word template")
        verbose_name_plural = _("Word templates")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="word_template_once"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.name}"


class ConsolidatedDraft(models.Model):
    """The standing unit's edited text of its consolidated report's parts II and III: the
    units' passages as compiled, then changed on the page before the report is made.

    `sections` is a list of {"key", "number", "title", "text"} (documents.consolidated's
    Compiled); `revision` rises at each save so that a second editor is told of the first."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="consolidated_drafts"
    )
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    sections = models.JSONField(_("sections"), default=list)
    revision = models.PositiveIntegerField(default=0)
    compiled_at = models.DateTimeField(_("compiled from the reports at"))
    updated_at = models.DateTimeField(_("changed at"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("draft of the consolidated report")
        verbose_name_plural = _("drafts of the consolidated report")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="consolidated_draft_once"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} · {self.unit}"
