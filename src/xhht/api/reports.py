"""API routes: a report — read it, open it, change its text and figures, send it.

The same services, scope and audit as the report page: the figures go through the page's
own form (ReportForm), so a figure the page refuses the API refuses with the same message;
a save names the revision it was made from, and one made from an older one is a 409."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja import Field, Router, Schema, Status

from xhht.accounts import scope
from xhht.accounts.models import User
from xhht.api.auth import user_of
from xhht.api.errors import ERRORS, WRITE_ERRORS, ApiError, refused
from xhht.api.schemas import MAX_ID, Id
from xhht.campaigns.models import Obligation
from xhht.campaigns.services import check_campaign_writable
from xhht.reports import reading
from xhht.reports.editing import (
    ReportConflict,
    ReportError,
    ReportStale,
    report_open,
    report_save,
)
from xhht.reports.forms import ReportForm, SignatureForm
from xhht.reports.models import Report, rows_in_order, target_field
from xhht.reports.services import report_send

router = Router(tags=["reports"])

NO_REPORT = gettext_noop("No report has been opened for this obligation yet: POST to open it.")
OWN_DRAFT = gettext_noop(
    "The report of %(unit)s is its own draft: only %(unit)s enters it until it is sent."
)
MAY_NOT_ENTER = gettext_noop("You may not enter the report of %(unit)s.")
UNKNOWN_SECTION = gettext_noop("No section of this report has the id %(id)s.")
UNKNOWN_INDICATOR = gettext_noop("This report has no indicator “%(code)s”.")
TWICE = gettext_noop("The indicator “%(code)s” is given twice.")
FIGURES = ("baseline", "baseline_denominator", "value", "denominator")


class ReportSectionOut(Schema):
    id: int
    number: str
    title: str
    text: str


class ReportFiguresOut(Schema):
    indicator: str
    name: str
    is_ratio: bool
    baseline: int | None
    baseline_denominator: int | None
    value: int | None
    denominator: int | None
    justification: str
    targets: dict[str, float | None]


class ReportOut(Schema):
    obligation: int
    campaign: int
    unit: str
    status: str
    revision: int
    first_sent_on: date | None
    last_sent_on: date | None
    entered_by_unit_above: bool
    sections: list[ReportSectionOut]
    values: list[ReportFiguresOut]


class ReportFiguresIn(Schema):
    """One indicator's figures; a field left out stays as it is, null empties it."""

    indicator: str = Field(..., min_length=1, max_length=40)
    baseline: int | None = Field(None, ge=0, le=10**12)
    baseline_denominator: int | None = Field(None, ge=0, le=10**12)
    value: int | None = Field(None, ge=0, le=10**12)
    denominator: int | None = Field(None, ge=0, le=10**12)
    justification: str | None = Field(None, max_length=5000)
    targets: dict[str, float | None] | None = None


class ReportIn(Schema):
    """`revision`: the report's revision the change was made from (GET gives it)."""

    revision: int = Field(..., ge=0, le=MAX_ID)
    sections: dict[int, str] = Field(default_factory=dict, max_length=500)
    values: list[ReportFiguresIn] = Field(default_factory=list, max_length=2000)


def report_out(report: Report) -> ReportOut:
    texts = {t.section_id: t.text for t in report.texts.all()}
    years = report.template.target_years
    return ReportOut(
        obligation=report.obligation_id,
        campaign=report.obligation.campaign_id,
        unit=report.obligation.unit.code,
        status=report.status,
        revision=report.revision,
        first_sent_on=report.first_sent_on,
        last_sent_on=report.last_sent_on,
        entered_by_unit_above=report.entered_by_reviewer,
        sections=[
            ReportSectionOut(id=s.pk, number=s.number, title=s.title, text=texts.get(s.pk, ""))
            for s in reading.sections_for(report)
        ],
        values=[
            ReportFiguresOut(
                indicator=row.indicator.code,
                name=row.indicator.name,
                is_ratio=row.indicator.is_ratio,
                **{name: row.figure(name) for name in FIGURES},
                justification=row.justification,
                targets={str(year): _number(row.figure(target_field(year))) for year in years},
            )
            for row in rows_in_order(report)
        ],
    )


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _readable(user: User, obligation: Obligation) -> Report:
    report = reading.readable_report_of(user, obligation)  # another unit's draft: 404
    if report is None:
        raise ApiError(404, _(NO_REPORT), code="no_report")
    return report


def _writable(user: User, pk: int) -> tuple[Obligation, Report]:
    """The report `user` may write: its own unit's, or the unit's below it entered on its
    behalf (a unit's own draft stays its own); 404 outside the user's units."""
    obligation = reading.report_obligation_or_404(user, pk)
    if not scope.can_enter_work_of(user, obligation.unit):
        raise ApiError(404, _(MAY_NOT_ENTER) % {"unit": obligation.unit.display_name})
    report = reading.report_of(obligation)
    if report is None:
        raise ApiError(404, _(NO_REPORT), code="no_report")
    if not reading.can_read(user, report):
        name = obligation.unit.display_name
        raise ApiError(409, _(OWN_DRAFT) % {"unit": name}, code="own_draft")
    return obligation, report


def _refused(error: ReportError) -> ApiError:
    problems = [(f"values.{p.indicator_code}.{p.field}", p.message) for p in error.problems]
    code = "stale" if isinstance(error, ReportConflict | ReportStale) else "refused"
    return ApiError(409, str(error), code=code, errors=problems)


@router.get("/obligations/{pk}/report", response={200: ReportOut, **ERRORS})
def report_read(request: HttpRequest, pk: Id) -> ReportOut:
    """The obligation's report: status, revision, sections' text and figures. A report not
    yet sent is its unit's own: the units above read it once it is sent."""
    user = user_of(request)
    return report_out(_readable(user, reading.report_obligation_or_404(user, pk)))


@router.post("/obligations/{pk}/report", response={200: ReportOut, 201: ReportOut, **WRITE_ERRORS})
def report_create(request: HttpRequest, pk: Id) -> Status[ReportOut]:
    """Open the obligation's report (201), or give the one already open (200). The unit
    above opening it enters it on the unit's behalf, as on the page."""
    user = user_of(request)
    obligation = reading.report_obligation_or_404(user, pk)
    if not scope.can_enter_work_of(user, obligation.unit):
        raise ApiError(404, _(MAY_NOT_ENTER) % {"unit": obligation.unit.display_name})
    report = reading.report_of(obligation)
    if report is not None:
        _writable(user, pk)
        return Status(200, report_out(report))
    check_campaign_writable(obligation.campaign_id, refuse=refused)  # no draft in a withdrawn one
    report = report_open(obligation=obligation, user=user)
    reading.report_entered_by_reviewer(report=report, user=user)
    return Status(201, report_out(reading.report_of(obligation) or report))


def _form_data(report: Report, change: ReportIn) -> QueryDict:
    """The page's form, filled with the stored report and then with what the call gives."""
    rows = {row.indicator.code: row for row in rows_in_order(report)}
    sections = {s.pk for s in reading.sections_for(report)}
    initial = ReportForm.initial_for(
        report.revision,
        {t.section_id: t.text for t in report.texts.all()},
        list(rows.values()),
        [],
        target_years=report.template.target_years,
    )
    data = QueryDict(mutable=True)
    data.update({k: "" if v is None else str(v) for k, v in initial.items() if k != "seen"})
    errors: list[tuple[str, str]] = []
    for section_id, text in change.sections.items():
        if section_id not in sections:
            errors.append((f"sections.{section_id}", _(UNKNOWN_SECTION) % {"id": section_id}))
        data[f"s{section_id}"] = unicodedata.normalize("NFC", text)
    given: set[str] = set()
    for n, figures in enumerate(change.values):
        row = rows.get(figures.indicator)
        where = f"values[{n}].indicator"
        if row is None:
            errors.append((where, _(UNKNOWN_INDICATOR) % {"code": figures.indicator}))
            continue
        if figures.indicator in given:
            errors.append((where, _(TWICE) % {"code": figures.indicator}))
        given.add(figures.indicator)
        sent = figures.model_dump(exclude_unset=True)
        for name in (*FIGURES, "justification"):
            if name in sent:
                value = sent[name]
                text = "" if value is None else str(value)
                data[f"v{row.indicator_id}-{name}"] = unicodedata.normalize("NFC", text)
        for year, target in (sent.get("targets") or {}).items():
            data[f"v{row.indicator_id}-target_{year}"] = "" if target is None else str(target)
    if errors:
        raise ApiError(400, errors[0][1], field=errors[0][0], errors=errors)
    data["revision"] = str(change.revision)
    return data


def _form_errors(form: ReportForm, report: Report) -> ApiError:
    codes = {f"v{row.indicator_id}-": row.indicator.code for row in rows_in_order(report)}
    errors: list[tuple[str, str]] = []
    for name, messages in form.errors.items():
        field = name
        if name.startswith("s") and name[1:].isdigit():
            field = f"sections.{name[1:]}"
        for prefix, code in codes.items():
            if name.startswith(prefix):
                field = f"values.{code}.{name[len(prefix) :]}"
        errors.extend((field, str(message)) for message in messages)
    first = errors[0] if errors else ("", "")
    return ApiError(400, first[1], field=first[0], errors=errors)


@router.put("/obligations/{pk}/report", response={200: ReportOut, **WRITE_ERRORS})
def report_update(request: HttpRequest, pk: Id, change: ReportIn) -> ReportOut:
    """Change the report's sections (by id) and figures (by indicator code): what is given
    is written, what is left out stays. Checked as the page checks them; refused whole
    (400, every error named) or saved whole. Made from an older revision: 409."""
    user = user_of(request)
    _, report = _writable(user, pk)
    form = ReportForm(
        _form_data(report, change),
        sections=reading.sections_for(report),
        rows=rows_in_order(report),
        proposals=[],
        addressees=[],
        target_years=report.template.target_years,
    )
    if not form.is_valid():
        raise _form_errors(form, report)
    try:
        saved = report_save(
            report=report,
            texts=form.texts(),
            values=form.values(),
            user=user,
            revision=change.revision,
        )
    except ReportError as error:
        raise _refused(error) from None
    reading.report_entered_by_reviewer(report=saved, user=user)
    found = reading.report_of(saved.obligation)
    assert found is not None
    return report_out(found)


@router.post(
    "/obligations/{pk}/report/send",
    response={200: ReportOut, **WRITE_ERRORS},
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": [
                            "number",
                            "signed_on",
                            "signer_name",
                            "signer_capacity",
                            "signed_file",
                        ],
                        "properties": {
                            "number": {"type": "string", "maxLength": 80},
                            "signed_on": {"type": "string", "description": "dd/mm/yyyy"},
                            "signer_name": {"type": "string", "maxLength": 120},
                            "signer_capacity": {"type": "string", "maxLength": 200},
                            "signed_file": {"type": "string", "format": "binary"},
                        },
                    }
                }
            },
        }
    },
)
def report_send_route(request: HttpRequest, pk: Id) -> ReportOut:
    """Sign and send the report up (multipart: the signature's fields and the signed PDF or
    scan), as the send page does; problems not yet justified refuse it (409, listed)."""
    user = user_of(request)
    _, report = _writable(user, pk)
    form = SignatureForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = [(name, str(m)) for name, messages in form.errors.items() for m in messages]
        raise ApiError(400, errors[0][1], field=errors[0][0], errors=errors)
    try:
        sent = report_send(
            report=report, user=user, signature=form.signature(), signed_file=form.signed()
        )
    except ReportError as error:
        raise _refused(error) from None
    reading.report_entered_by_reviewer(report=sent, user=user)
    found = reading.report_of(sent.obligation)
    assert found is not None
    return report_out(found)
