"""Forms of a unit's own campaign work: conferences, rules for its subtree, its sector line."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xhht.campaigns.models import ConferenceAttachment, RuleKind
from xhht.campaigns.sector import BRANCH_TYPES
from xhht.campaigns.services import RuleInput

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]


class DateInput(forms.DateInput):
    """A date typed as dd/mm/yyyy whatever the browser's language: a browser's own date
    picker shows its locale's order (06/20/2013 in an English one)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        shown = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "size": 10, "maxlength": 10}
        super().__init__(attrs=shown | (attrs or {}), format="%d/%m/%Y")


_WRITTEN_AS_A_DATE = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


class DayField(forms.DateField):
    """A date written dd/mm/yyyy; one so written that no calendar has (31/02/2013) is told
    as such, not as a date in the wrong form."""

    def to_python(self, value: Any) -> date | None:
        try:
            return super().to_python(value)
        except forms.ValidationError:
            found = _WRITTEN_AS_A_DATE.match(str(value or ""))
            if found is None:
                raise
            day, month, year = (int(part) for part in found.groups())
            if not 1 <= month <= 12:
                reason = gettext("there is no month %(month)s") % {"month": month}
            else:
                reason = gettext("month %(month)s/%(year)s has no day %(day)s") % {
                    "month": month,
                    "year": year,
                    "day": day,
                }
            message = gettext("%(value)s is not a real date: %(reason)s.")
            raise forms.ValidationError(
                message % {"value": str(value).strip(), "reason": reason}, code="no_such_day"
            ) from None


def date_field(
    label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.DateField:
    return DayField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy.")},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; an empty list when none is chosen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class AttachmentChoiceField(forms.ModelMultipleChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_kind_display()}: {obj.original_name}"


class ConferencePlanForm(forms.Form):
    planned_on = date_field(_("Planned on"))
    venue = forms.CharField(label=_("Venue"), max_length=300)
    chair = forms.CharField(label=_("Chaired by"), max_length=200)
    exhibition = forms.BooleanField(
        label=_("An exhibition of exemplary models is planned"), required=False
    )


# More than any hall holds, far less than the database's integers: a typing slip or a
# probe gets the form's own message instead of an overflow.
MAX_PARTICIPANTS = 100_000


class ConferenceForm(forms.Form):
    held_on = date_field(_("Held on"))
    venue = forms.CharField(label=_("Venue"), max_length=300)
    chair = forms.CharField(label=_("Chaired by"), max_length=200)
    participants = forms.IntegerField(
        label=_("Number of participants"),
        min_value=1,
        max_value=MAX_PARTICIPANTS,
        error_messages={"max_value": _("At most %(limit_value)s participants: check the number.")},
    )
    exhibition_held = forms.BooleanField(
        label=_("An exhibition of exemplary models was held"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    minutes = MultipleFileField(
        label=_("Minutes"),
        help_text=_("PDF, Word, OpenDocument, or a scan as JPEG or PNG."),
    )
    photos = MultipleFileField(label=_("Photos"), help_text=_("JPEG or PNG."))
    remove = AttachmentChoiceField(
        label=_("Remove these attachments"),
        queryset=ConferenceAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, attachments: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if attachments is None:
            del self.fields["remove"]
        else:
            field = self.fields["remove"]
            assert isinstance(field, AttachmentChoiceField)
            field.queryset = attachments

    def uploads(self) -> list[tuple[str, UploadedFile[bytes]]]:
        data = self.cleaned_data
        return [(ConferenceAttachment.Kind.MINUTES, f) for f in data["minutes"]] + [
            (ConferenceAttachment.Kind.PHOTO, f) for f in data["photos"]
        ]


RULE_KINDS = [(RuleKind.BY.value, _("no later than")), (RuleKind.BEFORE.value, _("before"))]


class DeadlinesForm(forms.Form):
    """A district's deadlines for its communes; an empty date keeps the province's rule."""

    conference_kind = forms.ChoiceField(label=_("Rule"), choices=RULE_KINDS)
    conference_date = date_field(_("Commune conferences"), required=False)
    report_kind = forms.ChoiceField(label=_("Rule"), choices=RULE_KINDS)
    report_date = date_field(
        _("Commune reports to the district"),
        required=False,
        help_text=_("Leave empty: due the same day as the conference."),
    )
    wording = forms.CharField(
        label=_("Reference (e.g. the district's own document)"), max_length=500, required=False
    )

    def rule(self, deliverable: str) -> RuleInput | None:
        on = self.cleaned_data[f"{deliverable}_date"]
        return None if on is None else RuleInput(self.cleaned_data[f"{deliverable}_kind"], on)


class BranchForm(forms.Form):
    type_label = forms.ChoiceField(label=_("Type"), choices=[(t, t) for t in BRANCH_TYPES])
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("The full name, e.g. “Phòng Nội vụ huyện Hoành Bồ”."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_phone = forms.CharField(label=_("Contact telephone"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)


class CascadeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rule"), choices=RULE_KINDS)
    on = date_field(_("Branch reports due"))
    wording = forms.CharField(label=_("Reference"), max_length=500, required=False)

    def rule(self) -> RuleInput:
        return RuleInput(self.cleaned_data["kind"], self.cleaned_data["on"])
