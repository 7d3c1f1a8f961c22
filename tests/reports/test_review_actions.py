"""The receiver's actions through the pages: accept only when confirmed (and warned of
problems), a stale tab told what happened with the reason kept, reopening an accepted
report, correcting a report registered from paper; the drafter takes a report back from
the leader; the received list shows no unit's internal step."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from pytest_django import Settings

from tests.conftest import Personas, PublishedCampaign, client_for
from tests.reports.factories import report_obligation
from tests.reports.reviewing import (
    accept,
    element,
    filled,
    give_back,
    send_data,
    sent_by_bai_chay,
    url,
)
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports.models import Channel, Report, ReportStatus
from xhht.reports.services import ACCEPT_PROBLEMS, RECEIVED_BEFORE_SIGNED

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 8), content_pack=True, MEDIA_ROOT=tmp_path)


def registration(**extra: Any) -> dict[str, Any]:
    data = send_data(channel="paper", received_number="CV đến 112", received_on="07/06/2013")
    data["signed_file"] = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    return {**data, **extra}


def test_accepting_a_report_returned_in_another_tab_says_so(
    personas: Personas, campaign: Campaign
) -> None:
    sent_by_bai_chay(campaign, personas.commune_officer_of_bai_chay)
    first_tab, second_tab = client_for(personas.halong_officer), client_for(personas.halong_officer)
    assert give_back(first_tab, campaign, "Thiếu số liệu thôn 3").status_code == 302
    stale = accept(second_tab, campaign)
    assert stale.status_code == 200  # was a 500
    errors = element(stale.content.decode(), "review-errors")
    assert "Thiếu số liệu thôn 3" in errors and "halong" in errors
    assert Report.objects.get().status == ReportStatus.RETURNED


def test_returning_a_report_accepted_in_another_tab_keeps_the_reason_then_reopens_it(
    personas: Personas, campaign: Campaign
) -> None:
    sent_by_bai_chay(campaign, personas.commune_officer_of_bai_chay)
    first_tab, second_tab = client_for(personas.halong_officer), client_for(personas.halong_officer)
    assert accept(first_tab, campaign).status_code == 302
    stale = give_back(second_tab, campaign, "Số hộ chưa khớp", shown="sent")
    assert stale.status_code == 200
    page = stale.content.decode()
    assert element(page, "review-errors")
    assert "Số hộ chưa khớp</textarea>" in page  # the typed reason is kept
    assert 'name="shown" value="accepted"' in page  # pressing again reopens knowingly
    report = Report.objects.get()
    assert report.status == ReportStatus.ACCEPTED
    again = give_back(second_tab, campaign, "Số hộ chưa khớp", shown="accepted")
    assert again.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED and report.accepted_on is None
    entry = AuditEntry.objects.get(action="report.reopened")
    assert entry.user == personas.halong_officer
    assert entry.changes["status"] == ["accepted", "returned"]
    assert entry.changes["reason"] == [None, "Số hộ chưa khớp"]
    # The commune corrects and sends again; the district may accept again.
    commune = client_for(personas.commune_officer_of_bai_chay)
    assert commune.post(url("send", campaign), send_data()).status_code == 302
    assert accept(first_tab, campaign).status_code == 302


def test_an_accepted_report_offers_reopening_only_to_its_reviewer(
    personas: Personas, campaign: Campaign
) -> None:
    commune = sent_by_bai_chay(campaign, personas.commune_officer_of_bai_chay)
    district = client_for(personas.halong_officer)
    accept(district, campaign)
    assert district.get(url("review", campaign)).context["reopening"]
    assert not commune.get(url("review", campaign)).context["reopening"]
    assert give_back(commune, campaign, "x", shown="accepted").status_code == 404
    no_reason = give_back(district, campaign, " ", shown="accepted")
    assert no_reason.status_code == 200 and no_reason.context["return_form"].errors
    assert Report.objects.get().status == ReportStatus.ACCEPTED


def test_a_registered_paper_report_with_no_figures_is_accepted_only_knowingly(
    personas: Personas, campaign: Campaign
) -> None:
    district = client_for(personas.halong_officer)
    assert district.post(url("register", campaign), registration()).status_code == 302
    page = district.get(url("review", campaign))
    assert page.context["accept_problems"] and page.context["correctable"]
    with translation.override("en"):
        refused = accept(district, campaign)
    assert refused.status_code == 200
    assert translation.gettext(ACCEPT_PROBLEMS) in str(refused.context["accept_form"].errors)
    assert Report.objects.get().status == ReportStatus.SENT
    assert accept(district, campaign, despite_problems="on").status_code == 302
    report = Report.objects.get()
    assert report.status == ReportStatus.ACCEPTED
    assert AuditEntry.objects.get(action="report.accepted").changes["accepted_despite"][1]


def test_received_before_it_was_signed_is_refused(personas: Personas, campaign: Campaign) -> None:
    district = client_for(personas.halong_officer)
    with translation.override("en"):
        response = district.post(
            url("register", campaign),
            registration(signed_on="07/06/2013", received_on="06/06/2013"),
        )
        expected = translation.gettext(RECEIVED_BEFORE_SIGNED) % {
            "received": "06/06/2013",
            "signed": "07/06/2013",
        }
    assert response.status_code == 200
    assert expected in response.context["form"].non_field_errors()
    assert response.context["form"]["received_number"].value() == "CV đến 112"  # kept
    assert not Report.objects.filter(status=ReportStatus.SENT).exists()


def test_the_receiver_corrects_the_figures_of_a_registered_report_and_registers_it_again(
    personas: Personas, campaign: Campaign, settings: Settings
) -> None:
    district = client_for(personas.halong_officer)
    district.post(url("register", campaign), registration())
    report = Report.objects.get()
    settings.XHHT_TODAY = date(2013, 6, 12)
    taken = district.post(url("correct", campaign))
    assert taken.status_code == 302 and taken["Location"] == url("report", campaign)
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    form = district.get(url("report", campaign)).context["form"]
    data = {
        n: "" if form[n].value() is None else str(form[n].value())
        for n in form.fields
        if not n.endswith("-remove")
    }
    for row in form.rows:
        data[f"v{row.indicator_id}-value"] = "5"
        if row.indicator.is_ratio:
            data[f"v{row.indicator_id}-denominator"] = "10"
    assert district.post(url("report", campaign), data).status_code == 302
    again = district.get(url("register", campaign))
    assert again.context["form"]["received_number"].value() == "CV đến 112"
    assert again.context["has_figures"]
    resubmit = registration()
    resubmit.pop("signed_file")  # the scan registered first is kept
    assert district.post(url("register", campaign), resubmit).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and report.channel == Channel.PAPER
    assert report.first_sent_on == date(2013, 6, 7) and report.attachments.count() == 1
    assert not district.get(url("review", campaign)).context["accept_problems"]
    assert accept(district, campaign).status_code == 302
    assert AuditEntry.objects.filter(action="report.registration_reopened").exists()


def test_the_commune_cannot_take_back_a_registration(
    personas: Personas, campaign: Campaign
) -> None:
    client_for(personas.halong_officer).post(url("register", campaign), registration())
    commune = client_for(personas.commune_officer_of_bai_chay)
    assert commune.post(url("correct", campaign)).status_code == 404
    assert Report.objects.get().status == ReportStatus.SENT


def test_the_drafter_takes_the_report_back_from_the_leader(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    filled(campaign, officer)
    commune = client_for(officer)
    explained = commune.get(url("send", campaign)).content.decode()
    assert 'id="leader-step"' in explained
    assert commune.post(url("to_leader", campaign)).status_code == 302
    take_back = f'<form method="post" action="{url("take_back", campaign)}"'
    page = commune.get(url("send", campaign)).content.decode()
    assert take_back in page
    work = commune.get(reverse("site:my_work", args=[campaign.pk])).content.decode()
    assert take_back in work
    # The province and the district see nothing of the leader step.
    received = client_for(personas.halong_officer).get(
        reverse("reports:received", args=[campaign.pk])
    )
    row = next(r for r in received.context["rows"] if r["obligation"].unit.code == "06673")
    assert row["report"].status == ReportStatus.WITH_LEADER and not row["sent"]
    assert "with_leader" not in dict(received.context["statuses"])
    assert "rs-with_leader" not in received.content.decode()
    not_sent = client_for(personas.halong_officer).get(
        reverse("reports:received", args=[campaign.pk]), {"status": "none"}
    )
    assert "06673" in {r["obligation"].unit.code for r in not_sent.context["rows"]}
    # Someone else cannot take it back.
    other = client_for(personas.commune_officer_of_tran_phu)
    assert other.post(url("take_back", campaign)).status_code == 404
    back = commune.post(url("take_back", campaign))
    assert back.status_code == 302 and back["Location"] == url("report", campaign)
    report = Report.objects.get()
    assert report.status == ReportStatus.DRAFT
    entry = AuditEntry.objects.get(action="report.taken_back")
    assert entry.user == officer and entry.changes["status"] == ["with_leader", "draft"]
    again = commune.post(url("take_back", campaign))
    assert again.status_code == 302
    assert Report.objects.get().status == ReportStatus.DRAFT


def test_a_returned_report_taken_back_from_the_leader_is_returned_again(
    personas: Personas, campaign: Campaign
) -> None:
    commune = sent_by_bai_chay(campaign, personas.commune_officer_of_bai_chay)
    give_back(client_for(personas.halong_officer), campaign, "Thiếu số liệu")
    commune.post(url("to_leader", campaign))
    assert Report.objects.get().status == ReportStatus.WITH_LEADER
    commune.post(url("take_back", campaign))
    assert Report.objects.get().status == ReportStatus.RETURNED
    # A report with the leader may be sent by the unit (the signature is the approval).
    commune.post(url("to_leader", campaign))
    assert commune.post(url("send", campaign), send_data()).status_code == 302
    assert Report.objects.get().status == ReportStatus.SENT
    obligation = report_obligation(campaign, "06673")
    assert obligation.fulfilled_on == date(2013, 6, 8)
