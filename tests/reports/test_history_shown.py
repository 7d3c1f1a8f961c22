"""A report page shows the latest lines of its history (each save of figures adds many, and
every line costs the page), and the whole history on demand."""

from __future__ import annotations

import pytest

from tests.conftest import Personas, PublishedCampaign, client_for
from tests.reports.factories import report_obligation
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign
from xhht.reports.editing import report_save
from xhht.reports.reading import HISTORY_SHOWN

pytestmark = pytest.mark.django_db

HA_LONG = "193"


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(content_pack=True)


def test_a_report_page_shows_its_latest_history_and_the_whole_on_demand(
    campaign: Campaign, personas: Personas
) -> None:
    report = report_with(campaign, HA_LONG, send=False)  # opened, prefilled, every row saved
    rows = {row.indicator_id: {"value": 3} for row in report.values.all()}
    report_save(report=report, revision=report.revision, texts={}, values=rows, user=None)
    client = client_for(personas.halong_officer)
    page_url = f"/reports/obligations/{report_obligation(campaign, HA_LONG).pk}/"
    page = client.get(page_url)
    lines = page.content.decode().split('id="history"')[1].count("<time ")
    assert lines == HISTORY_SHOWN and "Xem toàn bộ lịch sử nhập liệu" in page.content.decode()
    whole = client.get(page_url, {"history": "all"}).content.decode()
    assert whole.split('id="history"')[1].count("<time ") > HISTORY_SHOWN
    assert "Xem toàn bộ lịch sử nhập liệu" not in whole
