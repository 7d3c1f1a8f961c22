"""The e-mail telling a unit its report was returned: what it says, who gets it, and what
the reviewer is told when it went, failed (mail server unreachable) or had no address."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.mail import Mailbox, free_port
from tests.reports.reviewing import (
    BAI_CHAY,
    element,
    filled,
    give_back,
    send,
    sent_by_bai_chay,
    url,
)
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports.models import Report, ReportStatus
from xhht.reports.reading import report_entered_by_reviewer

pytestmark = pytest.mark.django_db

REASON = "Thiếu số liệu <b>đỏ</b> & thôn 3"


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(
        today=date(2013, 6, 8),
        content_pack=True,
        MEDIA_ROOT=tmp_path,
        XHHT_BASE_URL="https://xhht.quangninh.example/",
    )


def test_the_mail_names_who_returned_it_links_the_report_and_is_not_escaped(
    personas: Personas,
    campaign: Campaign,
    smtp_server: Mailbox,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    bai_chay = unit(BAI_CHAY)
    bai_chay.contact_email = "vanthu.baichay@example.test"
    bai_chay.save()
    sent_by_bai_chay(campaign, personas.commune_officer_of_bai_chay)
    personas.halong_officer.first_name, personas.halong_officer.last_name = "Lan", "Trần Thị"
    personas.halong_officer.save()
    district = client_for(personas.halong_officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert give_back(district, campaign, REASON).status_code == 302
    assert Report.objects.get().status == ReportStatus.RETURNED
    [message] = smtp_server.messages
    assert sorted(str(message["To"]).replace(" ", "").split(",")) == [
        "baichay@example.test",
        "vanthu.baichay@example.test",
    ]
    text = Mailbox.text_of(message)
    assert REASON in text and "&lt;" not in text and "&amp;" not in text
    report_url = "https://xhht.quangninh.example" + url("report", campaign)
    assert report_url in text
    assert "Trần Thị Lan" in text or "Lan Trần Thị" in text
    assert unit("193").display_name in text  # the unit that returned it
    html = message.get_body(preferencelist=("html",))
    assert html is not None
    body = str(html.get_content())
    assert "&lt;b&gt;đỏ&lt;/b&gt; &amp;" in body and f'href="{report_url}"' in body
    page = district.get(url("review", campaign)).content.decode()
    assert 'data-outcome="sent"' in element(page, "return-mail")
    assert "baichay@example.test" in element(page, "return-mail")
    mailed = AuditEntry.objects.get(action="report.return_mailed")
    assert mailed.changes["outcome"] == "sent"


def test_a_report_the_district_entered_is_mailed_to_the_commune_not_to_the_district(
    personas: Personas,
    campaign: Campaign,
    smtp_server: Mailbox,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    district = client_for(personas.halong_officer)
    report = filled(campaign, personas.halong_officer)  # entered on the commune's behalf
    report_entered_by_reviewer(report=report, user=personas.halong_officer)
    send(district, campaign)
    assert Report.objects.get().updated_by == personas.halong_officer
    with django_capture_on_commit_callbacks(execute=True):
        give_back(district, campaign, "Sai số hộ")
    [message] = smtp_server.messages
    assert str(message["To"]) == "baichay@example.test"
    assert not smtp_server.to("halong@example.test")


def test_an_unreachable_mail_server_keeps_the_return_and_tells_the_reviewer(
    personas: Personas,
    campaign: Campaign,
    settings: Settings,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    bai_chay = unit(BAI_CHAY)
    bai_chay.contact_phone = "0203 3846 123"
    bai_chay.save()
    sent_by_bai_chay(campaign, personas.commune_officer_of_bai_chay)
    district = client_for(personas.halong_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = give_back(district, campaign, "Thiếu biên bản")
    assert response.status_code == 302
    assert Report.objects.get().status == ReportStatus.RETURNED
    page = district.get(response["Location"])
    assert page.status_code == 200
    notice = element(page.content.decode(), "return-mail")
    assert 'data-outcome="failed"' in notice
    assert "0203 3846 123" in page.content.decode()
    entry = AuditEntry.objects.get(action="report.return_mailed")
    assert entry.changes["outcome"] == "failed" and entry.changes["error"]
    assert entry.changes["to"] == "baichay@example.test"
    # The history says it too.
    history = district.get(url("history", campaign)).context["history"]
    assert any("baichay@example.test" in line.action for line in history)


def test_a_unit_without_any_address_is_to_be_told_by_telephone(
    personas: Personas,
    campaign: Campaign,
    smtp_server: Mailbox,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    officer = personas.commune_officer_of_bai_chay
    officer.phone = "0912 345 678"
    officer.save()
    sent_by_bai_chay(campaign, officer)
    officer.email = ""
    officer.save()
    district = client_for(personas.halong_officer)
    with django_capture_on_commit_callbacks(execute=True):
        give_back(district, campaign, "Thiếu chữ ký")
    assert smtp_server.messages == []
    page = district.get(url("review", campaign)).content.decode()
    assert 'data-outcome="no_address"' in element(page, "return-mail")
    assert "0912 345 678" in page
    assert AuditEntry.objects.get(action="report.return_mailed").changes["outcome"] == (
        "no_address"
    )
