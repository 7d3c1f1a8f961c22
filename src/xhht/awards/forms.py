"""Forms of the awards: they check what is typed; the services check the rest."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from xhht.awards.models import (
    Authority,
    Decision,
    Field,
    Kind,
    Nomination,
    PaperKind,
    PaperState,
    Sex,
)
from xhht.awards.papers import PaperInput
from xhht.awards.services import DECISION_FIELDS, FIELDS, DecisionInput, NominationInput
from xhht.campaigns.forms import MultipleFileField, MultipleFileInput, date_field


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


# -- conference papers --------------------------------------------------------------------

_PAPER_KINDS = [("", "—"), *PaperKind.choices]


class PaperForm(forms.Form):
    """A conference paper proposed to the level above, with its file."""

    title = forms.CharField(
        label=_("Title of the paper"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    author = forms.CharField(
        label=_("Author"),
        max_length=200,
        required=False,
        help_text=_("A person, a collective or a unit."),
    )
    kind = forms.ChoiceField(label=_("Kind of paper"), choices=_PAPER_KINDS, required=False)
    author_unit = forms.CharField(label=_("Author's unit"), max_length=300, required=False)
    file = forms.FileField(
        label=_("The paper"),
        required=False,
        help_text=_("PDF, Word or OpenDocument."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.doc,.docx,.odt"}),
    )

    def paper(self) -> PaperInput:
        data = self.cleaned_data
        return PaperInput(
            author=data["author"],
            kind=data["kind"],
            author_unit=data["author_unit"],
            title=data["title"],
        )


class PaperDecisionForm(forms.Form):
    """The level above selects a paper, declines it or puts it back among the proposed;
    `shown_state` is the state the page showed, so a change made meanwhile is told."""

    state = forms.ChoiceField(choices=PaperState.choices)
    shown_state = forms.ChoiceField(choices=PaperState.choices, required=False)


class PaperMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


class NominationForm(forms.Form):
    """An individual or a collective put forward, with supporting files; a collective has
    no sex, year of birth or position. What the service checks (a name, a year of birth in
    range, the quota) it refuses with its own message, on the field it names."""

    name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    birth_year = forms.IntegerField(
        label=_("Year of birth"), min_value=0, max_value=9999, required=False
    )
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    workplace = forms.CharField(label=_("Unit or workplace"), max_length=300, required=False)
    field = forms.ChoiceField(label=_("Field of achievement"), choices=[("", "—"), *Field.choices])
    achievements = forms.CharField(
        label=_("Summary of achievements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        # Added here, not declared: a form's `files` attribute is what was uploaded.
        self.fields["files"] = MultipleFileField(
            label=_("Supporting files"),
            widget=MultipleFileInput(attrs={"accept": ".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png"}),
            help_text=_(
                "A CV, a record of achievements, a photo: PDF, Word, OpenDocument, JPEG or "
                "PNG. You may choose several."
            ),
        )
        if kind == Kind.COLLECTIVE:
            for name in ("sex", "birth_year", "position"):
                del self.fields[name]
            self.fields["name"].label = _("Name of the collective")
            self.fields["workplace"].label = _("Unit it belongs to")

    def nomination_input(self) -> NominationInput:
        data = self.cleaned_data
        return NominationInput(
            kind=self.kind,
            name=data["name"],
            workplace=data["workplace"],
            field=data["field"],
            achievements=data["achievements"],
            sex=data.get("sex") or "",
            birth_year=data.get("birth_year"),
            position=data.get("position") or "",
        )

    def uploads(self) -> list[UploadedFile[bytes]]:
        files: list[UploadedFile[bytes]] = self.cleaned_data["files"]
        return files


def nomination_initial(nomination: Nomination) -> dict[str, Any]:
    """What the form shows of a saved nomination."""
    return {name: getattr(nomination, name) for name in FIELDS if name != "kind"}


class SendForm(forms.Form):
    """Sending every draft and returned nomination, with a note (needed when fewer than the
    quota are put forward: the service says so)."""

    note = forms.CharField(
        label=_("Note to the level above"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# -- review by the level above (views/review.py) -------------------------------------------


class ReviewForm(forms.Form):
    """The reason a nomination is returned to its unit or not put forward; the service
    refuses an empty one, with the message the tests and the page share."""

    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The unit reads it in the e-mail it is sent and on the nomination."),
    )


class DecisionForm(forms.Form):
    """What the competent authority decided on an accepted nomination."""

    decision = forms.ChoiceField(
        label=_("Decision"), required=False, choices=[("", "—"), *Decision.choices]
    )
    authority = forms.ChoiceField(
        label=_("Decided by"), required=False, choices=[("", "—"), *Authority.choices]
    )
    award = forms.CharField(
        label=_("Form of commendation"),
        required=False,
        max_length=200,
        help_text=_("As the decision writes it, e.g. Certificate of merit."),
    )
    decision_ref = forms.CharField(
        label=_("Decision number"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": "1234/QĐ-UBND"}),
    )
    decided_on = date_field(_("Decided on"), required=False)

    @classmethod
    def of(cls, nomination: Nomination) -> DecisionForm:
        """The form showing what is recorded on `nomination` (empty when nothing is)."""
        return cls(initial={name: getattr(nomination, name) for name in DECISION_FIELDS})

    def decision_input(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput(
            decision=data["decision"],
            authority=data["authority"],
            award=data["award"],
            decision_ref=data["decision_ref"],
            decided_on=data["decided_on"],
        )
