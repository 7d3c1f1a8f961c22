"""The province's indicators page: indicators, targets, validation rules and grants, audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import Personas, client_for, unit
from tests.reports.factories import seed_campaign
from tests.reports.figures import report_with
from xhht.accounts.scope import can_read_indicator_tree
from xhht.audit.models import AuditEntry
from xhht.indicators.content import content_pack_load
from xhht.indicators.models import Indicator, IndicatorGrant, Target, ValidationRule
from xhht.reports.indicators import (
    IndicatorError,
    TargetInput,
    grant_add,
    indicator_create,
    indicator_delete,
    indicators_seed_extras,
    rule_add,
    target_add,
)
from xhht.reports.templates_build import template_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack(db: None) -> None:
    content_pack_load()


def test_the_seed_extras_are_added_once_as_the_provinces_own(pack: None) -> None:
    made = indicators_seed_extras(province=unit("22"))
    assert [(i.kind, i.level) for i in made] == [
        ("count", "district"),
        ("count", "agency"),
        ("ratio", "commune"),
    ]
    assert made[0].name == "Số giáo viên biệt phái sang TTHTCĐ"
    assert all(i.province == unit("22") for i in made)
    assert indicators_seed_extras(province=unit("22")) == made
    assert Indicator.objects.count() == 34
    assert AuditEntry.objects.filter(action="indicator.created").count() == 3


def test_the_province_adds_an_indicator_on_the_page_and_it_enters_new_forms(
    pack: None, personas: Personas
) -> None:
    client = client_for(personas.province_officer)
    response = client.post(
        reverse("reports:indicator_add"),
        {
            "code": "qn_kdc_hieu_hoc",
            "name": "Tỷ lệ khu dân cư hiếu học",
            "kind": "ratio",
            "numerator_label": "Khu dân cư hiếu học",
            "denominator_label": "Tổng số khu dân cư",
            "level": "commune",
            "unit_label": "",
            "order": "420",
        },
    )
    made = Indicator.objects.get(code="QN_KDC_HIEU_HOC")
    assert response.status_code == 302 and response["Location"] == reverse(
        "reports:indicator", args=[made.pk]
    )
    assert made.unit_label == "%" and made.province == unit("22")
    entry = AuditEntry.objects.get(action="indicator.created")
    assert entry.user == personas.province_officer and entry.changes["code"] == [None, made.code]
    campaign = seed_campaign()
    assert made in template_for(campaign, "commune").indicators.all()
    page = client.get(reverse("reports:indicators"))
    assert "QN_KDC_HIEU_HOC" in page.content.decode()


def test_a_taken_code_is_refused_and_what_was_typed_is_kept(pack: None, personas: Personas) -> None:
    client = client_for(personas.province_officer)
    response = client.post(
        reverse("reports:indicator_add"),
        {"code": "GDHT", "name": "Tên mới gõ", "kind": "count", "level": "commune", "order": "1"},
    )  # fmt: skip
    assert response.status_code == 400
    text = response.content.decode()
    assert "Mã GDHT đã được dùng cho chỉ tiêu khác." in text
    assert 'value="Tên mới gõ"' in text
    assert Indicator.objects.filter(code="GDHT").count() == 1


def test_an_indicator_with_values_is_retired_never_deleted(personas: Personas) -> None:
    campaign = seed_campaign()
    (_teachers, _training, areas) = indicators_seed_extras(province=unit("22"))
    report_with(campaign, "06673", {}, send=False)  # the commune form holds the new indicator
    with pytest.raises(IndicatorError, match="chỉ có thể ngừng sử dụng, không thể xóa"):
        indicator_delete(indicator=areas, user=None)
    client = client_for(personas.province_officer)
    refused = client.post(reverse("reports:indicator_delete", args=[areas.pk]), {"confirm": "yes"})
    assert refused.status_code == 302  # told why on the page, not asked to confirm
    assert Indicator.objects.filter(pk=areas.pk).exists()
    client.post(reverse("reports:indicator_retire", args=[areas.pk]))
    areas.refresh_from_db()
    assert not areas.active
    assert AuditEntry.objects.filter(action="indicator.retired", object_id=str(areas.pk)).exists()


def test_an_unused_own_indicator_can_be_deleted(pack: None, personas: Personas) -> None:
    made = indicator_create(
        province=unit("22"), user=None, code="QN_TAM", name="Tạm", kind="count", level="commune"
    )
    client_for(personas.province_officer).post(
        reverse("reports:indicator_delete", args=[made.pk]), {"confirm": "yes"}
    )
    assert not Indicator.objects.filter(pk=made.pk).exists()
    assert AuditEntry.objects.filter(action="indicator.deleted").exists()


def test_a_pack_indicator_keeps_its_definition(pack: None, personas: Personas) -> None:
    gdht = Indicator.objects.get(code="GDHT")
    response = client_for(personas.province_officer).post(
        reverse("reports:indicator_edit", args=[gdht.pk]),
        {"i-name": "Đổi tên", "i-kind": "count", "i-level": "agency", "i-order": "5"},
    )  # fmt: skip
    assert response.status_code == 400  # shared by every province: not even its order
    gdht.refresh_from_db()
    assert (gdht.name, gdht.kind, gdht.level, gdht.order) == (
        "Tỷ lệ gia đình được công nhận danh hiệu “Gia đình học tập”", "ratio", "commune", 160
    )  # fmt: skip


def test_a_target_is_added_with_its_source_and_date(pack: None, personas: Personas) -> None:
    gdht = Indicator.objects.get(code="GDHT")
    client = client_for(personas.province_officer)
    response = client.post(
        reverse("reports:target_add", args=[gdht.pk]),
        {"t-year": "2015", "t-value": "45", "t-source": "KH 12/KH-UBND",
         "t-in_force_from": "02/01/2013"},
    )  # fmt: skip
    assert response.status_code == 302
    target = Target.objects.get(indicator=gdht, source="KH 12/KH-UBND")
    assert target.province == unit("22") and target.in_force_from == date(2013, 1, 2)
    assert AuditEntry.objects.filter(action="target.created", user=personas.province_officer)
    over = client.post(
        reverse("reports:target_add", args=[gdht.pk]),
        {"t-year": "2020", "t-value": "120", "t-source": "KH 13",
         "t-in_force_from": "02/01/2013"},
    )  # fmt: skip
    assert over.status_code == 400
    assert "Mục tiêu tỷ lệ phần trăm không được vượt quá 100." in over.content.decode()


def test_rule_sides_must_be_known_terms(pack: None) -> None:
    province = unit("22")

    def refused(left: str, right: str) -> IndicatorError:
        with translation.override("en"), pytest.raises(IndicatorError) as caught:
            rule_add(province=province, user=None, left=left, operator="<=", right=right,
                     message="Sai")  # fmt: skip
        return caught.value

    error = refused("GDHT.value", "NOPE.denominator")
    assert error.field == "right" and "right side names the indicator NOPE" in error.message
    error = refused("GDHT.valeur", "10")
    assert error.field == "left" and "“GDHT.valeur” is neither a number" in error.message
    assert refused("5", "10").message == "A rule must name at least one indicator."
    indicators_seed_extras(province=province)
    error = refused("QN_GV_BIET_PHAI_TTHTCD.denominator", "10")
    assert "which is a count and has none" in error.message
    rule = rule_add(
        province=province, user=None, left="QN_GD_HIEU_HOC.value", operator="<=",
        right="GDHT.denominator", message="Không vượt quá số hộ",
    )  # fmt: skip
    assert str(rule) == "QN_GD_HIEU_HOC.value <= GDHT.denominator"
    assert AuditEntry.objects.filter(action="rule.created", object_id=str(rule.pk)).exists()


def test_the_rules_page_shows_the_refusal_beside_the_field(pack: None, personas: Personas) -> None:
    client = client_for(personas.province_officer)
    response = client.post(
        reverse("reports:rule_add"),
        {"left": "GDHT", "operator": ">=", "right": "XYZ", "message": "m"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "XYZ" in page and "vế phải" in page  # the refusal names the side and the code
    assert not ValidationRule.objects.exists()
    ok = client.post(
        reverse("reports:rule_add"),
        {"left": "GDHT", "operator": ">=", "right": "0", "message": "m"},
    )
    assert ok.status_code == 302 and ValidationRule.objects.count() == 1


def test_a_grant_lets_a_member_body_read_one_indicator(pack: None, personas: Personas) -> None:
    studious = Indicator.objects.get(code="QN_GD_HIEU_HOC")
    client = client_for(personas.province_officer)
    client.post(reverse("reports:grant_add", args=[studious.pk]), {"g-agency": unit("SNV").pk})
    grant = IndicatorGrant.objects.get()
    assert grant.agency == unit("SNV") and grant.granted_by == personas.province_officer
    assert can_read_indicator_tree(personas.home_affairs_officer, studious.pk)
    assert not can_read_indicator_tree(
        personas.home_affairs_officer, Indicator.objects.get(code="GDHT").pk
    )
    assert not can_read_indicator_tree(personas.halong_officer, studious.pk)
    with pytest.raises(IndicatorError):
        grant_add(indicator=studious, agency=unit("193"), province=unit("22"), user=None)
    client.post(reverse("reports:grant_remove", args=[studious.pk]), {"grant": grant.pk})
    assert not IndicatorGrant.objects.exists()
    assert AuditEntry.objects.filter(action="indicator.grant_removed").exists()


def test_targets_given_here_are_kept_apart_from_another_source(pack: None) -> None:
    gdht = Indicator.objects.get(code="GDHT")
    target_add(indicator=gdht, province=unit("22"), user=None,
               target=TargetInput(2020, Decimal("75"), "NQ 05", date(2014, 5, 1), national=True))  # fmt: skip
    assert Target.objects.get(source="NQ 05").province is None
    with pytest.raises(IndicatorError, match="đã có mục tiêu năm 2020 theo NQ 05"):
        target_add(indicator=gdht, province=unit("22"), user=None,
                   target=TargetInput(2020, Decimal("80"), "NQ 05", date(2014, 5, 1)))  # fmt: skip
