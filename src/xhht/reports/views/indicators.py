"""The province's indicators page: indicators, their targets, validation rules and grants.

For the standing unit (and the administrator); everyone else gets 404. What every
province shares (the content pack's indicators, national targets) is shown read-only to a
province; a delete asks to be confirmed on a page of its own (no JavaScript needed).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.indicators.models import Indicator, IndicatorGrant, IndicatorKind, Target, ValidationRule
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports import indicators as services
from xhht.reports.indicator_history import indicator_history
from xhht.reports.views.posted import posted_id

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
CONFIRM_INDICATOR = gettext_noop("Delete the indicator %(code)s — %(name)s?")
CONFIRM_TARGET = gettext_noop("Delete the %(year)s target of %(code)s set by %(source)s?")


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
    order = forms.IntegerField(label=gettext_lazy("Order"), min_value=0, initial=500)

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


# -- helpers ----------------------------------------------------------------------------


def _province_or_404(user: User) -> OrgUnit:
    province = scope.campaign_root(user)
    if province is None:
        raise Http404
    return province


def _indicator_or_404(province: OrgUnit, pk: int) -> Indicator:
    indicator = services.indicators_of(province).filter(pk=pk).first()
    if indicator is None:
        raise Http404
    return indicator


def _grants_of(province: OrgUnit) -> Any:
    """The reading rights the province gave (to its own agencies); another province's
    rights on a shared indicator are not its to see or withdraw."""
    return IndicatorGrant.objects.filter(agency__in=OrgUnit.objects.subtree_of(province))


def _refuse(form: forms.Form, error: services.IndicatorError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _post(request: HttpRequest, action: str) -> Any:
    return (
        request.POST if request.method == "POST" and request.POST.get("action") == action else None
    )


def _confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirm") == "yes"


def _confirm(
    request: HttpRequest,
    indicator: Indicator,
    question: str,
    action: str,
    hidden: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page that asks before a delete: the same button again, confirmed, or back."""
    context = {
        "indicator": indicator,
        "question": question,
        "action": action,
        "hidden": (hidden or {}).items(),
    }
    return render(request, "reports/indicators/confirm.html", context)


# -- pages ------------------------------------------------------------------------------


@login_required
def indicator_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    province = _province_or_404(user)
    form = IndicatorForm(_post(request, "add"))
    if form.is_bound and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            made = services.indicator_create(province=province, user=user, **data)
        except services.IndicatorError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The indicator %(code)s is added.") % {"code": made.code})
            return redirect("reports:indicator", made.pk)
    indicators = services.indicators_of(province).prefetch_related(
        Prefetch("targets", queryset=services.targets_of(province)),
        Prefetch("grants", queryset=_grants_of(province)),
    )
    context = {"province": province, "indicators": indicators, "form": form}
    return render(
        request, "reports/indicators/list.html", context, status=400 if form.errors else 200
    )


def _delete_indicator(request: AuthenticatedHttpRequest, indicator: Indicator) -> HttpResponse:
    refused = services.deletion_refused(indicator)
    if refused:
        messages.error(request, refused)
        return redirect("reports:indicator", indicator.pk)
    if not _confirmed(request):
        question = _(CONFIRM_INDICATOR) % {"code": indicator.code, "name": indicator.name}
        return _confirm(request, indicator, question, "delete")
    services.indicator_delete(indicator=indicator, user=request.user)
    messages.success(request, _("The indicator is deleted."))
    return redirect("reports:indicators")


def _delete_target(
    request: AuthenticatedHttpRequest, province: OrgUnit, indicator: Indicator
) -> HttpResponse:
    target = (
        services.targets_of(province)
        .filter(indicator=indicator, pk=posted_id(request, "target"))
        .first()
    )
    if target is None:
        raise Http404
    if scope.can_change_content_of(request.user, target.province_id) and not _confirmed(request):
        question = _(CONFIRM_TARGET) % {
            "year": target.year,
            "code": indicator.code,
            "source": target.source,
        }
        return _confirm(request, indicator, question, "target_delete", {"target": target.pk})
    services.target_delete(target=target, user=request.user)
    messages.success(request, _("The target is deleted."))
    return redirect("reports:indicator", indicator.pk)


def _add_target(
    request: AuthenticatedHttpRequest, province: OrgUnit, indicator: Indicator, data: Any
) -> None:
    services.target_add(
        indicator=indicator,
        province=province,
        user=request.user,
        target=services.TargetInput(
            data["year"],
            data["value"],
            data["source"],
            data["in_force_from"],
            data.get("national", False),
        ),
    )
    messages.success(request, _("The target is added."))


def _indicator_actions(
    request: AuthenticatedHttpRequest,
    province: OrgUnit,
    indicator: Indicator,
    forms_: dict[str, forms.Form],
) -> HttpResponse | None:
    """Run the posted action; a response when done, None to re-render with errors."""
    user = request.user
    action = request.POST.get("action", "")
    try:
        if action == "edit" and forms_["edit"].is_valid():
            services.indicator_update(indicator=indicator, user=user, **forms_["edit"].cleaned_data)
            messages.success(request, _("The indicator is saved."))
        elif action in ("retire", "restore"):
            services.indicator_set_active(
                indicator=indicator, user=user, active=action == "restore"
            )
            messages.success(
                request,
                _("The indicator is retired.")
                if action == "retire"
                else _("The indicator is in use again."),
            )
        elif action == "delete":
            return _delete_indicator(request, indicator)
        elif action == "target" and forms_["target"].is_valid():
            _add_target(request, province, indicator, forms_["target"].cleaned_data)
        elif action == "target_delete":
            return _delete_target(request, province, indicator)
        elif action == "grant" and forms_["grant"].is_valid():
            services.grant_add(
                indicator=indicator,
                agency=forms_["grant"].cleaned_data["agency"],
                province=province,
                user=user,
            )
            messages.success(request, _("The reading right is given."))
        elif action == "grant_remove":
            grant = (
                _grants_of(province)
                .filter(indicator=indicator, pk=posted_id(request, "grant"))
                .first()
            )
            if grant is None:
                raise Http404
            services.grant_remove(grant=grant, user=user)
            messages.success(request, _("The reading right is withdrawn."))
        else:
            return None
    except services.IndicatorError as error:
        form = forms_.get(action)
        if form is None:
            messages.error(request, error.message)
            return redirect("reports:indicator", indicator.pk)
        _refuse(form, error)
        return None
    return redirect("reports:indicator", indicator.pk)


def _forms(
    request: AuthenticatedHttpRequest, province: OrgUnit, indicator: Indicator, *, locked: bool
) -> dict[str, forms.Form]:
    user = request.user
    initial = {name: getattr(indicator, name) for name in IndicatorForm.base_fields}
    return {
        "edit": IndicatorForm(
            _post(request, "edit"),
            initial=initial,
            editing=True,
            locked=services.LOCKED_IN_USE if locked else (),
            read_only=not scope.can_change_content_of(user, indicator.province_id),
            prefix="i",
        ),
        "target": TargetForm(
            _post(request, "target"), national=scope.can_change_shared_content(user), prefix="t"
        ),
        "grant": GrantForm(_post(request, "grant"), province=province, prefix="g"),
    }


@login_required
def indicator_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    province = _province_or_404(user)
    indicator = _indicator_or_404(province, pk)
    locked = services.in_use(indicator)
    forms_ = _forms(request, province, indicator, locked=locked)
    if request.method == "POST":
        done = _indicator_actions(request, province, indicator, forms_)
        if done is not None:
            return done
    targets: list[Target] = list(
        services.targets_of(province).filter(indicator=indicator).select_related("province")
    )
    context = {
        "province": province,
        "indicator": indicator,
        "own": indicator.province_id == province.pk,
        "can_change": scope.can_change_content_of(user, indicator.province_id),
        "shared_note": _(services.SHARED_READ_ONLY),
        "locked": locked,
        "delete_refused": services.deletion_refused(indicator),
        "targets": [(t, scope.can_change_content_of(user, t.province_id)) for t in targets],
        "grants": _grants_of(province)
        .filter(indicator=indicator)
        .select_related("agency")
        .order_by("agency__code"),
        "edit_form": forms_["edit"],
        "target_form": forms_["target"],
        "grant_form": forms_["grant"],
        "history": indicator_history(indicator=indicator, province=province),
    }
    failed = any(f.errors for f in forms_.values())
    return render(request, "reports/indicators/detail.html", context, status=400 if failed else 200)


@login_required
def rule_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    province = _province_or_404(user)
    form = RuleForm(_post(request, "add"))
    if form.is_bound and form.is_valid():
        try:
            services.rule_add(province=province, user=user, **form.cleaned_data)
        except services.IndicatorError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The rule is added."))
            return redirect("reports:rules")
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action in ("retire", "restore"):
        rule = ValidationRule.objects.filter(
            province=province, pk=posted_id(request, "rule")
        ).first()
        if rule is None:
            raise Http404
        services.rule_set_active(rule=rule, user=user, active=action == "restore")
        messages.success(request, _("The rule is saved."))
        return redirect("reports:rules")
    context = {
        "province": province,
        "rules": ValidationRule.objects.filter(province=province).order_by("-active", "id"),
        "codes": services.indicators_of(province, active_only=True),
        "form": form,
    }
    return render(
        request, "reports/indicators/rules.html", context, status=400 if form.errors else 200
    )
