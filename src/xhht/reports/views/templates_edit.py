"""The standing unit edits a campaign's report templates, one level at a time: headings
added, renamed, moved, removed or retired; indicators put in or taken out of the table.

Only the standing unit of the campaign's province (and the administrator); everyone else
gets 404. Plain forms and buttons: it works without JavaScript, on a phone.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import dashboards
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports import template_editing as editing
from xhht.reports.models import ReportTemplate, TemplateSection
from xhht.reports.templates_build import template_for
from xhht.reports.views.posted import posted_id

HERE, EVERYWHERE = "here", "everywhere"


class SectionForm(forms.Form):
    """A new heading: where it goes, its text, which reports get it."""

    parent = forms.TypedChoiceField(
        label=gettext_lazy("Under"), required=False, coerce=int, empty_value=None
    )
    title = forms.CharField(
        label=gettext_lazy("Heading"),
        max_length=editing.TITLE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "E.g. under “1.”, one heading for each content of Decision 2074/QĐ-UBND. "
            "It is numbered from its place."
        ),
    )
    guidance = forms.CharField(
        label=gettext_lazy("Guidance for the units (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    applies = forms.ChoiceField(label=gettext_lazy("In which reports"))

    def __init__(
        self,
        *args: Any,
        template: ReportTemplate,
        sections: list[TemplateSection],
        agencies: list[OrgUnit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        parent: Any = self.fields["parent"]
        parent.choices = [("", _("— at the top —"))] + [
            (s.pk, "\u00a0\u00a0" * (s.depth - 1) + _short(s)) for s in sections if not s.retired
        ]
        applies: Any = self.fields["applies"]
        applies.choices = [
            (HERE, _("Only this report (%(level)s)") % {"level": template.get_level_display()}),
            (EVERYWHERE, _("Every level's report of the campaign that has the section above")),
        ]
        if template.level == Level.AGENCY:
            applies.choices += [
                (f"agency:{a.pk}", _("Only %(agency)s") % {"agency": a.display_name})
                for a in agencies
            ]


class RenameForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Heading"),
        max_length=editing.TITLE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    guidance = forms.CharField(
        label=gettext_lazy("Guidance for the units"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class IndicatorForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Indicator"), queryset=Indicator.objects.none()
    )

    def __init__(self, *args: Any, available: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["indicator"]
        field.queryset = Indicator.objects.filter(pk__in=[i.pk for i in available]).order_by(
            "order", "code"
        )
        field.label_from_instance = lambda i: f"{i.code} — {i.name} ({i.get_level_display()})"


def _short(section: TemplateSection, limit: int = 90) -> str:
    text = editing.label(section)
    if section.agency is not None:
        text = f"[{section.agency.short_name or section.agency.code}] {text}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def _refuse(form: forms.Form, error: editing.TemplateEditError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET"])
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


def _section_or_404(template: ReportTemplate, request: HttpRequest) -> TemplateSection:
    section = template.sections.filter(pk=posted_id(request, "section")).first()
    if section is None:
        raise Http404
    return section


def _indicator_or_404(template: ReportTemplate, request: HttpRequest) -> Indicator:
    indicator = Indicator.objects.filter(pk=posted_id(request, "indicator")).first()
    if indicator is None:
        raise Http404
    return indicator


def _button(request: AuthenticatedHttpRequest, template: ReportTemplate, action: str) -> str:
    """Run a button's action; the message to show."""
    user = request.user
    if action in ("up", "down"):
        editing.section_move(
            section=_section_or_404(template, request), up=action == "up", user=user
        )
        return _("The section is moved.")
    if action in ("retire", "restore"):
        editing.section_set_retired(
            section=_section_or_404(template, request), retired=action == "retire", user=user
        )
        return (
            _("The section is retired: reports no longer show it; any text in it is kept.")
            if action == "retire"
            else _("The section is shown in reports again.")
        )
    if action == "remove":
        editing.section_remove(section=_section_or_404(template, request), user=user)
        return _("The section is removed.")
    if action == "indicator_out":
        indicator = _indicator_or_404(template, request)
        editing.indicator_take_out(template=template, indicator=indicator, user=user)
        return _("%(code)s is taken out of the table.") % {"code": indicator.code}
    raise Http404


def _add(request: AuthenticatedHttpRequest, template: ReportTemplate, form: SectionForm) -> str:
    data = form.cleaned_data
    parent = template.sections.filter(pk=data["parent"]).first() if data["parent"] else None
    applies: str = data["applies"]
    agency = None
    if applies.startswith("agency:"):
        agency = OrgUnit.objects.filter(
            pk=int(applies.split(":", 1)[1]), parent=template.campaign.root, level=Level.AGENCY
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
@require_http_methods(["GET", "POST"])
def template_edit(request: AuthenticatedHttpRequest, campaign_pk: int, level: str) -> HttpResponse:
    user = request.user
    campaign = _campaign_or_404(user, campaign_pk)
    levels = editing.campaign_levels(campaign)
    if level not in levels:
        raise Http404
    template = template_for(campaign, level)
    url = reverse("reports:template_edit", args=[campaign.pk, level])
    sections = editing.sections_of(template)
    agencies = editing.agencies_of(campaign) if level == Level.AGENCY else []
    available = editing.indicators_available(template)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    under = request.GET.get("under", "")
    add_form = SectionForm(
        request.POST if action == "add" else None,
        template=template,
        sections=sections,
        agencies=agencies,
        initial={"parent": under, "applies": HERE},
        prefix="add",
    )
    indicator_form = IndicatorForm(
        request.POST if action == "indicator_in" else None, available=available, prefix="ind"
    )
    rename_pk = request.POST.get("section", "") if action == "rename" else ""
    rename_form: RenameForm | None = None
    if action:
        try:
            if action == "add":
                if add_form.is_valid():
                    messages.success(request, _add(request, template, add_form))
                    return redirect(url)
            elif action == "indicator_in":
                if indicator_form.is_valid():
                    indicator = indicator_form.cleaned_data["indicator"]
                    editing.indicator_put_in(template=template, indicator=indicator, user=user)
                    messages.success(
                        request, _("%(code)s is added to the table.") % {"code": indicator.code}
                    )
                    return redirect(f"{url}#indicators")
            elif action == "rename":
                section = _section_or_404(template, request)
                rename_form = RenameForm(request.POST, prefix=f"r{section.pk}")
                if rename_form.is_valid():
                    editing.section_rename(section=section, user=user, **rename_form.cleaned_data)
                    messages.success(request, _("The section is saved."))
                    return redirect(f"{url}#section-{section.pk}")
            else:
                messages.success(request, _button(request, template, action))
                return redirect(f"{url}#outline")
        except editing.TemplateEditError as error:
            form: forms.Form | None = {"add": add_form, "indicator_in": indicator_form}.get(
                action, rename_form
            )
            if form is None:
                messages.error(request, error.message)
                return redirect(f"{url}#outline")
            _refuse(form, error)
    rows = []
    for section in sections:
        if rename_form is not None and str(section.pk) == rename_pk:
            rows.append((section, rename_form, True))
        else:
            initial = {"title": section.title, "guidance": section.guidance}
            rows.append((section, RenameForm(initial=initial, prefix=f"r{section.pk}"), False))
    labels = dict(Level.choices)
    template.refresh_from_db(fields=["version"])
    context = {
        "campaign": campaign,
        "template": template,
        "levels": [(lv, labels[lv]) for lv in levels],
        "level": level,
        "rows": rows,
        "add_form": add_form,
        "indicator_form": indicator_form,
        "available": available,
        "links": template.templateindicator_set.select_related("indicator").order_by(
            "order", "indicator__code"
        ),
        "url": url,
    }
    failed = add_form.errors or indicator_form.errors or (rename_form and rename_form.errors)
    return render(
        request, "reports/templates_edit/page.html", context, status=400 if failed else 200
    )
