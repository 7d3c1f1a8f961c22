"""How an attachment is labelled: a PDF says it is signed only when it carries a signature."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from xhht.campaigns.attachments import PDF, stored_pdf_signature

register = template.Library()


@register.filter
def attachment_label(attachment: Any) -> str:
    """The label of a stored attachment (a report's or a conference's): for a PDF, whether
    it carries a digital signature and whose, as read from the file; otherwise its kind."""
    if attachment.content_type != PDF:
        return str(attachment.get_kind_display())
    signature = stored_pdf_signature(attachment.file)
    if signature is None:
        return _("PDF (no digital signature)")
    if signature.signer:
        return _("Digitally signed PDF, signed by %(signer)s (signature not verified)") % {
            "signer": signature.signer
        }
    return _("Digitally signed PDF (signature not verified)")
