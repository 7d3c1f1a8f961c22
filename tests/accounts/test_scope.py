"""The scope rules, one persona at a time."""

from __future__ import annotations

import pytest
from django.http import Http404

from tests.conftest import ON_2025, PERSONAS, Personas, unit
from xhht.accounts import scope
from xhht.orgunits.models import Level, OrgUnit

pytestmark = pytest.mark.django_db


def test_the_province_sees_the_whole_province_and_nothing_of_the_2025_tree(
    personas: Personas,
) -> None:
    visible = scope.visible_units(personas.province_officer)
    assert visible.filter(level=Level.DISTRICT).count() == 14
    assert visible.filter(level=Level.COMMUNE).count() == 186
    assert visible.filter(level=Level.AGENCY).count() == 17
    assert not scope.can_see_unit(personas.province_officer, unit("07090", on=ON_2025))


def test_a_district_sees_its_own_communes_only(personas: Personas) -> None:
    halong = personas.halong_officer
    assert scope.can_see_unit(halong, unit("06673"))
    assert not scope.can_see_unit(halong, unit("06712"))
    assert not scope.can_see_unit(halong, unit("22"))
    assert scope.visible_units(halong).count() == 1 + unit("193").children.count()


def test_a_commune_sees_itself_only(personas: Personas) -> None:
    bai_chay = personas.commune_officer_of_bai_chay
    assert list(scope.visible_units(bai_chay)) == [unit("06673")]
    with pytest.raises(Http404):
        scope.unit_or_404(bai_chay, unit("06712").pk)


def test_who_changes_and_who_reviews(personas: Personas) -> None:
    bai_chay = unit("06673")
    assert scope.can_change_unit_work(personas.commune_officer_of_bai_chay, bai_chay)
    assert not scope.can_change_unit_work(personas.halong_officer, bai_chay)
    assert scope.can_review_work_of(personas.halong_officer, bai_chay)
    assert not scope.can_review_work_of(personas.mongcai_officer, bai_chay)
    assert not scope.can_review_work_of(personas.province_officer, bai_chay)
    assert scope.can_review_work_of(personas.province_officer, unit("193"))
    assert scope.can_review_work_of(personas.province_officer, unit("SNV"))
    assert not scope.can_change_unit_work(personas.viewer, unit("22"))
    assert not scope.can_review_work_of(personas.viewer, unit("193"))


def test_an_inactive_or_unassigned_user_sees_nothing(personas: Personas) -> None:
    assert scope.visible_units(personas.outsider).count() == 0
    personas.halong_officer.is_active = False
    assert scope.visible_units(personas.halong_officer).count() == 0
    assert not scope.can_see_unit(personas.halong_officer, unit("193"))


def test_only_the_province_and_the_administrator_manage_accounts(personas: Personas) -> None:
    province = unit("22")
    assert scope.can_manage_accounts(personas.province_officer, province)
    assert scope.can_manage_accounts(personas.administrator, province)
    assert not scope.can_manage_accounts(personas.halong_officer, unit("193"))
    assert not scope.can_manage_accounts(personas.viewer, province)


@pytest.mark.parametrize("who", PERSONAS)
def test_the_condition_on_a_joined_unit_sees_what_visible_units_sees(
    personas: Personas, who: str
) -> None:
    """`visible_through` (the lookups' test on a joined unit's path) picks exactly the
    units `visible_units` picks, for every persona and a deactivated one."""
    user = personas.of(who)
    every = OrgUnit.objects.all()
    expected = set(scope.visible_units(user).values_list("pk", flat=True))
    assert set(every.filter(scope.visible_through(user, "pk")).values_list("pk", flat=True)) == (
        expected
    )
    # Through a field: the units whose parent is visible (the roots have none).
    children = OrgUnit.objects.filter(scope.visible_through(user, "parent"))
    assert set(children.values_list("pk", flat=True)) == set(
        OrgUnit.objects.filter(parent__in=scope.visible_units(user)).values_list("pk", flat=True)
    )
    user.is_active = False
    assert not every.filter(scope.visible_through(user, "pk")).exists()
