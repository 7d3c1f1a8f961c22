"""What a report page reads on every view and rarely changes is remembered by the process
(kernel.kept.remembered): the targets in force, the province's rules, the bodies a proposal
is addressed to, whether a district's communes collect what it sums. Each is keyed by the
generations of what it is read from, so a change shows on the very next view, and a view
asks for the generations once."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.reports.factories import report_obligation
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.indicators.models import Indicator, Target, ValidationRule
from xhht.orgunits.models import Level
from xhht.reports.indicators import rule_set_active
from xhht.rollup.below import collects_below

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 5), content_pack=True)


def _page(campaign: Campaign, code: str) -> str:
    return reverse("reports:report", args=[report_obligation(campaign, code).pk])


def _tables_read(client: object, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200  # type: ignore[attr-defined]
    return [q["sql"] for q in queries.captured_queries]


def test_a_target_added_or_removed_shows_on_the_next_view(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    url = _page(campaign, "06673")

    def sources() -> set[str]:
        rows = {r["row"].indicator.code: r for r in client.get(url).context["rows"]}
        return {t.source for t in rows["GDHT"]["targets"]}

    assert "QĐ cũ" not in sources()
    assert not any('"indicators_target"' in sql for sql in _tables_read(client, url))
    target = Target.objects.create(
        indicator=Indicator.objects.get(code="GDHT"),
        year=2015,
        value=50,
        source="QĐ cũ",
        in_force_from=date(2010, 1, 1),
    )
    assert "QĐ cũ" in sources()
    target.delete()
    assert "QĐ cũ" not in sources()


def test_a_rule_added_or_retired_shows_on_the_next_view(
    personas: Personas, campaign: Campaign
) -> None:
    report_with(campaign, "06673", {"GDHT": {"value": 50, "denominator": 60}}, send=False)
    client = client_for(personas.commune_officer_of_bai_chay)
    url = _page(campaign, "06673")
    marked = '<tr id="indicator-GDHT" class="has-problem">'
    assert marked not in client.get(url).content.decode()
    assert not any('"indicators_validationrule"' in sql for sql in _tables_read(client, url))
    province = client_for(personas.province_officer)
    rule = {"left": "GDHT.value", "operator": "<=", "right": "10", "message": "Quá lớn"}
    assert province.post(reverse("reports:rule_add"), rule).status_code == 302
    assert marked in client.get(url).content.decode()
    rule_set_active(rule=ValidationRule.objects.get(), user=None, active=False)
    assert marked not in client.get(url).content.decode()


def test_communes_no_longer_owing_a_report_show_on_the_next_ask(campaign: Campaign) -> None:
    halong = unit("193")
    assert collects_below(campaign, halong)
    Obligation.objects.filter(
        campaign=campaign,
        deliverable=Deliverable.REPORT,
        unit__path__startswith=halong.path,
        unit__level=Level.COMMUNE,
    ).delete()
    assert not collects_below(campaign, halong)


def test_a_district_s_page_reads_the_generations_once(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.halong_officer)
    url = _page(campaign, "193")
    client.get(url)
    asked = [sql for sql in _tables_read(client, url) if '"kernel_generation"' in sql]
    assert len(asked) == 1


def test_a_renamed_agency_shows_among_the_addressees_on_the_next_view(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    url = _page(campaign, "06673")

    def choices() -> set[str]:
        form = client.get(url).context["form"]
        return {label for _value, label in form.fields["pnew-to"].choices}

    assert "Sở Nội vụ tỉnh Quảng Ninh" in choices()
    assert not any('FROM "orgunits_orgunit"' in sql for sql in _tables_read(client, url))
    home_affairs = unit("SNV")
    home_affairs.full_name = "Sở Nội vụ và Lao động tỉnh Quảng Ninh"
    home_affairs.save()
    assert "Sở Nội vụ và Lao động tỉnh Quảng Ninh" in choices()
    assert "Thành phố Hạ Long" in choices()  # a commune's own district
