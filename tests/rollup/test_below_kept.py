"""The district's report page keeps its comparison with the communes' sums between views
(rollup.below: keyed by the state of the reports below) and never shows it stale: a commune's
figure changed, a report sent or returned below, shows on the very next view."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Personas, PublishedCampaign, client_for
from tests.reports.factories import report_obligation, signature, signed_pdf
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign
from xhht.reports.editing import report_save
from xhht.reports.models import DataValue, Report
from xhht.reports.services import report_return, report_send
from xhht.rollup.below import report_compare_below
from xhht.rollup.services import rollup_build

pytestmark = pytest.mark.django_db

BAI_CHAY, HA_LONG = "06673", "193"


@pytest.fixture
def campaign(personas: Personas, make_campaign: PublishedCampaign) -> Campaign:
    campaign = make_campaign(content_pack=True)
    report_with(campaign, BAI_CHAY, {"GDHT": {"value": 1, "denominator": 10}})
    report_with(campaign, "06649", {"GDHT": {"value": 90, "denominator": 100}})
    return campaign


def test_a_changed_commune_figure_shows_on_the_district_page_at_once(
    campaign: Campaign, personas: Personas
) -> None:
    district = report_with(
        campaign, HA_LONG, {"GDHT": {"value": 91, "denominator": 110}}, send=False
    )
    client = client_for(personas.halong_officer)
    page_url = f"/reports/obligations/{report_obligation(campaign, HA_LONG).pk}/"
    first = client.get(page_url).content.decode()
    assert 'id="differs-GDHT"' not in first
    assert client.get(page_url).content.decode().count('id="differs-') == first.count(
        'id="differs-'
    )  # the kept comparison, the same page
    # Bãi Cháy corrects its figure: returned, saved (1 → 7) and sent again.
    commune = report_obligation(campaign, BAI_CHAY).report
    commune = report_return(report=commune, user=personas.halong_officer, reason="Sai số liệu")
    gdht = DataValue.objects.get(report=commune, indicator__code="GDHT")
    commune = report_save(
        report=commune,
        revision=commune.revision,
        texts={},
        values={gdht.indicator_id: {"value": 7, "denominator": 10}},
        user=personas.commune_officer_of_bai_chay,
    )
    page = client.get(page_url).content.decode()
    assert 'id="differs-GDHT"' in page and "<del>91</del> → <ins>90</ins>" in page  # returned
    report_send(
        report=commune,
        user=personas.commune_officer_of_bai_chay,
        signature=signature(),
        signed_file=signed_pdf(),
    )
    page = client.get(page_url).content.decode()
    assert "<del>91</del> → <ins>97</ins>" in page  # the corrected figure, at once
    # The district takes the sums: its own save moves the key too.
    district = Report.objects.get(pk=district.pk)
    report_save(
        report=district,
        revision=district.revision,
        texts={},
        values={gdht.indicator_id: {"value": 97, "denominator": 110}},
        user=personas.halong_officer,
    )
    assert 'id="differs-GDHT"' not in client.get(page_url).content.decode()
    differences = report_compare_below(report=district).differences
    assert differences and "GDHT" not in {d.indicator.code for d in differences}


def test_the_district_s_own_save_compares_again_without_summing_again(
    campaign: Campaign, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    district = report_with(
        campaign, HA_LONG, {"GDHT": {"value": 91, "denominator": 110}}, send=False
    )
    client = client_for(personas.halong_officer)
    page_url = f"/reports/obligations/{report_obligation(campaign, HA_LONG).pk}/"
    assert 'id="differs-GDHT"' not in client.get(page_url).content.decode()  # 91 / 110 below
    built: list[int] = []

    def counted(**kwargs: Any) -> Any:
        built.append(1)
        return rollup_build(**kwargs)

    monkeypatch.setattr("xhht.rollup.below.rollup_build", counted)
    district = Report.objects.get(pk=district.pk)
    gdht = DataValue.objects.get(report=district, indicator__code="GDHT")
    report_save(
        report=district,
        revision=district.revision,
        texts={},
        values={gdht.indicator_id: {"value": 50, "denominator": 110}},
        user=personas.halong_officer,
    )
    page = client.get(page_url).content.decode()
    assert "<del>50</del> → <ins>91</ins>" in page  # compared afresh with its new figure
    assert not built  # the communes' sums, kept: nothing changed below
