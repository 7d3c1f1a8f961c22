"""A withdrawn campaign starts no draft report: every way of opening one (the unit above
entering it on the unit's behalf, the report page's first save, its sending, a Word
upload, the roll-up's refresh, the service itself) is refused with the day and the reason
of the withdrawal, answers with the page's usual error display (never a 500), and writes
no report. A report never started is shown as such; existing reports stay readable."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.timezone import make_aware

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.reports.factories import report_obligation
from tests.reports.figures import report_with
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign, Obligation
from xhht.reports.editing import ReportError, report_open
from xhht.reports.models import Report

pytestmark = pytest.mark.django_db

BAI_CHAY, TRAN_PHU, HALONG = "06673", "06712", "193"
REFUSED = (
    "Đợt đã bị thu hồi ngày 15/06/2013 (lý do: Văn bản ban hành trùng số 1395, đã có đợt "
    "khác thay thế), không nhận thêm thay đổi."
)
NOT_STARTED = "Đơn vị này chưa bắt đầu báo cáo."


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    """Withdrawn on 15/06/2013 with Trần Phú's report sent and no other report started."""
    campaign = make_campaign(content_pack=True, MEDIA_ROOT=tmp_path / "media")
    report_with(campaign, TRAN_PHU)
    Campaign.objects.filter(pk=campaign.pk).update(
        withdrawn_at=make_aware(datetime(2013, 6, 15, 9, 0)),
        withdrawn_by=personas.province_officer,
        withdrawn_reason="Văn bản ban hành trùng số 1395, đã có đợt khác thay thế.",
    )
    campaign.refresh_from_db()
    return campaign


def _nothing_opened(obligation: Obligation, reports: int, audit: int) -> None:
    assert not Report.objects.filter(obligation=obligation).exists()
    assert (Report.objects.count(), AuditEntry.objects.count()) == (reports, audit)


def _shown_after(client: Client, posted: str, data: dict[str, str], url: str) -> str:
    """The page a refused POST to `posted` redirects to, with its message."""
    response = client.post(posted, data)
    assert response.status_code == 302
    assert response["Location"] == url
    page = client.get(url)
    assert page.status_code == 200
    return page.content.decode()


def test_the_service_refuses_to_start_a_draft_but_gives_an_existing_report(
    campaign: Campaign, personas: Personas
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    with pytest.raises(ReportError) as refused:
        report_open(obligation=obligation, user=personas.commune_officer_of_bai_chay)
    assert str(refused.value) == REFUSED
    assert not Report.objects.filter(obligation=obligation).exists()
    sent = report_obligation(campaign, TRAN_PHU)
    assert report_open(obligation=sent, user=None) == Report.objects.get(obligation=sent)


def test_entering_on_the_units_behalf_is_refused_on_the_page(
    campaign: Campaign, personas: Personas
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    counts = Report.objects.count(), AuditEntry.objects.count()
    client = client_for(personas.halong_officer)
    url = reverse("reports:report", args=[obligation.pk])
    page = _shown_after(client, reverse("reports:open", args=[obligation.pk]), {}, url)
    assert page.count(REFUSED) == 1
    assert NOT_STARTED in page
    assert reverse("reports:open", args=[obligation.pk]) not in page  # no button to try again
    _nothing_opened(obligation, *counts)


def test_the_first_save_and_sending_are_refused_on_the_page(
    campaign: Campaign, personas: Personas
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    counts = Report.objects.count(), AuditEntry.objects.count()
    client = client_for(personas.commune_officer_of_bai_chay)
    url = reverse("reports:report", args=[obligation.pk])
    for posted in (url, reverse("reports:send", args=[obligation.pk])):
        page = _shown_after(client, posted, {"revision": "0"}, url)
        assert page.count(REFUSED) == 1
        _nothing_opened(obligation, *counts)


def test_the_page_of_a_report_never_started_shows_none_and_why(
    campaign: Campaign, personas: Personas
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    counts = Report.objects.count(), AuditEntry.objects.count()
    for user in (personas.commune_officer_of_bai_chay, personas.halong_officer):
        page = client_for(user).get(reverse("reports:report", args=[obligation.pk]))
        assert page.status_code == 200
        text = page.content.decode()
        assert (text.count(REFUSED), text.count(NOT_STARTED)) == (1, 1)
        assert 'name="revision"' not in text  # no form to save
        assert reverse("reports:open", args=[obligation.pk]) not in text
    _nothing_opened(obligation, *counts)


def test_an_existing_report_stays_readable(campaign: Campaign, personas: Personas) -> None:
    obligation = report_obligation(campaign, TRAN_PHU)
    page = client_for(personas.commune_officer_of_tran_phu).get(
        reverse("reports:report", args=[obligation.pk])
    )
    assert page.status_code == 200
    assert REFUSED not in page.content.decode()


def test_a_word_upload_is_refused_on_the_offline_page(
    campaign: Campaign, personas: Personas
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    counts = Report.objects.count(), AuditEntry.objects.count()
    client = client_for(personas.commune_officer_of_bai_chay)
    upload = SimpleUploadedFile("bao-cao.docx", b"PK\x03\x04 not really a form")
    response = client.post(reverse("offline:word_upload", args=[obligation.pk]), {"file": upload})
    assert response.status_code == 400
    assert REFUSED in response.content.decode()
    _nothing_opened(obligation, *counts)
    # The form of the report can still be downloaded: it writes nothing.
    assert client.get(reverse("offline:word_download", args=[obligation.pk])).status_code == 200
    _nothing_opened(obligation, *counts)


def test_the_rollup_refresh_is_refused_with_the_message(
    campaign: Campaign, personas: Personas
) -> None:
    obligation = campaign.obligations.get(unit=unit(HALONG), deliverable="report")
    counts = Report.objects.count(), AuditEntry.objects.count()
    client = client_for(personas.halong_officer)
    response = client.post(reverse("rollup:prefill", args=[campaign.pk]), {"back": "report"})
    assert response.status_code == 302
    page = client.get(reverse("reports:report", args=[obligation.pk]))
    assert page.status_code == 200
    assert page.content.decode().count(REFUSED) == 1
    _nothing_opened(obligation, *counts)
