"""The indicators and rules pages' forms and buttons × every persona: the standing unit's
officer and the administrator post them; everyone else gets 404 and changes nothing;
anonymous users are sent to log in. Each has an address of its own that takes only POST."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import PERSONAS, Personas, Row, assert_table, client_for, unit
from xhht.indicators.content import content_pack_load
from xhht.indicators.models import Indicator, IndicatorGrant, Target, ValidationRule
from xhht.reports.indicators import (
    TargetInput,
    grant_add,
    indicator_create,
    rule_add,
    target_add,
)

pytestmark = pytest.mark.django_db

STANDING = frozenset({"province_officer", "administrator"})


@dataclass(frozen=True)
class Own:
    """The province's own indicator with a target, a reading right and a rule."""

    indicator: Indicator
    target: Target
    grant: IndicatorGrant
    rule: ValidationRule


@pytest.fixture
def own(personas: Personas) -> Own:
    content_pack_load()
    province = unit("22")
    indicator = indicator_create(
        province=province, user=None, code="QN_TAM", name="Tạm", kind="count", level="commune"
    )
    target = target_add(
        indicator=indicator, province=province, user=None,
        target=TargetInput(2015, Decimal("40"), "KH 12/KH-UBND", date(2013, 1, 2)),
    )  # fmt: skip
    grant = grant_add(indicator=indicator, agency=unit("SNV"), province=province, user=None)
    rule = rule_add(
        province=province, user=None, left="QN_TAM", operator="<=", right="500", message="m"
    )
    return Own(indicator, target, grant, rule)


Url = Callable[[Own], str]
Posted = Callable[[Own], dict[str, object]]


def of_indicator(name: str) -> Url:
    return lambda own: reverse(f"reports:{name}", args=[own.indicator.pk])


def of_province(name: str) -> Url:
    return lambda own: reverse(f"reports:{name}")


def done(name: str, url: Url, post: Posted) -> Row[Own]:
    """A POST that succeeds for the standing unit: back to a page (302)."""
    return Row(name, url, frozenset(), STANDING, post)


def asked(name: str, url: Url, post: Posted) -> Row[Own]:
    """A delete not yet confirmed: the standing unit is asked (200)."""
    return Row(name, url, STANDING, frozenset(), post)


POSTS: list[Row[Own]] = [
    done("indicator_add", of_province("indicator_add"), lambda own: {
        "code": "QN_MOI", "name": "Mới", "kind": "count", "level": "commune", "order": "1"}),
    done("indicator_edit", of_indicator("indicator_edit"), lambda own: {
        "i-name": "Tên mới", "i-kind": "count", "i-level": "commune", "i-order": "5"}),
    done("indicator_retire", of_indicator("indicator_retire"), lambda own: {}),
    done("indicator_restore", of_indicator("indicator_restore"), lambda own: {}),
    asked("indicator_delete", of_indicator("indicator_delete"), lambda own: {}),
    done("indicator_delete, confirmed", of_indicator("indicator_delete"),
         lambda own: {"confirm": "yes"}),
    done("target_add", of_indicator("target_add"), lambda own: {
        "t-year": "2020", "t-value": "70", "t-source": "KH 5", "t-in_force_from": "01/01/2014"}),
    asked("target_delete", of_indicator("target_delete"), lambda own: {"target": own.target.pk}),
    done("target_delete, confirmed", of_indicator("target_delete"),
         lambda own: {"target": own.target.pk, "confirm": "yes"}),
    done("grant_add", of_indicator("grant_add"), lambda own: {"g-agency": unit("SKHDT").pk}),
    done("grant_remove", of_indicator("grant_remove"), lambda own: {"grant": own.grant.pk}),
    done("rule_add", of_province("rule_add"), lambda own: {
        "left": "QN_TAM", "operator": ">=", "right": "0", "message": "m"}),
    done("rule_retire", of_province("rule_retire"), lambda own: {"rule": own.rule.pk}),
    done("rule_restore", of_province("rule_restore"), lambda own: {"rule": own.rule.pk}),
]  # fmt: skip


@pytest.mark.parametrize("row", POSTS, ids=[row.name for row in POSTS])
def test_post_by_role(personas: Personas, own: Own, row: Row[Own]) -> None:
    assert_table(personas, [row], own, anonymous=True)
    # each POST was rolled back: every persona met the same data, and it is still there
    indicator = Indicator.objects.get(pk=own.indicator.pk)
    assert (indicator.name, indicator.active) == ("Tạm", True)
    assert Indicator.objects.filter(province=unit("22")).count() == 1
    assert list(Target.objects.filter(indicator=indicator)) == [own.target]
    assert list(IndicatorGrant.objects.all()) == [own.grant]
    assert list(ValidationRule.objects.filter(active=True)) == [own.rule]


@pytest.mark.parametrize("row", POSTS, ids=[row.name for row in POSTS])
def test_a_form_or_button_address_takes_only_post(
    personas: Personas, own: Own, row: Row[Own]
) -> None:
    for who in PERSONAS:
        response = client_for(personas.of(who)).get(row.url(own))
        assert response.status_code == 405, who
        assert response["Allow"] == "POST"


def test_the_pages_post_each_form_and_button_to_its_own_address(
    personas: Personas, own: Own
) -> None:
    client = client_for(personas.province_officer)
    pages = {
        "indicators": ["indicator_add"],
        "indicator": ["indicator_edit", "indicator_retire", "indicator_delete", "target_add",
                      "target_delete", "grant_add", "grant_remove"],
        "rules": ["rule_add", "rule_retire"],
    }  # fmt: skip
    for page, names in pages.items():
        args = [own.indicator.pk] if page == "indicator" else []
        html = client.get(reverse(f"reports:{page}", args=args)).content.decode()
        assert 'name="action"' not in html, page
        for name in names:
            url = reverse(f"reports:{name}", args=args)
            assert f'action="{url}"' in html, name
    # the retired ones offer to be used again
    client.post(reverse("reports:indicator_retire", args=[own.indicator.pk]))
    client.post(reverse("reports:rule_retire"), {"rule": own.rule.pk})
    html = client.get(reverse("reports:indicator", args=[own.indicator.pk])).content.decode()
    assert f'action="{reverse("reports:indicator_restore", args=[own.indicator.pk])}"' in html
    assert (
        f'action="{reverse("reports:rule_restore")}"'
        in client.get(reverse("reports:rules")).content.decode()
    )


def test_the_pages_take_only_get(personas: Personas, own: Own) -> None:
    client = client_for(personas.province_officer)
    for page, args in [("indicators", []), ("indicator", [own.indicator.pk]), ("rules", [])]:
        assert client.post(reverse(f"reports:{page}", args=args), {}).status_code == 405, page
