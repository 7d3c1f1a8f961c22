"""Forms of the awards: they check what is typed; the services check the rest."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RuleForm(forms.Form):
    """A district's criteria and quota for commendation at conferences of one level."""

    criteria = forms.CharField(
        label=_("Criteria"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    individuals = forms.IntegerField(
        label=_("Individuals"), min_value=0, max_value=999, required=False
    )
    collectives = forms.IntegerField(
        label=_("Collectives"), min_value=0, max_value=999, required=False
    )
