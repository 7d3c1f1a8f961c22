"""The documents page of a unit that consolidates (the country, a province, a district): who issues
and signs, generating the consolidated report, and every file made, to download again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.accounts.models import User
from xhht.campaigns import attachments, dashboards
from xhht.campaigns.models import Campaign
from xhht.campaigns.views.work import WORK_CSS
from xhht.documents import issuers, services
from xhht.documents.drafts import draft_of
from xhht.documents.forms import GenerateForm, IssuerForm
from xhht.documents.kinds import kinds_for
from xhht.documents.layout import regime_for
from xhht.documents.models import GeneratedDocument, Status
from xhht.documents.templates_own import templates_of
from xhht.documents.views_close import may_close
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit

CONSOLIDATING = (Level.COUNTRY, Level.PROVINCE, Level.DISTRICT)


def consolidating_unit(user: User, campaign_id: int) -> tuple[Campaign, OrgUnit]:
    """The campaign and the user's own unit, when it consolidates its units' reports."""
    campaign, unit = dashboards.own_work_or_404(user, campaign_id)
    if unit.level not in CONSOLIDATING:
        raise Http404
    return campaign, unit


def _page(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    unit: OrgUnit,
    *,
    issuer_form: IssuerForm | None = None,
    generate_form: GenerateForm | None = None,
) -> HttpResponse:
    generated = list(
        GeneratedDocument.objects.filter(campaign=campaign, unit=unit)
        .select_related("created_by")
        .order_by("-created_at")
    )
    context = {
        "campaign": campaign,
        "unit": unit,
        "issuer_form": issuer_form or IssuerForm(initial=issuers.profile_of(campaign, unit)),
        "generate_form": generate_form or GenerateForm(),
        "kinds": kinds_for(unit),
        "templates": templates_of(unit),
        "regime": regime_for(today()),
        "generated": [g for g in generated if g.is_done],
        "pending": [g for g in generated if g.is_pending],
        "failed": [g for g in generated if g.status == Status.FAILED][:5],
        "work_css": WORK_CSS,
        "may_close": may_close(request.user, campaign, unit),
        "draft": draft_of(campaign, unit),
    }
    return render(request, "documents/page.html", context)


@login_required
@require_GET
def page(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    campaign, unit = consolidating_unit(request.user, campaign_id)
    return _page(request, campaign, unit)


@login_required
@require_POST
def issuer_save(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Save who issues and signs the unit's documents."""
    campaign, unit = consolidating_unit(request.user, campaign_id)
    form = IssuerForm(request.POST)
    if not form.is_valid():
        return _page(request, campaign, unit, issuer_form=form)
    issuers.profile_save(campaign=campaign, unit=unit, values=form.cleaned_data, user=request.user)
    messages.success(request, _("Who issues and signs is saved."))
    return redirect("documents:page", campaign.pk)


@login_required
@require_POST
def generate(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Make a document of the unit from what is in the database now."""
    campaign, unit = consolidating_unit(request.user, campaign_id)
    form = GenerateForm(request.POST)
    if not form.is_valid():
        return _page(request, campaign, unit, generate_form=form)
    kind = request.POST.get("kind", "")
    if kind not in dict(kinds_for(unit)):
        raise Http404
    services.document_request(
        kind=kind,
        campaign=campaign,
        unit=unit,
        user=request.user,
        number=form.cleaned_data["number"],
        issued_on=form.cleaned_data["issued_on"],
    )
    messages.success(request, _("The document is being made: it appears below when it is ready."))
    return redirect("documents:page", campaign.pk)


@login_required
@require_GET
def download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """A generated file, for users who see its unit."""
    item = scope.object_or_404(
        GeneratedDocument.objects.filter(status=Status.DONE), request.user, unit="unit", pk=pk
    )
    return attachments.attachment_response(
        file=item.file, content_type=item.content_type, name=item.name
    )


app_name = "documents"
urlpatterns = [
    path("campaigns/<int:campaign_id>/documents/", page, name="page"),
    path("campaigns/<int:campaign_id>/documents/issuer/", issuer_save, name="issuer"),
    path("campaigns/<int:campaign_id>/documents/generate/", generate, name="generate"),
    path("documents/<int:pk>/", download, name="download"),
]
