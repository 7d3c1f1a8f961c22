"""A generated document as PDF (LibreOffice's conversion of its .docx, unsigned)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseBase
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_GET

from xhht.accounts import scope
from xhht.accounts.http import AuthenticatedHttpRequest
from xhht.documents import pdf
from xhht.documents.models import GeneratedDocument


@login_required
@require_GET
def as_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    """The PDF of a generated .docx, for users who see its unit; when LibreOffice is missing
    or fails, back to the documents page with the reason."""
    item = scope.object_or_404(GeneratedDocument.objects.all(), request.user, unit="unit", pk=pk)
    try:
        name = pdf.pdf_of(item)
    except FileNotFoundError:
        raise Http404 from None
    except pdf.PdfError as error:
        messages.error(request, str(error))
        return redirect("documents:page", item.campaign_id)
    response = FileResponse(
        item.file.storage.open(name, "rb"),
        content_type=pdf.PDF,
        as_attachment=False,
        filename=pdf.pdf_name(item),
    )
    response["Cache-Control"] = "private, max-age=0"
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("documents/<int:pk>/pdf/", as_pdf, name="pdf"),
]
