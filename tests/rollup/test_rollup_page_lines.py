"""The roll-up page's table of indicators, whose rows are written in one go
(rollup/templatetags/rollup_page_tags.py): each figure, target and unit pulling a row down
as the page showed them, every name escaped, the words in the page's language, and a
figure sent below shown on the very next view."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator
from xhht.reports.indicators import TargetInput, target_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    campaign = make_campaign(content_pack=True)
    report_with(campaign, "06673", {"GDHT": {"value": 1, "denominator": 10}})
    report_with(campaign, "06649", {"GDHT": {"value": 1200, "denominator": 1500}})
    return campaign


def gdht_row(html: str) -> str:
    """The <tr> of the indicator GDHT in the table of indicators."""
    found = re.search(
        r"<tr>\s*<th scope=\"row\"><a href=\"\?[^\"]*indicator=GDHT#.*?</tr>", html, re.S
    )
    assert found is not None
    return found.group(0)


def page(campaign: Campaign, client: Client) -> str:
    return client.get(reverse("rollup:page", args=[campaign.pk])).content.decode()


def test_a_row_shows_its_figures_targets_and_the_unit_pulling_it_down(
    campaign: Campaign, personas: Personas
) -> None:
    target_add(
        indicator=Indicator.objects.get(code="GDHT"),
        province=unit("22"),
        user=None,
        target=TargetInput(2015, Decimal("85.5"), "KH 12/KH-UBND", date(2013, 1, 2)),
    )
    row = gdht_row(page(campaign, client_for(personas.halong_officer)))
    # 1 + 1200 of 10 + 1500, grouped by three; 79,5 % recomputed from the sums, under 85,5 %.
    assert 'data-label="Giá trị">1.201 / 1.510</td>' in row
    assert re.search(r'<td class="num below" id="pct-GDHT" data-label="[^"]*\(%\)">79,5</td>', row)
    assert "85,50%<small>KH 12/KH-UBND · riêng của tỉnh</small>" in row  # floatformat:"-2"
    assert 'data-label="Số đơn vị đã báo cáo">2 / ' in row
    bai_chay = unit("06673").pk
    assert f'?unit={bai_chay}">Phường Bãi Cháy</a> (10,0%)</span>' in row
    assert 'data-label="Đơn vị kéo tỷ lệ xuống">' in row


def test_a_name_in_a_row_is_escaped(campaign: Campaign, personas: Personas) -> None:
    Indicator.objects.filter(code="GDHT").update(name='Tỷ lệ <b>"in đậm"</b> & co')
    row = gdht_row(page(campaign, client_for(personas.halong_officer)))
    assert "Tỷ lệ &lt;b&gt;&quot;in đậm&quot;&lt;/b&gt; &amp; co" in row
    assert "<b>" not in row


def test_the_rows_speak_the_language_of_the_page(campaign: Campaign, personas: Personas) -> None:
    client = client_for(personas.halong_officer)
    client.cookies["django_language"] = "en"
    row = gdht_row(page(campaign, client))
    assert 'data-label="Pulling it down">' in row and 'data-label="Value">1,201 / 1,510' in row
    assert ">79.5</td>" in row
    client.cookies["django_language"] = "vi"
    row = gdht_row(page(campaign, client))
    assert 'data-label="Đơn vị kéo tỷ lệ xuống">' in row and ">79,5</td>" in row


def test_a_report_sent_below_shows_on_the_next_view(campaign: Campaign, personas: Personas) -> None:
    client = client_for(personas.halong_officer)
    assert 'data-label="Giá trị">1.201 / 1.510</td>' in gdht_row(page(campaign, client))
    report_with(campaign, "06652", {"GDHT": {"value": 30, "denominator": 100}})  # Hạ Long's
    assert 'data-label="Giá trị">1.231 / 1.610</td>' in gdht_row(page(campaign, client))
