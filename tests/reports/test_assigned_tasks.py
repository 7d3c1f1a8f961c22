"""A task the directive gave a member body is work: listed on the body's work page, a
section of its report, and on the province's dashboard reported once the body sent its
report with something written under it (a draft stays the body's own)."""

from __future__ import annotations

import pytest

from tests.conftest import Personas, client_for
from tests.reports.factories import report_obligation, seed_campaign, signature, signed_pdf
from xhht.campaigns.models import Campaign
from xhht.orgunits.models import OrgUnit
from xhht.reports import reading
from xhht.reports.assigned import NOT_SENT, REPORTED, SENT_SILENT, task_progress, tasks_of
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import Report
from xhht.reports.services import report_return, report_send
from xhht.reports.template_editing import section_rename

pytestmark = pytest.mark.django_db


def filled(campaign: Campaign, code: str, *, write_tasks: bool) -> Report:
    report = report_open(obligation=report_obligation(campaign, code), user=None)
    texts = {s.pk: "Đã triển khai." for s in reading.sections_for(report) if s.agency_id}
    rows = {v.indicator_id: {"value": 1, "denominator": 2} for v in report.values.all()}
    return report_save(report=report, texts=texts if write_tasks else {}, values=rows, user=None)


def states(campaign: Campaign) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in task_progress(campaign):
        found.setdefault(row.task.body.code, set()).add(row.state)
    return found


def test_a_task_is_reported_once_sent_with_something_under_it(personas: Personas) -> None:
    campaign = seed_campaign()
    assert [t.body.code for t in tasks_of(campaign, OrgUnit.objects.get(code="SNV"))] == ["SNV"]
    assert set().union(*states(campaign).values()) == {NOT_SENT}
    home_affairs = filled(campaign, "SNV", write_tasks=True)
    assert states(campaign)["SNV"] == {NOT_SENT}  # a draft is the body's own
    report_send(report=home_affairs, user=None, signature=signature(), signed_file=signed_pdf())
    finance = filled(campaign, "STC", write_tasks=False)
    report_send(report=finance, user=None, signature=signature(), signed_file=signed_pdf())
    found = states(campaign)
    assert found["SNV"] == {REPORTED} and found["STC"] == {SENT_SILENT}
    assert found["SKHDT"] == {NOT_SENT}


def test_the_body_sees_its_tasks_and_the_province_their_progress(personas: Personas) -> None:
    campaign = seed_campaign()
    work = client_for(personas.home_affairs_officer).get(f"/campaigns/{campaign.pk}/work/")
    page = work.content.decode()
    assert "Nhiệm vụ văn bản chỉ đạo giao cho đơn vị" in page
    assert "Chỉ đạo Phòng Nội các địa phương phối hợp" in page
    assert "<details><summary>Nguyên văn văn bản chỉ đạo</summary>" in page
    dashboard = client_for(personas.province_officer).get(f"/campaigns/{campaign.pk}/")
    text = dashboard.content.decode()
    assert "Nhiệm vụ của các cơ quan thành viên" in text
    assert "đã báo cáo 0 trên" in text and "Sở Nội vụ" in text
    district = client_for(personas.halong_officer).get(f"/campaigns/{campaign.pk}/")
    assert "Nhiệm vụ của các cơ quan thành viên" not in district.content.decode()


def test_the_provinces_dashboard_shows_a_task_reported_at_once(personas: Personas) -> None:
    """The table of tasks is kept between views (kernel.kept): a report sent, the text of
    a returned one taken out and a task renamed each show on the next view."""
    campaign = seed_campaign()
    client = client_for(personas.province_officer)

    def shown() -> str:
        return client.get(f"/campaigns/{campaign.pk}/").content.decode()

    assert "đã báo cáo 0 trên" in shown()
    assert "đã báo cáo 0 trên" in shown()  # the view again: kept
    home_affairs = filled(campaign, "SNV", write_tasks=True)
    assert "đã báo cáo 0 trên" in shown()  # a draft is the body's own
    report_send(report=home_affairs, user=None, signature=signature(), signed_file=signed_pdf())
    assert "đã báo cáo 1 trên" in shown()
    returned = report_return(report=home_affairs, user=None, reason="Thiếu số liệu.")
    assert "đã báo cáo 1 trên" in shown()  # a returned report was sent: its text counts
    tasks = [s.pk for s in reading.sections_for(returned) if s.agency_id]
    report_save(report=returned, texts=dict.fromkeys(tasks, ""), values={}, user=None)
    assert "đã báo cáo 0 trên" in shown()  # its text taken out
    section = next(s for s in reading.sections_for(returned) if s.agency_id)
    section_rename(section=section, title="Nhiệm vụ đã đổi tên", guidance="", user=None)
    assert "Nhiệm vụ đã đổi tên" in shown()
