"""The standing unit's register of proposals: every proposal of a campaign by addressee and
status; it forwards them and records the answers. Others who see the province read it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.core.clock import today
from xhht.reports.forms import AnswerForm, ForwardForm
from xhht.reports.models import Proposal
from xhht.reports.proposals import (
    ProposalError,
    addressees,
    proposal_answer,
    proposal_forward,
    proposals_of_campaign,
)
from xhht.reports.views.report import CSS


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, campaign_pk: int) -> HttpResponse:
    user = _user(request)
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
            Proposal,
            pk=request.POST.get("proposal", "0") or 0,
            report__obligation__campaign=campaign,
        )
        action = request.POST.get("action", "")
        forward = ForwardForm(
            request.POST if action == "forward" else None, prefix=f"f{proposal.pk}"
        )
        answer = AnswerForm(request.POST if action == "answer" else None, prefix=f"a{proposal.pk}")
        form = forward if action == "forward" else answer
        if action in ("forward", "answer") and form.is_valid():
            try:
                if action == "forward":
                    proposal_forward(proposal=proposal, on=forward.cleaned_data["on"], user=user)
                    messages.success(request, _("The proposal is marked forwarded."))
                else:
                    proposal_answer(
                        proposal=proposal,
                        answer=answer.cleaned_data["answer"],
                        on=answer.cleaned_data["on"],
                        user=user,
                    )
                    messages.success(request, _("The answer is recorded."))
            except ProposalError as error:
                form.add_error(None, str(error))
            else:
                url = reverse("reports:proposals", args=[campaign.pk])
                query = request.GET.urlencode()
                return redirect(
                    f"{url}?{query}#proposal-{proposal.pk}"
                    if query
                    else f"{url}#proposal-{proposal.pk}"
                )
        failed[proposal.pk] = (forward, answer)
    rows = []
    for p in proposals_of_campaign(campaign, addressee=addressee, status=status):
        forward, answer = failed.get(
            p.pk,
            (
                ForwardForm(prefix=f"f{p.pk}", initial={"on": today()}),
                AnswerForm(prefix=f"a{p.pk}", initial={"on": today()}),
            ),
        )
        rows.append({"proposal": p, "forward": forward, "answer": answer})
    context = {
        "campaign": campaign,
        "rows": rows,
        "keeps": keeps,
        "addressees": list(addressees(campaign)),
        "to": addressee,
        "status": status,
        "statuses": Proposal.Status.choices,
        "css": CSS,
    }
    return render(request, "reports/report/proposals.html", context)
