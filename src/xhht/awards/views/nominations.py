"""A unit's own nominations: its quota and the use of it, entering, changing, removing and
sending them; one nomination's page, on which the level above also reviews; its files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.audit.services import history_of
from xhht.awards import quotas, selectors, services
from xhht.awards.forms import (
    DecisionForm,
    NominationForm,
    ReviewForm,
    SendForm,
    nomination_initial,
)
from xhht.awards.mail import MAIL_ACTION
from xhht.awards.models import Kind, Nomination, NominationFile, Submission
from xhht.campaigns import attachments, dashboards
from xhht.campaigns.models import Campaign
from xhht.campaigns.views.work import WORK_CSS
from xhht.kernel.clock import today
from xhht.orgunits.models import OrgUnit

ADD = {
    Kind.INDIVIDUAL: gettext_lazy("Add an individual"),
    Kind.COLLECTIVE: gettext_lazy("Add a collective"),
}
TITLES = {
    Kind.INDIVIDUAL: gettext_lazy("Put forward an individual"),
    Kind.COLLECTIVE: gettext_lazy("Put forward a collective"),
}
SENT_ACTION = "awards.nominations_sent"
# History entries that show the reason given, and those that name the fields changed.
SENT_BACK = ("awards.nomination_returned", "awards.nomination_rejected")
LISTS_FIELDS = ("awards.nomination_changed", "awards.decision_recorded")


# -- lookups ------------------------------------------------------------------------------


def nomination_or_404(user: User, pk: int) -> Nomination:
    """The nomination `pk` if `user` may see it: its unit in scope and, for a draft, the
    unit's own user; 404 otherwise."""
    nomination = scope.object_or_404(
        Nomination.objects.select_related(
            "campaign", "unit", "recipient", "submission", "reviewed_by"
        ),
        user,
        unit="unit",
        pk=pk,
    )
    if selectors.draft_hidden_from(user, nomination):
        raise Http404
    return nomination


def _own_nomination_or_404(user: User, pk: int) -> Nomination:
    """A nomination the user's unit put forward (the only one that may change it)."""
    nomination = nomination_or_404(user, pk)
    if not scope.can_change_unit_work(user, nomination.unit):
        raise Http404
    return nomination


def _refuse(form: NominationForm | SendForm, error: services.AwardsError) -> None:
    """Put the service's refusal on the field it names, or at the top of the form (the
    quota's refusal names the kind, which is no field of the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def _not_editable(request: AuthenticatedHttpRequest, nomination: Nomination) -> HttpResponse:
    state = nomination.get_state_display().lower()
    messages.error(request, _(services.NOT_EDITABLE) % {"state": state})
    return redirect("awards:nomination", nomination.pk)


# -- the unit's nominations ---------------------------------------------------------------


def _mine_page(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    unit: OrgUnit,
    *,
    send_form: SendForm | None = None,
) -> HttpResponse:
    """The unit's quota, its use and its nominations; a refused sending is shown with the
    note as typed and the reason."""
    allowance = quotas.allowance_for(campaign, unit)
    nominations = list(selectors.nominations_of(campaign, unit))
    sendings = list(Submission.objects.filter(campaign=campaign, unit=unit))
    pending = [n for n in nominations if n.is_editable]
    obligation = allowance.obligation if allowance else None
    uses = quotas.use_of(campaign, unit, allowance).values()
    context = {
        "campaign": campaign,
        "unit": unit,
        "allowance": allowance,
        "uses": [{"use": use, "add": ADD[Kind(use.kind)]} for use in uses],
        "nominations": nominations,
        "sendings": sendings,
        "pending": len(pending),
        "can_send": allowance is not None and bool(pending or not sendings),
        "send_form": send_form or SendForm(),
        "obligation": obligation,
        "obligation_state": obligation.state_on(today()) if obligation else None,
        "work_css": WORK_CSS,
    }
    return render(request, "awards/mine.html", context)


@login_required
@require_GET
def mine(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    campaign, unit = dashboards.own_work_or_404(request.user, campaign_id)
    return _mine_page(request, campaign, unit)


@login_required
@require_POST
def send(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Send every draft and returned nomination to the level above."""
    campaign, unit = dashboards.own_work_or_404(request.user, campaign_id)
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            submission = services.nominations_send(
                campaign=campaign, unit=unit, note=form.cleaned_data["note"], user=request.user
            )
        except services.AwardsError as error:
            _refuse(form, error)
        else:
            messages.success(
                request,
                _("The nominations are sent to %(unit)s on %(date)s.")
                % {
                    "unit": submission.recipient.display_name,
                    "date": f"{submission.sent_on:%d/%m/%Y}",
                },
            )
            return redirect("awards:mine", campaign.pk)
    return _mine_page(request, campaign, unit, send_form=form)


# -- entering and changing ----------------------------------------------------------------


def _form_page(
    request: AuthenticatedHttpRequest,
    form: NominationForm,
    *,
    campaign: Campaign,
    allowance: quotas.Allowance | None,
    title: str,
    nomination: Nomination | None = None,
    warning: str = "",
) -> HttpResponse:
    context = {
        "campaign": campaign,
        "unit": nomination.unit if nomination else allowance and allowance.unit,
        "allowance": allowance,
        "form": form,
        "title": title,
        "nomination": nomination,
        "warning": warning,
        "work_css": WORK_CSS,
    }
    return render(request, "awards/nomination_form.html", context)


def _quota_warning(allowance: quotas.Allowance, kind: str) -> str:
    """Why one more nomination of `kind` would be refused, told before anything is typed."""
    try:
        services.quota_check(allowance, kind)
    except services.AwardsError as error:
        return error.message
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def nomination_new(request: AuthenticatedHttpRequest, campaign_id: int, kind: str) -> HttpResponse:
    """Enter a draft nomination of the user's unit."""
    if kind not in Kind.values:
        raise Http404
    campaign, unit = dashboards.own_work_or_404(request.user, campaign_id)
    allowance = quotas.allowance_for(campaign, unit)
    if allowance is None:
        messages.error(request, _(services.NO_QUOTA) % {"unit": unit.display_name})
        return redirect("awards:mine", campaign.pk)
    warning = ""
    if request.method == "POST":
        form = NominationForm(request.POST, request.FILES, kind=kind)
        if form.is_valid():
            try:
                nomination = services.nomination_create(
                    campaign=campaign,
                    unit=unit,
                    data=form.nomination_input(),
                    files=form.uploads(),
                    user=request.user,
                )
            except services.AwardsError as error:
                _refuse(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s is entered as a draft: send it with the others when your list is ready."
                    )
                    % {"name": nomination.name},
                )
                return redirect("awards:mine", campaign.pk)
    else:
        form = NominationForm(kind=kind)
        warning = _quota_warning(allowance, kind)
    return _form_page(
        request,
        form,
        campaign=campaign,
        allowance=allowance,
        title=str(TITLES[Kind(kind)]),
        warning=warning,
    )


@login_required
@require_http_methods(["GET", "POST"])
def nomination_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change a draft or returned nomination and add files to it; its kind stays."""
    nomination = _own_nomination_or_404(request.user, pk)
    if not nomination.is_editable:
        return _not_editable(request, nomination)
    if request.method == "POST":
        form = NominationForm(request.POST, request.FILES, kind=nomination.kind)
        if form.is_valid():
            try:
                services.nomination_update(
                    nomination=nomination,
                    data=form.nomination_input(),
                    files=form.uploads(),
                    user=request.user,
                )
            except services.AwardsError as error:
                _refuse(form, error)
            else:
                messages.success(request, _("The nomination is saved."))
                return redirect("awards:nomination", nomination.pk)
    else:
        form = NominationForm(initial=nomination_initial(nomination), kind=nomination.kind)
    return _form_page(
        request,
        form,
        campaign=nomination.campaign,
        allowance=quotas.allowance_for(nomination.campaign, nomination.unit),
        title=_("Change the nomination"),
        nomination=nomination,
    )


@login_required
@require_http_methods(["GET", "POST"])
def nomination_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Remove a draft or returned nomination, after a confirmation; its place is free."""
    nomination = _own_nomination_or_404(request.user, pk)
    if not nomination.is_editable:
        return _not_editable(request, nomination)
    if request.method == "POST":
        try:
            services.nomination_delete(nomination=nomination, user=request.user)
        except services.AwardsError as error:
            messages.error(request, error.message)
            return redirect("awards:nomination", nomination.pk)
        messages.success(
            request, _("The nomination of %(name)s is removed.") % {"name": nomination.name}
        )
        return redirect("awards:mine", nomination.campaign_id)
    context = {"nomination": nomination, "campaign": nomination.campaign, "work_css": WORK_CSS}
    return render(request, "awards/nomination_delete.html", context)


# -- one nomination -----------------------------------------------------------------------


_ACTIONS = {
    "awards.nomination_entered": gettext_noop("Entered"),
    "awards.nomination_changed": gettext_noop("Changed"),
    SENT_ACTION: gettext_noop("Sent"),
    "awards.nomination_accepted": gettext_noop("Accepted"),
    "awards.nomination_returned": gettext_noop("Returned"),
    "awards.nomination_rejected": gettext_noop("Not put forward"),
    "awards.decision_recorded": gettext_noop("Recorded the decision"),
}
MAIL_SENT = gettext_noop("Told the unit by e-mail (to %(to)s)")
MAIL_FAILED = gettext_noop("The e-mail to the unit could not be sent (%(to)s): %(error)s")
MAIL_NO_ADDRESS = gettext_noop("No e-mail address is known for the unit: it was not told by e-mail")


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    who: str
    action: str
    detail: str = ""


def _field_label(name: str) -> str:
    if name == "files":
        return str(NominationFile._meta.verbose_name_plural)
    try:
        return str(getattr(Nomination._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return name


def _mail_text(changes: dict[str, Any]) -> str:
    outcome = changes.get("outcome")
    to = changes.get("to", "")
    if outcome == "sent":
        return _(MAIL_SENT) % {"to": to}
    if outcome == "failed":
        return _(MAIL_FAILED) % {"to": to, "error": changes.get("error", "")}
    return _(MAIL_NO_ADDRESS)


def _history_line(entry: AuditEntry) -> HistoryLine:
    who = entry.user.get_username() if entry.user else _("the system")
    changes: dict[str, Any] = entry.changes or {}
    if entry.action == MAIL_ACTION:
        return HistoryLine(at=entry.at, who=who, action=_mail_text(changes))
    action = _(_ACTIONS.get(entry.action, entry.action))
    detail = ""
    if entry.action == SENT_ACTION:
        detail = str(changes.get("note") or "")
    elif entry.action in SENT_BACK:
        reason = changes.get("reason")
        detail = str(reason[1]) if isinstance(reason, list) and len(reason) == 2 else ""
    elif entry.action in LISTS_FIELDS:
        detail = ", ".join(_field_label(name) for name in changes)
    return HistoryLine(at=entry.at, who=who, action=action, detail=detail)


def nomination_history(nomination: Nomination) -> list[HistoryLine]:
    """What happened to `nomination`, newest first: its own entries and the sendings that
    carried it (recorded on the sending)."""
    sendings = [
        entry
        for entry in AuditEntry.objects.filter(
            action=SENT_ACTION, unit_id=nomination.unit_id
        ).select_related("user")
        if nomination.pk in (entry.changes or {}).get("nominations", [])
    ]
    entries = sorted([*history_of(nomination), *sendings], key=lambda e: (e.at, e.pk), reverse=True)
    return [_history_line(entry) for entry in entries]


def nomination_page(
    request: AuthenticatedHttpRequest,
    nomination: Nomination,
    *,
    review_form: ReviewForm | None = None,
    decision_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """One nomination's page for whoever may see it: the nominating unit (with its edit
    and delete links while it may change it), the level above (with the review forms of
    `awards/_review.html`, empty or as recorded; a refused one passed here shows its
    errors), and the units
    above them (reading only). The caller has checked that the user may see it."""
    user = request.user
    own = scope.can_change_unit_work(user, nomination.unit)
    reviewer = scope.can_change_unit_work(user, nomination.recipient)
    if reviewer:
        # The review forms, empty or as recorded, unless a refused one is shown again.
        if review_form is None:
            review_form = ReviewForm()
        if decision_form is None:
            decision_form = DecisionForm.of(nomination)
    duplicates: list[Nomination] = []
    if own or reviewer:
        found = selectors.duplicates(nomination.campaign, [nomination])
        duplicates = found.get(nomination.pk, [])
    context = {
        "nomination": nomination,
        "campaign": nomination.campaign,
        "files": list(nomination.files.order_by("pk")),
        "history": nomination_history(nomination),
        "duplicates": duplicates,
        "own": own,
        "can_edit": own and nomination.is_editable,
        "reviewer": reviewer,
        "review_form": review_form,
        "decision_form": decision_form,
        "work_css": WORK_CSS,
    }
    return render(request, "awards/nomination.html", context, status=status)


@login_required
@require_GET
def nomination(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return nomination_page(request, nomination_or_404(request.user, pk))


@login_required
@require_GET
def nomination_file(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """A supporting file, for users who may see its nomination; 404 for others."""
    user = request.user
    item = scope.object_or_404(
        NominationFile.objects.select_related("nomination__unit"),
        user,
        unit="nomination__unit",
        pk=pk,
    )
    if selectors.draft_hidden_from(user, item.nomination):
        raise Http404
    return attachments.attachment_response(
        file=item.file, content_type=item.content_type, name=item.original_name
    )


urlpatterns = [
    path("campaigns/<int:campaign_id>/awards/", mine, name="mine"),
    path("campaigns/<int:campaign_id>/awards/send/", send, name="send"),
    path(
        "campaigns/<int:campaign_id>/awards/new/<str:kind>/",
        nomination_new,
        name="nomination_new",
    ),
    path("awards/nominations/<int:pk>/", nomination, name="nomination"),
    path("awards/nominations/<int:pk>/edit/", nomination_edit, name="nomination_edit"),
    path("awards/nominations/<int:pk>/delete/", nomination_delete, name="nomination_delete"),
    path("awards/files/<int:pk>/", nomination_file, name="file"),
]
