"""A withdrawn campaign says so wherever it is read: its dashboard's banner, the campaigns
list, the review table of a unit's work page (no overdue or pending badge) and the API; and
the rules the system added are marked on the dashboard's own table and the publish preview."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils.timezone import make_aware

from tests.api.conftest import api_client
from tests.campaigns.factories import seed_directive
from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.campaigns.models import Campaign, Deliverable
from xhht.campaigns.planning import Plan

pytestmark = pytest.mark.django_db

REASON = "Văn bản ban hành trùng số 1395, đã có đợt khác thay thế."
MARK = "do hệ thống đặt, văn bản chỉ đạo không quy định"


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(by=personas.province_officer)


def withdraw(campaign: Campaign, personas: Personas) -> None:
    """Withdrawn on 30/06/2013 by the province's officer (the service is tested elsewhere)."""
    Campaign.objects.filter(pk=campaign.pk).update(
        withdrawn_at=make_aware(datetime(2013, 6, 30, 9, 0)),
        withdrawn_by=personas.province_officer,
        withdrawn_reason=REASON,
    )
    campaign.refresh_from_db()


def test_the_dashboard_and_the_list_say_the_campaign_is_withdrawn(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.province_officer)
    dashboard = reverse("campaigns:dashboard", args=[campaign.pk])
    listing = reverse("campaigns:list")
    assert "thu hồi" not in client.get(dashboard).content.decode()
    assert "Đã thu hồi" not in client.get(listing).content.decode()
    withdraw(campaign, personas)
    html = client.get(dashboard).content.decode()
    officer = personas.province_officer
    who = officer.get_full_name() or officer.get_username()
    banner = html.split('id="withdrawn"', 1)[1].split("</div>", 1)[0]
    assert "Đợt này đã được thu hồi ngày 30/06/2013, do " + who in banner
    assert REASON in banner
    assert html.index('id="withdrawn"') < html.index('id="summary-h"')  # at the top
    page = client.get(listing).content.decode()
    row = page.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert "Đã thu hồi ngày 30/06/2013" in row
    assert 'class="num' not in row  # no counts as if it were live


def test_the_review_table_of_a_withdrawn_campaign_shows_records_not_overdue_badges(
    personas: Personas, campaign: Campaign
) -> None:
    done = campaign.obligations.get(unit=unit("06673"), deliverable=Deliverable.CONFERENCE)
    done.fulfilled_on = date(2013, 6, 5)
    done.save(update_fields=["fulfilled_on"])
    client = client_for(personas.halong_officer)
    work = reverse("site:my_work", args=[campaign.pk])

    def review_of(html: str) -> str:
        return html.split('<table class="review">', 1)[1].split("</table>", 1)[0]

    before = review_of(client.get(work).content.decode())
    assert "st-overdue" in before and "Quá hạn" in before
    withdraw(campaign, personas)
    html = client.get(work).content.decode()
    review = review_of(html)
    assert "st-overdue" not in review and "st-pending" not in review
    assert "st-returned" not in review
    assert "st-on_time" in review and "05/06/2013" in review  # the record stays
    assert "chưa thực hiện; đợt đã bị thu hồi" in review
    assert "st-overdue" not in html and "?state=overdue" not in html


def test_the_api_says_the_campaign_is_withdrawn(personas: Personas, campaign: Campaign) -> None:
    done = campaign.obligations.get(unit=unit("06673"), deliverable=Deliverable.CONFERENCE)
    done.fulfilled_on = date(2013, 6, 5)
    done.save(update_fields=["fulfilled_on"])
    api = api_client(personas.halong_officer)
    detail = f"/api/campaigns/{campaign.pk}"
    listed = f"/api/campaigns/{campaign.pk}/obligations"
    answer = api.get(detail).json()
    assert answer["withdrawn_at"] is None and answer["withdrawn_reason"] == ""
    assert api.get(listed, state="overdue").json()["count"] == 39
    assert api.get(listed, state="withdrawn").json()["count"] == 0
    withdraw(campaign, personas)
    answer = api.get(detail).json()
    assert answer["withdrawn_at"].startswith("2013-06-30") and answer["withdrawn_reason"] == REASON
    everything = api.get(listed, page_size=500).json()
    states = {o["id"]: o["state"] for o in everything["items"]}
    assert states[done.pk] == "on_time"  # a fact kept
    assert set(states.values()) == {"on_time", "withdrawn"}
    assert api.get(listed, state="overdue").json()["count"] == 0
    assert api.get(listed, state="withdrawn").json()["count"] == everything["count"] - 1
    assert api.get(listed, state="on_time").json()["count"] == 1
    owed = campaign.obligations.get(unit=unit("06673"), deliverable=Deliverable.REPORT)
    one = api.get(f"/api/obligations/{owed.pk}").json()
    assert one["state"] == "withdrawn" and one["last_day"] == "2013-06-10"
    schemas = api.get("/api/openapi.json").json()["components"]["schemas"]
    enum = schemas["ObligationOut"]["properties"]["state"]["enum"]
    assert enum == ["on_time", "late", "returned", "overdue", "pending", "withdrawn"]


def test_the_rules_the_system_added_are_marked_on_the_dashboard_and_the_preview(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.province_officer)
    html = client.get(reverse("campaigns:dashboard", args=[campaign.pk])).content.decode()
    own = html.split('id="own-h"', 1)[1].split("</table>", 1)[0]
    assert own.count(MARK) == 1  # its consolidated report, which the directive does not set
    assert html.count(MARK) == 1
    directive = seed_directive()
    assumed = [r for r in Plan.from_json(directive.plan).rules if r.assumed]
    assert len(assumed) == 3
    preview = client.get(reverse("campaigns:directive_publish", args=[directive.pk]))
    assert preview.status_code == 200
    table = preview.content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert table.count(MARK) == len(assumed)
