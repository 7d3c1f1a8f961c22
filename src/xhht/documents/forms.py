"""Forms of the documents pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xhht.campaigns.forms import date_field
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
