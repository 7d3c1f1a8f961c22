"""A task the directive gives a body is one section of the body's report, its items the
guidance under it: the grouping the parser read is kept through the plan, the report, the
body's work page and the province's per-task view; plans saved before still load."""

from __future__ import annotations

import pytest

from tests.campaigns.factories import SEED, draft_directive, publish, seed_parsed
from tests.conftest import Personas, client_for, make_user, unit
from tests.reports.factories import seed_campaign
from xhht.accounts.models import Role
from xhht.campaigns.models import Campaign
from xhht.campaigns.planning import Plan
from xhht.orgunits.models import Level
from xhht.reports.assigned import tasks_of
from xhht.reports.models import TemplateSection
from xhht.reports.templates_build import template_for

pytestmark = pytest.mark.django_db


def sections_of(campaign: Campaign, code: str) -> list[TemplateSection]:
    template = template_for(campaign, Level.AGENCY)
    return list(template.sections.filter(agency__code=code).order_by("order"))


def test_the_department_of_education_has_one_section_for_its_bulleted_task() -> None:
    campaign = seed_campaign()
    [section] = sections_of(campaign, "SGDDT")
    assert (section.number, section.title) == ("1", "Kết quả thực hiện các nhiệm vụ được giao")
    lines = section.guidance.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith("1. Chủ trì, phối hợp với các Sở, Ban, Ngành liên quan")
    assert lines[5].startswith("6. Phối hợp với Hội khuyến học tỉnh")
    # A task of one long item keeps its words as the guidance under a short title.
    [home_affairs] = sections_of(campaign, "SNV")
    assert home_affairs.title.startswith("Chỉ đạo Phòng Nội các địa phương")
    assert "giáo viên biệt phái" in home_affairs.guidance


def test_a_body_named_by_two_tasks_has_two_sections_and_a_repeated_task_once() -> None:
    parsed = seed_parsed()
    extra = {
        "agency": "Sở Nội vụ, Sở Tài chính",
        "agencies": ["Sở Nội vụ", "Sở Tài chính"],
        "items": ["Rà soát biên chế giáo viên", "Báo cáo số giáo viên biệt phái"],
    }
    repeated = next(t for t in parsed["tasks"] if t["agency"] == "Sở Nội vụ")
    parsed["tasks"] += [extra, dict(repeated)]
    campaign = publish(draft_directive(SEED.read_text(encoding="utf-8"), parsed=parsed))
    assert campaign.directive is not None
    plan = Plan.from_json(campaign.directive.plan)
    home_affairs = next(b for b in plan.bodies if b.unit_codes == ["SNV"])
    assert [len(task) for task in home_affairs.tasks] == [1, 2]
    sections = sections_of(campaign, "SNV")
    assert [s.number for s in sections] == ["1", "2"]
    assert sections[0].title.startswith("Chỉ đạo Phòng Nội các địa phương")
    assert sections[1].title == "Kết quả thực hiện nhiệm vụ được giao thứ 2"
    assert sections[1].guidance == (
        "1. Rà soát biên chế giáo viên\n2. Báo cáo số giáo viên biệt phái"
    )
    finance = sections_of(campaign, "STC")
    assert [s.title for s in finance][-1] == "Kết quả thực hiện nhiệm vụ được giao thứ 2"
    assert [t.items for t in tasks_of(campaign, unit("SNV"))][1] == [
        "Rà soát biên chế giáo viên",
        "Báo cáo số giáo viên biệt phái",
    ]


def test_a_plan_saved_with_a_flat_list_of_items_loads_as_one_task() -> None:
    directive = draft_directive(SEED.read_text(encoding="utf-8"), parsed=seed_parsed())
    stored = dict(directive.plan)
    for body in stored["bodies"]:  # the plan as saved before tasks kept their grouping
        body["tasks"] = [item for task in body["tasks"] for item in task]
    stored["bodies"][0]["tasks"] = ["Một việc", "Việc thứ hai"]
    plan = Plan.from_json(stored)
    assert plan.bodies[0].tasks == [["Một việc", "Việc thứ hai"]]
    assert all(len(body.tasks) <= 1 for body in plan.bodies)
    assert Plan.from_json(plan.to_json()) == plan
    directive.plan = stored
    directive.save(update_fields=["plan"])
    campaign = publish(directive)
    [section] = sections_of(campaign, "HKH")
    assert section.guidance.startswith("1. Báo cáo việc tuyên truyền")
    assert len(section.guidance.splitlines()) == 3


def test_the_body_and_the_province_see_each_task_with_its_items(personas: Personas) -> None:
    campaign = seed_campaign()
    association = make_user("hoikhuyenhoc", "HKH", Role.AGENCY)
    page = client_for(association).get(f"/campaigns/{campaign.pk}/work/").content.decode()
    assert "Kết quả thực hiện các nhiệm vụ được giao" in page
    assert '<ol class="task-items"><li>Báo cáo việc tuyên truyền' in page
    assert page.count("<li>", page.index('class="task-items"')) >= 3
    dashboard = client_for(personas.province_officer).get(f"/campaigns/{campaign.pk}/")
    text = dashboard.content.decode()
    assert "<summary>3 nội dung</summary>" in text  # Hội Khuyến học's three bullets
    # The standing unit's own agency owes no report: its tasks are not awaited from it.
    assert "<summary>6 nội dung</summary>" not in text
