"""Who entered what in a report, on its own page: each save of figures adds lines by the
dozen, and the report's pages, which link here, stay light to write on (a phone, a rush)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.reports import reading


@login_required
@require_GET
def history(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """The latest lines of the report's history, or the whole of it (`?history=all`), for
    whoever may read the report; 404 for another unit's draft."""
    user = request.user
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    report = reading.readable_report_of(user, obligation)
    lines, more = (
        reading.history_shown(report, whole=request.GET.get("history") == "all")
        if report is not None
        else ([], False)
    )
    context = {
        "obligation": obligation,
        "campaign": obligation.campaign,
        "unit": obligation.unit,
        "report": report,
        "back": reverse("reports:report", args=[obligation.pk]),
        "history": lines,
        "history_more": more,
    }
    return render(request, "reports/report/history.html", context)
