"""A province writes its rules with codes ("GDHT.value <= GDHT.denominator"); where its
message shows the rule, the unit reads the indicators' names instead."""

from __future__ import annotations

import pytest

from tests.conftest import PublishedCampaign
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator, ValidationRule
from xhht.reports.validation import report_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(content_pack=True)


def rule(campaign: Campaign, left: str, operator: str, right: str, message: str) -> None:
    ValidationRule.objects.create(
        province=campaign.root, left=left, operator=operator, right=right, message=message
    )


def test_a_message_that_writes_the_rule_with_codes_reads_with_names(campaign: Campaign) -> None:
    rule(campaign, "GDHT.value", "<=", "DHHT.denominator", "Sai: gdht.value <= DHHT.denominator")
    report = report_with(campaign, "06673", {"GDHT": {"value": 50, "denominator": 60},
                                             "DHHT": {"value": 1, "denominator": 10}},
                         send=False)  # fmt: skip
    gdht, dhht = (Indicator.objects.get(code=c).name for c in ("GDHT", "DHHT"))
    messages = {p.message for p in report_problems(report) if p.message.startswith("Sai")}
    assert messages == {f"Sai: “{gdht}” ≤ “{dhht}” (tổng số)"}


def test_a_message_in_words_is_left_as_the_province_wrote_it(campaign: Campaign) -> None:
    rule(campaign, "GDHT", ">=", "1000", "Số gia đình học tập quá ít")
    report = report_with(campaign, "06673", {"GDHT": {"value": 50, "denominator": 60}},
                         send=False)  # fmt: skip
    assert "Số gia đình học tập quá ít" in {p.message for p in report_problems(report)}
