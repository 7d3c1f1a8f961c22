"""Helpers for the review tests: a commune's report filled and sent through the pages, the
receiver's review actions as posts, and the day the clock shows."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.conftest import client_for
from tests.reports.factories import PDF_BYTES, report_obligation
from xhht.accounts.models import User
from xhht.campaigns.models import Campaign
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import Report

BAI_CHAY = "06673"


def on(day: date) -> None:
    """Set the project's clock (the tests' `settings` fixture restores it)."""
    settings.XHHT_TODAY = day


def filled(campaign: Campaign, user: User, code: str = BAI_CHAY) -> Report:
    report = report_open(obligation=report_obligation(campaign, code), user=user)
    values = {
        row.indicator_id: {"value": 40, "denominator": 100, "baseline": 30}
        for row in report.values.all()
    }
    return report_save(report=report, texts={}, values=values, user=user)


def signed(name: str = "bao-cao.pdf", data: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def send_data(**extra: Any) -> dict[str, Any]:
    return {
        "number": "25/BC-UBND",
        "signed_on": "05/06/2013",
        "signer_name": "Nguyễn Văn Hùng",
        "signer_capacity": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        "signed_file": signed(),
        **extra,
    }


def url(name: str, campaign: Campaign, code: str = BAI_CHAY) -> str:
    return reverse(f"reports:{name}", args=[report_obligation(campaign, code).pk])


def send(client: Client, campaign: Campaign, **extra: Any) -> None:
    response = client.post(url("send", campaign), send_data(**extra))
    assert response.status_code == 302, response.context and response.context["form"].errors


def sent_by_bai_chay(campaign: Campaign, officer: User) -> Client:
    """The commune fills its report and sends it through the send page; its client."""
    filled(campaign, officer)
    client = client_for(officer)
    send(client, campaign)
    return client


def accept(client: Client, campaign: Campaign, **extra: str) -> Any:
    return client.post(url("accept", campaign), {"confirm": "on", **extra})


def give_back(client: Client, campaign: Campaign, reason: str, shown: str = "sent") -> Any:
    return client.post(url("return", campaign), {"reason": reason, "shown": shown})


def element(html: str, element_id: str) -> str:
    """The opening tag and text of the element with `element_id` (up to its first tag end)."""
    found = re.search(rf'<[^>]*id="{element_id}"[^>]*>.*?</', html, re.S)
    assert found, f"no element #{element_id}"
    return found.group(0)
