"""Offline work on a report: the Word form and the Excel workbook, down and back up.

Word: the outline downloads as a .docx; the upload is split by heading and shown
as a preview (section → text); it is saved only on confirmation, through
services.report_save with the revision the preview compared against. The
pending upload waits in the session under a token, so a conflict or a
mistaken click loses nothing.

Excel: a unit's workbook, or a district's all-communes workbook; the upload
checks every cell and writes nothing when anything is wrong, listing each
error with its sheet and cell.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xhht.accounts.models import User
from xhht.campaigns.dashboards import campaign_or_404
from xhht.campaigns.models import Obligation
from xhht.core.clock import now
from xhht.orgunits.models import Level
from xhht.reports import reading
from xhht.reports.models import Report
from xhht.reports.services import ReportError, report_open, report_save
from xhht.reports.word import (
    IDENTIFIER,
    MAX_DOCX_BYTES,
    WordError,
    outline_docx,
    preamble_lines,
    read_docx,
    split_upload,
)
from xhht.reports.workbook import communes_workbook, unit_workbook
from xhht.reports.workbook_import import MAX_WORKBOOK_BYTES, WorkbookError, workbook_import

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "xhht_word_uploads"
KEEP_PENDING = 5
CSS = "xhht/report-page.css"


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _context(user: User, obligation: Obligation, **extra: Any) -> dict[str, Any]:
    unit = obligation.unit
    return {
        "obligation": obligation,
        "campaign": obligation.campaign,
        "unit": unit,
        "can_enter": reading.may_enter(user, unit),
        "is_district": unit.level == Level.DISTRICT,
        "css": CSS,
        **extra,
    }


def _report_for_entry(user: User, obligation: Obligation) -> Report:
    """The report the user may enter (opened as a draft on first use); 404 otherwise."""
    if not reading.may_enter(user, obligation.unit):
        raise Http404
    report = reading.report_of(obligation)
    return report or report_open(obligation=obligation, user=user)


# -- the page ----------------------------------------------------------------------------


@login_required
@require_GET
def offline(request: HttpRequest, obligation_pk: int) -> HttpResponse:
    """Downloads and uploads of the Word form and the Excel workbook."""
    user = _user(request)
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    return render(request, "reports/roundtrip/offline.html", _context(user, obligation))


# -- Word --------------------------------------------------------------------------------


@login_required
@require_GET
def word_download(request: HttpRequest, obligation_pk: int) -> HttpResponse:
    user = _user(request)
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    report = reading.report_of(obligation)
    if report is None:
        if not reading.may_enter(user, obligation.unit):
            raise Http404
        report = report_open(obligation=obligation, user=user)
    content = outline_docx(report, reading.sections_for(report))
    name = f"bao-cao-{obligation.campaign_id}-{obligation.unit.code}.docx"
    return _download(content, name, DOCX_TYPE)


def _pending(request: HttpRequest) -> dict[str, Any]:
    store = request.session.get(SESSION_KEY)
    return store if isinstance(store, dict) else {}


def _keep(request: HttpRequest, token: str, upload: dict[str, Any]) -> None:
    store = _pending(request)
    store[token] = upload
    for old in sorted(store, key=lambda t: store[t].get("at", ""))[:-KEEP_PENDING]:
        store.pop(old, None)
    request.session[SESSION_KEY] = store


@login_required
@require_http_methods(["GET", "POST"])
def word_upload(request: HttpRequest, obligation_pk: int) -> HttpResponse:
    """Upload the filled Word form; on success, show its preview."""
    user = _user(request)
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    report = _report_for_entry(user, obligation)
    if request.method == "GET":
        return redirect("reports:offline", obligation.pk)
    error = ""
    upload = request.FILES.get("file")
    if report.status not in reading.EDITABLE:
        error = _("The report has been sent; it can change only after it is returned.")
    elif upload is None:
        error = _("Choose the Word file (.docx) to upload.")
    elif upload.size is not None and upload.size > MAX_DOCX_BYTES:
        error = _("“%(name)s” is larger than %(limit)d MB.") % {
            "name": upload.name,
            "limit": MAX_DOCX_BYTES // 2**20,
        }
    else:
        try:
            blocks, identifier = read_docx(upload, upload.name or "")
        except WordError as problem:
            error = str(problem)
        else:
            if identifier.startswith("xhht-report:") and identifier != IDENTIFIER % obligation.pk:
                error = _(
                    "“%(name)s” is the form of another report; download the form of this one."
                ) % {"name": upload.name}
    if error:
        context = _context(user, obligation, word_error=error)
        return render(request, "reports/roundtrip/offline.html", context, status=400)
    sections = reading.sections_for(report)
    split = split_upload(blocks, sections, preamble_lines(report))
    token = secrets.token_urlsafe(16)
    _keep(
        request,
        token,
        {
            "obligation": obligation.pk,
            "revision": report.revision,
            "name": upload.name if upload else "",
            "at": now().isoformat(),
            "texts": {str(pk): text for pk, text in split.texts.items()},
            "headings": {str(pk): text for pk, text in split.headings.items()},
            "pieces": [
                {"heading": p.heading, "text": p.text, "reason": p.reason, "suggested": p.suggested}
                for p in split.pieces
            ],
        },
    )
    return redirect("reports:word_preview", obligation.pk, token)


def _texts_to_save(
    pending: dict[str, Any], saved: dict[int, str], places: dict[int, int | None]
) -> dict[int, str]:
    """The sections whose text changes: the file's text (an empty one keeps what is
    saved), with the pieces the user placed appended."""
    new = {int(pk): text for pk, text in pending["texts"].items() if text.strip()}
    for index, piece in enumerate(pending["pieces"]):
        target = places.get(index)
        if target is None:
            continue
        base = new.get(target, saved.get(target, ""))
        addition = "\n".join(part for part in (piece["heading"], piece["text"]) if part)
        new[target] = f"{base}\n{addition}".strip()
    return {pk: text for pk, text in new.items() if text != saved.get(pk, "")}


def _places(
    request: HttpRequest, pending: dict[str, Any], allowed: set[int]
) -> dict[int, int | None]:
    places: dict[int, int | None] = {}
    for index, piece in enumerate(pending["pieces"]):
        raw = request.POST.get(f"place_{index}") if request.method == "POST" else None
        if raw is None:
            chosen = piece.get("suggested")
        else:
            chosen = int(raw) if raw.isdigit() else None
        places[index] = chosen if chosen in allowed else None
    return places


@login_required
@require_http_methods(["GET", "POST"])
def word_preview(request: HttpRequest, obligation_pk: int, token: str) -> HttpResponse:
    """What the upload would write, section by section; saved on confirmation only."""
    user = _user(request)
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    report = _report_for_entry(user, obligation)
    store = _pending(request)
    pending = store.get(token)
    if not isinstance(pending, dict) or pending.get("obligation") != obligation.pk:
        messages.error(request, _("That upload is no longer waiting: upload the file again."))
        return redirect("reports:offline", obligation.pk)
    sections = reading.sections_for(report)
    allowed = {s.pk for s in sections}
    saved = {t.section_id: t.text for t in report.texts.all()}
    places = _places(request, pending, allowed)
    error = ""
    if request.method == "POST":
        if request.POST.get("action") == "discard":
            store.pop(token, None)
            request.session[SESSION_KEY] = store
            messages.info(request, _("The upload was discarded; nothing was saved."))
            return redirect("reports:offline", obligation.pk)
    if request.method == "POST" and request.POST.get("action") == "confirm":
        texts = _texts_to_save(pending, saved, places)
        try:
            report_save(
                report=report, revision=int(pending["revision"]), texts=texts, values={}, user=user
            )
        except ReportError as problem:
            error = str(problem)
            # Compare with what is saved now; confirming again saves over it knowingly.
            pending["revision"] = Report.objects.get(pk=report.pk).revision
            store[token] = pending
            request.session[SESSION_KEY] = store
            saved = {t.section_id: t.text for t in report.texts.all()}
        else:
            store.pop(token, None)
            request.session[SESSION_KEY] = store
            messages.success(
                request,
                _("%(count)d sections of the report were saved from “%(name)s”.")
                % {"count": len(texts), "name": pending["name"]},
            )
            return redirect("reports:report", obligation.pk)
    changes = _texts_to_save(pending, saved, places)
    rows = []
    for section in sections:
        in_file = pending["texts"].get(str(section.pk))
        if in_file is None:
            state = "missing"
        elif not in_file.strip():
            state = "empty"
        elif section.pk in changes:
            state = "changed"
        else:
            state = "same"
        rows.append(
            {
                "section": section,
                "heading": pending["headings"].get(str(section.pk), ""),
                "saved": saved.get(section.pk, ""),
                "new": changes.get(section.pk, in_file or ""),
                "state": state,
            }
        )
    pieces = [
        {**piece, "index": index, "place": places.get(index)}
        for index, piece in enumerate(pending["pieces"])
    ]
    context = _context(
        user,
        obligation,
        rows=rows,
        pieces=pieces,
        sections=sections,
        pending=pending,
        token=token,
        error=error,
        changed=len(changes),
    )
    return render(request, "reports/roundtrip/word_preview.html", context)


# -- Excel -------------------------------------------------------------------------------


@login_required
@require_GET
def xlsx_download(request: HttpRequest, obligation_pk: int) -> HttpResponse:
    """The unit's workbook; `?communes=1` for a district: the workbook of all its communes."""
    user = _user(request)
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    unit = obligation.unit
    if request.GET.get("communes"):
        if unit.level != Level.DISTRICT:
            raise Http404
        made = communes_workbook(campaign=obligation.campaign, district=unit)
    else:
        made = unit_workbook(campaign=obligation.campaign, unit=unit)
    return _download(made.content, made.name, XLSX_TYPE)


@login_required
@require_POST
def xlsx_upload(request: HttpRequest, campaign_pk: int) -> HttpResponse:
    """A filled workbook of this campaign: every error listed, or everything saved."""
    user = _user(request)
    campaign = campaign_or_404(user, campaign_pk)
    back = request.POST.get("obligation", "")
    obligation = None
    if back.isdigit():
        found = reading.report_obligation_or_404(user, int(back))
        obligation = found if found.campaign_id == campaign.pk else None
    upload = request.FILES.get("file")
    error = ""
    result = None
    if upload is None:
        error = _("Choose the Excel file (.xlsx) to upload.")
    elif upload.size is not None and upload.size > MAX_WORKBOOK_BYTES:
        error = _("“%(name)s” is larger than %(limit)d MB.") % {
            "name": upload.name,
            "limit": MAX_WORKBOOK_BYTES // 2**20,
        }
    else:
        try:
            result = workbook_import(
                stream=upload, name=upload.name or "", user=user, campaign=campaign
            )
        except WorkbookError as problem:
            error = str(problem)
    if result is not None and result.ok:
        messages.success(
            request,
            _("The workbook is saved: %(rows)d indicator rows changed in %(reports)d reports.")
            % {"rows": result.rows_changed, "reports": result.reports_changed},
        )
        target = obligation or _obligation_of(campaign.pk, result)
        if target is not None:
            return redirect("reports:offline", target.pk)
        return redirect(reverse("campaigns:my_work", args=[campaign.pk]))
    context: dict[str, Any] = {
        "campaign": campaign,
        "xlsx_error": error,
        "result": result,
        "css": CSS,
        "obligation": obligation,
    }
    if obligation is not None:
        context = _context(
            user, obligation, **{k: v for k, v in context.items() if k != "obligation"}
        )
    return render(request, "reports/roundtrip/xlsx_result.html", context, status=400)


def _obligation_of(campaign_pk: int, result: Any) -> Obligation | None:
    if result.unit is None:
        return None
    return Obligation.objects.filter(
        campaign_id=campaign_pk, unit=result.unit, deliverable__in=reading.REPORT_DELIVERABLES
    ).first()


__all__ = [
    "offline",
    "word_download",
    "word_preview",
    "word_upload",
    "xlsx_download",
    "xlsx_upload",
]
