"""A return reopens the report's obligation, and the next sending fulfils it again as of the
first sending: a report first sent on time and returned after the last day is on time once
resent, and the pages show both dates. The data migration reopens what was returned before.

Bãi Cháy's report is due by 10/06/2013; it is first sent on 08/06."""

from __future__ import annotations

import importlib
import re
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse
from pytest_django import Settings

from tests.conftest import Personas, PublishedCampaign, client_for
from tests.reports.factories import report_obligation, signature, signed_pdf
from tests.reports.figures import report_with
from tests.reports.reviewing import BAI_CHAY, element, url
from xhht.campaigns.models import Campaign, Obligation, State
from xhht.reports.models import Channel, Report, ReportStatus
from xhht.reports.services import (
    report_accept,
    report_register,
    report_registration_reopen,
    report_return,
    report_send,
)

pytestmark = pytest.mark.django_db

FIRST_SENT = date(2013, 6, 8)
LAST_DAY = date(2013, 6, 10)
RETURNED_LATE = date(2013, 6, 12)  # after the last day
RESENT = date(2013, 6, 15)


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=FIRST_SENT, content_pack=True, MEDIA_ROOT=tmp_path)


def owed(campaign: Campaign) -> Obligation:
    return report_obligation(campaign, BAI_CHAY)


def sent_then_returned(
    campaign: Campaign, personas: Personas, settings: Settings, returned_on: date = RETURNED_LATE
) -> Report:
    report = report_with(campaign, BAI_CHAY, user=personas.commune_officer_of_bai_chay)
    assert owed(campaign).state_on(FIRST_SENT) == State.ON_TIME
    settings.XHHT_TODAY = returned_on
    return report_return(report=report, user=personas.halong_officer, reason="Thiếu số liệu")


def resend(report: Report, personas: Personas, settings: Settings, on: date = RESENT) -> Report:
    settings.XHHT_TODAY = on
    return report_send(
        report=report,
        user=personas.commune_officer_of_bai_chay,
        signature=signature(on),
        signed_file=signed_pdf(),
    )


def test_a_return_reopens_the_obligation_as_returned_not_done(
    campaign: Campaign, personas: Personas, settings: Settings
) -> None:
    sent_then_returned(campaign, personas, settings)
    obligation = owed(campaign)
    assert (obligation.fulfilled_on, obligation.returned_on) == (None, RETURNED_LATE)
    assert obligation.state_on(RETURNED_LATE) == State.RETURNED
    assert obligation.state_on(date(2013, 6, 1)) == State.RETURNED  # not "not yet due"
    assert str(State.RETURNED.label) == "Đã trả lại, chờ sửa"


def test_reopening_an_accepted_report_reopens_its_obligation(
    campaign: Campaign, personas: Personas, settings: Settings
) -> None:
    report = report_with(campaign, BAI_CHAY, user=personas.commune_officer_of_bai_chay)
    report_accept(report=report, user=personas.halong_officer, despite_problems=True)
    settings.XHHT_TODAY = RETURNED_LATE
    report_return(report=report, user=personas.halong_officer, reason="Sai số liệu")
    assert owed(campaign).state_on(RETURNED_LATE) == State.RETURNED


def test_returned_after_the_last_day_then_resent_is_on_time_with_both_dates(
    campaign: Campaign, personas: Personas, settings: Settings
) -> None:
    report = resend(sent_then_returned(campaign, personas, settings), personas, settings)
    assert (report.first_sent_on, report.last_sent_on) == (FIRST_SENT, RESENT)
    obligation = owed(campaign)
    assert (obligation.fulfilled_on, obligation.returned_on) == (FIRST_SENT, None)
    assert obligation.state_on(RESENT) == State.ON_TIME
    # the resending is not late: the return came after the last day
    assert not Report.objects.get(pk=report.pk).version_late
    district = client_for(personas.halong_officer)
    received = district.get(reverse("reports:received", args=[campaign.pk])).content.decode()
    assert "08/06/2013" in received and "Đúng hạn" in received
    assert re.search(r'class="version" data-late="0">[^<]*15/06/2013', received)
    review = district.get(url("review", campaign)).content.decode()
    assert re.search(r'<dd data-late="0">08/06/2013', review)
    assert 'data-late="0"' in element(review, "version-sent")
    assert "15/06/2013" in element(review, "version-sent")


def test_returned_before_the_last_day_and_resent_after_it_stays_on_time_but_the_version_is_late(
    campaign: Campaign, personas: Personas, settings: Settings
) -> None:
    returned = sent_then_returned(campaign, personas, settings, returned_on=date(2013, 6, 9))
    report = resend(returned, personas, settings)
    assert owed(campaign).state_on(RESENT) == State.ON_TIME  # judged on the first sending
    assert Report.objects.get(pk=report.pk).version_late  # it could have come back in time


def test_the_work_page_shows_the_return_then_both_dates(
    campaign: Campaign, personas: Personas, settings: Settings
) -> None:
    report = sent_then_returned(campaign, personas, settings)
    commune = client_for(personas.commune_officer_of_bai_chay)
    page = commune.get(reverse("site:my_work", args=[campaign.pk])).content.decode()
    assert "Đã trả lại, chờ sửa" in page
    resend(report, personas, settings)
    response = commune.get(reverse("site:my_work", args=[campaign.pk]))
    row = next(r for r in response.context["rows"] if r["obligation"].deliverable == "report")
    assert row["sent_again_on"] == RESENT
    page = response.content.decode()
    assert "08/06/2013" in page and "15/06/2013" in page


def test_a_paper_registration_after_a_return_fulfils_as_of_the_first_date(
    campaign: Campaign, personas: Personas, settings: Settings
) -> None:
    returned = sent_then_returned(campaign, personas, settings)
    settings.XHHT_TODAY = RESENT
    report_register(
        obligation=owed(campaign),
        user=personas.halong_officer,
        channel=Channel.PAPER,
        received_number="112",
        received_on=date(2013, 6, 14),
        signature=signature(date(2013, 6, 13)),
        scan=signed_pdf("scan.pdf"),
    )
    obligation = owed(campaign)
    assert (obligation.fulfilled_on, obligation.returned_on) == (FIRST_SENT, None)
    assert Report.objects.get(pk=returned.pk).status == ReportStatus.SENT


def test_taking_back_a_registration_keeps_the_obligation_done(
    campaign: Campaign, personas: Personas, settings: Settings
) -> None:
    settings.XHHT_TODAY = RESENT
    report = report_register(
        obligation=owed(campaign),
        user=personas.halong_officer,
        channel=Channel.PAPER,
        received_number="112",
        received_on=date(2013, 6, 9),
        signature=signature(date(2013, 6, 9)),
        scan=signed_pdf("scan.pdf"),
    )
    report_registration_reopen(report=report, user=personas.halong_officer)
    obligation = owed(campaign)
    assert obligation.state_on(RESENT) == State.ON_TIME and obligation.returned_on is None


def test_the_migration_reopens_the_obligations_of_reports_returned_before(
    campaign: Campaign, personas: Personas, settings: Settings
) -> None:
    sent_then_returned(campaign, personas, settings)
    # As a return left it before returns reopened obligations: still done on the first day.
    Obligation.objects.filter(pk=owed(campaign).pk).update(
        fulfilled_on=FIRST_SENT, returned_on=None
    )
    migration = importlib.import_module("xhht.reports.migrations.0003_reopen_returned_obligations")
    migration.reopen_returned(apps, None)
    obligation = owed(campaign)
    assert (obligation.fulfilled_on, obligation.returned_on) == (None, RETURNED_LATE)
    migration.fulfil_again(apps, None)
    assert owed(campaign).state_on(RESENT) == State.ON_TIME
