"""The receiver's side: the reports a unit receives from the units below it; the read view,
whose review steps each post to their own view (accept, confirmed; return, which also
reopens an accepted report; take back a registered report to correct it); and
registering a report that came on paper, by fax or otherwise."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.campaigns.models import Obligation
from xhht.kernel.clock import today
from xhht.reports import reading
from xhht.reports.editing import ReportError
from xhht.reports.forms import AcceptForm, RegisterForm, ReturnForm
from xhht.reports.models import Channel, Report, ReportStatus
from xhht.reports.services import (
    report_accept,
    report_register,
    report_registration_reopen,
    report_return,
)
from xhht.reports.validation import Problem, report_problems
from xhht.reports.views.report import CSS, read_context


@login_required
@require_GET
def received(request: AuthenticatedHttpRequest, campaign_pk: int) -> HttpResponse:
    """The reports of the units directly below a unit (the user's own by default; ?unit= for
    another the user may see), with status and both timeliness figures. A unit's draft and
    its leader step are its own business: they show as "not sent yet"."""
    user = request.user
    campaign = dashboards.campaign_or_404(user, campaign_pk)
    unit_pk = request.GET.get("unit", "")
    if unit_pk.isdigit():
        unit = scope.unit_or_404(user, int(unit_pk))
    elif user.unit is not None:
        unit = user.unit
    else:
        unit = campaign.root
    if not campaign.root.is_ancestor_of(unit):
        raise Http404
    status = request.GET.get("status", "")
    on = today()
    rows = []
    for o in reading.received_by(campaign, unit, status):
        report = getattr(o, "report", None)
        sent = report is not None and report.is_sent_up
        rows.append(
            {
                "obligation": o,
                "report": report,
                "sent": sent,
                # A draft is its unit's own: no link to it, unless this user enters it.
                "readable": report is None or reading.can_read(user, report),
                "state": o.state_on(on),
                "can_review": scope.can_review_work_of(user, o.unit),
            }
        )
    context = {
        "campaign": campaign,
        "unit": unit,
        "rows": rows,
        "status": status,
        "statuses": reading.received_statuses(),
        "today": on,
        "css": CSS,
    }
    return render(request, "reports/report/received.html", context)


def _reviewed(user: User, obligation_pk: int) -> tuple[Obligation, Report]:
    """The obligation and report the user reviews; 404 when there is no report yet or the
    user may not review the unit's work."""
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    report = reading.readable_report_of(user, obligation)
    if report is None or not scope.can_review_work_of(user, obligation.unit):
        raise Http404
    return obligation, report


def _review_page(
    request: AuthenticatedHttpRequest,
    obligation: Obligation,
    report: Report | None,
    *,
    accept_form: AcceptForm | None = None,
    return_form: ReturnForm | None = None,
) -> HttpResponse:
    """The read view with the review steps the user may take; a form given is one posted
    and refused, shown with its errors and what was typed."""
    user = request.user
    can_review = scope.can_review_work_of(user, obligation.unit)
    context = read_context(user, obligation, report)
    context.update(
        _review_context(
            report,
            can_review,
            AcceptForm() if accept_form is None else accept_form,
            ReturnForm() if return_form is None else return_form,
        )
    )
    return render(request, "reports/report/read.html", context)


def _review_context(
    report: Report | None, can_review: bool, accept_form: AcceptForm, return_form: ReturnForm
) -> dict[str, Any]:
    status = report.status if report is not None else ""
    problems: list[Problem] = []
    if can_review and report is not None and status == ReportStatus.SENT:
        problems = [p for p in report_problems(report) if not p.justified]
    return {
        "accept_form": accept_form,
        "return_form": return_form,
        "reviewing": can_review and status == ReportStatus.SENT,
        "reopening": can_review and status == ReportStatus.ACCEPTED,
        "correctable": can_review
        and status == ReportStatus.SENT
        and report is not None
        and report.channel != Channel.ONLINE,
        "accept_problems": problems,
        "return_mail": reading.return_mail(report)
        if can_review and report is not None and status == ReportStatus.RETURNED
        else None,
    }


@login_required
@require_GET
def review(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """Read a report; the unit above sees its review steps: accept it, return it with a
    reason, reopen an accepted one by returning it, take back one it registered."""
    obligation = reading.report_obligation_or_404(request.user, obligation_pk)
    return _review_page(request, obligation, reading.readable_report_of(request.user, obligation))


@login_required
@require_POST
def accept(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """Accept a sent report, confirmed by a tick and, when it has problems, a second one. A
    refusal (a report changed meanwhile) is said on the page."""
    obligation, report = _reviewed(request.user, obligation_pk)
    form = AcceptForm(request.POST)
    if form.is_valid():
        try:
            report_accept(
                report=report,
                user=request.user,
                despite_problems=form.cleaned_data["despite_problems"],
            )
        except ReportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The report is accepted."))
            return redirect("reports:review", obligation.pk)
    report.refresh_from_db()
    return _review_page(request, obligation, report, accept_form=form)


@login_required
@require_POST
def return_report(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """Return a sent report to its unit with a reason, or reopen an accepted one so. A
    refusal (a report changed since the page was shown) keeps the reason typed."""
    obligation, report = _reviewed(request.user, obligation_pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            report_return(
                report=report,
                user=request.user,
                reason=form.cleaned_data["reason"],
                shown_status=request.POST.get("shown", ""),
            )
        except ReportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The report is returned to its unit."))
            return redirect("reports:review", obligation.pk)
    report.refresh_from_db()
    return _review_page(request, obligation, report, return_form=form)


@login_required
@require_POST
def correct(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """The receiver takes back a report it registered, to enter or correct its figures."""
    obligation, report = _reviewed(request.user, obligation_pk)
    try:
        report_registration_reopen(report=report, user=request.user)
    except ReportError as error:
        messages.error(request, str(error))
        return redirect("reports:review", obligation.pk)
    # A draft again, it is the receiver's to correct on the unit's behalf, and so to read.
    reading.report_entered_by_reviewer(report=report, user=request.user)
    messages.info(
        request,
        _(
            "Enter or correct the report's text and figures and save them; then register it "
            "again as received (what was registered is filled in for you). It still counts "
            "as received on its first date."
        ),
    )
    return redirect("reports:report", obligation.pk)


def _register_initial(report: Report | None) -> dict[str, Any]:
    """A report registered before and taken back to correct: its registration again."""
    if report is None or not report.received_number:
        return {"received_on": today()}
    return {
        "channel": report.channel,
        "received_number": report.received_number,
        "received_on": report.last_sent_on or today(),
        "number": report.number,
        "signed_on": report.signed_on,
        "signer_name": report.signer_name,
        "signer_capacity": report.signer_capacity,
    }


@login_required
@require_http_methods(["GET", "POST"])
def register(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """The unit above registers a report it received on paper, by fax or another system."""
    user = request.user
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    if not scope.can_review_work_of(user, obligation.unit):
        raise Http404
    stored = reading.report_of(obligation)
    if stored is not None and stored.is_received:
        messages.info(request, _("This report is already received."))
        return redirect("reports:review", obligation.pk)
    # The unit's own draft stays its own: registering shows none of it.
    report = stored if stored is not None and reading.can_read(user, stored) else None
    form = RegisterForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=_register_initial(report),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report_register(
                obligation=obligation,
                user=user,
                channel=data["channel"],
                received_number=data["received_number"],
                received_on=data["received_on"],
                signature=form.signature(),
                scan=form.signed(),
            )
        except ReportError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The report of %(unit)s is registered as received.")
                % {"unit": obligation.unit.display_name},
            )
            return redirect("reports:review", obligation.pk)
    context = read_context(user, obligation, report)
    context.update(
        {
            "form": form,
            "has_figures": report is not None
            and report.values.filter(value__isnull=False).exists(),
            "has_scan": report is not None and report.attachments.exists(),
        }
    )
    return render(request, "reports/report/register.html", context)
