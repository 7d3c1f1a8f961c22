"""The draft of the consolidated report: the units' passages compiled section by section,
edited on the page, kept, and used when the report is made; or discarded."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.campaigns.models import Campaign
from xhht.campaigns.views.work import WORK_CSS
from xhht.documents import drafts
from xhht.documents.forms import DraftForm
from xhht.documents.views import consolidating_unit
from xhht.orgunits.models import OrgUnit


def _page(
    request: AuthenticatedHttpRequest,
    campaign: Campaign,
    unit: OrgUnit,
    *,
    form: DraftForm | None = None,
    status: int = 200,
) -> HttpResponse:
    draft = drafts.draft_of(campaign, unit)
    rows = drafts.draft_rows(campaign, unit)
    if form is None:
        form = DraftForm(rows=rows, initial={"revision": draft.revision if draft else 0})
    context = {
        "campaign": campaign,
        "unit": unit,
        "draft": draft,
        "changed_since": drafts.reports_changed_since(draft) if draft else 0,
        "form": form,
        "work_css": WORK_CSS,
    }
    return render(request, "documents/draft.html", context, status=status)


@login_required
@require_GET
def draft_page(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    campaign, unit = consolidating_unit(request.user, campaign_id)
    return _page(request, campaign, unit)


@login_required
@require_POST
def draft_save(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Keep the texts typed for the draft; the report is made from them from now on."""
    campaign, unit = consolidating_unit(request.user, campaign_id)
    form = DraftForm(request.POST, rows=drafts.draft_rows(campaign, unit))
    if not form.is_valid():
        return _page(request, campaign, unit, form=form, status=400)
    try:
        drafts.draft_save(
            campaign=campaign,
            unit=unit,
            texts=form.texts(),
            revision=form.cleaned_data["revision"],
            user=request.user,
        )
    except drafts.DraftError as error:
        form.add_error(None, str(error))
        return _page(request, campaign, unit, form=form, status=409)
    messages.success(request, _("The draft is saved: the consolidated report is made from it."))
    return redirect("documents:draft", campaign.pk)


@login_required
@require_POST
def draft_discard(request: AuthenticatedHttpRequest, campaign_id: int) -> HttpResponse:
    """Drop the edited draft, after the user confirmed it, and compile again."""
    campaign, unit = consolidating_unit(request.user, campaign_id)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the edited text is to be dropped."))
        return redirect("documents:draft", campaign.pk)
    if drafts.draft_discard(campaign=campaign, unit=unit, user=request.user):
        messages.success(request, _("The draft is dropped: it is compiled from the reports again."))
    return redirect("documents:draft", campaign.pk)


urlpatterns = [
    path("campaigns/<int:campaign_id>/documents/draft/", draft_page, name="draft"),
    path("campaigns/<int:campaign_id>/documents/draft/save/", draft_save, name="draft_save"),
    path(
        "campaigns/<int:campaign_id>/documents/draft/discard/", draft_discard, name="draft_discard"
    ),
]
