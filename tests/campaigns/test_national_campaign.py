"""The national campaign: the Ministry's review across the country on the 2025 tree, published,
reported, rolled up and shown on the same pages as a province's campaign.

Three provinces of the 2025 tree (Quảng Ninh, Cao Bằng, Điện Biên) stand for the 34: the
whole tree is loaded in tests/orgunits/test_national.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.db.models import F
from django.urls import reverse
from pytest_django import Settings

from tests.conftest import ON_2025, PASSWORD, client_for
from tests.reports.factories import signature, signed_pdf
from xhht.accounts import scope
from xhht.accounts.models import Role, User
from xhht.campaigns.directives import directive_create, directive_publish
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.campaigns.planning import Plan, plan_from_parsed
from xhht.indicators.content import content_pack_load
from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.national import MINISTRY_CODE, national_load
from xhht.reports.editing import report_open, report_save
from xhht.reports.services import report_send
from xhht.rollup.services import rollup_build
from xhht.synthetic.country import DIRECTIVE_TEXT, national_campaign_publish

pytestmark = pytest.mark.django_db

PROVINCES = ["22", "04", "11"]
DURING = date(2025, 11, 18)  # communes report; the provinces' deadline is ahead


@dataclass
class National:
    country: OrgUnit
    campaign: Campaign
    ministry_officer: User  # the Ministry's officer, acting for the country
    quang_ninh_officer: User  # Sở GD&ĐT Quảng Ninh, acting for the 2025 province unit
    other_officer: User  # the Department of province 04


def province(code: str) -> OrgUnit:
    return OrgUnit.objects.in_force(ON_2025).get(code=code, level=Level.PROVINCE)


def officer(username: str, unit: OrgUnit) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, unit=unit, role=Role.PROVINCE
    )


@pytest.fixture
def national(db: None, settings: Settings) -> National:
    settings.XHHT_TODAY = DURING
    content_pack_load()
    country = national_load("2025", PROVINCES).country
    return National(
        country=country,
        campaign=national_campaign_publish(country),
        ministry_officer=officer("bo-gddt", country),
        quang_ninh_officer=officer("so-gddt-qn", province("22")),
        other_officer=officer("so-gddt-04", province("04")),
    )


def communes_of(codes: list[str]) -> int:
    return sum(
        OrgUnit.objects.below(province(code)).filter(level=Level.COMMUNE).count() for code in codes
    )


def test_publishing_makes_obligations_for_provinces_and_communes_only(national: National) -> None:
    obligations = Obligation.objects.filter(campaign=national.campaign)
    owed = set(obligations.values_list("unit__level", "deliverable").distinct())
    assert owed == {
        (Level.COMMUNE, Deliverable.CONFERENCE),
        (Level.COMMUNE, Deliverable.REPORT),
        (Level.PROVINCE, Deliverable.REPORT),
        (Level.COUNTRY, Deliverable.CONSOLIDATED),  # the Ministry's, for the country
    }
    reports = obligations.filter(deliverable=Deliverable.REPORT)
    assert reports.filter(unit__level=Level.PROVINCE).count() == len(PROVINCES)
    assert reports.filter(unit__level=Level.COMMUNE).count() == communes_of(PROVINCES) > 100
    # Each commune reports to its province, each province to the country.
    communes = reports.filter(unit__level=Level.COMMUNE)
    assert not communes.exclude(recipient_id=F("unit__parent_id")).exists()
    provinces = reports.filter(unit__level=Level.PROVINCE)
    assert set(provinces.values_list("recipient_id", flat=True)) == {national.country.pk}
    assert not obligations.filter(unit__code=MINISTRY_CODE).exists()  # the standing agency


def test_a_plan_read_for_the_country_moves_the_consolidated_report_up_and_drops_districts(
    national: National,
) -> None:
    parsed = {
        "date": "2025-09-15",
        "deadlines": [
            {"date": "2025-11-15", "level": "commune", "applies_to": "Tổ chức sơ kết cấp xã"},
            {"date": "2025-11-25", "level": "district", "applies_to": "Tổ chức sơ kết cấp huyện"},
            {"date": "2025-12", "level": "province", "applies_to": "Hội nghị sơ kết cấp tỉnh"},
        ],
    }
    plan = plan_from_parsed(parsed, root=national.country)
    keys = {(r.level, r.deliverable) for r in plan.rules}
    assert (Level.COUNTRY, Deliverable.CONSOLIDATED) in keys
    assert (Level.PROVINCE, Deliverable.CONFERENCE) in keys  # each province holds one
    assert not any(r.level == Level.DISTRICT for r in plan.rules)
    assert plan.standing_agency == MINISTRY_CODE


def sent_by(campaign: Campaign, unit: OrgUnit, gdht: tuple[int, int]) -> None:
    obligation = campaign.obligations.get(unit=unit, deliverable=Deliverable.REPORT)
    report = report_open(obligation=obligation, user=None)
    values: dict[int, dict[str, int]] = {}
    for row in report.values.select_related("indicator"):  # every row filled, as tests do
        ratio = row.indicator.is_ratio
        values[row.indicator_id] = {"value": 1, "denominator": 2} if ratio else {"value": 1}
        if row.indicator.code == "GDHT":
            values[row.indicator_id] = {"value": gdht[0], "denominator": gdht[1]}
    report = report_save(
        report=report, revision=report.revision, texts={}, values=values, user=None
    )
    report_send(report=report, user=None, signature=signature(DURING), signed_file=signed_pdf())


def test_a_communes_sent_figures_roll_up_to_its_province_and_the_country(
    national: National,
) -> None:
    campaign = national.campaign
    quang_ninh, other = province("22"), province("04")
    first, second = OrgUnit.objects.below(quang_ninh).filter(level=Level.COMMUNE)[:2]
    sent_by(campaign, first, (40, 100))
    sent_by(campaign, second, (10, 50))
    third = OrgUnit.objects.below(other).filter(level=Level.COMMUNE).first()
    assert third is not None
    sent_by(campaign, third, (5, 10))
    at_province = rollup_build(campaign=campaign, unit=quang_ninh).row("GDHT")
    assert at_province is not None
    assert (at_province.sums.value, at_province.sums.denominator) == (50, 150)
    assert at_province.sums.expected == communes_of(["22"])
    at_country = rollup_build(campaign=campaign, unit=national.country).row("GDHT")
    assert at_country is not None
    assert (at_country.sums.value, at_country.sums.denominator, at_country.sums.reported) == (
        55,
        160,
        3,
    )
    assert at_country.sums.expected == communes_of(PROVINCES)
    by_province = {c.code: c.sums for c in at_country.children}
    assert set(by_province) == set(PROVINCES)
    assert (by_province["22"].value, by_province["04"].value) == (50, 5)
    # The province's own report to the country opens with its communes' sums.
    report = report_open(
        obligation=campaign.obligations.get(unit=quang_ninh, deliverable=Deliverable.REPORT),
        user=national.quang_ninh_officer,
    )
    row = report.values.get(indicator__code="GDHT")
    assert (row.value, row.denominator) == (50, 150)


def test_the_ministry_officer_sees_the_country_dashboard_with_its_provinces(
    national: National,
) -> None:
    assert scope.campaign_root(national.ministry_officer) == national.country
    client = client_for(national.ministry_officer)
    page = client.get(reverse("campaigns:dashboard", args=[national.campaign.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Theo tỉnh" in html
    for code in PROVINCES:
        assert province(code).display_name in html
    rollup = client.get(reverse("rollup:page", args=[national.campaign.pk]))
    assert rollup.status_code == 200
    assert "Việt Nam" in rollup.content.decode()


def test_a_province_officer_sees_only_its_province(national: National) -> None:
    client = client_for(national.other_officer)
    url = reverse("campaigns:dashboard", args=[national.campaign.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert province("04").display_name in html
    assert province("22").display_name not in html
    assert client.get(f"{url}?unit={province('22').pk}").status_code == 404
    assert client.get(f"{url}?unit={national.country.pk}").status_code == 404
    rollup_url = reverse("rollup:page", args=[national.campaign.pk])
    assert client.get(f"{rollup_url}?unit={province('22').pk}").status_code == 404
    assert scope.campaign_root(national.other_officer) == province("04")


def test_each_reads_the_reports_of_its_own_subtree(national: National) -> None:
    campaign = national.campaign
    quang_ninh = province("22")
    own = campaign.obligations.get(unit=quang_ninh, deliverable=Deliverable.REPORT)
    commune = OrgUnit.objects.below(quang_ninh).filter(level=Level.COMMUNE).first()
    assert commune is not None
    sent_by(campaign, commune, (3, 4))
    sent = campaign.obligations.get(unit=commune, deliverable=Deliverable.REPORT)
    page = client_for(national.quang_ninh_officer).get(reverse("reports:report", args=[own.pk]))
    assert page.status_code == 200
    assert (
        client_for(national.ministry_officer)
        .get(reverse("reports:report", args=[sent.pk]))
        .status_code
        == 200
    )
    other = client_for(national.other_officer)
    assert other.get(reverse("reports:report", args=[own.pk])).status_code == 404
    assert other.get(reverse("reports:report", args=[sent.pk])).status_code == 404


def test_the_ministrys_directive_read_from_its_text_publishes_the_same_obligations(
    national: National,
) -> None:
    directive = directive_create(
        root=national.country, user=national.ministry_officer, text=DIRECTIVE_TEXT
    )
    plan = Plan.from_json(directive.plan)
    assert {(r.level, r.deliverable, r.last_day) for r in plan.rules} == {
        (Level.COMMUNE, Deliverable.CONFERENCE, date(2025, 11, 15)),
        (Level.COMMUNE, Deliverable.REPORT, date(2025, 11, 20)),
        (Level.PROVINCE, Deliverable.REPORT, date(2025, 12, 9)),  # "before 10/12"
        (Level.COUNTRY, Deliverable.CONSOLIDATED, date(2025, 12, 31)),
    }
    assert (plan.standing_agency, plan.data_cutoff) == (MINISTRY_CODE, "2025-10-31")
    assert plan.bodies[0].level == Level.PROVINCE  # "Sở GD&ĐT các tỉnh, thành phố"
    assert not [body.text for body in plan.bodies if body.unmatched]
    review = client_for(national.ministry_officer).get(
        reverse("campaigns:directive_review", args=[directive.pk])
    )
    assert review.status_code == 200
    assert '<option value="level:province" selected>Mọi tỉnh, thành phố</option>' in (
        review.content.decode()
    )
    campaign = directive_publish(directive=directive, user=national.ministry_officer)
    made = Obligation.objects.filter(campaign=campaign)
    generated = Obligation.objects.filter(campaign=national.campaign)
    assert sorted(made.values_list("unit_id", "deliverable")) == sorted(
        generated.values_list("unit_id", "deliverable")
    )
