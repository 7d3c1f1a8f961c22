"""The standing unit's register of proposals: every proposal of a campaign's sent reports by
addressee and status. It forwards them and records (and corrects) the answers, each a POST
of its own; others who see the province read it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign
from xhht.kernel.clock import today
from xhht.reports.forms import AnswerForm, ForwardForm
from xhht.reports.models import Proposal
from xhht.reports.proposals import (
    ProposalError,
    proposal_answer,
    proposal_forward,
    proposals_of_campaign,
    register_addressees,
)

Forms = tuple[ForwardForm, AnswerForm]


def _register_of(user: User, campaign_pk: int) -> tuple[Campaign, bool]:
    """The campaign whose register the user reads, and whether the user keeps it."""
    campaign = dashboards.campaign_or_404(user, campaign_pk)
    if not scope.can_see_unit(user, campaign.root):
        raise Http404
    return campaign, scope.can_change_unit_work(user, campaign.root)


def _kept(user: User, campaign_pk: int, proposal_pk: int) -> tuple[Campaign, Proposal]:
    """A proposal of the register the user keeps; 404 for a reader of it, or a proposal not
    in it (another campaign's, or one of a report not sent)."""
    campaign, keeps = _register_of(user, campaign_pk)
    if not keeps:
        raise Http404
    return campaign, get_object_or_404(proposals_of_campaign(campaign), pk=proposal_pk)


def _forms(p: Proposal) -> Forms:
    answer_initial = {"answer": p.answer, "on": p.answered_on or today()}
    return (
        ForwardForm(prefix=f"f{p.pk}", initial={"on": today()}),
        AnswerForm(prefix=f"a{p.pk}", initial=answer_initial),
    )


def _register_page(
    request: AuthenticatedHttpRequest, campaign: Campaign, keeps: bool, failed: dict[int, Forms]
) -> HttpResponse:
    """The register, filtered by the query string; a proposal in `failed` shows the forms
    posted for it, with their errors and what was typed."""
    addressee = request.GET.get("to", "")
    status = request.GET.get("status", "")
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


def _back_to(request: AuthenticatedHttpRequest, campaign: Campaign, proposal: Proposal) -> str:
    """The register as it was filtered, at the proposal just changed."""
    url = reverse("reports:proposals", args=[campaign.pk])
    query = request.GET.urlencode()
    return f"{url}?{query}#proposal-{proposal.pk}" if query else f"{url}#proposal-{proposal.pk}"


@login_required
@require_GET
def register(request: AuthenticatedHttpRequest, campaign_pk: int) -> HttpResponse:
    campaign, keeps = _register_of(request.user, campaign_pk)
    return _register_page(request, campaign, keeps, {})


@login_required
@require_POST
def forward(request: AuthenticatedHttpRequest, campaign_pk: int, proposal_pk: int) -> HttpResponse:
    """Mark a proposal forwarded to the body it is addressed to, on the day given."""
    campaign, proposal = _kept(request.user, campaign_pk, proposal_pk)
    form = ForwardForm(request.POST, prefix=f"f{proposal.pk}")
    if form.is_valid():
        try:
            proposal_forward(proposal=proposal, on=form.cleaned_data["on"], user=request.user)
        except ProposalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The proposal is marked forwarded."))
            return redirect(_back_to(request, campaign, proposal))
    failed = {proposal.pk: (form, _forms(proposal)[1])}
    return _register_page(request, campaign, True, failed)


@login_required
@require_POST
def answer(request: AuthenticatedHttpRequest, campaign_pk: int, proposal_pk: int) -> HttpResponse:
    """Record the answer a forwarded proposal received, or correct the one recorded."""
    campaign, proposal = _kept(request.user, campaign_pk, proposal_pk)
    form = AnswerForm(request.POST, prefix=f"a{proposal.pk}")
    correcting = proposal.is_answered
    if form.is_valid():
        try:
            proposal_answer(
                proposal=proposal,
                answer=form.cleaned_data["answer"],
                on=form.cleaned_data["on"],
                user=request.user,
            )
        except ProposalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The answer is corrected.") if correcting else _("The answer is recorded."),
            )
            return redirect(_back_to(request, campaign, proposal))
    failed = {proposal.pk: (_forms(proposal)[0], form)}
    return _register_page(request, campaign, True, failed)
