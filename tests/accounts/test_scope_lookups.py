"""scope's lookups: another unit's object answers 404; who enters, runs, reads steps."""

from __future__ import annotations

import pytest
from django.http import Http404

from tests.conftest import Personas, unit
from xhht.accounts import scope
from xhht.indicators.models import Indicator, IndicatorGrant
from xhht.kernel import clock
from xhht.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_object_or_404_answers_404_for_another_unit_s_object(personas: Personas) -> None:
    units = OrgUnit.objects.all()
    bai_chay, tran_phu = unit("06673"), unit("06712")
    halong = personas.halong_officer
    assert scope.object_or_404(units, halong, unit="pk", pk=bai_chay.pk) == bai_chay
    with pytest.raises(Http404):
        scope.object_or_404(units, halong, unit="pk", pk=tran_phu.pk)
    with pytest.raises(Http404):  # and for none at all
        scope.object_or_404(units, halong, unit="pk", pk=-1)


def test_who_enters_a_unit_s_work(personas: Personas) -> None:
    bai_chay = unit("06673")
    assert scope.can_enter_work_of(personas.commune_officer_of_bai_chay, bai_chay)
    assert scope.can_enter_work_of(personas.halong_officer, bai_chay)  # the unit above
    assert not scope.can_enter_work_of(personas.province_officer, bai_chay)  # two above
    assert not scope.can_enter_work_of(personas.mongcai_officer, bai_chay)
    assert not scope.can_enter_work_of(personas.viewer, bai_chay)


def test_only_the_unit_reads_its_own_internal_steps(personas: Personas) -> None:
    bai_chay = unit("06673")
    assert scope.can_read_steps_of(personas.commune_officer_of_bai_chay, bai_chay)
    assert not scope.can_read_steps_of(personas.halong_officer, bai_chay)


def test_who_runs_the_province_s_campaigns(personas: Personas) -> None:
    province = unit("22")
    assert scope.can_run_campaigns_in(personas.province_officer, province)
    assert not scope.can_run_campaigns_in(personas.viewer, province)
    assert not scope.can_run_campaigns_in(personas.halong_officer, province)


def test_a_granted_agency_reads_one_indicator_anywhere_in_its_province(
    personas: Personas,
) -> None:
    agency = personas.home_affairs_officer
    bai_chay, province = unit("06673"), unit("22")
    with pytest.raises(Http404):  # nothing granted yet
        scope.readable_unit_or_404(agency, bai_chay.pk, within=province)
    indicator = Indicator.objects.create(code="QN_THU", name="Thử", kind="count", level="commune")
    assert agency.unit is not None
    IndicatorGrant.objects.create(indicator=indicator, agency=agency.unit, granted_at=clock.now())
    found, readable = scope.readable_unit_or_404(agency, bai_chay.pk, within=province)
    assert found == bai_chay and readable == {indicator.pk}
    with pytest.raises(Http404):  # outside the subtree it is asked within
        scope.readable_unit_or_404(agency, bai_chay.pk, within=unit("194"))
    halong = personas.halong_officer
    assert scope.readable_unit_or_404(halong, bai_chay.pk, within=province) == (bai_chay, None)
