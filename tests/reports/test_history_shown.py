"""Who entered what in a report has its own page: the latest lines (each save of figures adds
many, and every line costs the page), the whole history on demand, for whoever may read the
report. The report's pages name the last save and link there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for
from tests.reports.factories import report_obligation
from tests.reports.figures import report_with
from xhht.accounts.models import User
from xhht.campaigns.models import Campaign
from xhht.reports.editing import report_save
from xhht.reports.models import Report
from xhht.reports.reading import HISTORY_SHOWN

pytestmark = pytest.mark.django_db

HA_LONG = "193"
WHOLE = "Xem toàn bộ lịch sử nhập liệu"


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(content_pack=True)


def url_of(campaign: Campaign, page: str) -> str:
    return reverse(f"reports:{page}", args=[report_obligation(campaign, HA_LONG).pk])


def saved_twice(campaign: Campaign, user: User | None = None) -> Report:
    """Hạ Long's draft, every row saved, then every figure changed: more lines than shown."""
    report = report_with(campaign, HA_LONG, send=False, user=user)
    rows = {row.indicator_id: {"value": 3} for row in report.values.all()}
    return report_save(report=report, revision=report.revision, texts={}, values=rows, user=user)


def test_the_history_page_shows_its_latest_lines_and_the_whole_on_demand(
    campaign: Campaign, personas: Personas
) -> None:
    saved_twice(campaign)
    client = client_for(personas.halong_officer)
    page = client.get(url_of(campaign, "history")).content.decode()
    assert page.split('id="history"')[1].count("<time ") == HISTORY_SHOWN
    assert WHOLE in page
    whole = client.get(url_of(campaign, "history"), {"history": "all"}).content.decode()
    assert whole.split('id="history"')[1].count("<time ") > HISTORY_SHOWN
    assert WHOLE not in whole
    assert f'href="{url_of(campaign, "report")}"' in whole  # back to the report


def test_the_report_page_names_the_last_save_and_links_to_the_history(
    campaign: Campaign, personas: Personas
) -> None:
    saved_twice(campaign, user=personas.halong_officer)
    page = client_for(personas.halong_officer).get(url_of(campaign, "report")).content.decode()
    section = page.split('id="history"')[1]
    assert "<time " not in section  # no line of it: they are on their page
    assert "Lần lưu gần nhất: halong, lúc " in section
    assert f'href="{url_of(campaign, "history")}"' in section


def test_a_draft_s_history_is_its_unit_s_alone(campaign: Campaign, personas: Personas) -> None:
    """As the draft itself: the units above, beside and below find nothing."""
    saved_twice(campaign)
    for user in (personas.province_officer, personas.mongcai_officer):
        assert client_for(user).get(url_of(campaign, "history")).status_code == 404
    below = personas.commune_officer_of_bai_chay
    assert client_for(below).get(url_of(campaign, "history")).status_code == 404


def test_the_unit_above_reads_a_sent_report_s_history(
    campaign: Campaign, personas: Personas
) -> None:
    report_with(campaign, HA_LONG, send=True, user=personas.halong_officer)
    page = client_for(personas.province_officer).get(url_of(campaign, "history"))
    assert page.status_code == 200
    assert {line.who for line in page.context["history"]} == {"halong"}
    assert f'href="{url_of(campaign, "report")}"' in page.content.decode()


def test_a_report_not_started_has_nothing_recorded(campaign: Campaign, personas: Personas) -> None:
    page = client_for(personas.halong_officer).get(url_of(campaign, "history"))
    assert page.status_code == 200 and page.context["history"] == []
    assert page.context["report"] is None
    assert "Chưa có ghi nhận nào." in page.content.decode()


def test_the_review_page_links_a_sent_report_s_history(
    campaign: Campaign, personas: Personas
) -> None:
    """The read view the unit above reviews from names the last save and links there too."""
    report_with(campaign, HA_LONG, send=True, user=personas.halong_officer)
    page = client_for(personas.province_officer).get(url_of(campaign, "review"))
    section = page.content.decode().split('id="history"')[1]
    assert "<time " not in section and "Lần lưu gần nhất: halong, lúc " in section
    assert f'href="{url_of(campaign, "history")}"' in section
