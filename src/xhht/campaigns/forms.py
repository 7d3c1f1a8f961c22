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


REPORT_ON_CONFERENCE_DAY = "conference"
REPORT_DAYS_AFTER = "after"
REPORT_BY_DATE = "date"
MAX_DAYS_AFTER = 90


class DeadlinesForm(forms.Form):
    """A district's deadlines for its communes: an empty conference date keeps the
    province's rule; the report is due on the conference day, some days after it, or by a
    date."""

    conference_kind = forms.ChoiceField(label=_("Rule"), choices=RULE_KINDS)
    conference_date = date_field(_("Commune conferences"), required=False)
    report_mode = forms.ChoiceField(
        label=_("Commune reports to the district"),
        choices=[
            (REPORT_ON_CONFERENCE_DAY, _("By the day of the conference deadline")),
            (REPORT_DAYS_AFTER, _("A number of days after the conference deadline")),
            (REPORT_BY_DATE, _("By a date")),
        ],
        widget=forms.RadioSelect,
        initial=REPORT_ON_CONFERENCE_DAY,
        required=False,  # none picked: by the date if one is written, else the conference day
    )
    report_days = forms.IntegerField(
        label=_("Days after the conference deadline"),
        required=False,
        min_value=1,
        max_value=MAX_DAYS_AFTER,
    )
    report_kind = forms.ChoiceField(label=_("Rule"), choices=RULE_KINDS)
    report_date = date_field(_("Commune reports to the district"), required=False)
    wording = forms.CharField(
        label=_("Reference (e.g. the district's own document)"), max_length=500, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mode = data.get("report_mode") or (
            REPORT_BY_DATE if data.get("report_date") else REPORT_ON_CONFERENCE_DAY
        )
        data["report_mode"] = mode
        if mode == REPORT_DAYS_AFTER and data.get("report_days") is None:
            if "report_days" not in self.errors:
                self.add_error("report_days", gettext("Write how many days after."))
        if mode == REPORT_BY_DATE and data.get("report_date") is None:
            if "report_date" not in self.errors:
                self.add_error("report_date", gettext("Write the date the reports are due."))
        return data

    def rule(self, deliverable: str) -> RuleInput | None:
        if deliverable == "report" and self.cleaned_data["report_mode"] != REPORT_BY_DATE:
            return None
        on = self.cleaned_data[f"{deliverable}_date"]
        return None if on is None else RuleInput(self.cleaned_data[f"{deliverable}_kind"], on)

    def report_days_after(self) -> int | None:
        if self.cleaned_data["report_mode"] != REPORT_DAYS_AFTER:
            return None
        days: int = self.cleaned_data["report_days"]
        return days


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


class BranchInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Officer's e-mail"),
        max_length=254,
        help_text=_("The invitation's link lets the officer choose a password, once."),
    )


class CascadeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Rule"), choices=RULE_KINDS)
    on = date_field(_("Branch reports due"))
    wording = forms.CharField(label=_("Reference"), max_length=500, required=False)

    def rule(self) -> RuleInput:
        return RuleInput(self.cleaned_data["kind"], self.cleaned_data["on"])
