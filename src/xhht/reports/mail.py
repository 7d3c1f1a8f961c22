"""E-mails of the report workflow."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from xhht.accounts.models import User
from xhht.reports.models import Report


def report_returned_mail(*, report_pk: int, reason: str) -> int:
    """Tell the unit whose report was returned, and who last saved it; returns mails sent."""
    report = Report.objects.select_related("obligation__unit", "obligation__campaign").get(
        pk=report_pk
    )
    unit = report.obligation.unit
    addresses = set(
        User.objects.filter(unit=unit, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if unit.contact_email:
        addresses.add(unit.contact_email)
    if report.updated_by and report.updated_by.email:
        addresses.add(report.updated_by.email)
    if not addresses:
        return 0
    context = {
        "report": report,
        "unit": unit,
        "campaign": report.obligation.campaign,
        "reason": reason,
        "base_url": getattr(settings, "XHHT_BASE_URL", ""),
    }
    subject = " ".join(render_to_string("reports/email/returned_subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("reports/email/returned.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=sorted(addresses),
    )
    message.attach_alternative(
        render_to_string("reports/email/returned.html", context), "text/html"
    )
    message.send()
    return 1
