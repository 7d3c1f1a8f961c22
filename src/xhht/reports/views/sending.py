"""Sending a unit's report up, signed, or passing it to the unit's leader first and taking
it back (the report itself: views/report.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns.models import Obligation
from xhht.kernel.clock import today
from xhht.reports import reading
from xhht.reports.editing import ReportError, report_open, report_preview
from xhht.reports.forms import SignatureForm
from xhht.reports.models import Report, ReportStatus
from xhht.reports.pending import (
    PendingFile,
    pending_drop,
    pending_keep,
    pending_of,
    pending_signed,
)
from xhht.reports.services import report_send, report_take_back, report_to_leader
from xhht.reports.validation import Problem, report_problems
from xhht.reports.views.report import base_context, refused


def _signature_initial(report: Report) -> dict[str, Any]:
    """The signer as last time; a report sent again is a new document, with its own number
    and date."""
    again = report.first_sent_on is not None
    return {
        "number": "" if again else report.number,
        "signed_on": today() if again else report.signed_on or today(),
        "signer_name": report.signer_name,
        "signer_capacity": report.signer_capacity,
    }


def _sent_by(user: User, obligation_pk: int) -> Obligation:
    """The obligation whose report the user sends or takes back; 404 for a user who may not
    enter the unit's work."""
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    if not scope.can_enter_work_of(user, obligation.unit):
        raise Http404
    return obligation


def _to_send(request: AuthenticatedHttpRequest, obligation: Obligation) -> Report | HttpResponse:
    """The report to send (the unit's own is started by a POST if it is not yet); or, when
    there is none that can be sent, where to go instead."""
    user = request.user
    report = reading.readable_report_of(user, obligation)
    if report is None:
        if obligation.unit_id != user.unit_id:
            return redirect("reports:report", obligation.pk)  # to start it on its behalf
        if request.method != "POST":
            with report_preview(obligation=obligation, user=user) as draft:
                form = SignatureForm(initial=_signature_initial(draft))
                return _send_page(request, obligation, draft, form)
        try:
            report = report_open(obligation=obligation, user=user)
        except ReportError as error:  # a withdrawn campaign starts no draft
            return refused(request, obligation, error)
    if not report.is_editable:
        messages.info(request, _("Only a draft or a returned report can be sent."))
        return redirect("reports:report", obligation.pk)
    return report


def _send_page(
    request: AuthenticatedHttpRequest,
    obligation: Obligation,
    report: Report,
    form: SignatureForm,
    problems: Sequence[Problem] | None = None,
    kept: PendingFile | None = None,
) -> HttpResponse:
    """The send form; before any sending is tried, it says what sending will need: the
    figures still missing or breaking a rule (a report's draft never saved has none)."""
    context = base_context(request.user, obligation, report)
    if problems is None:
        found = report_problems(report) if report.revision else []
        problems = [p for p in found if not p.justified]
    context.update(
        {
            "form": form,
            "problems": problems,
            "kept": kept,
            "can_pass_to_leader": report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED),
        }
    )
    return render(request, "reports/report/send.html", context)


def _kept_file(request: AuthenticatedHttpRequest, report: Report) -> PendingFile | None:
    """The file chosen now (kept, so that a refusal does not lose it), else the one kept
    from a refused attempt."""
    upload = request.FILES.get("signed_file")
    if upload is not None:
        name, size = upload.name or "", upload.size or 0
        return pending_keep(report=report, name=name, stream=upload, size=size)
    return pending_of(report=report, token=request.POST.get("kept_file", ""))


def _send_posted(
    request: AuthenticatedHttpRequest, obligation: Obligation, report: Report
) -> HttpResponse:
    """Send the report with the posted signature; refused, the page again with the
    signature typed, the chosen file kept and the problems that stop it."""
    user = request.user
    form = SignatureForm(request.POST, request.FILES, initial=_signature_initial(report))
    kept = _kept_file(request, report)
    if not form.is_valid():
        return _send_page(request, obligation, report, form, kept=kept)
    signed = form.signed()
    try:
        with pending_signed(kept if signed is None else None) as stored:
            signed = signed or stored
            report_send(report=report, user=user, signature=form.signature(), signed_file=signed)
    except ReportError as error:
        form.add_error(None, str(error))
        problems = [p for p in error.problems if not p.justified]
        return _send_page(request, obligation, report, form, problems, kept)
    pending_drop(kept)
    pending_drop(pending_of(report=report, token=request.POST.get("kept_file", "")))
    reading.report_entered_by_reviewer(report=report, user=user)
    messages.success(
        request,
        _("The report is sent to %(unit)s.")
        % {"unit": obligation.recipient.display_name if obligation.recipient else "—"},
    )
    return redirect("reports:report", obligation.pk)


@login_required
@require_http_methods(["GET", "POST"])
def send(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """The page to sign and send the report up; its form posts here to send it."""
    obligation = _sent_by(request.user, obligation_pk)
    report = _to_send(request, obligation)
    if isinstance(report, HttpResponse):
        return report
    if request.method == "POST":
        return _send_posted(request, obligation, report)
    form = SignatureForm(initial=_signature_initial(report))
    return _send_page(request, obligation, report, form)


@login_required
@require_POST
def to_leader(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """Pass the report to the unit's leader to read and sign before it is sent."""
    obligation = _sent_by(request.user, obligation_pk)
    report = _to_send(request, obligation)
    if isinstance(report, HttpResponse):
        return report
    try:
        report_to_leader(report=report, user=request.user)
    except ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The report is passed to the leader."))
    return redirect("reports:send", obligation.pk)


@login_required
@require_POST
def take_back(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """The drafter takes the report back from the unit's leader, to change it."""
    obligation = _sent_by(request.user, obligation_pk)
    report = reading.readable_report_of(request.user, obligation)
    if report is None:
        raise Http404
    try:
        report_take_back(report=report, user=request.user)
    except ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The report is taken back from the leader: change it here."))
    return redirect("reports:report", obligation.pk)
