"""The standing unit's register of proposals: every proposal of a campaign's sent reports by
addressee and status; it forwards them and records (and corrects) the answers. Others who
see the province read it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.campaigns.forms import date_field
from xhht.kernel.clock import today
from xhht.reports.models import Proposal
from xhht.reports.proposals import (
    ProposalError,
    proposal_answer,
    proposal_forward,
    proposals_of_campaign,
    register_addressees,
)
from xhht.reports.views.posted import posted_id

ACTIONS = ("forward", "answer")


class ForwardForm(forms.Form):
    on = date_field(gettext_lazy("Forwarded on"))


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Write the answer received.")},
    )
    on = date_field(gettext_lazy("Answered on"))


def _forms(p: Proposal) -> tuple[ForwardForm, AnswerForm]:
    answer_initial = {"answer": p.answer, "on": p.answered_on or today()}
    return (
        ForwardForm(prefix=f"f{p.pk}", initial={"on": today()}),
        AnswerForm(prefix=f"a{p.pk}", initial=answer_initial),
    )


def _act(
    request: HttpRequest, user: User, proposal: Proposal, action: str
) -> tuple[ForwardForm, AnswerForm] | None:
    """Forward or answer; None when done, else the forms with their errors."""
    forward = ForwardForm(request.POST if action == "forward" else None, prefix=f"f{proposal.pk}")
    answer = AnswerForm(request.POST if action == "answer" else None, prefix=f"a{proposal.pk}")
    form: forms.Form = forward if action == "forward" else answer
    if form.is_valid():
        try:
            if action == "forward":
                proposal_forward(proposal=proposal, on=forward.cleaned_data["on"], user=user)
                messages.success(request, _("The proposal is marked forwarded."))
            else:
                correcting = proposal.status == Proposal.Status.ANSWERED
                proposal_answer(
                    proposal=proposal,
                    answer=answer.cleaned_data["answer"],
                    on=answer.cleaned_data["on"],
                    user=user,
                )
                messages.success(
                    request,
                    _("The answer is corrected.") if correcting else _("The answer is recorded."),
                )
        except ProposalError as error:
            form.add_error(None, str(error))
        else:
            return None
    return forward, answer


@login_required
@require_http_methods(["GET", "POST"])
def register(request: AuthenticatedHttpRequest, campaign_pk: int) -> HttpResponse:
    user = request.user
    campaign = dashboards.campaign_or_404(user, campaign_pk)
    if not scope.can_see_unit(user, campaign.root):
        raise Http404
    keeps = scope.can_change_unit_work(user, campaign.root)
    addressee = request.GET.get("to", "")
    status = request.GET.get("status", "")
    failed: dict[int, tuple[ForwardForm, AnswerForm]] = {}
    if request.method == "POST":
        if not keeps:
            raise Http404
        proposal = get_object_or_404(
            proposals_of_campaign(campaign), pk=posted_id(request, "proposal")
        )
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            return HttpResponse(status=400)
        kept = _act(request, user, proposal, action)
        if kept is None:
            url = reverse("reports:proposals", args=[campaign.pk])
            query = request.GET.urlencode()
            return redirect(
                f"{url}?{query}#proposal-{proposal.pk}"
                if query
                else f"{url}#proposal-{proposal.pk}"
            )
        failed[proposal.pk] = kept
    rows = []
    for p in proposals_of_campaign(campaign, addressee=addressee, status=status):
        forward, answer = failed.get(p.pk) or _forms(p)
        rows.append({"proposal": p, "forward": forward, "answer": answer})
    context = {
        "campaign": campaign,
        "rows": rows,
        "keeps": keeps,
        "addressees": register_addressees(campaign),
        "to": addressee,
        "status": status,
        "statuses": Proposal.Status.choices,
    }
    return render(request, "reports/proposals/register.html", context)
