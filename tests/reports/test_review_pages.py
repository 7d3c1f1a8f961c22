"""What the pages show of a report's review: the commune's work page (status, the return's
reason, the next action), both timeliness figures, the history in words, empty targets;
one size limit for signed files; campaign_status's dates."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from pytest_django import Settings

from tests.conftest import Personas, PublishedCampaign, client_for
from tests.reports.factories import PDF_BYTES
from tests.reports.reviewing import (
    accept,
    element,
    filled,
    give_back,
    send,
    send_data,
    sent_by_bai_chay,
    signed,
    url,
)
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports import reading
from xhht.reports.models import Report, ReportStatus

pytestmark = pytest.mark.django_db

ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 8), content_pack=True, MEDIA_ROOT=tmp_path)


def work_row(client: Any, campaign: Campaign) -> dict[str, Any]:
    response = client.get(reverse("site:my_work", args=[campaign.pk]))
    return next(r for r in response.context["rows"] if r["obligation"].deliverable == "report")


def in_vietnamese(message: str) -> str:
    """The pages speak Vietnamese whatever the test's language."""
    with translation.override("vi"):
        return translation.gettext(message)


def test_the_work_page_shows_the_report_status_the_reason_and_the_next_action(
    personas: Personas, campaign: Campaign
) -> None:
    commune = sent_by_bai_chay(campaign, personas.commune_officer_of_bai_chay)
    assert work_row(commune, campaign)["report"].status == ReportStatus.SENT
    give_back(client_for(personas.halong_officer), campaign, "Thiếu số liệu thôn 3")
    response = commune.get(reverse("site:my_work", args=[campaign.pk]))
    page = response.content.decode()
    assert 'data-status="returned"' in page and "Thiếu số liệu thôn 3" in page
    row = work_row(commune, campaign)
    assert row["report"].action == in_vietnamese("Correct it and send it again")
    assert row["report"].returned_on == date(2013, 6, 8)
    assert row["report"].returned_by == "Thành phố Hạ Long"
    send(commune, campaign)
    accept(client_for(personas.halong_officer), campaign)
    row = work_row(commune, campaign)
    assert row["report"].status == ReportStatus.ACCEPTED
    assert row["report"].action == in_vietnamese("Read the report")
    assert (
        'data-status="accepted"'
        in commune.get(reverse("site:my_work", args=[campaign.pk])).content.decode()
    )


def test_a_late_resent_version_shows_late_beside_the_first_sending_on_time(
    personas: Personas, campaign: Campaign, settings: Settings
) -> None:
    commune = sent_by_bai_chay(campaign, personas.commune_officer_of_bai_chay)  # 08/06: on time
    district = client_for(personas.halong_officer)
    give_back(district, campaign, "Sai số liệu")
    settings.XHHT_TODAY = date(2013, 6, 20)  # the last day was 10/06
    send(commune, campaign, number="31/BC-UBND", signed_on="19/06/2013")
    assert accept(district, campaign).status_code == 302
    report = Report.objects.get()
    assert (report.first_sent_on, report.last_sent_on) == (date(2013, 6, 8), date(2013, 6, 20))
    page = district.get(url("review", campaign)).content.decode()
    first = re.search(r'<dd data-late="(\d)">08/06/2013', page)
    assert first and first.group(1) == "0"
    version = element(page, "version-sent")
    assert 'data-late="1"' in version and "20/06/2013" in version
    received = district.get(reverse("reports:received", args=[campaign.pk])).content.decode()
    assert re.search(r'class="version" data-late="1">[^<]*20/06/2013', received)
    kept = AuditEntry.objects.get(action="report.accepted").changes
    assert kept["version_sent_on"] == [None, "2013-06-20"]


def test_the_history_names_every_field_in_words(
    personas: Personas, campaign: Campaign, settings: Settings
) -> None:
    commune = sent_by_bai_chay(campaign, personas.commune_officer_of_bai_chay)
    district = client_for(personas.halong_officer)
    give_back(district, campaign, "Sai số liệu")
    send(commune, campaign, number="31/BC-UBND", signed_on="07/06/2013")
    accept(district, campaign)
    report = Report.objects.get()
    with translation.override("en"):
        lines = reading.history(report)
    names = {name for line in lines for name, _old, _new in line.what}
    # ("status" and "reason" are their own English labels: their values are checked below.)
    raw = {"number", "signed_on", "value", "denominator", "accepted_on", "baseline"}
    assert not names & raw, names & raw
    changes: dict[str, tuple[str, str]] = {}
    for line in lines:  # newest first: keep each field's latest change
        for name, old, new in line.what:
            changes.setdefault(name.split(" · ")[-1], (old, new))
    assert changes["number and symbol"] == ("25/BC-UBND", "31/BC-UBND")
    assert changes["signed on"] == ("05/06/2013", "07/06/2013")
    assert changes["status"] == ("Sent", "Accepted")
    assert changes["accepted on"] == ("—", "08/06/2013")
    assert changes["reason"] == ("—", "Sai số liệu")
    figures = [name for line in lines for name, _o, _n in line.what if " · " in name]
    assert any(
        name.startswith("Tỷ lệ người biết chữ trong độ tuổi 15-60 (LIT_15_60) · ")
        for name in figures
    )
    shown = " ".join(f"{name} {old} {new}" for line in lines for name, old, new in line.what)
    assert not ISO_DAY.search(shown) and "True" not in shown and "False" not in shown
    page = district.get(url("history", campaign)).content.decode()
    assert not ISO_DAY.search(page[page.index('id="history"') :])


def test_the_history_writes_yes_and_no_and_the_channel(
    personas: Personas, campaign: Campaign
) -> None:
    district = client_for(personas.halong_officer)
    data = send_data(channel="fax", received_number="CV 9", received_on="07/06/2013")
    assert district.post(url("register", campaign), data).status_code == 302
    with translation.override("en"):
        lines = reading.history(Report.objects.get())
    changes = {name: (old, new) for line in lines for name, old, new in line.what}
    assert changes["how it arrived"] == ("Sent in the system", "Received by fax")
    assert changes["received on"] == ("—", "07/06/2013")


def test_empty_own_targets_read_as_dashes(personas: Personas, campaign: Campaign) -> None:
    sent_by_bai_chay(campaign, personas.commune_officer_of_bai_chay)
    page = client_for(personas.halong_officer).get(url("review", campaign)).content.decode()
    cells = re.findall(r'data-label="[^"]*2015 / 2020" class="num">([^<]*)</td>', page)
    assert cells and set(cells) == {"— / —"}


def test_signed_files_follow_the_attachment_limit(
    personas: Personas, campaign: Campaign, settings: Settings
) -> None:
    settings.XHHT_ATTACHMENT_MAX_MB = 1
    filled(campaign, personas.commune_officer_of_bai_chay)
    commune = client_for(personas.commune_officer_of_bai_chay)
    big = signed("lon.pdf", PDF_BYTES + b"\0" * (1024 * 1024))
    refused = commune.post(url("send", campaign), send_data(signed_file=big))
    assert refused.status_code == 200
    errors = " ".join(refused.context["form"].non_field_errors())
    assert "lon.pdf" in errors and "1 MB" in errors
    assert Report.objects.get().status == ReportStatus.DRAFT
    settings.XHHT_ATTACHMENT_MAX_MB = 2
    big = signed("lon.pdf", PDF_BYTES + b"\0" * (1024 * 1024))
    assert commune.post(url("send", campaign), send_data(signed_file=big)).status_code == 302


def test_campaign_status_prints_days_as_dd_mm_yyyy(campaign: Campaign) -> None:
    out = io.StringIO()
    call_command("campaign_status", str(campaign.pk), stdout=out)
    text = out.getvalue()
    assert re.search(r"— \d{2}/\d{2}/\d{4} — \d+", text) and not ISO_DAY.search(text)
    json_out = io.StringIO()
    call_command("campaign_status", str(campaign.pk), "--json", stdout=json_out)
    assert ISO_DAY.search(json_out.getvalue())  # JSON stays ISO
