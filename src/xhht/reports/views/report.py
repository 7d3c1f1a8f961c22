"""A unit's report: its text, figures and proposals, and its attachments (sending it:
views/sending.py).

The unit itself writes it; the unit above may enter it for a unit that cannot. Anyone
who may see the unit reads it; anyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import attachments
from xhht.campaigns.models import Obligation
from xhht.campaigns.services import withdrawn_message
from xhht.kernel.clock import today
from xhht.reports import checklist, reading
from xhht.reports.editing import (
    HeldReport,
    ReportError,
    report_hold,
    report_open,
    report_preview,
    report_save,
)
from xhht.reports.forms import ReportForm, proposal_digest
from xhht.reports.models import DataValue, Report, ReportAttachment, rows_in_order, target_field
from xhht.reports.proposals import (
    ProposalError,
    ProposalInput,
    addressees,
    proposals_section,
    proposals_sync,
)
from xhht.reports.seen import Seen, seen_decode, seen_encode, seen_of, text_digest, value_key
from xhht.reports.validation import report_problems

CSS = "xhht/report-page.css"


def _work_url(user: User, obligation: Obligation) -> str:
    if obligation.unit_id == user.unit_id:
        return reverse("site:my_work", args=[obligation.campaign_id])
    return reverse("site:unit_work", args=[obligation.campaign_id, obligation.unit_id])


def base_context(user: User, obligation: Obligation, report: Report | None) -> dict[str, Any]:
    unit = obligation.unit
    return {
        "obligation": obligation,
        "campaign": obligation.campaign,
        "unit": unit,
        "report": report,
        "back": _work_url(user, obligation),
        "on_behalf": unit.pk != user.unit_id and scope.can_review_work_of(user, unit),
        "can_enter": scope.can_enter_work_of(user, unit),
        "can_review": scope.can_review_work_of(user, unit),
        "state": obligation.state_on(today()),
        "editable": report is not None and report.is_editable,
        "css": CSS,
    }


def read_context(user: User, obligation: Obligation, report: Report | None) -> dict[str, Any]:
    """What the read view shows: the problems with their justifications at the top, the
    text, the figures with their targets, the proposals, the review steps and the
    attachments (the history has its page: views/history.py)."""
    context = base_context(user, obligation, report)
    if report is None:
        return context
    rows = rows_in_order(report)
    years = report.template.target_years
    targets = reading.targets_in_force(obligation.campaign, [r.indicator_id for r in rows])
    found = report_problems(report, rows)
    problems, loose = reading.problems_by_indicator(report, found)
    texts = {t.section_id: t.text for t in report.texts.all()}
    sections = reading.sections_for(report)
    proposals = list(report.proposals.select_related("addressed_to").order_by("pk"))
    context.update(
        {
            "summary": checklist.problem_items(found, rows),
            "sections": [(s, texts.get(s.pk, "")) for s in sections],
            "proposals_section": here.pk if (here := proposals_section(sections)) else None,
            "rows": [
                {
                    "row": r,
                    "own": [r.figure(target_field(year)) for year in years],
                    "targets": targets.get(r.indicator_id, []),
                    "problems": problems.get(r.indicator.code, []),
                }
                for r in rows
            ],
            "target_years": years,
            "loose_problems": loose,
            "proposals": proposals,
            "events": reading.events_shown(report, user),
            "attachments": report.attachments.order_by("-uploaded_at"),
            "cutoff": reading.cutoff_of(obligation.campaign),
        }
    )
    return context


def _form_for(report: Report, data: Any = None, rows: list[DataValue] | None = None) -> ReportForm:
    """The report's form; its rows (unless given), texts and sections are read once, and
    the page's checks take them from it. A posted form shows what was posted: it is given
    no initial values, and the texts are read only by the save, under its lock."""
    rows = rows_in_order(report) if rows is None else rows
    proposals = list(report.proposals.select_related("addressed_to").order_by("pk"))
    initial = None
    if data is not None:
        # A proposal added by someone else since this page was shown is not in the post:
        # it is left alone, not taken for one of this user's left empty.
        proposals = [p for p in proposals if p.status != p.Status.NEW or f"p{p.pk}-text" in data]
    else:
        texts = {t.section_id: t.text for t in report.texts.all()}
        initial = ReportForm.initial_for(
            report.revision,
            texts,
            rows,
            proposals,
            seen=seen_encode(seen_of(report, rows=rows, texts=texts)),
            target_years=report.template.target_years,
        )
    return ReportForm(
        data,
        sections=reading.sections_for(report),
        rows=rows,
        proposals=proposals,
        addressees=addressees(report.obligation.campaign, report.obligation.unit),
        target_years=report.template.target_years,
        initial=initial,
    )


def _stored(report: Report) -> dict[str, Any]:
    """The report's fields as stored now, named as the form names them."""
    return ReportForm.initial_for(
        report.revision,
        {t.section_id: t.text for t in report.texts.all()},
        rows_in_order(report),
        list(report.proposals.order_by("pk")),
        seen=seen_encode(seen_of(report)),
        target_years=report.template.target_years,
    )


def _saved_versions(report: Report, form: ReportForm) -> dict[str, str]:
    """After a conflict: the saved value of every field where it differs from what was typed."""
    typed = form.data
    return {
        name: str(value)
        for name, value in _stored(report).items()
        if name not in ("revision", "seen")
        and not name.endswith("-seen")
        and str(value or "") != str(typed.get(name, "") or "").strip()
    }


def _refreshed(form: ReportForm, report: Report) -> QueryDict:
    """The post again, for the form shown after a conflict: what the user changed stays as
    typed; what the user left as shown takes the version stored now; the next save
    starts from that version."""
    shown = seen_decode(form.cleaned_data.get("seen")) or Seen()
    stored = _stored(report)
    data: QueryDict = form.data.copy()  # type: ignore[attr-defined]
    for section in form.sections:
        name = f"s{section.pk}"
        if text_digest(form.cleaned_data.get(name)) == shown.texts.get(section.pk, text_digest("")):
            data[name] = stored.get(name, "")
    for row in form.rows:
        for column, typed in form.values()[row.indicator_id].items():
            name = f"v{row.indicator_id}-{column}"
            if value_key(typed) == (shown.value_shown(row.indicator_id, column) or ""):
                data[name] = str(stored.get(name) or "")
    for proposal in form.proposals:
        prefix = f"p{proposal.pk}"
        typed = form.cleaned_data
        left = proposal_digest(
            typed.get(f"{prefix}-text") or "",
            typed.get(f"{prefix}-to"),
            typed.get(f"{prefix}-to_text") or "",
        ) == typed.get(f"{prefix}-seen")
        for column in ("text", "to", "to_text", "seen"):
            if left or column == "seen":
                data[f"{prefix}-{column}"] = str(stored.get(f"{prefix}-{column}") or "")
    for key in ("revision", "seen"):
        data[key] = str(stored[key])
    return data


def _cells(fields: dict[str, Any], saved: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {name: {"f": bf, "saved": saved.get(bf.html_name)} for name, bf in fields.items()}


def _row_cells(form: ReportForm, row: DataValue, saved: dict[str, str]) -> dict[str, Any]:
    """The row's cells by column, drawn without bound fields (report_tags.report_cell)."""
    names = form.row_names[row.indicator_id]
    return {
        column: {"form": form, "name": name, "saved": saved.get(name)}
        for column, name in names.items()
    }


def _edit_context(
    user: User,
    obligation: Obligation,
    report: Report,
    form: ReportForm,
    saved: dict[str, str],
) -> dict[str, Any]:
    context = base_context(user, obligation, report)
    targets = reading.targets_in_force(obligation.campaign, [r.indicator_id for r in form.rows])
    # A draft never saved would list every figure as missing: checks start at the first save.
    found = report_problems(report, form.rows) if report.revision else []
    problems, loose = reading.problems_by_indicator(report, found)
    summary = checklist.problem_items(found, form.rows)
    context.update(
        {
            "form": form,
            # Refused, what to correct; else what the saved figures still need.
            "summary": checklist.form_errors(form) if form.errors else summary,
            "refused": bool(form.errors),
            "missing": checklist.missing_figures(form.rows),
            "blocking": [item for item in summary if item.blocks],
            "sections": _cells({bf.html_name: bf for bf in form.section_fields()}, saved).values(),
            "proposals_field": f"s{here.pk}" if (here := proposals_section(form.sections)) else "",
            "rows": [
                {
                    "row": r,
                    "c": cells,
                    "own": [cells[n] for n in form.target_fields],
                    "targets": targets.get(r.indicator_id, []),
                    "problems": problems.get(r.indicator.code, []),
                }
                for r in form.rows
                for cells in [_row_cells(form, r, saved)]  # once per row
            ],
            "proposal_forms": [
                (p, _cells(form.proposal_fields(f"p{p.pk}"), saved)) for p in form.proposals
            ],
            "new_proposal": _cells(form.proposal_fields("pnew"), saved),
            "target_years": report.template.target_years,
            "loose_problems": loose,
            "cutoff": reading.cutoff_of(obligation.campaign),
            "conflict": bool(saved),
        }
    )
    return context


def _save(form: ReportForm, held: HeldReport, user: User) -> None:
    """Text, figures and proposals, in the caller's transaction: a refusal raised here
    leaves it, which writes nothing. Only what the user changed is written (the form
    carries what it showed)."""
    seen = seen_decode(form.cleaned_data.get("seen"))
    saved = report_save(
        report=held.report,
        revision=form.cleaned_data.get("revision") if seen is None else None,
        texts=form.texts(),
        values=form.values(),
        user=user,
        seen=seen,
        held=held,
    )
    proposals_sync(
        report=saved,
        items=[ProposalInput(**item) for item in form.proposal_items()],
        user=user,
    )


def _edit_page(
    request: AuthenticatedHttpRequest,
    obligation: Obligation,
    report: Report,
    form: ReportForm,
    saved: dict[str, str] | None = None,
) -> HttpResponse:
    context = _edit_context(request.user, obligation, report, form, saved or {})
    return render(request, "reports/report/page.html", context)


def _save_posted(
    request: AuthenticatedHttpRequest, obligation: Obligation, report: Report
) -> HttpResponse:
    """Save the posted form; refused, the page again with what the user typed and, after a
    conflict, the versions saved meanwhile."""
    user = request.user
    refused: ReportError | ProposalError | None = None
    try:
        with transaction.atomic():
            # The form's rows are those the save compares with, read once under its lock.
            held = report_hold(report)
            form = _form_for(report, request.POST, rows=held.rows)
            if form.is_valid():
                _save(form, held, user)
    except (ReportError, ProposalError) as error:
        refused = error  # raised out of the transaction, which wrote nothing
    if not form.is_valid():
        return _edit_page(request, obligation, report, form)
    if refused is not None:
        report.refresh_from_db()
        form = _form_for(report, _refreshed(form, report))
        form.is_valid()
        saved = _saved_versions(report, form)
        form.add_error(None, str(refused))
        return _edit_page(request, obligation, report, form, saved)
    reading.report_entered_by_reviewer(report=report, user=user)
    messages.success(request, _("The report is saved."))
    return redirect("reports:report", obligation.pk)


def _read_page(
    request: AuthenticatedHttpRequest, obligation: Obligation, report: Report | None
) -> HttpResponse:
    context = read_context(request.user, obligation, report)
    return render(request, "reports/report/read.html", context)


def refused(
    request: AuthenticatedHttpRequest, obligation: Obligation, error: ReportError
) -> HttpResponse:
    """Back to the report's page, which says why the report could not be started."""
    messages.error(request, str(error))
    return redirect("reports:report", obligation.pk)


def _not_started(request: AuthenticatedHttpRequest, obligation: Obligation) -> HttpResponse:
    """The page of a report never started in a withdrawn campaign, which starts none: there
    is no report, and why (unless a refused start just said it)."""
    campaign = obligation.campaign
    if campaign.withdrawn_at is not None and not len(messages.get_messages(request)):
        messages.warning(
            request, withdrawn_message(campaign.withdrawn_at, campaign.withdrawn_reason)
        )
    context = read_context(request.user, obligation, None)
    context["can_enter"] = False  # nothing to write
    return render(request, "reports/report/read.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_page(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """The report of a report obligation: written (and saved by a POST here) while it is a
    draft or returned, read otherwise."""
    user = request.user
    obligation = reading.report_obligation_or_404(user, obligation_pk, with_report=True)
    report = reading.readable_report_of(user, obligation)
    if not scope.can_enter_work_of(user, obligation.unit):
        if request.method == "POST":
            raise Http404
        return _read_page(request, obligation, report)
    if report is None:
        if request.method == "GET" and obligation.campaign.withdrawn_at is not None:
            return _not_started(request, obligation)
        if obligation.unit_id != user.unit_id:
            # Looking is not starting: the unit above opens a draft for the unit only when
            # it says so (`open_on_behalf`; the draft shows on every dashboard).
            return render(
                request, "reports/report/start.html", base_context(user, obligation, None)
            )
        if request.method == "GET":
            # Looking writes nothing: the form shows the draft its first save starts.
            with report_preview(obligation=obligation, user=user) as draft:
                return _edit_page(request, obligation, draft, _form_for(draft))
        try:
            report = report_open(obligation=obligation, user=user)
        except ReportError as error:  # a withdrawn campaign starts no draft
            return refused(request, obligation, error)
    if not report.is_editable:
        if request.method == "POST":
            messages.error(
                request, _("The report has been sent; it can change only after it is returned.")
            )
            return redirect("reports:report", obligation.pk)
        return _read_page(request, obligation, report)
    if request.method == "POST":
        return _save_posted(request, obligation, report)
    return _edit_page(request, obligation, report, _form_for(report))


@login_required
@require_POST
def open_on_behalf(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """The unit above starts the report of a unit below, to enter it on the unit's behalf."""
    user = request.user
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    if not scope.can_enter_work_of(user, obligation.unit):
        raise Http404
    if reading.report_of(obligation) is None:
        try:
            report = report_open(obligation=obligation, user=user)
        except ReportError as error:  # a withdrawn campaign starts no draft
            return refused(request, obligation, error)
        # Started by the unit above, the draft is also its to read (scope.can_read_report_of).
        reading.report_entered_by_reviewer(report=report, user=user)
    return redirect("reports:report", obligation.pk)


# -- attachments -----------------------------------------------------------------------


@login_required
@require_GET
def attachment(request: AuthenticatedHttpRequest, attachment_pk: int) -> FileResponse:
    """A report's signed scan or PDF, for users who may see the unit; 404 for others."""
    user = request.user
    item = scope.object_or_404(
        ReportAttachment.objects.select_related("report__obligation__unit"),
        user,
        unit="report__obligation__unit",
        pk=attachment_pk,
    )
    if not reading.can_read(user, item.report):
        raise Http404
    return attachments.attachment_response(
        file=item.file, content_type=item.content_type, name=item.original_name
    )
