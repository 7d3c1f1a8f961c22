"""The roll-up page keeps what it drew between views (kernel.kept), under the key of what it
is drawn from: each change to the figures it sums, to the reports counted, to the names of
the units below or to the language is on the next view. (A target's change: the test of the
table red under a target, in test_rollup_views.py.)"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.reports.factories import signature, signed_pdf
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign
from xhht.orgunits.models import Level
from xhht.reports.editing import report_save
from xhht.reports.models import TemplateIndicator
from xhht.reports.services import report_return, report_send
from xhht.rollup.below import collects_below

pytestmark = pytest.mark.django_db

BAI_CHAY, HA_KHANH, HONG_GAI = "06673", "06649", "06652"


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    campaign = make_campaign(content_pack=True)
    report_with(campaign, BAI_CHAY, {"GDHT": {"value": 1, "denominator": 10}})
    report_with(campaign, HA_KHANH, {"GDHT": {"value": 90, "denominator": 100}})
    return campaign


def _percent(page: str, code: str) -> str:
    """The GDHT percentage of the unit below `code`, as the breakdown shows it."""
    found = re.search(rf'id="pct-GDHT-{code}">([^<]*)</td>', page)
    assert found is not None, code
    return found.group(1)


def test_each_change_to_what_a_rollup_shows_is_on_the_next_view(
    campaign: Campaign, personas: Personas
) -> None:
    client = client_for(personas.halong_officer)
    url = reverse("rollup:page", args=[campaign.pk]) + "?indicator=GDHT"

    def page() -> str:
        return client.get(url).content.decode()

    assert _percent(page(), BAI_CHAY) == "10,0"
    assert _percent(page(), BAI_CHAY) == "10,0"  # the view again: kept
    hong_gai = report_with(campaign, HONG_GAI, {"GDHT": {"value": 50, "denominator": 50}})
    assert _percent(page(), HONG_GAI) == "100,0"  # a report sent
    returned = report_return(report=hong_gai, user=None, reason="Thiếu số liệu.")
    assert _percent(page(), HONG_GAI) == "—"  # returned: not counted
    row = returned.values.get(indicator__code="GDHT")
    corrected = report_save(
        report=returned,
        texts={},
        values={row.indicator_id: {"value": 25, "denominator": 50}},
        user=None,
    )
    report_send(report=corrected, user=None, signature=signature(), signed_file=signed_pdf())
    assert _percent(page(), HONG_GAI) == "50,0"  # corrected and sent again
    bai_chay = unit(BAI_CHAY)
    bai_chay.name = "Bãi Cháy Mới"  # a name
    bai_chay.save()
    assert "Phường Bãi Cháy Mới" in page()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language
    assert _percent(page(), BAI_CHAY) == "10.0"


def test_whether_units_below_collect_follows_the_templates_at_once(
    campaign: Campaign, personas: Personas
) -> None:
    """Whether a district's communes collect what its report sums is kept between requests
    under the generation of the indicators and templates: a change to them shows at once."""
    halong = unit("193")
    assert collects_below(campaign, halong)
    assert collects_below(campaign, halong)  # asked again: kept
    TemplateIndicator.objects.filter(
        template__campaign=campaign, indicator__level=Level.COMMUNE
    ).delete()
    assert not collects_below(campaign, halong)
