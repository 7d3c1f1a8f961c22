"""A unit's Word templates on its documents page: download the one in use, upload an
edited one (refused with every faulty placeholder named), go back to the default."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.documents import templates_own
from xhht.documents.models import TemplateName
from xhht.documents.views import consolidating_unit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ABBREVIATIONS = {"bao-cao.docx": "BC", "cong-van.docx": "CV", "to-trinh.docx": "TTr"}


def _name_or_404(name: str) -> str:
    if name not in TemplateName.values:
        raise Http404
    return name


@login_required
@require_GET
def template_download(
    request: AuthenticatedHttpRequest, campaign_id: int, name: str
) -> HttpResponse:
    """The template in use for the unit's documents: its own, its province's or the default."""
    _campaign, unit = consolidating_unit(request.user, campaign_id)
    data = templates_own.template_for(unit, ABBREVIATIONS[_name_or_404(name)])
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, max-age=0"
    return response


@login_required
@require_POST
def template_upload(request: AuthenticatedHttpRequest, campaign_id: int, name: str) -> HttpResponse:
    campaign, unit = consolidating_unit(request.user, campaign_id)
    name = _name_or_404(name)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose the .docx file of the template."))
        return redirect("documents:page", campaign.pk)
    try:
        templates_own.template_upload(unit=unit, name=name, upload=upload, user=request.user)
    except templates_own.TemplateRefused as refused:
        messages.error(request, _("The template “%(name)s” was not kept:") % {"name": upload.name})
        for problem in refused.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("Your template is kept and used from now on."))
    return redirect("documents:page", campaign.pk)


@login_required
@require_POST
def template_remove(request: AuthenticatedHttpRequest, campaign_id: int, name: str) -> HttpResponse:
    campaign, unit = consolidating_unit(request.user, campaign_id)
    templates_own.template_remove(unit=unit, name=_name_or_404(name), user=request.user)
    messages.success(request, _("The default template is used again."))
    return redirect("documents:page", campaign.pk)


urlpatterns = [
    path(
        "campaigns/<int:campaign_id>/documents/templates/<str:name>",
        template_download,
        name="template",
    ),
    path(
        "campaigns/<int:campaign_id>/documents/templates/<str:name>/upload/",
        template_upload,
        name="template_upload",
    ),
    path(
        "campaigns/<int:campaign_id>/documents/templates/<str:name>/remove/",
        template_remove,
        name="template_remove",
    ),
]
