"""The level above's side of nominations: what the units below sent it, with their quotas,
timeliness, counts and duplicates; the review steps, each its own POST (accept, return,
reject, the authority's decision); and the list of accepted nominations as .xlsx."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.awards import selectors, services
from xhht.awards.export import XLSX, list_workbook
from xhht.awards.forms import DecisionForm, ReviewForm
from xhht.awards.models import Nomination, State
from xhht.awards.quotas import Use
from xhht.awards.views.nominations import nomination_page
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.kernel.clock import today
from xhht.orgunits.models import OrgUnit

# -- what the recipient received ----------------------------------------------------------


def _recipient_or_404(user: User, campaign_id: int) -> tuple[Campaign, OrgUnit]:
    """The campaign and the user's own unit, whose received nominations it reads: its
    officer, or the province's viewer; 404 for anyone else."""
    campaign = dashboards.campaign_or_404(user, campaign_id)
    unit = user.unit
    if unit is None or not campaign.root.is_ancestor_of(unit):
        raise Http404
    if not scope.can_read_received_by(user, unit):
        raise Http404
    return campaign, unit


@dataclass(frozen=True)
class Line:
    """A nomination as the list shows it, with the others that put the same one forward."""

    nomination: Nomination
    also_by: list[OrgUnit]


@dataclass
class Sender:
    """A unit that may nominate to the recipient: its quota's use, what it sent (in the
    state asked for) and its nomination obligation's timeliness, if it has one; the notes
    of its sendings are the row's."""

    row: selectors.FromUnit
    uses: list[Use]
    lines: list[Line]
    obligation: Obligation | None
    state: str = ""


def _individuals_first(nomination: Nomination) -> tuple[bool, int]:
    # The selectors order by the kind's value, which puts "collective" first.
    return (not nomination.is_individual, nomination.pk)


def _senders(
    campaign: Campaign, recipient: OrgUnit, state: str
) -> tuple[list[Sender], list[Nomination]]:
    """Every unit that may nominate to `recipient`, and all it received (unfiltered)."""
    rows = selectors.by_unit(campaign, recipient)
    received = [n for row in rows for n in row.nominations]
    others = selectors.duplicates(campaign, received)
    obligations = {
        o.unit_id: o
        for o in campaign.obligations.filter(
            deliverable=Deliverable.NOMINATION, unit__in=[row.unit for row in rows]
        )
    }
    on = today()
    senders = []
    for row in rows:
        obligation = obligations.get(row.unit.pk)
        senders.append(
            Sender(
                row=row,
                uses=[use for use in row.uses.values() if use.allowed or use.used],
                lines=[
                    Line(n, [other.unit for other in others.get(n.pk, [])])
                    for n in sorted(row.nominations, key=_individuals_first)
                    if not state or n.state == state
                ],
                obligation=obligation,
                state=obligation.state_on(on) if obligation else "",
            )
        )
    return senders, received


@login_required
@require_GET
def received(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """The nominations the user's unit received, by the unit that sent them (those that
    sent nothing yet included), with counts by unit and by field; ?state= narrows the
    lists to one state (an unknown state is ignored)."""
    user = request.user
    campaign, recipient = _recipient_or_404(user, campaign_id)
    state = request.GET.get("state", "")
    if state not in selectors.SEEN_ABOVE:
        state = ""
    senders, received = _senders(campaign, recipient, state)
    context = {
        "campaign": campaign,
        "unit": recipient,
        "senders": senders,
        "silent": [s.row.unit for s in senders if not s.row.sent_anything],
        "tally": selectors.tally(received),
        "state": state,
        "states": [(s.value, s.label) for s in selectors.SEEN_ABOVE],
        "can_review": scope.can_change_unit_work(user, recipient),
        "today": today(),
    }
    return render(request, "awards/received.html", context)


@login_required
@require_GET
def list_xlsx(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """The accepted nominations the user's unit received, as the .xlsx list it sends on."""
    campaign, recipient = _recipient_or_404(request.user, campaign_id)
    listed = selectors.province_list(campaign, recipient=recipient)
    response = HttpResponse(list_workbook(listed), content_type=XLSX)
    filename = f"nominations-{campaign.pk}-{recipient.code}-{today():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# -- the review steps, each its own POST --------------------------------------------------


def _reviewed_or_404(user: User, pk: int) -> Nomination:
    """A nomination the user's unit received and may review; 404 for any other."""
    nomination = scope.object_or_404(
        Nomination.objects.select_related("unit", "recipient", "campaign"), user, unit="unit", pk=pk
    )
    if not scope.can_change_unit_work(user, nomination.recipient):
        raise Http404
    return nomination


def _again(
    request: AuthenticatedHttpRequest,
    nomination: Nomination,
    *,
    review_form: ReviewForm | None = None,
    decision_form: DecisionForm | None = None,
) -> HttpResponse:
    """The nomination's page again, as it stands now, with the refused form as it was
    typed and its errors."""
    nomination.refresh_from_db()
    return nomination_page(
        request, nomination, review_form=review_form, decision_form=decision_form, status=400
    )


def _refusal(form: ReviewForm | DecisionForm, error: services.AwardsError) -> None:
    """The service's refusal on the form: on its field when the form has it."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _shown_state(request: AuthenticatedHttpRequest) -> str | None:
    """The state the page showed when the button was pressed; the service refuses a step
    on a nomination that has changed since."""
    shown = request.POST.get("shown_state", "")
    return shown if shown in State.values else None


@login_required
@require_POST
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Take a sent nomination onto the recipient's list."""
    nomination = _reviewed_or_404(request.user, pk)
    try:
        services.nomination_accept(
            nomination=nomination, user=request.user, shown_state=_shown_state(request)
        )
    except services.AwardsError as error:
        form = ReviewForm(request.POST)
        _refusal(form, error)
        return _again(request, nomination, review_form=form)
    messages.success(request, _("The nomination is accepted."))
    return redirect("awards:nomination", nomination.pk)


def _send_back(request: AuthenticatedHttpRequest, pk: int, *, reject: bool) -> HttpResponse:
    nomination = _reviewed_or_404(request.user, pk)
    form = ReviewForm(request.POST)
    # The form takes any reason; the service refuses an empty one.
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    step = services.nomination_reject if reject else services.nomination_return
    try:
        step(
            nomination=nomination,
            user=request.user,
            reason=reason,
            shown_state=_shown_state(request),
        )
    except services.AwardsError as error:
        _refusal(form, error)
        return _again(request, nomination, review_form=form)
    if reject:
        messages.success(
            request, _("The nomination is not put forward; its place in the quota is free.")
        )
    else:
        messages.success(request, _("The nomination is returned to its unit."))
    return redirect("awards:nomination", nomination.pk)


@login_required
@require_POST
def return_nomination(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Send a nomination back to its unit to correct, with a reason; it keeps its place."""
    return _send_back(request, pk, reject=False)


@login_required
@require_POST
def reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Do not put a nomination forward, with a reason; its place is free again."""
    return _send_back(request, pk, reject=True)


@login_required
@require_POST
def decision(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record what the competent authority decided on an accepted nomination."""
    nomination = _reviewed_or_404(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():  # a date not written dd/mm/yyyy, a text too long
        return _again(request, nomination, decision_form=form)
    try:
        services.decision_record(
            nomination=nomination, data=form.decision_input(), user=request.user
        )
    except services.AwardsError as error:
        _refusal(form, error)
        return _again(request, nomination, decision_form=form)
    messages.success(request, _("The decision is recorded."))
    return redirect("awards:nomination", nomination.pk)


urlpatterns = [
    path("campaigns/<int:campaign_id>/awards/received/", received, name="received"),
    path("campaigns/<int:campaign_id>/awards/list.xlsx", list_xlsx, name="list_xlsx"),
    path("awards/nominations/<int:pk>/accept/", accept, name="accept"),
    path("awards/nominations/<int:pk>/return/", return_nomination, name="return"),
    path("awards/nominations/<int:pk>/reject/", reject, name="reject"),
    path("awards/nominations/<int:pk>/decision/", decision, name="decision"),
]
