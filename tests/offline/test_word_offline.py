"""The offline page around the Word form: a report that cannot change shows why and offers
downloads only; a district entering a commune's report through Word is recorded; typed
text is not silently left behind on the report page."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for
from tests.offline.test_word import BAI_CHAY, as_upload, confirm_url, download, paragraph_after
from tests.reports.factories import report_obligation, signature, signed_pdf
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign, Obligation
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import Report, SectionText
from xhht.reports.services import report_send

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 8), content_pack=True, MEDIA_ROOT=tmp_path)


def sent(obligation: Obligation, user: Any) -> Report:
    report = report_open(obligation=obligation, user=user)
    values = {
        row.indicator_id: {
            "value": 40,
            "denominator": 100,
            "baseline": 30,
            "baseline_denominator": 100,
        }
        for row in report.values.all()
    }
    report_save(report=report, texts={}, values=values, user=user)
    return report_send(report=report, user=user, signature=signature(), signed_file=signed_pdf())


def offline_page(client: Any, obligation: Obligation) -> str:
    response = client.get(reverse("offline:offline", args=[obligation.pk]))
    assert response.status_code == 200
    return str(response.content.decode())


def test_a_sent_report_offers_the_downloads_and_says_why_it_takes_no_upload(
    personas: Personas, campaign: Campaign
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    page = offline_page(client, obligation)
    assert reverse("offline:word_upload", args=[obligation.pk]) in page
    assert 'id="not-editable"' not in page and 'id="unsaved-not-carried"' in page
    sent(obligation, officer)
    page = offline_page(client, obligation)
    assert 'id="not-editable"' in page
    assert reverse("offline:word_upload", args=[obligation.pk]) not in page
    assert reverse("offline:xlsx_upload", args=[campaign.pk]) not in page
    assert reverse("offline:word_download", args=[obligation.pk]) in page
    assert reverse("offline:xlsx_download", args=[obligation.pk]) in page
    doc = download(client, obligation.pk)  # still downloads; an upload is still refused
    paragraph_after(doc, "2. ").text = "Sau khi gửi."
    response = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )
    assert response.status_code == 400 and 'id="not-editable"' in response.content.decode()
    assert not SectionText.objects.exists()


def test_a_district_whose_report_is_sent_may_still_upload_its_communes_workbook(
    personas: Personas, campaign: Campaign
) -> None:
    obligation = report_obligation(campaign, "193")
    sent(obligation, personas.halong_officer)
    page = offline_page(client_for(personas.halong_officer), obligation)
    assert 'id="not-editable"' in page and 'id="communes-only"' in page
    assert reverse("offline:word_upload", args=[obligation.pk]) not in page
    assert reverse("offline:xlsx_upload", args=[campaign.pk]) in page


def upload_and_confirm(client: Any, obligation: Obligation, text: str) -> None:
    doc = download(client, obligation.pk)
    paragraph_after(doc, "2. ").text = text
    location = client.post(
        reverse("offline:word_upload", args=[obligation.pk]), {"file": as_upload(doc)}
    )["Location"]
    assert client.post(confirm_url(location)).status_code == 302


def test_a_district_entering_a_communes_report_through_word_is_recorded(
    personas: Personas, campaign: Campaign
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    upload_and_confirm(client_for(personas.halong_officer), obligation, "Huyện nhập hộ.")
    report = Report.objects.get(obligation=obligation)
    assert report.entered_by_reviewer
    assert SectionText.objects.get(report=report).text == "Huyện nhập hộ."
    entry = AuditEntry.objects.get(action="report.entered_by_reviewer")
    assert entry.user == personas.halong_officer
    upload_and_confirm(client_for(personas.commune_officer_of_bai_chay), obligation, "Tự sửa.")
    assert SectionText.objects.get(report=report).text == "Tự sửa."


def test_a_communes_own_draft_is_not_the_districts_to_upload_into(
    personas: Personas, campaign: Campaign
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    upload_and_confirm(client_for(personas.commune_officer_of_bai_chay), obligation, "Tự nhập.")
    assert not Report.objects.get(obligation=obligation).entered_by_reviewer
    district = client_for(personas.halong_officer)
    assert district.get(reverse("offline:offline", args=[obligation.pk])).status_code == 404
    assert district.get(reverse("offline:word_download", args=[obligation.pk])).status_code == 404
    assert SectionText.objects.get().text == "Tự nhập."


def test_the_report_page_warns_before_leaving_with_unsaved_edits(
    personas: Personas, campaign: Campaign
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    officer = personas.commune_officer_of_bai_chay
    report_open(obligation=obligation, user=officer)
    page = client_for(officer).get(reverse("reports:report", args=[obligation.pk]))
    html = page.content.decode()
    assert re.search(r'<script src="[^"]*xhht/unsaved\.js" defer></script>', html)
    assert re.search(r'<form method="post"[^>]*class="report-form"[^>]*data-warn-unsaved', html)
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", html)  # no inline script
    script = Path(finders.find("xhht/unsaved.js") or "").read_text()
    assert "beforeunload" in script and "form[data-warn-unsaved]" in script
    report = Report.objects.get(obligation=obligation)
    row = report.values.first()
    assert row is not None
    typed = {f"s{s.pk}": "Đang gõ." for s in report.template.sections.all()}
    refused = client_for(officer).post(  # a save refused: the typed text is not saved yet
        reverse("reports:report", args=[obligation.pk]),
        {**typed, f"v{row.indicator_id}-value": "-5"},
    )
    assert refused.status_code == 200 and 'data-warn-unsaved="unsaved"' in refused.content.decode()
