"""Conference papers ("tham luận"): a unit proposes papers to the level above with their
file; the level above selects those of its conference programme, in order, and declines
the others. One page per unit; each button posts to a view of its own."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.awards import papers, selectors
from xhht.awards.forms import PaperDecisionForm, PaperForm, PaperMoveForm
from xhht.awards.models import Paper, PaperState
from xhht.awards.services import AwardsError
from xhht.campaigns import attachments, dashboards
from xhht.campaigns.models import Campaign
from xhht.orgunits.models import OrgUnit


def _paper_or_404(user: User, pk: int) -> Paper:
    return scope.object_or_404(
        Paper.objects.select_related("campaign", "unit", "recipient"), user, unit="unit", pk=pk
    )


def _received_or_404(user: User, pk: int) -> Paper:
    """A paper proposed to the user's own unit; 404 for anyone but its officers."""
    paper = _paper_or_404(user, pk)
    if not scope.can_change_unit_work(user, paper.recipient):
        raise Http404
    return paper


def _refuse(form: forms.Form, error: AwardsError) -> None:
    """Put the service's refusal on the field it names, or on the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _page_url(paper: Paper, anchor: str) -> str:
    return reverse("awards:papers", args=[paper.campaign_id]) + anchor


def _page(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    unit: OrgUnit,
    form: PaperForm | None = None,
) -> HttpResponse:
    """The unit's papers page; a proposal that was refused is shown as typed, with its errors."""
    own = list(selectors.papers_of(campaign, unit))
    receives = OrgUnit.objects.filter(parent=unit, obligations__campaign=campaign).exists()
    received = list(selectors.papers_received(campaign, unit)) if receives else []
    context = {
        "campaign": campaign,
        "unit": unit,
        "form": form or PaperForm(),
        "can_propose": unit.parent_id is not None
        and campaign.obligations.filter(unit=unit).exists(),
        "own": own,
        "withdrawable": {p.pk for p in own if p.state != PaperState.SELECTED},
        "receives": receives,
        "programme": [p for p in received if p.state == PaperState.SELECTED],
        "proposed": [p for p in received if p.state == PaperState.PROPOSED],
        "declined": [p for p in received if p.state == PaperState.DECLINED],
    }
    return render(request, "awards/papers.html", context)


@login_required
@require_GET
def papers_page(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """The unit's own proposed papers and, for a unit with units below it, those it received."""
    campaign, unit = dashboards.own_work_or_404(request.user, campaign_id)
    return _page(request, campaign, unit)


@login_required
@require_POST
def paper_propose(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Propose a paper, with its file, to the level above the user's unit."""
    campaign, unit = dashboards.own_work_or_404(request.user, campaign_id)
    form = PaperForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            paper = papers.paper_propose(
                campaign=campaign,
                unit=unit,
                data=form.paper(),
                upload=form.cleaned_data["file"],
                user=request.user,
            )
        except AwardsError as error:
            _refuse(form, error)
        else:
            messages.success(
                request,
                _("The paper “%(title)s” is proposed to %(unit)s.")
                % {"title": paper.title, "unit": paper.recipient.display_name},
            )
            return redirect(_page_url(paper, "#own"))
    return _page(request, campaign, unit, form)


@login_required
@require_http_methods(["GET", "POST"])
def paper_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask, then take back a paper the user's unit proposed and that is not selected."""
    user = request.user
    paper = _paper_or_404(user, pk)
    if not scope.can_change_unit_work(user, paper.unit):
        raise Http404
    if request.method == "POST":
        try:
            papers.paper_withdraw(paper=paper, user=user)
        except AwardsError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The paper “%(title)s” is withdrawn.") % {"title": paper.title}
            )
        return redirect(_page_url(paper, "#own"))
    context = {
        "paper": paper,
        "selected": paper.state == PaperState.SELECTED,
    }
    return render(request, "awards/paper_withdraw.html", context)


@login_required
@require_POST
def paper_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Select a paper received for the programme (placed last), decline it, or put it back."""
    paper = _received_or_404(request.user, pk)
    form = PaperDecisionForm(request.POST)
    if not form.is_valid():
        raise Http404  # a hand-made request: the buttons post a valid state
    try:
        papers.paper_decide(
            paper=paper,
            state=form.cleaned_data["state"],
            shown_state=form.cleaned_data["shown_state"] or None,
            user=request.user,
        )
    except AwardsError as error:
        messages.error(request, error.message)
    return redirect(_page_url(paper, "#received"))


@login_required
@require_POST
def paper_move(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Move a selected paper one place up or down the programme."""
    paper = _received_or_404(request.user, pk)
    form = PaperMoveForm(request.POST)
    if not form.is_valid():
        raise Http404
    papers.paper_move(paper=paper, up=form.cleaned_data["direction"] == "up", user=request.user)
    return redirect(_page_url(paper, "#programme"))


@login_required
@require_GET
def paper_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """A paper's file, for the proposing unit and the units above it; 404 for others."""
    paper = _paper_or_404(request.user, pk)
    return attachments.attachment_response(
        file=paper.file, content_type=paper.content_type, name=paper.original_name
    )


urlpatterns = [
    path("campaigns/<int:campaign_id>/papers/", papers_page, name="papers"),
    path("campaigns/<int:campaign_id>/papers/propose/", paper_propose, name="paper_propose"),
    path("papers/<int:pk>/withdraw/", paper_withdraw, name="paper_withdraw"),
    path("papers/<int:pk>/decide/", paper_decide, name="paper_decide"),
    path("papers/<int:pk>/move/", paper_move, name="paper_move"),
    path("papers/<int:pk>/file/", paper_file, name="paper_file"),
]
