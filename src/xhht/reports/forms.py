"""Forms of a report: its text and figures, its proposals, sending, review, registration;
and of the register of proposals: forwarding them and recording their answers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from xhht.campaigns.forms import date_field
from xhht.kernel import widgets
from xhht.orgunits.models import OrgUnit
from xhht.reports.editing import field_labels
from xhht.reports.models import Channel, DataValue, Proposal, TemplateSection, target_field
from xhht.reports.seen import text_digest, text_key
from xhht.reports.services import MAX_SIGNED_FILE_BYTES, Signature, SignedFile
from xhht.reports.validation import parts_over_whole

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

WHOLE_NUMBER = gettext_noop(
    "“%(indicator)s”, %(field)s: enter a whole number, 0 or more (digits only)."
)
TOO_LARGE = gettext_noop(
    "“%(indicator)s”, %(field)s: the number is too large for a figure; check it."
)
TARGET_NUMBER = gettext_noop(
    "“%(indicator)s”, %(field)s: enter a number, 0 or more (e.g. 85 or 85,5)."
)
PART_OVER_WHOLE = gettext_noop(
    "“%(indicator)s”, %(field)s: %(num)s is more than the total %(den)s. A part cannot be "
    "larger than its whole: correct one of the two figures."
)
PROPOSAL_TO_REQUIRED = gettext_noop(
    "Proposal %(n)s: choose the body it is addressed to, or write its name."
)
PROPOSAL_TEXT_REQUIRED = gettext_noop("Proposal %(n)s: write the proposal, or tick “remove”.")
# 1234, 1.234, 1 234 (Vietnamese thousands are grouped with dots or spaces).
_WHOLE = re.compile(r"^\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+$|^\d+$")
# No figure of a province comes near a thousand billion; the column would overflow at 9.2e18.
MAX_FIGURE = 10**12

COUNT_FIELDS = ("baseline", "value")
# Widget classes, not instances: a report's hundreds of fields each make theirs afresh.
_WHOLE_INPUT = widgets.with_attrs(widgets.TextInput, inputmode="numeric", size=8)
_DECIMAL_INPUT = widgets.with_attrs(widgets.TextInput, inputmode="decimal", size=6)
_JUSTIFICATION_INPUT = widgets.with_attrs(widgets.Textarea, rows=2)
RATIO_FIELDS = ("baseline", "baseline_denominator", "value", "denominator")


class WholeNumberField(forms.CharField):
    """A non-negative whole number; the message names the indicator and the column (worded
    only when it is needed: a report's form has hundreds of these)."""

    def __init__(self, *, indicator: str, **kwargs: Any) -> None:
        self.indicator = indicator
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", _WHOLE_INPUT)
        super().__init__(**kwargs)

    def _error(self, message: str, code: str) -> forms.ValidationError:
        named = {"indicator": self.indicator, "field": self.label}
        return forms.ValidationError(gettext(message) % named, code=code)

    def clean(self, value: Any) -> int | None:
        text = super().clean(value).strip()
        if not text:
            return None
        if not _WHOLE.match(text):
            raise self._error(WHOLE_NUMBER, "invalid")
        number = int(re.sub(r"\D", "", text))
        if number > MAX_FIGURE:
            raise self._error(TOO_LARGE, "too_large")
        return number


class TargetField(forms.CharField):
    """A non-negative number with at most two decimals, written 85,5 or 85.5; the message
    names the indicator and the column."""

    def __init__(self, *, indicator: str, **kwargs: Any) -> None:
        self.indicator = indicator
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", _DECIMAL_INPUT)
        super().__init__(**kwargs)

    def _invalid(self) -> forms.ValidationError:
        named = {"indicator": self.indicator, "field": self.label}
        return forms.ValidationError(gettext(TARGET_NUMBER) % named, code="invalid")

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value).strip().replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise self._invalid() from None
        if not number.is_finite() or number < 0 or number >= 10**10 or number != round(number, 2):
            raise self._invalid()
        return number


@lru_cache(maxsize=4096)
def _row_fields(
    name: str, is_ratio: bool, target_fields: tuple[str, ...], language: str | None
) -> tuple[tuple[str, forms.Field], ...]:
    """An indicator row's fields by column, made once per process for each indicator name,
    kind, target years and language, and shared by the forms: a report's form has hundreds
    of them, and no form changes its fields (where Django's copies the fields it declares,
    these are added by each form)."""
    labels = field_labels()
    columns = RATIO_FIELDS if is_ratio else COUNT_FIELDS
    made: list[tuple[str, forms.Field]] = [
        (column, WholeNumberField(label=labels[column], indicator=name)) for column in columns
    ]
    made += [
        (column, TargetField(label=labels[column], indicator=name)) for column in target_fields
    ]
    justification = forms.CharField(
        label=labels["justification"], required=False, widget=_JUSTIFICATION_INPUT
    )
    return (*made, ("justification", justification))


def proposal_digest(text: str, to: int | None, to_text: str) -> str:
    return text_digest(f"{text_key(text)}\n{to or ''}\n{text_key(to_text)}")


def _shown(number: Any) -> str:
    if number is None:
        return ""
    if isinstance(number, Decimal):
        return format(number.normalize(), "f").replace(".", ",")
    return str(number)


class ReportForm(forms.Form):
    """The sections' text, the indicator rows and the unit's proposals, in one form.

    Field names: `s<section pk>`, `v<indicator pk>-<column>`, `p<proposal pk>-…`
    for a proposal already written and `pnew-…` for a new one."""

    revision = forms.IntegerField(
        widget=widgets.HiddenInput, min_value=0, max_value=2**31 - 1, required=False
    )
    seen = forms.CharField(widget=widgets.HiddenInput, required=False, strip=False)

    def __init__(
        self,
        *args: Any,
        sections: list[TemplateSection],
        rows: list[DataValue],
        proposals: list[Proposal],
        addressees: Sequence[OrgUnit],
        target_years: Sequence[int] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections, self.rows = sections, rows
        self.target_fields = tuple(target_field(year) for year in target_years)
        # Per indicator, its fields' names by column: the page draws them and a save reads them.
        self.row_names: dict[int, dict[str, str]] = {}
        # A proposal forwarded by the standing unit is no longer the unit's to change.
        self.proposals = [p for p in proposals if p.is_new]
        self.fixed_proposals = [p for p in proposals if not p.is_new]
        proposals = self.proposals
        for section in sections:
            self.fields[f"s{section.pk}"] = forms.CharField(
                label=f"{section.number} {section.title}".strip(),
                required=False,
                widget=widgets.Textarea(attrs={"rows": 6 if section.depth == 1 else 4}),
                help_text=section.guidance,
            )
        language = get_language()
        for row in rows:
            indicator = row.indicator
            made = _row_fields(indicator.name, indicator.is_ratio, self.target_fields, language)
            prefix = f"v{row.indicator_id}-"
            self.row_names[row.indicator_id] = {column: prefix + column for column, _f in made}
            for column, field in made:
                self.fields[prefix + column] = field
        choices = [("", "—")] + [(str(u.pk), u.display_name) for u in addressees]
        for prefix in [f"p{p.pk}" for p in proposals] + ["pnew"]:
            self.fields[f"{prefix}-text"] = forms.CharField(
                label=_("Proposal"), required=False, widget=widgets.Textarea(attrs={"rows": 3})
            )
            self.fields[f"{prefix}-to"] = forms.TypedChoiceField(
                label=_("Addressed to"),
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=widgets.Select,
            )
            self.fields[f"{prefix}-to_text"] = forms.CharField(
                label=_("or, when none fits, its name"), required=False, max_length=300
            )
            if prefix != "pnew":
                self.fields[f"{prefix}-remove"] = forms.BooleanField(
                    label=_("remove"), required=False
                )
                self.fields[f"{prefix}-seen"] = forms.CharField(
                    widget=widgets.HiddenInput, required=False
                )

    @staticmethod
    def initial_for(
        revision: int,
        texts: dict[int, str],
        rows: list[DataValue],
        proposals: list[Proposal],
        seen: str = "",
        target_years: Sequence[int] = (),
    ) -> dict[str, Any]:
        initial: dict[str, Any] = {"revision": revision, "seen": seen}
        initial.update({f"s{pk}": text for pk, text in texts.items()})
        for row in rows:
            own = tuple(target_field(year) for year in target_years)
            for column in RATIO_FIELDS + own:
                initial[f"v{row.indicator_id}-{column}"] = _shown(row.figure(column))
            initial[f"v{row.indicator_id}-justification"] = row.justification
        for p in proposals:
            initial[f"p{p.pk}-text"] = p.text
            initial[f"p{p.pk}-to"] = p.addressed_to_id
            initial[f"p{p.pk}-to_text"] = p.addressed_to_text
            initial[f"p{p.pk}-seen"] = proposal_digest(
                p.text, p.addressed_to_id, p.addressed_to_text
            )
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._check_parts(data)
        for n, prefix in enumerate([f"p{p.pk}" for p in self.proposals] + ["pnew"], start=1):
            text = (data.get(f"{prefix}-text") or "").strip()
            to, to_text = data.get(f"{prefix}-to"), (data.get(f"{prefix}-to_text") or "").strip()
            if data.get(f"{prefix}-remove"):
                continue
            if prefix == "pnew" and not (text or to or to_text):
                continue
            if not text:
                self.add_error(f"{prefix}-text", gettext(PROPOSAL_TEXT_REQUIRED) % {"n": n})
            elif not (to or to_text):
                self.add_error(f"{prefix}-to", gettext(PROPOSAL_TO_REQUIRED) % {"n": n})
        return data

    def _check_parts(self, data: dict[str, Any]) -> None:
        """A part larger than its whole is refused at its field: nothing is saved."""
        labels = field_labels()
        for row in self.rows:
            if not row.indicator.is_ratio:
                continue
            prefix = f"v{row.indicator_id}-"
            figures = {name: data.get(prefix + name) for name in RATIO_FIELDS}
            for part, whole in parts_over_whole(figures):
                named = {"indicator": row.indicator.name, "field": labels[part]}
                message = gettext(PART_OVER_WHOLE) % {
                    **named,
                    "num": figures[part],
                    "den": figures[whole],
                }
                self.add_error(prefix + part, forms.ValidationError(message, code="over_whole"))

    def texts(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data[f"s{s.pk}"] for s in self.sections}

    def values(self) -> dict[int, dict[str, Any]]:
        data = self.cleaned_data
        return {
            indicator_id: {column: data[name] for column, name in names.items() if name in data}
            for indicator_id, names in self.row_names.items()
        }

    def proposal_items(self) -> list[dict[str, Any]]:
        """One dict per proposal: pk (None for a new one), text, to, to_text, remove."""
        items = []
        for prefix, pk in [(f"p{p.pk}", p.pk) for p in self.proposals] + [("pnew", None)]:
            data = self.cleaned_data
            text = (data.get(f"{prefix}-text") or "").strip()
            to: int | None = data.get(f"{prefix}-to")
            to_text = (data.get(f"{prefix}-to_text") or "").strip()
            remove = bool(data.get(f"{prefix}-remove"))
            item = {"pk": pk, "text": text, "to": to, "to_text": to_text, "remove": remove}
            if pk is None and not text:
                continue
            shown = data.get(f"{prefix}-seen")
            if shown and not remove and proposal_digest(text, to, to_text) == shown:
                continue  # left as shown: someone else's newer version stays
            items.append(item)
        return items

    def hidden_fields(self) -> list[forms.BoundField]:
        """Django's, without binding the hundreds of visible fields to find the few hidden."""
        return [self[name] for name, field in self.fields.items() if field.widget.is_hidden]

    def section_fields(self) -> list[forms.BoundField]:
        return [self[f"s{s.pk}"] for s in self.sections]

    def proposal_fields(self, prefix: str) -> dict[str, forms.BoundField]:
        return {
            name[len(prefix) + 1 :]: self[name]
            for name in self.fields
            if name.startswith(prefix + "-") and not name.endswith("-seen")
        }


class SignatureForm(forms.Form):
    number = forms.CharField(label=_("Number and symbol"), max_length=80)
    signed_on = date_field(_("Signed on"))
    signer_name = forms.CharField(label=_("Signed by"), max_length=120)
    signer_capacity = forms.CharField(
        label=_("In the capacity of"),
        max_length=200,
        help_text=_("As printed above the signature, e.g. “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”."),
    )
    signed_file = forms.FileField(
        label=_("Signed scan or digitally signed PDF"),
        help_text=_("PDF, or a scan as JPEG or PNG; at most %(mb)s MB.")
        % {"mb": MAX_SIGNED_FILE_BYTES // 2**20},
        required=False,
    )

    def signature(self) -> Signature:
        data = self.cleaned_data
        return Signature(
            number=data["number"],
            signed_on=data["signed_on"],
            signer_name=data["signer_name"],
            signer_capacity=data["signer_capacity"],
        )

    def signed(self) -> SignedFile | None:
        upload: UploadedFile[bytes] | None = self.cleaned_data.get("signed_file")
        if upload is None:
            return None
        return SignedFile(name=upload.name or "", stream=upload, size=upload.size or 0)


class RegisterForm(SignatureForm):
    """A report received on paper, by fax or through another system."""

    channel = forms.ChoiceField(
        label=_("How it arrived"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
    )
    received_number = forms.CharField(label=_("Received number"), max_length=40)
    received_on = date_field(_("Received on"))
    field_order = ["channel", "received_number", "received_on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_file"].label = _("Scan of the report received")


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it returned?"),
        widget=widgets.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the report is returned.")},
    )


class AcceptForm(forms.Form):
    """Accepting is confirmed by a tick, so that no click accepts a report by mistake."""

    confirm = forms.BooleanField(
        label=_("I have read this report and accept it."),
        error_messages={"required": _("Tick the box to confirm that you accept the report.")},
    )
    despite_problems = forms.BooleanField(label=_("Accept it with these problems"), required=False)


class ForwardForm(forms.Form):
    """The day the standing unit forwarded a proposal to the body it is addressed to."""

    on = date_field(_("Forwarded on"))


class AnswerForm(forms.Form):
    """The answer a proposal received, and its day; recorded again to correct it."""

    answer = forms.CharField(
        label=_("Answer"),
        widget=widgets.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the answer received.")},
    )
    on = date_field(_("Answered on"))
