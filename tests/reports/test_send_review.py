"""Sending a signed report, the receiver's review (accept, return with a reason), a
district entering a commune's report, and registering a report received on paper."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from pytest_django import DjangoCaptureOnCommitCallbacks

from tests.conftest import Personas, PublishedCampaign, client_for, streamed
from tests.mail import Mailbox
from tests.reports.factories import PDF_BYTES, report_obligation
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign, State
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import Channel, Report, ReportStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 8), content_pack=True, MEDIA_ROOT=tmp_path)


def filled(campaign: Campaign, code: str, user: Any) -> Report:
    report = report_open(obligation=report_obligation(campaign, code), user=user)
    values = {
        row.indicator_id: {
            "value": 40,
            "denominator": 100,
            "baseline": 30,
            "baseline_denominator": 100,
        }
        for row in report.values.all()
    }
    return report_save(report=report, revision=report.revision, texts={}, values=values, user=user)


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


def send_url(campaign: Campaign, code: str) -> str:
    return reverse("reports:send", args=[report_obligation(campaign, code).pk])


def review_url(campaign: Campaign, code: str, step: str = "review") -> str:
    """The read view, or with `step` (accept, return, correct) the URL its form posts to,
    or its history."""
    return reverse(f"reports:{step}", args=[report_obligation(campaign, code).pk])


def test_the_unit_sends_its_signed_report_with_the_file(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    report = filled(campaign, "06673", officer)
    client = client_for(officer)
    response = client.post(send_url(campaign, "06673"), send_data())
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and report.number == "25/BC-UBND"
    assert report.signed_on == date(2013, 6, 5) and report.first_sent_on == date(2013, 6, 8)
    attachment = report.attachments.get()
    served = client.get(reverse("reports:attachment", args=[attachment.pk]))
    assert served.status_code == 200 and streamed(served) == PDF_BYTES
    assert served["Cache-Control"].startswith("private")
    assert report_obligation(campaign, "06673").state_on(date(2013, 6, 20)) == State.ON_TIME
    # the review page says what the file is: a plain PDF is not called signed
    page = client_for(personas.halong_officer).get(review_url(campaign, "06673")).content.decode()
    with translation.override("vi"):  # the page's language
        plain, signed = _("PDF (no digital signature)"), _("Digitally signed PDF")
    assert plain in page and signed not in page


def test_sending_without_a_file_or_with_a_fake_one_is_refused_keeping_the_signature(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    filled(campaign, "06673", officer)
    client = client_for(officer)
    response = client.post(send_url(campaign, "06673"), send_data(signed_file=""))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert response.context["form"]["number"].value() == "25/BC-UBND"
    fake = client.post(
        send_url(campaign, "06673"), send_data(signed_file=signed("x.pdf", b"not a pdf"))
    )
    assert fake.status_code == 200 and "x.pdf" in " ".join(fake.context["form"].non_field_errors())
    assert Report.objects.get().status == ReportStatus.DRAFT


def test_missing_figures_block_sending_and_link_to_their_rows(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    response = client.post(send_url(campaign, "06673"), send_data())
    assert response.status_code == 200
    assert response.context["problems"]
    assert "#indicator-" in response.content.decode()


def test_passing_to_the_leader_then_sending(personas: Personas, campaign: Campaign) -> None:
    officer = personas.commune_officer_of_bai_chay
    report = filled(campaign, "06673", officer)
    client = client_for(officer)
    to_leader = reverse("reports:to_leader", args=[report.obligation_id])
    assert client.post(to_leader).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.WITH_LEADER
    assert client.post(send_url(campaign, "06673"), send_data()).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT


def test_the_district_returns_with_a_reason_and_the_commune_is_mailed(
    personas: Personas,
    campaign: Campaign,
    smtp_server: Mailbox,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    officer = personas.commune_officer_of_bai_chay
    filled(campaign, "06673", officer)
    client_for(officer).post(send_url(campaign, "06673"), send_data())
    district = client_for(personas.halong_officer)
    received = district.get(reverse("reports:received", args=[campaign.pk]))
    assert received.status_code == 200
    rows = {r["obligation"].unit.code: r for r in received.context["rows"]}
    assert rows["06673"]["report"].status == ReportStatus.SENT
    assert rows["06673"]["state"] == State.ON_TIME
    no_reason = district.post(review_url(campaign, "06673", "return"), {"reason": " "})
    assert no_reason.status_code == 200
    assert no_reason.context["return_form"].errors
    assert Report.objects.get().status == ReportStatus.SENT
    with django_capture_on_commit_callbacks(execute=True):
        with_reason = district.post(
            review_url(campaign, "06673", "return"), {"reason": "Thiếu số liệu thôn 3"}
        )
    assert with_reason.status_code == 302
    assert Report.objects.get().status == ReportStatus.RETURNED
    assert "Thiếu số liệu thôn 3" in Mailbox.text_of(smtp_server.to("baichay@example.test")[0])
    page = client_for(officer).get(
        reverse("reports:report", args=[report_obligation(campaign, "06673").pk])
    )
    assert "Thiếu số liệu thôn 3" in page.content.decode()  # the unit sees why, and edits again
    assert "form" in page.context


def test_the_district_accepts(personas: Personas, campaign: Campaign) -> None:
    officer = personas.commune_officer_of_bai_chay
    filled(campaign, "06673", officer)
    client_for(officer).post(send_url(campaign, "06673"), send_data())
    district = client_for(personas.halong_officer)
    unconfirmed = district.post(review_url(campaign, "06673", "accept"))
    assert unconfirmed.status_code == 200 and unconfirmed.context["accept_form"].errors
    assert Report.objects.get().status == ReportStatus.SENT  # nothing accepted by one click
    confirmed = {"confirm": "on"}
    assert district.post(review_url(campaign, "06673", "accept"), confirmed).status_code == 302
    report = Report.objects.get()
    assert report.status == ReportStatus.ACCEPTED and report.accepted_on == date(2013, 6, 8)
    # The commune can no longer change it.
    page = client_for(officer).get(reverse("reports:report", args=[report.obligation_id]))
    assert "form" not in page.context


def test_a_commune_cannot_review_its_own_report(personas: Personas, campaign: Campaign) -> None:
    officer = personas.commune_officer_of_bai_chay
    filled(campaign, "06673", officer)
    client = client_for(officer)
    client.post(send_url(campaign, "06673"), send_data())
    assert client.post(review_url(campaign, "06673", "accept")).status_code == 404
    assert Report.objects.get().status == ReportStatus.SENT


def test_the_district_enters_and_sends_a_report_for_a_commune(
    personas: Personas, campaign: Campaign
) -> None:
    district = personas.halong_officer
    obligation = report_obligation(campaign, "06673")
    client = client_for(district)
    url = reverse("reports:report", args=[obligation.pk])
    assert "form" not in client.get(url).context  # looking starts nothing
    assert not Report.objects.filter(obligation=obligation).exists()
    opened = client.post(reverse("reports:open", args=[obligation.pk]))
    assert opened.status_code == 302 and opened["Location"] == url
    form = client.get(url).context["form"]
    data = {
        n: "" if form[n].value() is None else str(form[n].value())
        for n in form.fields
        if not n.endswith("-remove")
    }
    for row in form.rows:
        data[f"v{row.indicator_id}-value"] = "5"
        if row.indicator.is_ratio:
            data[f"v{row.indicator_id}-denominator"] = "10"
    assert client.post(url, data).status_code == 302
    report = Report.objects.get(obligation=obligation)
    assert report.entered_by_reviewer and report.updated_by == district
    assert AuditEntry.objects.filter(action="report.entered_by_reviewer", user=district).exists()
    assert client.post(send_url(campaign, "06673"), send_data()).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT
    history = client.get(review_url(campaign, "06673", "history")).context["history"]
    assert {line.who for line in history} == {"halong"}
    assert "halong" in client_for(personas.commune_officer_of_bai_chay).get(url).content.decode()


def test_the_district_registers_a_report_received_on_paper(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.halong_officer)
    obligation = report_obligation(campaign, "06673")
    url = reverse("reports:register", args=[obligation.pk])
    assert client.get(url).status_code == 200
    data = send_data(channel="paper", received_number="CV đến 112", received_on="07/06/2013")
    data["signed_file"] = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    future = client.post(
        url,
        {
            **data,
            "received_on": "09/06/2013",
            "signed_file": SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n"),
        },
    )
    assert future.status_code == 200 and future.context["form"].non_field_errors()
    assert not Report.objects.filter(status=ReportStatus.SENT).exists()
    assert client.post(url, data).status_code == 302
    report = Report.objects.get(obligation=obligation)
    assert report.channel == Channel.PAPER and report.received_number == "CV đến 112"
    assert report.first_sent_on == date(2013, 6, 7) and report.entered_by_reviewer
    assert report.attachments.get().content_type == "image/png"
    received = client.get(reverse("reports:received", args=[campaign.pk]))
    assert "CV đến 112" in client.get(review_url(campaign, "06673")).content.decode()
    assert received.status_code == 200


def test_only_the_unit_above_registers(personas: Personas, campaign: Campaign) -> None:
    obligation = report_obligation(campaign, "06673")
    url = reverse("reports:register", args=[obligation.pk])
    for user in (personas.province_officer, personas.commune_officer_of_bai_chay, personas.viewer):
        assert client_for(user).get(url).status_code == 404
    assert Client().get(url).status_code == 302
