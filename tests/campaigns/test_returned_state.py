"""A returned report's obligation is owed again, everywhere at once: the dashboards count it
as returned (not done), the call list, the reminders and the chase letter include it, the
status sheet and the API show it; resent, it is done on time again with both dates.

Bãi Cháy sends its report on 08/06/2013 (last day 10/06); Hạ Long returns it on 12/06."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from pytest_django import Settings

from tests.api.conftest import api_client
from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.mail import Mailbox
from tests.reports.factories import report_obligation, signature, signed_pdf
from tests.reports.figures import report_with
from xhht.campaigns import dashboards, listings
from xhht.campaigns.models import Campaign, Deliverable, Reminder, State
from xhht.campaigns.reminders import reminders_due, reminders_send
from xhht.documents.letters import late_obligations, reminder_letter
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.models import Report
from xhht.reports.services import report_return, report_send

pytestmark = pytest.mark.django_db

BAI_CHAY = "06673"
BAI_CHAY_DESK = "vanthu.baichay@example.test"
SENT, RETURNED, RESENT = date(2013, 6, 8), date(2013, 6, 12), date(2013, 6, 15)


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    OrgUnit.objects.filter(pk=unit(BAI_CHAY).pk).update(contact_email=BAI_CHAY_DESK)
    return make_campaign(today=SENT, content_pack=True, MEDIA_ROOT=tmp_path)


@pytest.fixture
def returned(campaign: Campaign, personas: Personas, settings: Settings) -> Report:
    report = report_with(campaign, BAI_CHAY, user=personas.commune_officer_of_bai_chay)
    settings.XHHT_TODAY = RETURNED
    return report_return(report=report, user=personas.halong_officer, reason="Thiếu số liệu")


def commune_reports(user_dash: dashboards.Dashboard) -> dashboards.Tally:
    rows = {(r.level, r.deliverable): r.tally for r in user_dash.by_level}
    return rows[(Level.COMMUNE, Deliverable.REPORT)]


def halong_dashboard(campaign: Campaign, personas: Personas, on: date) -> dashboards.Dashboard:
    user = personas.halong_officer
    focus = dashboards.focus_or_404(user, campaign, None)
    return dashboards.dashboard_build(user=user, campaign=campaign, focus=focus, on=on)


def test_the_dashboard_counts_a_returned_report_as_returned_not_done(
    campaign: Campaign, personas: Personas, returned: Report
) -> None:
    dash = halong_dashboard(campaign, personas, RETURNED)
    tally = commune_reports(dash)
    assert (tally.on_time, tally.returned, tally.overdue, tally.total) == (0, 1, 19, 20)
    assert tally.done == 0 and tally.percent_done == 0
    entry = next(e for e in dash.calls.entries if e.code == BAI_CHAY)
    [item] = [i for i in entry.items if i.label == str(Deliverable.REPORT.label)]
    assert (item.returned_on, item.days_late) == (RETURNED, 2)
    page = client_for(personas.halong_officer).get(
        reverse("campaigns:dashboard", args=[campaign.pk])
    )
    text = page.content.decode()
    assert "Đã trả lại, chờ sửa" in text and "trả lại ngày 12/06/2013, chờ sửa" in text


def test_resent_it_is_done_on_time_again_and_the_own_table_shows_both_dates(
    campaign: Campaign, personas: Personas, returned: Report, settings: Settings
) -> None:
    settings.XHHT_TODAY = RESENT
    report_send(
        report=returned,
        user=personas.commune_officer_of_bai_chay,
        signature=signature(RESENT),
        signed_file=signed_pdf(),
    )
    tally = commune_reports(halong_dashboard(campaign, personas, RESENT))
    assert (tally.on_time, tally.returned) == (1, 0)
    officer = personas.commune_officer_of_bai_chay
    dash = dashboards.dashboard_build(
        user=officer, campaign=campaign, focus=unit(BAI_CHAY), on=RESENT
    )
    [own] = [o for o in dash.own if o.deliverable_label == str(Deliverable.REPORT.label)]
    assert (own.state, own.fulfilled_on, own.last_sent_on) == (State.ON_TIME, SENT, RESENT)
    page = client_for(officer).get(
        reverse("campaigns:dashboard", args=[campaign.pk]) + f"?unit={unit(BAI_CHAY).pk}"
    )
    assert "gửi lần đầu 08/06/2013, gửi lại 15/06/2013" in page.content.decode()
    rows = listings.status_rows(campaign.obligations.filter(unit=unit(BAI_CHAY)), RESENT)
    [row] = [r for r in rows if r.deliverable_label == str(Deliverable.REPORT.label)]
    assert (row.fulfilled_on, row.last_sent_on, row.resent, row.returned_on) == (
        SENT,
        RESENT,
        True,
        None,
    )


def test_the_reminders_and_the_chase_letter_include_a_returned_report(
    campaign: Campaign, returned: Report, smtp_server: Mailbox
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    due = reminders_due(campaign=campaign, kind=Reminder.Kind.AFTER, on=RETURNED)
    assert obligation in list(due)
    assert reminders_send(on=RETURNED).sent >= 1
    mails = smtp_server.to(BAI_CHAY_DESK)
    returned_mail = next(m for m in mails if "trả lại" in str(m["Subject"]))
    assert "bị trả lại để chỉnh sửa ngày 12/06/2013" in Mailbox.text_of(returned_mail)
    halong = unit("193")
    assert obligation in late_obligations(campaign, halong, RETURNED)
    letter = reminder_letter(campaign, halong, late_units=[unit(BAI_CHAY)], issued_on=RETURNED)
    [table] = letter.sections[0].tables
    assert any("đã trả lại ngày 12/06/2013, chờ chỉnh sửa" in row[2] for row in table.rows)


def test_a_report_returned_before_its_last_day_is_chased_too(
    campaign: Campaign, personas: Personas, settings: Settings
) -> None:
    report = report_with(campaign, BAI_CHAY, user=personas.commune_officer_of_bai_chay)
    settings.XHHT_TODAY = date(2013, 6, 9)
    report_return(report=report, user=personas.halong_officer, reason="Thiếu số liệu")
    obligation = report_obligation(campaign, BAI_CHAY)
    assert obligation.state_on(date(2013, 6, 9)) == State.RETURNED
    late = late_obligations(campaign, unit("193"), date(2013, 6, 9))
    assert late == [obligation]  # the only one: nothing else is past its last day


def test_the_api_shows_the_returned_state(
    campaign: Campaign, personas: Personas, returned: Report
) -> None:
    halong = api_client(personas.halong_officer)
    listed = halong.get(
        f"/api/campaigns/{campaign.pk}/obligations", state="returned", deliverable="report"
    ).json()
    assert listed["count"] == 1
    [item] = listed["items"]
    assert (item["unit"], item["state"], item["timeliness"]) == (BAI_CHAY, "returned", "open")
    assert (item["fulfilled_on"], item["returned_on"]) == (None, "2013-06-12")
    assert item["report"]["status"] == "returned"
    schema = halong.get("/api/openapi.json").json()["components"]["schemas"]["ObligationOut"]
    assert "returned" in schema["properties"]["state"]["enum"]
    assert "returned_on" in schema["properties"]


def test_the_work_page_filters_the_units_with_a_returned_report(
    campaign: Campaign, personas: Personas, returned: Report
) -> None:
    district = client_for(personas.halong_officer)
    response = district.get(reverse("site:my_work", args=[campaign.pk]) + "?state=returned")
    rows = response.context["review"].rows
    assert [row.unit.code for row in rows] == [BAI_CHAY]
    assert "trả lại ngày 12/06/2013" in response.content.decode()
