"""Publishing the seed directive creates exactly the obligations it orders."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Count

from tests.campaigns.factories import draft_directive, publish, seed_directive
from tests.conftest import ON_2025, unit
from xhht.campaigns.models import Deliverable, Obligation, RuleKind
from xhht.campaigns.planning import Plan
from xhht.campaigns.services import CampaignError, campaign_publish
from xhht.directives.models import Directive
from xhht.orgunits.models import Level, OrgUnit

pytestmark = pytest.mark.django_db


def counts(campaign_id: int) -> dict[tuple[str, str, str], int]:
    rows = (
        Obligation.objects.filter(campaign_id=campaign_id)
        .values_list("unit__level", "deliverable", "last_day")
        .annotate(n=Count("id"))
    )
    return {(level, deliverable, str(last_day)): n for level, deliverable, last_day, n in rows}


def test_the_seed_gives_exactly_the_obligations_it_orders() -> None:
    campaign = publish(seed_directive())
    assert counts(campaign.pk) == {
        ("commune", "conference", "2013-06-10"): 186,
        ("commune", "report", "2013-06-10"): 186,
        ("district", "conference", "2013-06-25"): 14,
        ("district", "report", "2013-06-29"): 14,
        ("district", "nomination", "2013-06-29"): 14,
        ("agency", "report", "2013-06-29"): 16,
        ("province", "consolidated", "2013-07-31"): 1,
        ("province", "conference", "2013-07-31"): 1,
    }
    nomination = campaign.milestones.get(deliverable=Deliverable.NOMINATION)
    assert (nomination.quota_individuals, nomination.quota_collectives) == (2, 2)
    report = campaign.milestones.get(level=Level.DISTRICT, deliverable=Deliverable.REPORT)
    assert report.rule_kind == RuleKind.BEFORE and report.rule_date == date(2013, 6, 30)
    province_conference = campaign.milestones.get(
        level=Level.PROVINCE, deliverable=Deliverable.CONFERENCE
    )
    assert province_conference.rule_kind == RuleKind.MONTH
    assert campaign.data_cutoff == date(2013, 4, 30)


def test_the_agencies_are_the_sixteen_members_besides_the_standing_unit() -> None:
    campaign = publish(seed_directive())
    codes = set(
        campaign.obligations.filter(unit__level=Level.AGENCY).values_list("unit__code", flat=True)
    )
    all_agencies = set(OrgUnit.objects.filter(level=Level.AGENCY).values_list("code", flat=True))
    assert codes == all_agencies - {"SGDDT"}
    assert "STC" in codes  # Sở Tài chính is named only in the tasks


def test_communes_report_to_their_district_and_districts_to_the_province() -> None:
    campaign = publish(seed_directive())
    bai_chay = campaign.obligations.get(unit=unit("06673"), deliverable=Deliverable.REPORT)
    assert bai_chay.recipient == unit("193")
    halong = campaign.obligations.get(unit=unit("193"), deliverable=Deliverable.REPORT)
    assert halong.recipient == unit("22")


def test_a_second_publish_is_refused_and_writes_nothing() -> None:
    directive = seed_directive()
    publish(directive)
    before = Obligation.objects.count()
    with pytest.raises(CampaignError, match=r"đã được công bố|already been published"):
        publish(Directive.objects.get(pk=directive.pk))
    assert Obligation.objects.count() == before


def test_an_unmatched_recipient_stops_publication() -> None:
    directive = seed_directive()
    plan = Plan.from_json(directive.plan)
    plan.bodies[0].unit_codes = []
    with pytest.raises(CampaignError):
        campaign_publish(directive=directive, plan=plan, user=None)
    assert not Obligation.objects.exists()


def test_units_created_later_do_not_change_the_campaign() -> None:
    campaign = publish(seed_directive())
    before = campaign.obligations.count()
    halong = unit("193")
    OrgUnit.objects.create(
        code="99999",
        name="Mới",
        type_label="Phường",
        level=Level.COMMUNE,
        parent=halong,
        valid_from=halong.valid_from,
    )
    assert campaign.obligations.count() == before


DIRECTIVE_2025 = """UBND TỈNH QUẢNG NINH
SỞ GIÁO DỤC VÀ ĐÀO TẠO
Số: 12/SGDĐT-GDTX
V/v tổng kết xây dựng xã hội học tập năm 2025
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ninh, ngày 05 tháng 9 năm 2025
Kính gửi: Ủy ban nhân dân các xã, phường, đặc khu.
1. Tổ chức tổng kết cấp xã: muộn nhất đến ngày 15/11/2025.
2. Mỗi xã, phường, đặc khu đề xuất 01 cá nhân và 01 tập thể điển hình để tuyên dương tại Hội nghị tổng kết cấp tỉnh.
3. Báo cáo tổng kết của các xã, phường, đặc khu gửi về Sở Giáo dục và Đào tạo trước ngày 20/11/2025.
Nơi nhận:
- Như trên;
- Lưu: VT.
GIÁM ĐỐC
Nguyễn Văn A
"""


def test_a_2025_directive_to_every_commune_on_the_two_tier_tree() -> None:
    directive = draft_directive(DIRECTIVE_2025, on=ON_2025.isoformat())
    campaign = publish(directive)
    communes = campaign.obligations.filter(unit__level=Level.COMMUNE)
    assert communes.filter(deliverable=Deliverable.CONFERENCE).count() == 54
    assert communes.filter(deliverable=Deliverable.REPORT).count() == 54
    nominations = communes.filter(deliverable=Deliverable.NOMINATION)
    assert nominations.count() == 54
    first_nomination = nominations.first()
    assert first_nomination is not None
    assert first_nomination.milestone.quota_individuals == 1
    assert not campaign.obligations.filter(unit__level=Level.DISTRICT).exists()
    first_commune = communes.first()
    assert first_commune is not None
    assert first_commune.recipient == unit("22", ON_2025)


def test_each_body_keeps_its_own_tasks() -> None:
    plan = Plan.from_json(seed_directive().plan)
    tasks = {body.unit_codes[0]: body.tasks for body in plan.bodies if body.unit_codes}
    assert len(tasks["HKH"]) == 1 and len(tasks["HKH"][0]) == 3  # one task, three bullets
    assert tasks["HKH"][0][0].startswith("Báo cáo việc tuyên truyền")
    assert len(tasks["SGDDT"]) == 1 and len(tasks["SGDDT"][0]) == 6
    assert len(tasks["SNV"]) == 1 and len(tasks["SNV"][0]) == 1
    assert tasks["BQN"] == tasks["STTTT"] and len(tasks["BQN"]) == 1
