"""Documents: the campaign's official documents, built from .docx templates in the layout
of their date."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "xhht.documents"
    verbose_name = _("Official documents")
