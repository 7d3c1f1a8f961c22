"""The province's indicators page: indicators, their targets, validation rules and grants.

For the standing unit (and the administrator); everyone else gets 404. What every
province shares (the content pack's indicators, national targets) is shown read-only to a
province; a delete asks to be confirmed on a page of its own (no JavaScript needed).
Each page is one GET view; each of its forms and buttons posts to a view of its own, which
shows the page again (through the page's one helper) when what was posted is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.indicators.models import Indicator, IndicatorGrant, Target, ValidationRule
from xhht.orgunits.models import OrgUnit
from xhht.reports import indicators as services
from xhht.reports.indicator_forms import GrantForm, IndicatorForm, RuleForm, TargetForm
from xhht.reports.indicator_history import indicator_history
from xhht.reports.views.posted import posted_id

CONFIRM_INDICATOR = gettext_noop("Delete the indicator %(code)s — %(name)s?")
CONFIRM_TARGET = gettext_noop("Delete the %(year)s target of %(code)s set by %(source)s?")

# What a form of an indicator's page does with its cleaned data: the message to show.
FormRun = Callable[[OrgUnit, Indicator, dict[str, Any]], str]
# What a button of an indicator's page does: the response.
ButtonRun = Callable[[OrgUnit, Indicator], HttpResponse]


# -- helpers ----------------------------------------------------------------------------


def _province_or_404(user: User) -> OrgUnit:
    province = scope.campaign_root(user)
    if province is None:
        raise Http404
    return province


def _indicator_or_404(user: User, pk: int) -> tuple[OrgUnit, Indicator]:
    """The user's province and its indicator `pk` (the content pack's or its own)."""
    province = _province_or_404(user)
    indicator = services.indicators_of(province).filter(pk=pk).first()
    if indicator is None:
        raise Http404
    return province, indicator


def _grants_of(province: OrgUnit) -> QuerySet[IndicatorGrant]:
    """The reading rights the province gave (to its own agencies); another province's
    rights on a shared indicator are not its to see or withdraw."""
    return IndicatorGrant.objects.filter(agency__in=OrgUnit.objects.subtree_of(province))


def _refuse(form: forms.Form, error: services.IndicatorError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _confirmed(request: HttpRequest) -> bool:
    return request.POST.get("confirm") == "yes"


def _confirm(
    request: HttpRequest,
    indicator: Indicator,
    question: str,
    url: str,
    hidden: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page that asks before a delete: the same button again, confirmed, or back."""
    context = {
        "indicator": indicator,
        "question": question,
        "url": url,
        "hidden": (hidden or {}).items(),
    }
    return render(request, "reports/indicators/confirm.html", context)


# -- the list ---------------------------------------------------------------------------


def _list_page(
    request: AuthenticatedHttpRequest, province: OrgUnit, form: IndicatorForm
) -> HttpResponse:
    """The list with the form to add one (400 when it holds refused input)."""
    indicators = services.indicators_of(province).prefetch_related(
        Prefetch("targets", queryset=services.targets_of(province)),
        Prefetch("grants", queryset=_grants_of(province)),
    )
    context = {"province": province, "indicators": indicators, "form": form}
    return render(
        request, "reports/indicators/list.html", context, status=400 if form.errors else 200
    )


@login_required
@require_GET
def indicator_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    province = _province_or_404(request.user)
    return _list_page(request, province, IndicatorForm())


@login_required
@require_POST
def indicator_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    province = _province_or_404(request.user)
    form = IndicatorForm(request.POST)
    if form.is_valid():
        try:
            made = services.indicator_create(
                province=province, user=request.user, **form.cleaned_data
            )
        except services.IndicatorError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The indicator %(code)s is added.") % {"code": made.code})
            return redirect("reports:indicator", made.pk)
    return _list_page(request, province, form)


# -- one indicator ----------------------------------------------------------------------


@dataclass(frozen=True)
class _DetailForms:
    """The forms of an indicator's page: its definition, a new target, a new reading right."""

    edit: IndicatorForm
    target: TargetForm
    grant: GrantForm

    def named(self, name: str) -> forms.Form:
        form: forms.Form = getattr(self, name)
        return form

    def failed(self) -> bool:
        return any(f.errors for f in (self.edit, self.target, self.grant))


def _detail_forms(
    request: AuthenticatedHttpRequest, province: OrgUnit, indicator: Indicator, bound: str = ""
) -> _DetailForms:
    """The page's forms; the one named `bound` holds what was posted."""
    user = request.user

    def data(name: str) -> Any:
        return request.POST if name == bound else None

    initial = {name: getattr(indicator, name) for name in IndicatorForm.base_fields}
    return _DetailForms(
        edit=IndicatorForm(
            data("edit"),
            initial=initial,
            editing=True,
            locked=services.LOCKED_IN_USE if services.in_use(indicator) else (),
            read_only=not scope.can_change_content_of(user, indicator.province_id),
            prefix="i",
        ),
        target=TargetForm(
            data("target"), national=scope.can_change_shared_content(user), prefix="t"
        ),
        grant=GrantForm(data("grant"), province=province, prefix="g"),
    )


def _detail_page(
    request: AuthenticatedHttpRequest, province: OrgUnit, indicator: Indicator, forms_: _DetailForms
) -> HttpResponse:
    """An indicator's page with `forms_` (400 when one holds refused input)."""
    user = request.user
    targets: list[Target] = list(
        services.targets_of(province).filter(indicator=indicator).select_related("province")
    )
    context = {
        "province": province,
        "indicator": indicator,
        "own": indicator.province_id == province.pk,
        "can_change": scope.can_change_content_of(user, indicator.province_id),
        "shared_note": _(services.SHARED_READ_ONLY),
        "locked": bool(forms_.edit.locked),
        "delete_refused": services.deletion_refused(indicator),
        "targets": [(t, scope.can_change_content_of(user, t.province_id)) for t in targets],
        "grants": _grants_of(province)
        .filter(indicator=indicator)
        .select_related("agency")
        .order_by("agency__code"),
        "edit_form": forms_.edit,
        "target_form": forms_.target,
        "grant_form": forms_.grant,
        "history": indicator_history(indicator=indicator, province=province),
    }
    status = 400 if forms_.failed() else 200
    return render(request, "reports/indicators/detail.html", context, status=status)


def _detail_submit(
    request: AuthenticatedHttpRequest, pk: int, name: str, run: FormRun
) -> HttpResponse:
    """Post the page's form `name`: once valid, `run` it and go back to the page with its
    message; refused, the page again with the form's errors beside what was typed."""
    province, indicator = _indicator_or_404(request.user, pk)
    forms_ = _detail_forms(request, province, indicator, bound=name)
    form = forms_.named(name)
    if form.is_valid():
        try:
            message = run(province, indicator, form.cleaned_data)
        except services.IndicatorError as error:
            _refuse(form, error)
        else:
            messages.success(request, message)
            return redirect("reports:indicator", indicator.pk)
    return _detail_page(request, province, indicator, forms_)


def _detail_button(request: AuthenticatedHttpRequest, pk: int, run: ButtonRun) -> HttpResponse:
    """Press a button of the page: `run`'s response, or the refusal as a message on the page."""
    province, indicator = _indicator_or_404(request.user, pk)
    try:
        return run(province, indicator)
    except services.IndicatorError as error:
        messages.error(request, error.message)
        return redirect("reports:indicator", indicator.pk)


def _done(request: HttpRequest, indicator: Indicator, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("reports:indicator", indicator.pk)


@login_required
@require_GET
def indicator_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    province, indicator = _indicator_or_404(request.user, pk)
    return _detail_page(request, province, indicator, _detail_forms(request, province, indicator))


@login_required
@require_POST
def indicator_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(province: OrgUnit, indicator: Indicator, data: dict[str, Any]) -> str:
        services.indicator_update(indicator=indicator, user=request.user, **data)
        return _("The indicator is saved.")

    return _detail_submit(request, pk, "edit", run)


def _set_active(request: AuthenticatedHttpRequest, pk: int, *, active: bool) -> HttpResponse:
    def run(province: OrgUnit, indicator: Indicator) -> HttpResponse:
        services.indicator_set_active(indicator=indicator, user=request.user, active=active)
        done = _("The indicator is in use again.") if active else _("The indicator is retired.")
        return _done(request, indicator, done)

    return _detail_button(request, pk, run)


@login_required
@require_POST
def indicator_retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=False)


@login_required
@require_POST
def indicator_restore(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _set_active(request, pk, active=True)


@login_required
@require_POST
def indicator_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Asks first; an indicator with figures or in a template is refused with the reason."""

    def run(province: OrgUnit, indicator: Indicator) -> HttpResponse:
        refused = services.deletion_refused(indicator)
        if refused:
            raise services.IndicatorError(refused)
        if not _confirmed(request):
            question = _(CONFIRM_INDICATOR) % {"code": indicator.code, "name": indicator.name}
            url = reverse("reports:indicator_delete", args=[indicator.pk])
            return _confirm(request, indicator, question, url)
        services.indicator_delete(indicator=indicator, user=request.user)
        messages.success(request, _("The indicator is deleted."))
        return redirect("reports:indicators")

    return _detail_button(request, pk, run)


@login_required
@require_POST
def target_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(province: OrgUnit, indicator: Indicator, data: dict[str, Any]) -> str:
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
        return _("The target is added.")

    return _detail_submit(request, pk, "target", run)


@login_required
@require_POST
def target_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The posted `target`: asks first where the user may delete it; a national target is
    refused to a province with the reason."""

    def run(province: OrgUnit, indicator: Indicator) -> HttpResponse:
        target = (
            services.targets_of(province)
            .filter(indicator=indicator, pk=posted_id(request, "target"))
            .first()
        )
        if target is None:
            raise Http404
        if scope.can_change_content_of(request.user, target.province_id) and not _confirmed(
            request
        ):
            question = _(CONFIRM_TARGET) % {
                "year": target.year,
                "code": indicator.code,
                "source": target.source,
            }
            url = reverse("reports:target_delete", args=[indicator.pk])
            return _confirm(request, indicator, question, url, {"target": target.pk})
        services.target_delete(target=target, user=request.user)
        return _done(request, indicator, _("The target is deleted."))

    return _detail_button(request, pk, run)


@login_required
@require_POST
def grant_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def run(province: OrgUnit, indicator: Indicator, data: dict[str, Any]) -> str:
        services.grant_add(
            indicator=indicator, agency=data["agency"], province=province, user=request.user
        )
        return _("The reading right is given.")

    return _detail_submit(request, pk, "grant", run)


@login_required
@require_POST
def grant_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Withdraw the posted `grant`, one the province gave."""

    def run(province: OrgUnit, indicator: Indicator) -> HttpResponse:
        grant = (
            _grants_of(province).filter(indicator=indicator, pk=posted_id(request, "grant")).first()
        )
        if grant is None:
            raise Http404
        services.grant_remove(grant=grant, user=request.user)
        return _done(request, indicator, _("The reading right is withdrawn."))

    return _detail_button(request, pk, run)


# -- validation rules -------------------------------------------------------------------


def _rules_page(
    request: AuthenticatedHttpRequest, province: OrgUnit, form: RuleForm
) -> HttpResponse:
    """The province's rules with the form to add one (400 when it holds refused input)."""
    context = {
        "province": province,
        "rules": ValidationRule.objects.filter(province=province).order_by("-active", "id"),
        "codes": services.indicators_of(province, active_only=True),
        "form": form,
    }
    return render(
        request, "reports/indicators/rules.html", context, status=400 if form.errors else 200
    )


@login_required
@require_GET
def rule_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    province = _province_or_404(request.user)
    return _rules_page(request, province, RuleForm())


@login_required
@require_POST
def rule_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    province = _province_or_404(request.user)
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            services.rule_add(province=province, user=request.user, **form.cleaned_data)
        except services.IndicatorError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The rule is added."))
            return redirect("reports:rules")
    return _rules_page(request, province, form)


def _rule_set_active(request: AuthenticatedHttpRequest, *, active: bool) -> HttpResponse:
    """Retire or bring back the posted `rule` of the user's province."""
    province = _province_or_404(request.user)
    rule = ValidationRule.objects.filter(province=province, pk=posted_id(request, "rule")).first()
    if rule is None:
        raise Http404
    services.rule_set_active(rule=rule, user=request.user, active=active)
    messages.success(request, _("The rule is saved."))
    return redirect("reports:rules")


@login_required
@require_POST
def rule_retire(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _rule_set_active(request, active=False)


@login_required
@require_POST
def rule_restore(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _rule_set_active(request, active=True)
