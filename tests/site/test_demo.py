"""The demo of `make run`: the seed campaign, labelled, with every state present."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from pytest_django import Settings

from xhht.campaigns.models import Campaign, Conference, State
from xhht.campaigns.selectors import state_counts
from xhht.site.demo import DEMO_LABEL, demo_load

pytestmark = pytest.mark.django_db


def test_the_demo_is_labelled_and_shows_every_state(settings: Settings) -> None:
    settings.XHHT_TODAY = date(2013, 6, 20)
    result = demo_load()
    campaign = result.campaign
    assert campaign.title.startswith(DEMO_LABEL)
    counts = state_counts(campaign.obligations.all(), date(2013, 6, 20))
    assert all(counts[state] > 0 for state in State.values), counts
    assert campaign.obligations.count() == 432
    conference = Conference.objects.filter(obligation__campaign=campaign).first()
    assert conference is not None and "minh họa" in conference.notes
    assert conference.held_on <= date(2013, 6, 20)
    assert set(result.passwords) == {"demo-tinh", "demo-halong", "demo-baichay", "demo-sonoivu"}
    user = authenticate(
        RequestFactory().post("/"),
        username="demo-baichay",
        password=result.passwords["demo-baichay"],
    )
    assert user is not None and user.unit is not None and user.unit.code == "06673"


def test_loading_the_demo_again_changes_nothing(settings: Settings) -> None:
    settings.XHHT_TODAY = date(2013, 6, 20)
    first = demo_load()
    again = demo_load()
    assert not again.created and again.passwords == {}
    assert again.campaign == first.campaign
    assert Campaign.objects.count() == 1


def test_the_demo_has_reports_behind_the_reports_done(settings: Settings) -> None:
    from xhht.reports.models import Report, ReportStatus
    from xhht.rollup.services import rollup_build

    settings.XHHT_TODAY = date(2013, 6, 20)
    campaign = demo_load().campaign
    done = campaign.obligations.filter(deliverable="report", fulfilled_on__isnull=False)
    sent = Report.objects.filter(
        obligation__in=done, status__in=[ReportStatus.SENT, ReportStatus.ACCEPTED]
    )
    assert sent.count() == done.exclude(unit__level="province").count() > 0
    figures = rollup_build(campaign=campaign, unit=campaign.root)
    literacy = figures.row("GDHT")
    assert literacy is not None and literacy.sums.reported > 0


def test_in_the_demo_no_unit_reports_before_its_conference(settings: Settings) -> None:
    from xhht.campaigns.models import Obligation

    settings.XHHT_TODAY = date(2013, 6, 20)
    campaign = demo_load().campaign
    held = {
        c.obligation.unit_id: c.held_on
        for c in Conference.objects.filter(obligation__campaign=campaign).select_related(
            "obligation"
        )
    }
    reports = Obligation.objects.filter(
        campaign=campaign, deliverable="report", fulfilled_on__isnull=False
    )
    assert reports.exists()
    for report in reports:
        if report.unit_id in held:
            assert report.fulfilled_on is not None
            assert report.fulfilled_on >= held[report.unit_id]
