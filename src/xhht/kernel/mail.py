"""Mails written from a triplet of templates: `<name>_subject.txt`, `<name>.txt` and
`<name>.html`, rendered with one context in the active language (the callers that mail
units choose the site's)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def templated_mail(template: str, context: dict[str, Any], to: list[str]) -> EmailMultiAlternatives:
    """The mail of `template` (a path without its ending) to `to`, text and HTML; the
    subject is one line whatever the template's line breaks."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
