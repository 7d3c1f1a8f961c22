"""Which levels may stand below a unit, by the parents each level may have."""

from __future__ import annotations

from xhht.orgunits.models import Level, levels_below


def test_a_district_has_communes_and_agencies_below_it() -> None:
    assert levels_below(Level.DISTRICT) == {Level.COMMUNE, Level.AGENCY}
    assert levels_below(Level.PROVINCE) == {Level.DISTRICT, Level.COMMUNE, Level.AGENCY}
    assert Level.PROVINCE in levels_below(Level.COUNTRY)


def test_nothing_of_another_level_stands_below_a_commune_or_an_agency() -> None:
    # An agency's branches are agencies: its report takes no sums from another level.
    assert levels_below(Level.COMMUNE) == set()
    assert levels_below(Level.AGENCY) == set()
