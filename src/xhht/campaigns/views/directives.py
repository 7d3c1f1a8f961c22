"""Upload a directive, review what was read beside its text, publish the campaign."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns.directive_forms import (
    BodyFormSet,
    ErrorLink,
    PlanForm,
    PublishForm,
    RuleFormSet,
    UploadForm,
    WithdrawForm,
    error_summary,
    plan_from_forms,
    plan_initial,
)
from xhht.campaigns.directive_selectors import (
    agencies_of,
    directives_for,
    duplicates_of,
    overdue_at_once,
    plan_preview,
)
from xhht.campaigns.directives import (
    DirectiveError,
    directive_create,
    directive_plan_save,
    directive_publish,
)
from xhht.campaigns.models import Campaign
from xhht.campaigns.planning import Plan
from xhht.campaigns.services import CampaignError, plan_check
from xhht.campaigns.withdrawal import WithdrawError, campaign_withdraw, may_withdraw
from xhht.directives.models import Directive
from xhht.kernel.clock import today
from xhht.orgunits.models import OrgUnit


def _root_for(user: User) -> OrgUnit:
    """The province a user may start campaigns for."""
    root = scope.campaign_root(user)
    if root is None:
        raise Http404
    return root


def _directive_or_404(user: User, pk: int) -> Directive:
    directive = directives_for(user).filter(pk=pk).first()
    if directive is None:
        raise Http404
    return directive


@login_required
def directive_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    root = _root_for(user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            directive = directive_create(
                root=root,
                user=user,
                name=upload.name if upload else "",
                data=upload.read() if upload else None,
                text=form.cleaned_data.get("text") or "",
            )
        except DirectiveError as error:
            form.add_error("file" if upload else "text", str(error))
        else:
            messages.success(request, _("The directive was read. Check the plan, then publish it."))
            return redirect("campaigns:directive_review", directive.pk)
    context = {"form": form, "directives": directives_for(user), "root": root}
    return render(request, "directives/list.html", context)


def _forms(directive: Directive, data: Any = None) -> tuple[PlanForm, Any, Any]:
    plan = Plan.from_json(directive.plan)
    agencies = agencies_of(directive.root)
    head, rules, bodies = plan_initial(plan)
    return (
        PlanForm(data, initial=head, agencies=agencies),
        RuleFormSet(data, initial=rules, prefix="rules"),
        BodyFormSet(data, initial=bodies, prefix="bodies", form_kwargs={"agencies": agencies}),
    )


@login_required
def directive_review(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    directive = _directive_or_404(user, pk)
    if directive.status == Directive.Status.PUBLISHED:
        return render(request, "directives/published.html", {"directive": directive})
    head, rules, bodies = _forms(directive, request.POST if request.method == "POST" else None)
    errors: list[ErrorLink] = []
    if request.method == "POST":
        if head.is_valid() and rules.is_valid() and bodies.is_valid():
            plan = plan_from_forms(Plan.from_json(directive.plan), head, rules, bodies)
            try:
                directive_plan_save(directive=directive, plan=plan)
            except DirectiveError as error:
                messages.error(request, str(error))
                return redirect("campaigns:directive_review", directive.pk)
            if "publish" in request.POST:
                return redirect("campaigns:directive_publish", directive.pk)
            messages.success(request, _("The draft is saved."))
            return redirect("campaigns:directive_review", directive.pk)
        errors = error_summary(head, rules, bodies)
    plan = Plan.from_json(directive.plan)
    context = {
        "directive": directive,
        "plan": plan,
        "head": head,
        "rules": rules,
        "bodies": bodies,
        "body_rows": list(
            zip(bodies.forms, plan.bodies + [None] * len(bodies.forms), strict=False)
        ),
        "problems": plan_check(plan),
        "errors": errors,
        "duplicates": duplicates_of(directive),
        "parsed": directive.parsed,
    }
    return render(request, "directives/review.html", context)


@login_required
def directive_publish_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    directive = _directive_or_404(user, pk)
    if directive.status == Directive.Status.PUBLISHED:
        return redirect("campaigns:directive_review", directive.pk)
    plan = Plan.from_json(directive.plan)
    problems = plan_check(plan)
    preview = plan_preview(plan, directive.root, today())
    duplicates = duplicates_of(directive)
    overdue = overdue_at_once(preview)
    data = request.POST if request.method == "POST" else None
    form = PublishForm(data, warned=bool(duplicates or overdue))
    if request.method == "POST" and not problems and form.is_valid():
        try:
            campaign = directive_publish(directive=directive, user=user)
        except CampaignError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The campaign is published: %(count)d obligations were created.")
                % {"count": campaign.obligations.count()},
            )
            return redirect("campaigns:directive_review", directive.pk)
    context = {
        "directive": directive,
        "plan": plan,
        "problems": problems,
        "preview": preview,
        "duplicates": duplicates,
        "overdue": overdue,
        "today": today(),
        "form": form,
    }
    return render(request, "directives/publish.html", context)


@login_required
def campaign_withdraw_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask, then withdraw a published campaign of the province for good, with a reason."""
    user = request.user
    campaign = Campaign.objects.filter(pk=pk, root=_root_for(user)).select_related("root").first()
    if campaign is None or not may_withdraw(user, campaign):
        raise Http404
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and campaign.withdrawn_at is None:
        if not form.is_valid():
            context = {"campaign": campaign, "form": form}
            return render(request, "directives/withdraw.html", context, status=400)
        try:
            result = campaign_withdraw(
                campaign=campaign, user=user, reason=form.cleaned_data["reason"]
            )
        except WithdrawError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The campaign “%(title)s” is withdrawn; %(count)d units were told by mail.")
                % {"title": campaign.title, "count": len(result.mailed)},
            )
            if result.failed or result.no_address:
                messages.warning(
                    request,
                    _("%(count)d units could not be mailed: they see it on their work page.")
                    % {"count": len(result.failed) + len(result.no_address)},
                )
        return redirect("campaigns:withdraw", campaign.pk)
    return render(request, "directives/withdraw.html", {"campaign": campaign, "form": form})
