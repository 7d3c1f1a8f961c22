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
    PlanForm,
    RuleFormSet,
    UploadForm,
    plan_from_forms,
    plan_initial,
)
from xhht.campaigns.directive_selectors import agencies_of, directives_for, plan_preview
from xhht.campaigns.directives import (
    DirectiveError,
    directive_create,
    directive_plan_save,
    directive_publish,
)
from xhht.campaigns.planning import Plan
from xhht.campaigns.services import CampaignError, plan_check
from xhht.directives.models import Directive
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
        messages.error(request, _("Some fields need correcting: see the messages beside them."))
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
    if request.method == "POST" and not problems:
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
        "preview": plan_preview(plan, directive.root),
    }
    return render(request, "directives/publish.html", context)
