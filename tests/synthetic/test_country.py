"""`xhht generate_national --national` on two provinces: the Ministry's campaign and work done."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import ON_2025
from xhht.campaigns.models import Campaign, Conference, Deliverable, Obligation
from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.national import COUNTRY_CODE
from xhht.reports.models import RECEIVED, Report
from xhht.rollup.services import rollup_build

pytestmark = pytest.mark.django_db

TODAY = date(2025, 12, 12)
CHOSEN = ("22", "11")  # Quảng Ninh, already stored by the reference data, and Điện Biên


def generate(*options: str) -> str:
    out = StringIO()
    arguments = [f"--province={code}" for code in CHOSEN]
    call_command("generate_national", "--national", *arguments, "--seed=7", *options, stdout=out)
    return out.getvalue()


def test_it_publishes_one_campaign_across_the_chosen_provinces_with_work_done() -> None:
    output = generate()
    country = OrgUnit.objects.get(code=COUNTRY_CODE)
    campaign = Campaign.objects.get(root=country)
    assert campaign.title in output
    communes = OrgUnit.objects.in_force(ON_2025).below(country).filter(level=Level.COMMUNE)
    owing = Obligation.objects.filter(campaign=campaign, deliverable=Deliverable.REPORT)
    assert owing.filter(unit__level=Level.COMMUNE).count() == communes.count() > 90
    assert set(owing.filter(unit__level=Level.PROVINCE).values_list("unit__code", flat=True)) == {
        *CHOSEN
    }
    done = Obligation.objects.filter(campaign=campaign, fulfilled_on__isnull=False)
    assert 0 < done.count() < Obligation.objects.filter(campaign=campaign).count()
    assert not done.filter(fulfilled_on__gt=TODAY).exists()
    # A commune's report follows its conference, never the other way round.
    for obligation in done.filter(deliverable=Deliverable.REPORT, unit__level=Level.COMMUNE)[:50]:
        conference = Conference.objects.get(
            obligation__campaign=campaign, obligation__unit=obligation.unit
        )
        assert conference.held_on <= obligation.fulfilled_on  # type: ignore[operator]
    assert Report.objects.filter(obligation__campaign=campaign, status__in=RECEIVED).exists()


def test_the_country_rolls_up_the_sum_of_its_provinces() -> None:
    generate()
    country = OrgUnit.objects.get(code=COUNTRY_CODE)
    campaign = Campaign.objects.get(root=country)
    at_country = rollup_build(campaign=campaign, unit=country)
    assert at_country.rows
    for row in at_country.rows:
        by_province = [c for c in row.children if c.level == Level.PROVINCE]
        assert {c.code for c in by_province} <= set(CHOSEN)
        assert row.sums.reported == sum(c.sums.reported for c in by_province)
        if not row.indicator.is_ratio:
            values = [c.sums.value for c in by_province if c.sums.value is not None]
            assert row.sums.value == (sum(values) if values else None)
        for child in by_province:
            at_province = rollup_build(
                campaign=campaign, unit=OrgUnit.objects.get(pk=child.pk)
            ).row(row.indicator.code)
            assert at_province is not None
            assert at_province.sums == child.sums


def test_a_second_run_is_refused_and_writes_nothing() -> None:
    generate("--no-reports")
    before = Obligation.objects.count()
    with pytest.raises(CommandError, match="đã có đợt sơ kết toàn quốc"):
        generate("--no-reports")
    assert Obligation.objects.count() == before
