"""The province's indicators page: indicators, their targets, validation rules and grants.

For the standing unit (and the administrator); everyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports import indicators as services
from xhht.reports.models import Indicator, IndicatorGrant, IndicatorKind, ValidationRule

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
LEVEL_CHOICES = [
    (Level.COMMUNE.value, Level.COMMUNE.label),
    (Level.DISTRICT.value, Level.DISTRICT.label),
    (Level.AGENCY.value, Level.AGENCY.label),
]


class IndicatorForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=40,
        help_text=gettext_lazy("Capital letters, digits and “_”; used in validation rules."),
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
        label=gettext_lazy("Unit"),
        max_length=40,
        required=False,
        help_text=gettext_lazy("“%” for a percentage; “người”, “lớp”… for a count."),
    )
    order = forms.IntegerField(label=gettext_lazy("Order"), min_value=0, initial=500)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["code"]


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


class RuleForm(forms.Form):
    left = forms.CharField(
        label=gettext_lazy("Left side"),
        max_length=80,
        help_text=gettext_lazy(
            "CODE, CODE.value, CODE.denominator, CODE.baseline, "
            "CODE.baseline_denominator or a number."
        ),
    )
    operator = forms.ChoiceField(
        label=gettext_lazy("Operator"), choices=ValidationRule.Operator.choices
    )
    right = forms.CharField(label=gettext_lazy("Right side"), max_length=80)
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


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


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


def _refuse(form: forms.Form, error: services.IndicatorError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _post(request: HttpRequest, action: str) -> Any:
    return (
        request.POST if request.method == "POST" and request.POST.get("action") == action else None
    )


# -- pages ------------------------------------------------------------------------------


@login_required
def indicator_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
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
    context = {
        "province": province,
        "indicators": services.indicators_of(province).prefetch_related("targets", "grants"),
        "form": form,
    }
    return render(
        request, "reports/indicators/list.html", context, status=400 if form.errors else 200
    )


def _indicator_actions(
    request: HttpRequest, province: OrgUnit, indicator: Indicator, forms_: dict[str, forms.Form]
) -> HttpResponse | None:
    """Run the posted action; a redirect when done, None to re-render with errors."""
    user = _user(request)
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
            services.indicator_delete(indicator=indicator, user=user)
            messages.success(request, _("The indicator is deleted."))
            return redirect("reports:indicators")
        elif action == "target" and forms_["target"].is_valid():
            data = forms_["target"].cleaned_data
            services.target_add(
                indicator=indicator,
                province=province,
                user=user,
                target=services.TargetInput(
                    data["year"],
                    data["value"],
                    data["source"],
                    data["in_force_from"],
                    data["national"],
                ),
            )
            messages.success(request, _("The target is added."))
        elif action == "target_delete":
            target = (
                services.targets_of(province)
                .filter(indicator=indicator, pk=request.POST.get("target", "0") or 0)
                .first()
            )
            if target is None:
                raise Http404
            services.target_delete(target=target, user=user)
            messages.success(request, _("The target is deleted."))
        elif action == "grant" and forms_["grant"].is_valid():
            services.grant_add(
                indicator=indicator,
                agency=forms_["grant"].cleaned_data["agency"],
                province=province,
                user=user,
            )
            messages.success(request, _("The reading right is given."))
        elif action == "grant_remove":
            grant = IndicatorGrant.objects.filter(
                indicator=indicator, pk=request.POST.get("grant", "0") or 0
            ).first()
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


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    province = _province_or_404(user)
    indicator = _indicator_or_404(province, pk)
    initial = {name: getattr(indicator, name) for name in IndicatorForm.base_fields}
    forms_: dict[str, forms.Form] = {
        "edit": IndicatorForm(_post(request, "edit"), initial=initial, editing=True, prefix="i"),
        "target": TargetForm(_post(request, "target"), prefix="t"),
        "grant": GrantForm(_post(request, "grant"), province=province, prefix="g"),
    }
    if indicator.province_id is None:
        for name, field in forms_["edit"].fields.items():
            field.disabled = name != "order"  # the pack's definition is shared
    if request.method == "POST":
        done = _indicator_actions(request, province, indicator, forms_)
        if done is not None:
            return done
    context = {
        "province": province,
        "indicator": indicator,
        "own": indicator.province_id == province.pk,
        "has_values": services.has_values(indicator),
        "targets": services.targets_of(province)
        .filter(indicator=indicator)
        .select_related("province"),
        "grants": indicator.grants.select_related("agency").order_by("agency__code"),
        "edit_form": forms_["edit"],
        "target_form": forms_["target"],
        "grant_form": forms_["grant"],
    }
    failed = any(f.errors for f in forms_.values())
    return render(request, "reports/indicators/detail.html", context, status=400 if failed else 200)


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
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
            province=province, pk=request.POST.get("rule", "0") or 0
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
