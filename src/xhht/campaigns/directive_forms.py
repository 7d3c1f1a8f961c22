"""Forms of the directive upload and the review of its plan."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xhht.campaigns.directives import MAX_UPLOAD_BYTES, TOO_LARGE
from xhht.campaigns.forms import DayField
from xhht.campaigns.models import Deliverable, RuleKind
from xhht.campaigns.planning import BodyPlan, Plan, RulePlan, keep_assumed
from xhht.kernel.text import nfc
from xhht.orgunits.models import Level, OrgUnit

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# A rule's day, read as every date field of the campaigns is (31/02/2013 named as no real day).
_RULE_DAY = DayField(input_formats=["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"])
_MONTH = re.compile(r"^\s*(\d{1,2})[/.-](\d{4})\s*$")
ALL_DISTRICTS = "level:district"
ALL_COMMUNES = "level:commune"
ALL_PROVINCES = "level:province"  # a country's directive: every province


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Directive file (.docx, .pdf, .txt, .doc)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt,.doc"}),
    )
    text = forms.CharField(
        label=_("… or paste its text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_file(self) -> UploadedFile[bytes] | None:
        """The file, refused by its size before anything reads it."""
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("file")
        if upload is not None and (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext(TOO_LARGE) % {"name": upload.name, "limit": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Upload a file or paste the text of the directive."))
        return data


def format_rule_date(rule: RulePlan) -> str:
    on = date.fromisoformat(rule.date)
    return on.strftime("%m/%Y") if rule.kind == RuleKind.MONTH else on.strftime("%d/%m/%Y")


_AT_MOST = {"max_value": _("At most %(limit_value)s.")}


class RuleForm(forms.Form):
    deliverable = forms.ChoiceField(label=_("Deliverable"), choices=Deliverable.choices)
    level = forms.ChoiceField(label=_("Who owes it"), choices=Level.choices)
    kind = forms.ChoiceField(label=_("Rule"), choices=RuleKind.choices)
    date = forms.CharField(
        label=_("Date"),
        help_text=_("dd/mm/yyyy; mm/yyyy for a month"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 10}),
    )
    wording = forms.CharField(label=_("As written"), required=False, max_length=500)
    quota_individuals = forms.IntegerField(
        label=_("Individuals"), required=False, min_value=0, max_value=999, error_messages=_AT_MOST
    )
    quota_collectives = forms.IntegerField(
        label=_("Collectives"), required=False, min_value=0, max_value=999, error_messages=_AT_MOST
    )

    # What an officer types into a row; the selects of an added row always post a value.
    TYPED = ("date", "wording", "quota_individuals", "quota_collectives")

    def has_changed(self) -> bool:
        """An added row with nothing typed into it is empty, not a rule with its date missing."""
        if self.empty_permitted:
            return any(str(self[name].data or "").strip() for name in self.TYPED)
        return super().has_changed()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        raw, kind = data.get("date") or "", data.get("kind")
        month = _MONTH.match(raw)
        if kind == RuleKind.MONTH and month and 1 <= int(month[1]) <= 12:
            data["iso"] = date(int(month[2]), int(month[1]), 1).isoformat()
            return data
        if not raw:
            return data  # the field's own "required" is already said
        try:
            day = _RULE_DAY.to_python(raw)
        except forms.ValidationError as error:
            if error.code == "no_such_day":
                self.add_error("date", error)
            else:
                self.add_error(
                    "date",
                    _("“%(value)s” is not a date dd/mm/yyyy (or mm/yyyy for a month).")
                    % {"value": raw},
                )
        else:
            data["iso"] = day.isoformat() if day else None
        return data

    def to_rule(self) -> RulePlan:
        data = self.cleaned_data
        return RulePlan(
            deliverable=data["deliverable"],
            level=data["level"],
            kind=data["kind"],
            date=data["iso"],
            wording=data.get("wording") or "",
            quota_individuals=data.get("quota_individuals"),
            quota_collectives=data.get("quota_collectives"),
        )


RuleFormSet = forms.formset_factory(RuleForm, extra=1, can_delete=True)


def body_choices(agencies: list[OrgUnit]) -> list[tuple[str, Any]]:
    top = agencies[0].parent if agencies else None  # the country, for the Ministry's directive
    national = top is not None and top.level == Level.COUNTRY
    return [
        ("", _("— pick the unit it stands for —")),
        *([(ALL_PROVINCES, _("Every province"))] if national else []),
        (ALL_DISTRICTS, _("Every district-level unit")),
        (ALL_COMMUNES, _("Every commune-level unit")),
        *[(f"unit:{agency.code}", agency.display_name) for agency in agencies],
    ]


def body_target(body: BodyPlan) -> str:
    if body.level:
        return f"level:{body.level}"
    return f"unit:{body.unit_codes[0]}" if body.unit_codes else ""


class BodyForm(forms.Form):
    index = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0, max_value=10_000
    )
    text = forms.CharField(label=_("Named in the directive"), max_length=500)
    target = forms.ChoiceField(label=_("Unit"), required=False)
    tasks = forms.CharField(
        label=_("Its tasks"),
        help_text=_(
            "One item per line; a blank line between two tasks. Each task is a section of "
            "the body's report, its items the guidance under it."
        ),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def typed_tasks(self, kept: list[list[str]]) -> list[list[str]]:
        """The tasks as corrected: one item per line (a leading dash dropped), a blank line
        between two tasks; `kept` when the post has no such field (a form that does not
        show them)."""
        if self.data.get(self.add_prefix("tasks")) is None:
            return [list(items) for items in kept]
        tasks: list[list[str]] = [[]]
        for line in self.cleaned_data["tasks"].splitlines():
            if not line.strip():
                tasks.append([])
                continue
            item = nfc(line).strip().lstrip("-•+ ").strip()
            if item:
                tasks[-1].append(item)
        return [items for items in tasks if items]

    def __init__(self, *args: Any, agencies: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = body_choices(agencies)  # type: ignore[attr-defined]


BodyFormSet = forms.formset_factory(BodyForm, extra=0, can_delete=True)


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Campaign title"), max_length=300)
    data_cutoff = forms.DateField(
        label=_("Figures as of"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    tree_date = forms.DateField(
        label=_("Administrative tree in force on"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    reminder_days_before = forms.IntegerField(
        label=_("Send reminders this many days before a due date"), min_value=0, max_value=60
    )
    standing_agency = forms.ChoiceField(
        label=_("The standing unit's own agency (owes no agency report)"), required=False
    )

    def __init__(self, *args: Any, agencies: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["standing_agency"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (agency.code, agency.display_name) for agency in agencies
        ]


def tasks_text(tasks: list[list[str]]) -> str:
    """A body's tasks as the review's text area shows them (BodyForm.typed_tasks reads it)."""
    return "\n\n".join("\n".join(items) for items in tasks)


def plan_initial(plan: Plan) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The forms' initial values for a stored plan."""
    head = {
        "title": plan.title,
        "data_cutoff": date.fromisoformat(plan.data_cutoff) if plan.data_cutoff else None,
        "tree_date": date.fromisoformat(plan.tree_date),
        "reminder_days_before": plan.reminder_days_before,
        "standing_agency": plan.standing_agency or "",
    }
    rules = [
        {
            "deliverable": r.deliverable,
            "level": r.level,
            "kind": r.kind,
            "date": format_rule_date(r),
            "wording": r.wording,
            "quota_individuals": r.quota_individuals,
            "quota_collectives": r.quota_collectives,
        }
        for r in plan.rules
    ]
    bodies = [
        {"index": i, "text": b.text, "target": body_target(b), "tasks": tasks_text(b.tasks)}
        for i, b in enumerate(plan.bodies)
    ]
    return head, rules, bodies


def plan_from_forms(stored: Plan, head: PlanForm, rules: Any, bodies: Any) -> Plan:
    """A new plan from the reviewed forms; what the forms do not show is kept from `stored`."""
    data = head.cleaned_data
    new_bodies = []
    for form in bodies.forms:
        if form.cleaned_data.get("DELETE") or not form.cleaned_data:
            continue
        index = form.cleaned_data.get("index")
        old = (
            stored.bodies[index] if index is not None and 0 <= index < len(stored.bodies) else None
        )
        target = form.cleaned_data.get("target") or ""
        body = BodyPlan(
            text=form.cleaned_data["text"],
            source=old.source if old else "recipients",
            suggestions=old.suggestions if old else [],
            tasks=form.typed_tasks(old.tasks if old else []),
        )
        if target.startswith("level:"):
            body.level = target.split(":", 1)[1]
        elif target.startswith("unit:"):
            body.unit_codes = [target.split(":", 1)[1]]
        new_bodies.append(body)
    return Plan(
        title=data["title"],
        tree_date=data["tree_date"].isoformat(),
        number=stored.number,
        symbol=stored.symbol,
        subject=stored.subject,
        data_cutoff=data["data_cutoff"].isoformat() if data.get("data_cutoff") else None,
        standing_agency=data.get("standing_agency") or None,
        reminder_days_before=data["reminder_days_before"],
        rules=keep_assumed(
            [
                form.to_rule()
                for form in rules.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ],
            stored.rules,
        ),
        bodies=new_bodies,
        outline=stored.outline,
    )


@dataclass(frozen=True)
class ErrorLink:
    """One error of the review, for the summary at the top: a link to where it is."""

    anchor: str  # the id of the field (or of its section, for an error of a whole table)
    where: str
    message: str


def _form_errors(form: forms.Form, where: str, section: str) -> list[ErrorLink]:
    links: list[ErrorLink] = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        place = f"{where}, {field.label}" if where and field else (field.label if field else where)
        anchor = form[name].auto_id if field else section
        links.extend(ErrorLink(anchor=anchor, where=str(place), message=str(e)) for e in errors)
    return links


def error_summary(head: PlanForm, rules: Any, bodies: Any) -> list[ErrorLink]:
    """Every error of the review's forms, in page order, each linked to its field."""
    links = _form_errors(head, "", "plan")
    for section, formset, row in (
        ("deadlines", rules, gettext("Deadline row %(n)s")),
        ("recipients", bodies, gettext("Recipient row %(n)s")),
    ):
        where = gettext("Deadlines") if section == "deadlines" else gettext("Recipients")
        links.extend(
            ErrorLink(anchor=section, where=where, message=e) for e in formset.non_form_errors()
        )
        for n, form in enumerate(formset.forms, start=1):
            links.extend(_form_errors(form, row % {"n": n}, section))
    return links


class PublishForm(forms.Form):
    """The last step before publishing; with warnings, the officer ticks that they were read."""

    despite = forms.BooleanField(
        label=_("I have read the warnings above and publish anyway."),
        required=False,
        error_messages={"required": _("Tick the box to publish despite the warnings.")},
    )

    def __init__(self, *args: Any, warned: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["despite"].required = warned


class WithdrawForm(forms.Form):
    """Withdrawing a campaign cannot be undone: a reason the units will read, and a tick."""

    reason = forms.CharField(
        label=_("Reason, as the units will read it"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Say why the campaign is withdrawn: the units will read it.")
        },
    )
    confirm = forms.BooleanField(
        label=_("I understand that the campaign is withdrawn for good and its units are told"),
        error_messages={"required": _("Tick the box to confirm that the campaign is withdrawn.")},
    )
