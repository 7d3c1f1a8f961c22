"""The roll-up's chart names each indicator by its name, as the table beside it does; the
code is no label (LIT_15_60 tells a reader nothing)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for
from tests.reports.figures import report_with
from xhht.indicators.models import Indicator

pytestmark = pytest.mark.django_db


def test_the_overview_chart_labels_each_indicator_by_its_name(
    personas: Personas, make_campaign: PublishedCampaign
) -> None:
    campaign = make_campaign(content_pack=True)
    report_with(campaign, "06673", {"GDHT": {"value": 1, "denominator": 10}})
    response = client_for(personas.halong_officer).get(reverse("rollup:page", args=[campaign.pk]))
    chart = str(response.context["drawn"].overview)
    gdht = Indicator.objects.get(code="GDHT")
    labels = re.findall(r'text-anchor="end" fill="#1d2733"><title>([^<]*)</title>', chart)
    assert labels and all(not re.fullmatch(r"[A-Z0-9_]+", label) for label in labels)
    assert gdht.name in chart
    assert ">GDHT<" not in chart and "GDHT:" not in chart  # nor in the description
