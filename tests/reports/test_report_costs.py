"""What the report page and its save read: each thing once — the report with its obligation,
the rows handed to the checks (for a save, those read under its lock, which the form is
built from), the page's report to the comparison with the units below, no history (its
own page), the locked report with its unit, campaign and template; what rarely changes
(targets, rules, addressees) remembered under the generations, read once; a commune, with
nothing of another level below it, asks nothing of the units below — so each in a fixed
number of queries, whatever the number of figures."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from tests.conftest import Personas, PublishedCampaign, client_for
from tests.reports.factories import page_data, report_obligation
from xhht.campaigns.models import Campaign
from xhht.reports.editing import report_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 5), content_pack=True)


@pytest.mark.parametrize(
    ("who", "code", "most"),
    [
        ("commune_officer_of_bai_chay", "06673", 9),
        ("halong_officer", "193", 10),
    ],
)
def test_the_report_page_reads_a_fixed_number_of_times(
    personas: Personas,
    campaign: Campaign,
    django_assert_max_num_queries: DjangoAssertNumQueries,
    who: str,
    code: str,
    most: int,
) -> None:
    officer = personas.of(who)
    obligation = report_obligation(campaign, code)
    report_open(obligation=obligation, user=officer)
    client = client_for(officer)
    url = reverse("reports:report", args=[obligation.pk])
    assert client.get(url).status_code == 200  # the session and caches warmed
    with django_assert_max_num_queries(most):
        assert client.get(url).status_code == 200


def test_a_save_reads_the_report_once_under_its_lock(
    personas: Personas,
    campaign: Campaign,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, "06673")
    report = report_open(obligation=obligation, user=officer)
    client = client_for(officer)
    url = reverse("reports:report", args=[obligation.pk])
    data = page_data(client, url)
    data.update({n: "7" for n in data if n.startswith("v") and n.endswith(("-value", "-baseline"))})
    with django_assert_max_num_queries(16):
        assert client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.revision == 1
    assert {row.value for row in report.values.all()} == {7}
