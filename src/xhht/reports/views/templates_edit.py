"""The standing unit edits a campaign's report templates, one level at a time: headings
added, renamed, moved, removed or retired; indicators put in or taken out of the table.

Only the standing unit of the campaign's province (and the administrator); everyone else
gets 404. Plain forms and buttons: it works without JavaScript, on a phone. The page is
one GET view; each form and button posts to a view of its own, which shows the page again
(through `_page`) when what was posted is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports import template_editing as editing
from xhht.reports.indicator_forms import (
    EVERYWHERE,
    HERE,
    RenameForm,
    SectionForm,
    TemplateIndicatorForm,
)
from xhht.reports.models import ReportTemplate, TemplateSection
from xhht.reports.templates_build import template_for
from xhht.reports.views.posted import posted_id

# What a button does to the template: the message to show.
ButtonRun = Callable[[ReportTemplate], str]


def _province_or_404(user: User) -> OrgUnit:
    province = scope.campaign_root(user)
    if province is None:
        raise Http404
    return province


def _campaign_or_404(user: User, pk: int) -> Campaign:
    """A campaign the user runs (its province's standing unit, or the administrator)."""
    campaign = dashboards.campaign_or_404(user, pk)
    if not scope.can_run_campaigns_in(user, campaign.root):
        raise Http404
    return campaign


@dataclass
class _Editor:
    """One level's report template of a campaign, with what its page offers."""

    campaign: Campaign
    levels: list[str]
    level: str
    template: ReportTemplate

    @property
    def url(self) -> str:
        return reverse("reports:template_edit", args=[self.campaign.pk, self.level])

    @cached_property
    def sections(self) -> list[TemplateSection]:
        return editing.sections_of(self.template)

    @cached_property
    def available(self) -> list[Indicator]:
        """The indicators that may be put in the table."""
        return editing.indicators_available(self.template)

    def add_form(self, data: Any = None, under: str = "") -> SectionForm:
        agencies = editing.agencies_of(self.campaign) if self.level == Level.AGENCY else []
        return SectionForm(
            data,
            template=self.template,
            sections=self.sections,
            agencies=agencies,
            initial={"parent": under, "applies": HERE},
            prefix="add",
        )

    def indicator_form(self, data: Any = None) -> TemplateIndicatorForm:
        return TemplateIndicatorForm(data, available=self.available, prefix="ind")


def _editor_or_404(user: User, campaign_pk: int, level: str) -> _Editor:
    campaign = _campaign_or_404(user, campaign_pk)
    levels = editing.campaign_levels(campaign)
    if level not in levels:
        raise Http404
    return _Editor(campaign, levels, level, template_for(campaign, level))


def _section_or_404(template: ReportTemplate, request: HttpRequest) -> TemplateSection:
    section = template.sections.filter(pk=posted_id(request, "section")).first()
    if section is None:
        raise Http404
    return section


def _indicator_or_404(request: HttpRequest) -> Indicator:
    indicator = Indicator.objects.filter(pk=posted_id(request, "indicator")).first()
    if indicator is None:
        raise Http404
    return indicator


def _page(
    request: AuthenticatedHttpRequest,
    editor: _Editor,
    *,
    add_form: SectionForm | None = None,
    indicator_form: TemplateIndicatorForm | None = None,
    renamed: tuple[TemplateSection, RenameForm] | None = None,
) -> HttpResponse:
    """The editing page; a form given here holds what was posted and is shown with its
    errors (400), `renamed` open under its section."""
    if add_form is None:
        add_form = editor.add_form()
    if indicator_form is None:
        indicator_form = editor.indicator_form()
    rows = []
    for section in editor.sections:
        if renamed is not None and section.pk == renamed[0].pk:
            rows.append((section, renamed[1], True))
        else:
            initial = {"title": section.title, "guidance": section.guidance}
            rows.append((section, RenameForm(initial=initial, prefix=f"r{section.pk}"), False))
    labels = dict(Level.choices)
    template = editor.template
    template.refresh_from_db(fields=["version"])
    context = {
        "campaign": editor.campaign,
        "template": template,
        "levels": [(lv, labels[lv]) for lv in editor.levels],
        "level": editor.level,
        "rows": rows,
        "add_form": add_form,
        "indicator_form": indicator_form,
        "available": editor.available,
        "links": template.templateindicator_set.select_related("indicator").order_by(
            "order", "indicator__code"
        ),
        "url": editor.url,
    }
    failed = add_form.errors or indicator_form.errors or (renamed and renamed[1].errors)
    return render(
        request, "reports/templates_edit/page.html", context, status=400 if failed else 200
    )


def _submitted(
    request: HttpRequest, form: forms.Form, run: Callable[[], str], url: str
) -> HttpResponse | None:
    """`run` the change once `form` is valid: a redirect to `url` with its message; None
    when the form or the change is refused, the errors beside the fields."""
    if form.is_valid():
        try:
            message = run()
        except editing.TemplateEditError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, message)
            return redirect(url)
    return None


def _button(
    request: AuthenticatedHttpRequest, campaign_pk: int, level: str, run: ButtonRun
) -> HttpResponse:
    """Press a button of the outline or the table: back to the outline with `run`'s
    message, or with the reason it is refused."""
    editor = _editor_or_404(request.user, campaign_pk, level)
    try:
        messages.success(request, run(editor.template))
    except editing.TemplateEditError as error:
        messages.error(request, error.message)
    return redirect(f"{editor.url}#outline")


# -- the pages --------------------------------------------------------------------------


@login_required
@require_GET
def campaigns(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The province's campaigns, each with the levels whose report templates it edits."""
    province = _province_or_404(request.user)
    rows = [
        (campaign, editing.campaign_levels(campaign))
        for campaign in Campaign.objects.filter(root=province).order_by("-published_at")
    ]
    labels = dict(Level.choices)
    context = {
        "province": province,
        "rows": [(c, [(lv, labels[lv]) for lv in levels]) for c, levels in rows],
    }
    return render(request, "reports/templates_edit/campaigns.html", context)


@login_required
@require_GET
def template_edit(request: AuthenticatedHttpRequest, campaign_pk: int, level: str) -> HttpResponse:
    editor = _editor_or_404(request.user, campaign_pk, level)
    return _page(request, editor, add_form=editor.add_form(under=request.GET.get("under", "")))


# -- the forms --------------------------------------------------------------------------


def _section_add(request: AuthenticatedHttpRequest, editor: _Editor, form: SectionForm) -> str:
    data = form.cleaned_data
    template = editor.template
    parent = template.sections.filter(pk=data["parent"]).first() if data["parent"] else None
    applies: str = data["applies"]
    agency = None
    if applies.startswith("agency:"):
        agency = OrgUnit.objects.filter(
            pk=int(applies.split(":", 1)[1]), parent=editor.campaign.root, level=Level.AGENCY
        ).first()
    made = editing.section_add(
        template=template,
        title=data["title"],
        guidance=data["guidance"],
        parent=parent,
        agency=agency,
        everywhere=applies == EVERYWHERE,
        user=request.user,
    )
    if len(made) > 1:
        return _("The heading “%(section)s” is added to %(count)d reports.") % {
            "section": editing.label(made[0]),
            "count": len(made),
        }
    return _("The heading “%(section)s” is added.") % {"section": editing.label(made[0])}


@login_required
@require_POST
def section_add(request: AuthenticatedHttpRequest, campaign_pk: int, level: str) -> HttpResponse:
    editor = _editor_or_404(request.user, campaign_pk, level)
    form = editor.add_form(request.POST)
    done = _submitted(request, form, lambda: _section_add(request, editor, form), editor.url)
    return done or _page(request, editor, add_form=form)


@login_required
@require_POST
def section_rename(request: AuthenticatedHttpRequest, campaign_pk: int, level: str) -> HttpResponse:
    editor = _editor_or_404(request.user, campaign_pk, level)
    section = _section_or_404(editor.template, request)
    form = RenameForm(request.POST, prefix=f"r{section.pk}")

    def run() -> str:
        editing.section_rename(section=section, user=request.user, **form.cleaned_data)
        return _("The section is saved.")

    done = _submitted(request, form, run, f"{editor.url}#section-{section.pk}")
    return done or _page(request, editor, renamed=(section, form))


@login_required
@require_POST
def indicator_put_in(
    request: AuthenticatedHttpRequest, campaign_pk: int, level: str
) -> HttpResponse:
    editor = _editor_or_404(request.user, campaign_pk, level)
    form = editor.indicator_form(request.POST)

    def run() -> str:
        indicator = form.cleaned_data["indicator"]
        editing.indicator_put_in(template=editor.template, indicator=indicator, user=request.user)
        return _("%(code)s is added to the table.") % {"code": indicator.code}

    done = _submitted(request, form, run, f"{editor.url}#indicators")
    return done or _page(request, editor, indicator_form=form)


# -- the buttons ------------------------------------------------------------------------


def _move(
    request: AuthenticatedHttpRequest, campaign_pk: int, level: str, *, up: bool
) -> HttpResponse:
    def run(template: ReportTemplate) -> str:
        editing.section_move(section=_section_or_404(template, request), up=up, user=request.user)
        return _("The section is moved.")

    return _button(request, campaign_pk, level, run)


def _set_retired(
    request: AuthenticatedHttpRequest, campaign_pk: int, level: str, *, retired: bool
) -> HttpResponse:
    def run(template: ReportTemplate) -> str:
        section = _section_or_404(template, request)
        editing.section_set_retired(section=section, retired=retired, user=request.user)
        if retired:
            return _("The section is retired: reports no longer show it; any text in it is kept.")
        return _("The section is shown in reports again.")

    return _button(request, campaign_pk, level, run)


@login_required
@require_POST
def section_up(request: AuthenticatedHttpRequest, campaign_pk: int, level: str) -> HttpResponse:
    return _move(request, campaign_pk, level, up=True)


@login_required
@require_POST
def section_down(request: AuthenticatedHttpRequest, campaign_pk: int, level: str) -> HttpResponse:
    return _move(request, campaign_pk, level, up=False)


@login_required
@require_POST
def section_retire(request: AuthenticatedHttpRequest, campaign_pk: int, level: str) -> HttpResponse:
    return _set_retired(request, campaign_pk, level, retired=True)


@login_required
@require_POST
def section_restore(
    request: AuthenticatedHttpRequest, campaign_pk: int, level: str
) -> HttpResponse:
    return _set_retired(request, campaign_pk, level, retired=False)


@login_required
@require_POST
def section_remove(request: AuthenticatedHttpRequest, campaign_pk: int, level: str) -> HttpResponse:
    """Removes a section no report has written in; one with text is refused (retire it)."""

    def run(template: ReportTemplate) -> str:
        editing.section_remove(section=_section_or_404(template, request), user=request.user)
        return _("The section is removed.")

    return _button(request, campaign_pk, level, run)


@login_required
@require_POST
def indicator_take_out(
    request: AuthenticatedHttpRequest, campaign_pk: int, level: str
) -> HttpResponse:
    """Takes an indicator out of the table; refused once a report has figures for it."""

    def run(template: ReportTemplate) -> str:
        indicator = _indicator_or_404(request)
        editing.indicator_take_out(template=template, indicator=indicator, user=request.user)
        return _("%(code)s is taken out of the table.") % {"code": indicator.code}

    return _button(request, campaign_pk, level, run)
