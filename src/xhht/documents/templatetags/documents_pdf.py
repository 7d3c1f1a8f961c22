"""What the documents page needs to offer a PDF: whether LibreOffice is here, and which files
convert."""

from __future__ import annotations

from django import template

from xhht.documents.models import GeneratedDocument
from xhht.documents.pdf import DOCX, pdf_available

register = template.Library()


@register.simple_tag
def pdf_possible() -> bool:
    """Whether the server can make PDFs (LibreOffice installed)."""
    return pdf_available()


@register.filter
def converts_to_pdf(document: GeneratedDocument) -> bool:
    """Whether the file is a .docx that LibreOffice turns into PDF."""
    return document.content_type == DOCX
