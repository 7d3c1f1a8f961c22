"""The commune's report "by the day of the conference" is a rule the system added, not the
directive's: it is marked so wherever rules are shown, and the district sets its communes'
report deadline itself (on the conference day, some days after it, or by a date), never
later than its own report; the communes' obligations follow and the change is audited."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.audit.models import AuditEntry
from xhht.campaigns.deadlines import district_deadlines_set
from xhht.campaigns.models import Campaign, Deliverable, Milestone, RuleKind
from xhht.campaigns.planning import RulePlan, keep_assumed
from xhht.campaigns.services import CampaignError, RuleInput, commune_rule_of

pytestmark = pytest.mark.django_db

MARK = "do hệ thống đặt, văn bản chỉ đạo không quy định"


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 1))


def last_days(campaign: Campaign, district: str) -> set[date]:
    return set(
        campaign.obligations.filter(
            unit__parent=unit(district), deliverable=Deliverable.REPORT
        ).values_list("last_day", flat=True)
    )


def post_deadlines(client: Client, campaign: Campaign, **data: str) -> Any:
    """Post the rules form, the conference left to the province's rule."""
    url = reverse("campaigns:rules_deadlines", args=[campaign.pk])
    form = {"d-conference_kind": "by", "d-report_kind": "by"}
    return client.post(url, form | {f"d-{key}": value for key, value in data.items()})


def test_only_the_rules_the_directive_does_not_state_are_marked(campaign: Campaign) -> None:
    report = commune_rule_of(campaign, Deliverable.REPORT)
    conference = commune_rule_of(campaign, Deliverable.CONFERENCE)
    assert report is not None and conference is not None
    assert report.assumed and not conference.assumed
    assert set(campaign.milestones.filter(assumed=True).values_list("level", "deliverable")) == {
        ("commune", "report"),
        ("district", "nomination"),
        ("province", "consolidated"),
    }


def test_the_mark_is_shown_on_the_rules_and_work_pages(
    personas: Personas, campaign: Campaign
) -> None:
    rules = client_for(personas.halong_officer).get(reverse("campaigns:rules", args=[campaign.pk]))
    html = rules.content.decode()
    province_rules = html.split("Quy định của tỉnh:", 1)[1].split("</p>", 1)[0]
    assert province_rules.count(MARK) == 1 and html.count(MARK) == 1
    assert province_rules.index("Báo cáo:") < province_rules.index(MARK)
    work = client_for(personas.commune_officer_of_bai_chay).get(
        reverse("site:my_work", args=[campaign.pk])
    )
    assert work.content.decode().count(MARK) == 1  # its report, not its conference


def test_the_review_keeps_the_mark_while_the_rule_says_what_the_system_wrote() -> None:
    stored = [
        RulePlan("report", "commune", "by", "2013-06-10", wording="Báo cáo", assumed=True),
        RulePlan("conference", "commune", "by", "2013-06-10", wording="Sơ kết"),
    ]
    reviewed = [
        RulePlan("report", "commune", "by", "2013-06-08", wording="Báo cáo"),
        RulePlan("conference", "commune", "by", "2013-06-10", wording="Sơ kết"),
    ]
    assert [r.assumed for r in keep_assumed(reviewed, stored)] == [True, False]
    edited = [RulePlan("report", "commune", "by", "2013-06-10", wording="Theo Công văn 12")]
    assert [r.assumed for r in keep_assumed(edited, stored)] == [False]


def test_the_district_sets_its_communes_reports_days_after_the_conference(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.halong_officer)
    response = post_deadlines(client, campaign, report_mode="after", report_days="5")
    assert response.status_code == 302
    # 10/06 + 5 days: later than the rule the system added, within the district's 29/06
    assert last_days(campaign, "193") == {date(2013, 6, 15)}
    assert last_days(campaign, "194") == {date(2013, 6, 10)}
    rule = Milestone.objects.get(set_by=unit("193"), deliverable=Deliverable.REPORT)
    assert rule.parent == commune_rule_of(campaign, Deliverable.REPORT) and not rule.assumed
    entry = AuditEntry.objects.get(action="campaign.commune_deadlines_set")
    assert entry.user == personas.halong_officer and entry.unit == unit("193")
    assert entry.changes["after"]["report"] == "by 2013-06-15"
    assert entry.changes["report_days_after"] == 5
    page = client.get(reverse("campaigns:rules", args=[campaign.pk])).content.decode()
    assert re.search(r'<input type="radio" name="d-report_mode" value="after"[^>]* checked', page)
    assert re.search(r'<input type="number" name="d-report_days" value="5"', page)
    work = client_for(personas.commune_officer_of_bai_chay).get(
        reverse("site:my_work", args=[campaign.pk])
    )
    html = work.content.decode()
    assert "15/06/2013" in html and MARK not in html.split("15/06/2013")[1].split("</td>")[0]


def test_on_the_conference_day_follows_the_districts_conference(campaign: Campaign) -> None:
    district_deadlines_set(
        campaign=campaign,
        district=unit("193"),
        conference=RuleInput(RuleKind.BY, date(2013, 6, 5)),
        report=None,
    )
    assert last_days(campaign, "193") == {date(2013, 6, 5)}
    district_deadlines_set(
        campaign=campaign,
        district=unit("193"),
        conference=RuleInput(RuleKind.BY, date(2013, 6, 5)),
        report=None,
        report_days_after=3,
    )
    assert last_days(campaign, "193") == {date(2013, 6, 8)}


def test_a_report_date_later_than_the_districts_own_report_is_refused(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.halong_officer)
    response = post_deadlines(
        client, campaign, report_mode="date", report_kind="by", report_date="30/06/2013"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thời hạn “muộn nhất đến ngày 30/06/2013” muộn hơn thời hạn báo cáo" in html
    assert "chậm nhất ngày 29/06/2013" in html
    with pytest.raises(CampaignError) as refused:
        district_deadlines_set(
            campaign=campaign,
            district=unit("193"),
            conference=None,
            report=None,
            report_days_after=25,  # 10/06 + 25 = 05/07
        )
    assert refused.value.field == "report_days" and "05/07/2013" in refused.value.message
    assert last_days(campaign, "193") == {date(2013, 6, 10)}
    assert not Milestone.objects.filter(set_by=unit("193")).exists()
    assert not AuditEntry.objects.filter(action="campaign.commune_deadlines_set").exists()


def test_days_after_without_a_number_is_refused_on_its_field(
    personas: Personas, campaign: Campaign
) -> None:
    response = post_deadlines(
        client_for(personas.halong_officer), campaign, report_mode="after", report_days=""
    )
    assert response.status_code == 200
    assert "Nhập số ngày sau hạn tổ chức hội nghị." in response.content.decode()
    assert not Milestone.objects.filter(set_by=unit("193")).exists()
