"""Whose target: the content pack stores NQ 01-NQ/TV's targets as Quảng Ninh's own (a
provincial resolution), corrects a pack loaded before as national, and the roll-up page
says whose each target is, as its .xlsx does."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.reports.figures import report_with
from xhht.indicators.content import content_pack_load
from xhht.indicators.models import Target
from xhht.orgunits.models import Level, OrgUnit

pytestmark = pytest.mark.django_db


def quang_ninh_2013() -> OrgUnit:
    return OrgUnit.objects.in_force(date(2013, 6, 1)).get(code="22", level=Level.PROVINCE)


def test_the_provincial_resolution_s_targets_are_the_province_s_own() -> None:
    content_pack_load()
    resolution = Target.objects.filter(source="NQ 01-NQ/TV")
    assert resolution.count() == 8
    assert set(resolution.values_list("province", flat=True)) == {quang_ninh_2013().pk}
    national = Target.objects.filter(source__endswith="/QĐ-TTg")
    assert national.exists() and not national.filter(province__isnull=False).exists()


def test_a_pack_loaded_before_as_national_is_corrected_once_loaded_again() -> None:
    content_pack_load()
    Target.objects.filter(source="NQ 01-NQ/TV").update(province=None)
    assert content_pack_load() == (0, 0)  # nothing new, only corrected
    assert not Target.objects.filter(source="NQ 01-NQ/TV", province__isnull=True).exists()


def test_the_roll_up_page_says_whose_each_target_is(
    personas: Personas, make_campaign: PublishedCampaign
) -> None:
    campaign = make_campaign(content_pack=True)
    report_with(campaign, "06673", {"QN_GD_HIEU_HOC": {"value": 3, "denominator": 4}})
    page = client_for(personas.province_officer).get(
        reverse("rollup:page", args=[campaign.pk]) + f"?unit={unit('22').pk}"
    )
    text = page.content.decode()
    assert "NQ 01-NQ/TV · riêng của tỉnh" in text
    assert "NQ 01-NQ/TV · quốc gia" not in text
