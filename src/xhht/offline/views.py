"""Offline work on a report: the Word form and the Excel workbook, down and back up.

Word: the outline downloads as a .docx carrying the version it was made from; the
upload is split by heading and shown as a preview (section → text); it is saved
only on confirmation, through editing.report_save merging against that version:
a section the user left as the form showed it is not written, one changed both in
the file and on the site waits for the user's choice. The pending upload waits in
the database under a token (PendingWordUpload), for its user alone, so a conflict,
a mistaken click or a lost session loses nothing.

Excel: a unit's workbook, or a district's all-communes workbook; the upload
checks every cell and writes nothing when anything is wrong, listing each
error with its sheet and cell.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns.dashboards import campaign_or_404
from xhht.campaigns.models import Obligation
from xhht.kernel.clock import now
from xhht.offline.forms import WordChoicesForm
from xhht.offline.models import PendingWordUpload
from xhht.offline.word import (
    IDENTIFIER,
    MAX_DOCX_BYTES,
    WordError,
    WordFile,
    form_numbers,
    heading_text,
    outline_docx,
    preamble_lines,
    read_docx,
    split_upload,
)
from xhht.offline.word_plan import KEEP_SAVED, TAKE_FILE, Plan, sections_changed, word_plan
from xhht.offline.workbook import communes_workbook, unit_workbook
from xhht.offline.workbook_file import MAX_WORKBOOK_BYTES, WorkbookError
from xhht.offline.workbook_import import workbook_import
from xhht.orgunits.models import Level
from xhht.reports import reading
from xhht.reports.editing import ReportError, report_open, report_preview, report_save
from xhht.reports.models import Report, ReportStatus, TemplateSection
from xhht.reports.seen import seen_of

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KEEP_PENDING = 5
CSS = "xhht/report-page.css"


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
        "can_enter": scope.can_enter_work_of(user, unit),
        "is_district": unit.level == Level.DISTRICT,
        "css": CSS,
        **extra,
    }


def _check_entry(user: User, obligation: Obligation) -> Report | None:
    """The report the user may enter, None while there is none; 404 for a user who may not
    enter it (another unit's draft included)."""
    if not scope.can_enter_work_of(user, obligation.unit):
        raise Http404
    return reading.readable_report_of(user, obligation)


def _report_for_entry(user: User, obligation: Obligation) -> Report:
    """The report the user may enter, opened as a draft on first use (by a POST); 404
    otherwise."""
    report = _check_entry(user, obligation)
    if report is not None:
        return report
    report = report_open(obligation=obligation, user=user)
    reading.report_entered_by_reviewer(report=report, user=user)  # the unit above starts it
    return report


# -- the page ----------------------------------------------------------------------------

NOT_EDITABLE_OFFLINE: dict[str, str] = {
    ReportStatus.SENT: gettext_noop(
        "The report has been sent: it can change only after it is returned. "
        "The forms can still be downloaded."
    ),
    ReportStatus.ACCEPTED: gettext_noop(
        "The report has been accepted: it can no longer change. The forms can still be downloaded."
    ),
}
WORD_NOT_EDITABLE = gettext_noop(
    "The report has been sent; it can change only after it is returned."
)
WORD_CHOOSE = gettext_noop(
    "Nothing is saved yet: for each section marked as changed on both sides, choose "
    "which text to keep."
)
WORD_SAVED = gettext_noop("%(count)d sections of the report were saved from “%(name)s”.")
WORD_NOTHING = gettext_noop(
    "Nothing in “%(name)s” differs from the saved report; nothing was saved."
)
WORD_GONE = gettext_noop("That upload is no longer waiting: upload the file again.")


def _not_editable(report: Report | None) -> str:
    """Why the report cannot take an upload now; "" when it can."""
    if report is None or report.is_editable:
        return ""
    return _(NOT_EDITABLE_OFFLINE.get(report.status, WORD_NOT_EDITABLE))


@login_required
@require_GET
def offline(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """Downloads and uploads of the Word form and the Excel workbook."""
    user = request.user
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    locked = _not_editable(reading.readable_report_of(user, obligation))
    return render(request, "offline/offline.html", _context(user, obligation, locked=locked))


# -- Word --------------------------------------------------------------------------------


@login_required
@require_GET
def word_download(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    user = request.user
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    report = reading.readable_report_of(user, obligation)
    if report is None and not scope.can_enter_work_of(user, obligation.unit):
        raise Http404
    # A report not started yet: the form of the draft its upload will start; nothing is kept.
    with report_preview(obligation=obligation, user=user) as shown:
        content = outline_docx(shown, reading.sections_for(shown))
    name = f"bao-cao-{obligation.campaign_id}-{obligation.unit.code}.docx"
    return _download(content, name, DOCX_TYPE)


def _pending(user: User, token: str) -> dict[str, Any] | None:
    found = PendingWordUpload.objects.filter(token=token, user=user).first()
    return found.content if found is not None else None


def _keep(user: User, obligation: Obligation, token: str, upload: dict[str, Any]) -> None:
    """Keep the upload for its user; only the user's KEEP_PENDING latest stay."""
    PendingWordUpload.objects.create(
        token=token, user=user, obligation=obligation, created_at=now(), content=upload
    )
    older = PendingWordUpload.objects.filter(user=user).order_by("-created_at", "-pk")
    stale = list(older.values_list("pk", flat=True)[KEEP_PENDING:])
    PendingWordUpload.objects.filter(pk__in=stale).delete()


def _drop(user: User, token: str) -> None:
    PendingWordUpload.objects.filter(token=token, user=user).delete()


def _saved(report: Report) -> dict[int, str]:
    return {t.section_id: t.text for t in report.texts.all()}


def _read_word(upload: Any, report: Report, obligation: Obligation) -> tuple[WordFile | None, str]:
    """The uploaded form, or the message saying why it cannot be taken."""
    if not report.is_editable:
        return None, _not_editable(report)
    if upload is None:
        return None, _("Choose the Word file (.docx) to upload.")
    if upload.size is not None and upload.size > MAX_DOCX_BYTES:
        return None, _("“%(name)s” is larger than %(limit)d MB.") % {
            "name": upload.name,
            "limit": MAX_DOCX_BYTES // 2**20,
        }
    try:
        found = read_docx(upload, upload.name or "")
    except WordError as problem:
        return None, str(problem)
    if found.identifier.startswith("xhht-report:") and found.identifier != (
        IDENTIFIER % obligation.pk
    ):
        return None, _(
            "“%(name)s” is the form of another report; download the form of this one."
        ) % {"name": upload.name}
    return found, ""


@login_required
@require_http_methods(["GET", "POST"])
def word_upload(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """Upload the filled Word form; on success, show its preview."""
    user = request.user
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    _check_entry(user, obligation)
    if request.method == "GET":
        return redirect("offline:offline", obligation.pk)
    try:
        report = _report_for_entry(user, obligation)
    except ReportError as refused:  # a withdrawn campaign starts no draft
        context = _context(user, obligation, word_error=str(refused))
        return render(request, "offline/offline.html", context, status=400)
    upload = request.FILES.get("file")
    found, error = _read_word(upload, report, obligation)
    if found is None:
        context = _context(user, obligation, word_error=error, locked=_not_editable(report))
        return render(request, "offline/offline.html", context, status=400)
    split = split_upload(found.blocks, reading.sections_for(report), preamble_lines(report))
    saved = _saved(report)
    # A form without its version is compared with the text saved now, as it stands.
    seen = found.version.seen.texts if found.version else seen_of(report).texts
    token = secrets.token_urlsafe(16)
    _keep(
        user,
        obligation,
        token,
        {
            "obligation": obligation.pk,
            "versioned": found.version is not None,
            "seen": {str(pk): digest for pk, digest in seen.items()},
            "changed": sorted(sections_changed(split.texts, found.version, saved)),
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
    return redirect("offline:word_preview", obligation.pk, token)


def _waiting(pending: Any, obligation: Obligation) -> dict[str, Any] | None:
    """The upload kept under a token, if it is one of this report in the current form."""
    keys = ("texts", "headings", "pieces", "changed", "seen")
    if not isinstance(pending, dict) or pending.get("obligation") != obligation.pk:
        return None
    return pending if all(key in pending for key in keys) else None


@dataclass(frozen=True)
class _Upload:
    """A Word upload waiting for its user, and the report it would be saved into."""

    obligation: Obligation
    report: Report
    token: str
    content: dict[str, Any]
    sections: list[TemplateSection]

    def form(self, data: QueryDict | None = None) -> WordChoicesForm:
        """The user's places and choices: as posted, or none yet (pieces as suggested)."""
        return WordChoicesForm(
            data,
            suggested=[piece.get("suggested") for piece in self.content["pieces"]],
            sections={s.pk for s in self.sections},
        )

    def plan(self, form: WordChoicesForm) -> Plan:
        return word_plan(
            sections=self.sections,
            pending=self.content,
            saved=_saved(self.report),
            places=form.places(),
            choices=form.choices(),
        )


def _upload_of(user: User, obligation_pk: int, token: str) -> tuple[Obligation, _Upload | None]:
    """The report obligation (404 unless the user may enter its report) and the user's
    upload waiting under `token` for it, if it still waits."""
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    report = _check_entry(user, obligation)
    content = _waiting(_pending(user, token), obligation)
    if content is None or report is None:  # an upload waits only for a report it started
        return obligation, None
    return obligation, _Upload(obligation, report, token, content, reading.sections_for(report))


def _gone(request: HttpRequest, obligation: Obligation) -> HttpResponse:
    messages.error(request, _(WORD_GONE))
    return redirect("offline:offline", obligation.pk)


def _preview_page(
    request: AuthenticatedHttpRequest,
    upload: _Upload,
    form: WordChoicesForm,
    *,
    plan: Plan | None = None,
    error: str = "",
) -> HttpResponse:
    """The preview with the user's places and choices (`form`), and why it was not saved."""
    if plan is None:
        plan = upload.plan(form)
    places = form.places()
    numbers = form_numbers(upload.sections)
    conflicts = sum(1 for row in plan.rows if row.state == "conflict")
    report = upload.report
    latest = Report.objects.select_related("updated_by").get(pk=report.pk) if conflicts else None
    context = _context(
        request.user,
        upload.obligation,
        rows=plan.rows,
        pieces=[
            {**piece, "index": index, "place": places.get(index)}
            for index, piece in enumerate(upload.content["pieces"])
        ],
        targets=[{"pk": s.pk, "label": heading_text(s, numbers[s.pk])} for s in upload.sections],
        pending=upload.content,
        token=upload.token,
        error=error or _not_editable(report),
        changed=plan.changes,
        conflicts=conflicts,
        latest=latest,
        keep_saved=KEEP_SAVED,
        take_file=TAKE_FILE,
    )
    return render(request, "offline/word_preview.html", context)


@login_required
@require_GET
def word_preview(request: AuthenticatedHttpRequest, obligation_pk: int, token: str) -> HttpResponse:
    """What the upload would write, section by section; saved on confirmation only. A
    section changed both in the file and on the site since the download is written only
    once the user has chosen which text to keep."""
    obligation, upload = _upload_of(request.user, obligation_pk, token)
    if upload is None:
        return _gone(request, obligation)
    return _preview_page(request, upload, upload.form())


@login_required
@require_POST
def word_show_again(
    request: AuthenticatedHttpRequest, obligation_pk: int, token: str
) -> HttpResponse:
    """The preview again with the places and choices posted; nothing is saved."""
    obligation, upload = _upload_of(request.user, obligation_pk, token)
    if upload is None:
        return _gone(request, obligation)
    return _preview_page(request, upload, upload.form(request.POST))


@login_required
@require_POST
def word_confirm(request: AuthenticatedHttpRequest, obligation_pk: int, token: str) -> HttpResponse:
    """Save the upload with the places and choices posted. While a conflict waits for its
    choice, or the report cannot change, the preview is shown again as the user left it."""
    user = request.user
    obligation, upload = _upload_of(user, obligation_pk, token)
    if upload is None:
        return _gone(request, obligation)
    form = upload.form(request.POST)
    plan = upload.plan(form)
    error = _not_editable(upload.report) or (_(WORD_CHOOSE) if plan.unresolved else "")
    if error:
        return _preview_page(request, upload, form, plan=plan, error=error)
    try:
        report_save(report=upload.report, texts=plan.texts, values={}, user=user, seen=plan.seen)
    except ReportError as problem:
        # A conflict: the plan made again shows it, with the user's choices; nothing is lost.
        return _preview_page(request, upload, form, error=str(problem))
    _drop(user, token)
    _after_word_save(request, user, obligation, upload.report, plan, upload.content["name"])
    return redirect("reports:report", obligation.pk)


@login_required
@require_POST
def word_discard(request: AuthenticatedHttpRequest, obligation_pk: int, token: str) -> HttpResponse:
    """Drop the upload; nothing is saved."""
    obligation, upload = _upload_of(request.user, obligation_pk, token)
    if upload is None:
        return _gone(request, obligation)
    _drop(request.user, token)
    messages.info(request, _("The upload was discarded; nothing was saved."))
    return redirect("offline:offline", obligation.pk)


def _after_word_save(
    request: HttpRequest, user: User, obligation: Obligation, report: Report, plan: Plan, name: str
) -> None:
    if not plan.texts:
        messages.info(request, _(WORD_NOTHING) % {"name": name})
        return
    reading.report_entered_by_reviewer(report=report, user=user)
    messages.success(request, _(WORD_SAVED) % {"count": len(plan.texts), "name": name})


# -- Excel -------------------------------------------------------------------------------


@login_required
@require_GET
def xlsx_download(request: AuthenticatedHttpRequest, obligation_pk: int) -> HttpResponse:
    """The unit's workbook; `?communes=1` for a district: the workbook of all its communes."""
    user = request.user
    obligation = reading.report_obligation_or_404(user, obligation_pk)
    reading.readable_report_of(user, obligation)  # another unit's draft: 404
    unit = obligation.unit
    if request.GET.get("communes"):
        if unit.level != Level.DISTRICT:
            raise Http404
        made = communes_workbook(campaign=obligation.campaign, district=unit, user=user)
    else:
        made = unit_workbook(campaign=obligation.campaign, unit=unit)
    return _download(made.content, made.name, XLSX_TYPE)


@login_required
@require_POST
def xlsx_upload(request: AuthenticatedHttpRequest, campaign_pk: int) -> HttpResponse:
    """A filled workbook of this campaign: every error listed, or everything saved."""
    user = request.user
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
            return redirect("offline:offline", target.pk)
        return redirect(reverse("site:my_work", args=[campaign.pk]))
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
    return render(request, "offline/xlsx_result.html", context, status=400)


def _obligation_of(campaign_pk: int, result: Any) -> Obligation | None:
    if result.unit is None:
        return None
    return Obligation.objects.filter(
        campaign_id=campaign_pk, unit=result.unit, deliverable__in=reading.REPORT_DELIVERABLES
    ).first()


__all__ = [
    "offline",
    "word_confirm",
    "word_discard",
    "word_download",
    "word_preview",
    "word_show_again",
    "word_upload",
    "xlsx_download",
    "xlsx_upload",
]
