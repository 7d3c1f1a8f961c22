"""Forms of the documents pages."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.campaigns.forms import date_field
from xhht.documents.drafts import DraftRow
from xhht.documents.issuers import PROFILE_FIELDS
from xhht.documents.models import IssuerProfile


class IssuerForm(forms.ModelForm[IssuerProfile]):
    class Meta:
        model = IssuerProfile
        fields = list(PROFILE_FIELDS)
        widgets = {
            "addressees": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
        }


class GenerateForm(forms.Form):
    number = forms.CharField(
        label=_("Number"),
        max_length=20,
        required=False,
        help_text=_("Left empty, the number after “Số:” is left blank for the clerk."),
    )
    issued_on = date_field(
        _("Date of the document"), required=False, help_text=_("Today when left empty.")
    )


MAX_SECTION_CHARS = 200_000


def draft_field_name(key: str) -> str:
    """A section's field, named by its key's digest: the same on the page and the post
    even when the reports give new sections in between."""
    return "s_" + hashlib.sha256(key.encode()).hexdigest()[:12]


class DraftForm(forms.Form):
    """The draft's sections, a text box each, and the revision the page was opened on."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31)

    def __init__(self, *args: Any, rows: list[DraftRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            section = row.section
            self.fields[draft_field_name(section.key)] = forms.CharField(
                label=f"{section.number} {section.title}".strip(),
                required=False,
                strip=False,
                max_length=MAX_SECTION_CHARS,
                initial=section.text,
                widget=forms.Textarea(attrs={"rows": 12}),
            )

    def texts(self) -> dict[str, str]:
        """The typed texts by section key (a section the page did not show keeps its own)."""
        return {
            row.section.key: self.cleaned_data[draft_field_name(row.section.key)]
            for row in self.rows
            if draft_field_name(row.section.key) in self.data
        }

    def cells(self) -> list[tuple[DraftRow, forms.BoundField]]:
        return [(row, self[draft_field_name(row.section.key)]) for row in self.rows]
