"""The receiver's side: the reports a unit receives from the units below it, the read view
with accept / return, and registering a report that came on paper, by fax or otherwise."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.core.clock import today
from xhht.reports import reading
from xhht.reports.forms import RegisterForm, ReturnForm
from xhht.reports.models import ReportStatus
from xhht.reports.services import ReportError, report_accept, report_register, report_return
from xhht.reports.views.report import CSS, read_context


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_GET
def received(request: HttpRequest, campaign_pk: int) -> HttpResponse:
    """The reports of the units directly below a unit (the user's own by default; ?unit= for
    another the user may see), with status and timeliness."""
    user = _user(request)
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
    obligations = list(reading.received_by(campaign, unit, status))
    rows = []
    for o in obligations:
        report = getattr(o, "report", None)
        rows.append(
            {
                "obligation": o,
                "report": report,
                "state": o.state_on(on),
                "can_review": scope.can_review_work_of(user, o.unit),
            }
        )
    statuses = [("none", _("Not started"))] + [(s.value, s.label) for s in ReportStatus]
    context = {
        "campaign": campaign,
        "unit": unit,
        "rows": rows,
        "status": status,
        "statuses": statuses,
        "today": on,
        "css": CSS,
    }
    return render(request, "reports/report/received.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, obligation_pk: int) -> HttpResponse:
    """Read a report; the unit above accepts it or returns it with a reason."""
    user = _user(request)
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    report = reading.report_of(obligation)
    can_review = scope.can_review_work_of(user, obligation.unit)
    return_form = ReturnForm()
    if request.method == "POST":
        if not can_review or report is None:
            raise Http404
        action = request.POST.get("action", "")
        try:
            if action == "accept":
                report_accept(report=report, user=user)
                messages.success(request, _("The report is accepted."))
                return redirect("reports:review", obligation.pk)
            if action == "return":
                return_form = ReturnForm(request.POST)
                if return_form.is_valid():
                    report_return(
                        report=report, user=user, reason=return_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("The report is returned to its unit."))
                    return redirect("reports:review", obligation.pk)
        except ReportError as error:
            return_form.add_error(None, str(error))
        report.refresh_from_db()
    context = read_context(user, obligation, report)
    context.update(
        {
            "return_form": return_form,
            "reviewing": can_review and report is not None and report.status == ReportStatus.SENT,
        }
    )
    return render(request, "reports/report/read.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, obligation_pk: int) -> HttpResponse:
    """The unit above registers a report it received on paper, by fax or another system."""
    user = _user(request)
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    if not scope.can_review_work_of(user, obligation.unit):
        raise Http404
    report = reading.report_of(obligation)
    if report is not None and report.status in (ReportStatus.SENT, ReportStatus.ACCEPTED):
        messages.info(request, _("This report is already received."))
        return redirect("reports:review", obligation.pk)
    initial: dict[str, Any] = {"received_on": today(), "signed_on": today()}
    form = RegisterForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
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
    context["form"] = form
    return render(request, "reports/report/register.html", context)
