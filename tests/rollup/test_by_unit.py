"""Several units' roll-ups from one grouped query: the very roll-ups rollup_build makes one
unit at a time, on the demo campaign's mix of reports (sent, accepted, drafts, returned)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import unit
from xhht.campaigns.models import Campaign
from xhht.orgunits.models import Level, OrgUnit
from xhht.rollup.by_unit import rollups_build
from xhht.rollup.services import rollup_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(demo_campaign: Campaign) -> Campaign:
    return demo_campaign


def test_each_unit_s_roll_up_is_rollup_build_s(campaign: Campaign) -> None:
    districts = list(
        OrgUnit.objects.filter(parent=campaign.root, level=Level.DISTRICT).order_by("code")
    )
    # The province over its districts, a district and a commune of its own: subtrees nest.
    units = [*districts, campaign.root, unit("193"), unit("06673")]
    built = rollups_build(campaign=campaign, units=units)
    assert built == [rollup_build(campaign=campaign, unit=u) for u in units]
    assert sum(len(row.children) for r in built for row in r.rows) > 100


def test_the_queries_do_not_grow_with_the_units(campaign: Campaign) -> None:
    districts = list(OrgUnit.objects.filter(parent=campaign.root, level=Level.DISTRICT))
    with CaptureQueriesContext(connection) as few:
        rollups_build(campaign=campaign, units=districts[:2])
    with CaptureQueriesContext(connection) as many:
        rollups_build(campaign=campaign, units=districts)
    assert len(districts) > 2 and len(many) == len(few)


def test_no_units_no_roll_ups(campaign: Campaign) -> None:
    assert rollups_build(campaign=campaign, units=[]) == []
