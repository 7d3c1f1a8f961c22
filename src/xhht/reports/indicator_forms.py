"""Forms of the indicators page, the validation rules page and the report template editor."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from xhht.indicators.models import Indicator, IndicatorKind, ValidationRule
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports import indicators as services
from xhht.reports import template_editing as editing
from xhht.reports.models import ReportTemplate, TemplateSection

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
LEVEL_CHOICES = [
    (Level.COMMUNE.value, Level.COMMUNE.label),
    (Level.DISTRICT.value, Level.DISTRICT.label),
    (Level.AGENCY.value, Level.AGENCY.label),
]
LOCKED_HELP = gettext_noop(
    "Fixed: the indicator has figures or sits in a report template. Add a new indicator "
    "to collect something else."
)
# Where a new heading goes: this report only, or every level's report that has its parent.
HERE, EVERYWHERE = "here", "everywhere"


# -- the indicators page -----------------------------------------------------------------


class IndicatorForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        help_text=gettext_lazy(
            "2 to 40 characters: capital letters, digits and “_”, starting with a letter; "
            "used in validation rules."
        ),
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=400)
    name_en = forms.CharField(label=gettext_lazy("Name in English"), max_length=400, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=IndicatorKind.choices)
    numerator_label = forms.CharField(
        label=gettext_lazy("What is counted"), max_length=200, required=False
    )
    denominator_label = forms.CharField(
        label=gettext_lazy("Out of (for a percentage)"), max_length=200, required=False
    )
    level = forms.ChoiceField(label=gettext_lazy("Collected by"), choices=LEVEL_CHOICES)
    unit_label = forms.CharField(
        label=gettext_lazy("Unit of measure"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("“%” for a percentage; “người”, “lớp”… for a count."),
    )
    order = forms.IntegerField(
        label=gettext_lazy("Order"), min_value=0, max_value=32767, initial=500
    )

    def __init__(
        self,
        *args: Any,
        editing: bool = False,
        locked: tuple[str, ...] = (),
        read_only: bool = False,
        **kwargs: Any,
    ) -> None:
        """`locked` fields are shown and kept as they are; `read_only` locks every field."""
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]
        for name, field in self.fields.items():
            if read_only or name in locked:
                field.disabled = True
        self.locked = tuple(name for name in locked if name in self.fields)
        for name in self.locked:
            self.fields[name].help_text = gettext_lazy(LOCKED_HELP)

    def clean(self) -> dict[str, Any]:
        """A locked field posted with another value (a page opened before the first figures
        came, or a hand-made request) is refused beside the field, not quietly ignored."""
        cleaned = super().clean() or {}
        for name in self.locked:
            posted = self.data.get(self.add_prefix(name))
            if posted is not None and posted != str(
                self.get_initial_for_field(self.fields[name], name)
            ):
                self.add_error(name, _(services.IN_USE_LOCKED))
        return cleaned


class TargetForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100)
    value = forms.DecimalField(label=gettext_lazy("Target"), max_digits=12, decimal_places=2)
    source = forms.CharField(
        label=gettext_lazy("Set by"),
        max_length=200,
        help_text=gettext_lazy("The document's number and symbol, e.g. QĐ 281/QĐ-TTg."),
    )
    in_force_from = forms.DateField(
        label=gettext_lazy("In force from"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y"),
        help_text=gettext_lazy(
            "dd/mm/yyyy; a campaign shows only targets in force at its cut-off."
        ),
    )
    national = forms.BooleanField(
        label=gettext_lazy("A national target (not only the province's)"), required=False
    )

    def __init__(self, *args: Any, national: bool = False, **kwargs: Any) -> None:
        """`national`: offer the national box (to the administrator only)."""
        super().__init__(*args, **kwargs)
        if not national:
            del self.fields["national"]


class RuleForm(forms.Form):
    left = forms.CharField(
        label=gettext_lazy("Left side"),
        max_length=80,
        help_text=gettext_lazy(
            "An indicator's figure — CODE, CODE.value, CODE.denominator, CODE.baseline, "
            "CODE.baseline_denominator — or a number such as 1000 or 1,5."
        ),
    )
    operator = forms.ChoiceField(
        label=gettext_lazy("Operator"), choices=ValidationRule.Operator.choices
    )
    right = forms.CharField(
        label=gettext_lazy("Right side"),
        max_length=80,
        help_text=gettext_lazy("The same: an indicator's figure or a number."),
    )
    message = forms.CharField(label=gettext_lazy("Message when broken"), max_length=300)


class GrantForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Member agency"), queryset=OrgUnit.objects.none()
    )

    def __init__(self, *args: Any, province: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = OrgUnit.objects.filter(parent=province, level=Level.AGENCY)
        self.fields["agency"].queryset = agencies.order_by("code")  # type: ignore[attr-defined]


# -- the report template editor ----------------------------------------------------------


def _short(section: TemplateSection, limit: int = 90) -> str:
    text = editing.label(section)
    if section.agency is not None:
        text = f"[{section.agency.short_name or section.agency.code}] {text}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SectionForm(forms.Form):
    """A new heading: where it goes, its text, which reports get it."""

    parent = forms.TypedChoiceField(
        label=gettext_lazy("Under"), required=False, coerce=int, empty_value=None
    )
    title = forms.CharField(
        label=gettext_lazy("Heading"),
        max_length=editing.TITLE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "E.g. under “1.”, one heading for each content of Decision 2074/QĐ-UBND. "
            "It is numbered from its place."
        ),
    )
    guidance = forms.CharField(
        label=gettext_lazy("Guidance for the units (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    applies = forms.ChoiceField(label=gettext_lazy("In which reports"))

    def __init__(
        self,
        *args: Any,
        template: ReportTemplate,
        sections: list[TemplateSection],
        agencies: list[OrgUnit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        parent: Any = self.fields["parent"]
        parent.choices = [("", _("— at the top —"))] + [
            (s.pk, "\u00a0\u00a0" * (s.depth - 1) + _short(s)) for s in sections if not s.retired
        ]
        applies: Any = self.fields["applies"]
        applies.choices = [
            (HERE, _("Only this report (%(level)s)") % {"level": template.get_level_display()}),
            (EVERYWHERE, _("Every level's report of the campaign that has the section above")),
        ]
        if template.level == Level.AGENCY:
            applies.choices += [
                (f"agency:{a.pk}", _("Only %(agency)s") % {"agency": a.display_name})
                for a in agencies
            ]


class RenameForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Heading"),
        max_length=editing.TITLE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    guidance = forms.CharField(
        label=gettext_lazy("Guidance for the units"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TemplateIndicatorForm(forms.Form):
    """An indicator to put in the template's table, among those not yet in it."""

    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Indicator"), queryset=Indicator.objects.none()
    )

    def __init__(self, *args: Any, available: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["indicator"]
        field.queryset = Indicator.objects.filter(pk__in=[i.pk for i in available]).order_by(
            "order", "code"
        )
        field.label_from_instance = lambda i: f"{i.code} — {i.name} ({i.get_level_display()})"
