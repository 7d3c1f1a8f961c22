"""The standing unit edits a campaign's report templates: headings entered under a section
(Decision 2074's contents under "1."), per level or per agency; sections renamed, moved,
removed (refused once written in) or retired (hidden from reports); indicators put in or
taken out (refused once a report has figures). Every change raises the template's version
and is in the audit trail."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from tests.conftest import Personas, client_for, unit
from tests.reports.factories import report_obligation, seed_campaign
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator
from xhht.offline.workbook import unit_workbook
from xhht.offline.workbook_import import workbook_import
from xhht.reports import template_editing as editing
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import DataValue, ReportTemplate, SectionText, TemplateSection
from xhht.reports.reading import sections_for
from xhht.reports.templates_build import template_for

pytestmark = pytest.mark.django_db

BAI_CHAY, HALONG = "06673", "193"
DECISION_2074 = [
    "Công tác tuyên truyền, nâng cao nhận thức về xây dựng xã hội học tập",
    "Củng cố, phát triển các trung tâm học tập cộng đồng",
    "Phong trào gia đình hiếu học, dòng họ hiếu học, khu dân cư hiếu học",
]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Service messages are asserted on their English source strings."""
    with translation.override("en"):
        yield


def vi(text: str) -> str:
    """`text` as the pages show it: in Vietnamese (the source string while untranslated)."""
    with translation.override("vi"):
        return translation.gettext(text)


def edit_url(campaign: Campaign, level: str) -> str:
    return reverse("reports:template_edit", args=[campaign.pk, level])


def action_url(campaign: Campaign, level: str, action: str) -> str:
    """Where the page's form or button `action` posts (`section_add`, `indicator_out`…)."""
    return reverse(f"reports:template_{action}", args=[campaign.pk, level])


def post(client: Client, campaign: Campaign, level: str, action: str, **data: Any) -> Any:
    return client.post(action_url(campaign, level, action), data, follow=True)


def numbered(template: ReportTemplate) -> list[str]:
    return [editing.label(s) for s in template.sections.live().order_by("order")]


def test_the_2074_headings_under_section_1_reach_a_communes_page_and_word_form(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    report_open(obligation=obligation, user=officer)  # opened before the change: still sees it
    commune = template_for(campaign, "commune")
    first = commune.sections.get(number="1")
    province = client_for(personas.province_officer)
    page = province.get(edit_url(campaign, "commune"))
    assert page.status_code == 200
    assert first.title in page.content.decode()
    for title in DECISION_2074:
        done = post(
            province,
            campaign,
            "commune",
            "section_add",
            **{"add-parent": first.pk, "add-title": f"  {title} ", "add-applies": "here"},
        )
        assert done.status_code == 200
        assert "1.1" in done.content.decode()
    assert numbered(commune)[:5] == [
        f"1 {first.title}",
        f"1.1 {DECISION_2074[0]}",
        f"1.2 {DECISION_2074[1]}",
        f"1.3 {DECISION_2074[2]}",
        "2 Những tồn tại cần khắc phục.",
    ]
    added = commune.sections.get(number="1.2")
    assert added.depth == 2 and added.agency is None
    # only the commune's template: the district's has none of them
    assert not template_for(campaign, "district").sections.filter(depth=2, number="1.1").exists()

    unit_client = client_for(officer)
    html = unit_client.get(reverse("reports:report", args=[obligation.pk])).content.decode()
    for number, title in zip(("1.1", "1.2", "1.3"), DECISION_2074, strict=True):
        assert f"{number} {title}" in html
    response = unit_client.get(reverse("offline:word_download", args=[obligation.pk]))
    doc = Document(io.BytesIO(response.content))
    heads = [
        p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")
    ]
    at = heads.index(f"1. {first.title}")
    assert heads[at + 1 : at + 4] == [f"1.{i}. {t}" for i, t in enumerate(DECISION_2074, 1)]


def test_a_heading_for_every_level_and_one_for_one_agency(personas: Personas) -> None:
    campaign = seed_campaign()
    commune = template_for(campaign, "commune")
    first = commune.sections.get(number="1")
    made = editing.section_add(
        template=commune,
        title=DECISION_2074[0],
        parent=first,
        everywhere=True,
        user=personas.province_officer,
    )
    # commune, district and province have "1. …" from the outline; the agencies' does not
    assert sorted(s.template.level for s in made) == ["commune", "district", "province"]
    assert all(s.number == "1.1" for s in made)
    assert not template_for(campaign, "agency").sections.filter(title=DECISION_2074[0]).exists()

    agency_template = template_for(campaign, "agency")
    home_affairs, planning = unit("SNV"), unit("SKHDT")
    response = post(
        client_for(personas.province_officer),
        campaign,
        "agency",
        "section_add",
        **{
            "add-title": "Biệt phái giáo viên sang các TTHTCĐ",
            "add-applies": f"agency:{home_affairs.pk}",
        },
    )
    assert response.status_code == 200
    section = agency_template.sections.get(title="Biệt phái giáo viên sang các TTHTCĐ")
    assert section.agency == home_affairs and section.number == "2"  # after its one task
    reports = {
        code: report_open(obligation=report_obligation(campaign, code), user=None)
        for code in ("SNV", "SKHDT")
    }
    assert section in sections_for(reports["SNV"])
    assert section not in sections_for(reports["SKHDT"])
    # a heading under the agency's section is that agency's too
    child = editing.section_add(
        template=agency_template, title="Số giáo viên biệt phái", parent=section, user=None
    )[0]
    assert (child.number, child.agency, child.depth) == ("2.1", home_affairs, 2)
    with pytest.raises(editing.TemplateEditError):
        editing.section_add(
            template=agency_template, title="x", parent=section, agency=planning, user=None
        )
    with pytest.raises(editing.TemplateEditError):
        editing.section_add(template=commune, title="x", agency=planning, user=None)


def test_retired_sections_leave_the_page_and_the_word_form_and_come_back(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    report = report_open(obligation=obligation, user=officer)
    commune = report.template
    fourth = commune.sections.get(number="4")
    report_save(
        report=report, revision=0, texts={fourth.pk: "Kế hoạch đã viết."}, values={}, user=officer
    )
    province = client_for(personas.province_officer)
    post(province, campaign, "commune", "section_retire", section=fourth.pk)
    fourth.refresh_from_db()
    assert fourth.retired
    assert all(s.retired for s in commune.sections.filter(number__startswith="4."))
    # "5. Các đề xuất" moves up to 4; the retired one keeps its number on the editing page
    assert numbered(commune)[-1] == "4 Các đề xuất, kiến nghị…"
    unit_client = client_for(officer)
    html = unit_client.get(reverse("reports:report", args=[obligation.pk])).content.decode()
    assert fourth.title not in html and "Các mục tiêu" not in html
    doc = Document(
        io.BytesIO(unit_client.get(reverse("offline:word_download", args=[obligation.pk])).content)
    )
    assert not any(fourth.title in p.text for p in doc.paragraphs)
    assert SectionText.objects.get(report=report, section=fourth).text == "Kế hoạch đã viết."

    child = commune.sections.get(title="Các giải pháp chính.")
    post(province, campaign, "commune", "section_restore", section=child.pk)
    fourth.refresh_from_db()
    assert not fourth.retired  # a section comes back with the ones above it…
    html = unit_client.get(reverse("reports:report", args=[obligation.pk])).content.decode()
    assert "Kế hoạch đã viết." in html and "4.1 Các giải pháp chính." in html
    assert "Các mục tiêu" not in html  # …not with its retired neighbours
    post(province, campaign, "commune", "section_restore", section=fourth.pk)
    html = unit_client.get(reverse("reports:report", args=[obligation.pk])).content.decode()
    assert "4.1 Các mục tiêu." in html and "4.3 Các giải pháp chính." in html
    assert numbered(commune)[-1] == "5 Các đề xuất, kiến nghị…"


def test_a_section_with_text_is_not_removed_and_one_without_is(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=report_obligation(campaign, BAI_CHAY), user=officer)
    commune = report.template
    second, third = commune.sections.get(number="2"), commune.sections.get(number="3")
    report_save(report=report, revision=0, texts={second.pk: "Còn tồn tại."}, values={}, user=None)
    version = ReportTemplate.objects.get(pk=commune.pk).version
    province = client_for(personas.province_officer)
    response = post(province, campaign, "commune", "section_remove", section=second.pk)
    assert vi(editing.HAS_TEXT) % {"section": editing.label(second), "count": 1} in (
        response.content.decode().replace("&quot;", '"').replace("&#x27;", "'")
    )
    assert TemplateSection.objects.filter(pk=second.pk).exists()
    assert ReportTemplate.objects.get(pk=commune.pk).version == version
    with translation.override("en"), pytest.raises(editing.TemplateEditError, match="Retire it"):
        editing.section_remove(section=second, user=None)

    # an empty text does not count as written
    report_save(report=report, revision=1, texts={third.pk: "  "}, values={}, user=None)
    post(province, campaign, "commune", "section_remove", section=third.pk)
    assert not TemplateSection.objects.filter(pk=third.pk).exists()
    assert commune.sections.get(number="3").title.startswith("Kế hoạch thực hiện")
    assert commune.sections.get(number="3.1").title == "Các mục tiêu."
    assert [s.number for s in commune.sections.order_by("order")] == [
        "1",
        "2",
        "3",
        "3.1",
        "3.2",
        "3.3",
        "4",
    ]


def test_moving_renaming_and_the_version_that_refuses_an_old_workbook(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    old_book = unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content
    commune = template_for(campaign, "commune")
    assert commune.version == 1
    province = client_for(personas.province_officer)
    fourth = commune.sections.get(number="4")
    post(province, campaign, "commune", "section_up", section=fourth.pk)
    assert [s.number for s in commune.sections.order_by("order")][:6] == [
        "1",
        "2",
        "3",
        "3.1",
        "3.2",
        "3.3",
    ]
    fourth.refresh_from_db()
    assert fourth.number == "3" and commune.sections.get(title="Các mục tiêu.").number == "3.1"
    response = post(province, campaign, "commune", "section_up", section=fourth.pk)
    assert commune.sections.get(pk=fourth.pk).number == "2"
    goals = commune.sections.get(title="Các mục tiêu.")
    response = post(province, campaign, "commune", "section_up", section=goals.pk)
    assert vi(editing.ALREADY_FIRST) % {"section": editing.label(goals)} in (
        response.content.decode().replace("&quot;", '"')
    )
    post(
        province,
        campaign,
        "commune",
        "section_rename",
        section=goals.pk,
        **{f"r{goals.pk}-title": "Mục tiêu đến năm 2015", f"r{goals.pk}-guidance": "Nêu số liệu."},
    )
    goals.refresh_from_db()
    assert (goals.title, goals.guidance) == ("Mục tiêu đến năm 2015", "Nêu số liệu.")
    assert ReportTemplate.objects.get(pk=commune.pk).version == 4  # two moves, one rename

    result = workbook_import(
        stream=io.BytesIO(old_book), name="form.xlsx", user=officer, campaign=campaign
    )
    # Headings are not in a workbook: one made before they changed still goes in.
    assert result.ok, [(e.sheet, e.cell, e.message) for e in result.errors]
    fresh = unit_workbook(campaign=campaign, unit=unit(BAI_CHAY)).content
    meta = load_workbook(io.BytesIO(fresh))["meta"]
    assert meta["B11"].value == 4


def test_bad_input_is_said_where_and_nothing_is_written(personas: Personas) -> None:
    campaign = seed_campaign()
    commune = template_for(campaign, "commune")
    count = commune.sections.count()
    response = client_for(personas.province_officer).post(
        action_url(campaign, "commune", "section_add"),
        {"add-title": "   ", "add-applies": "here", "add-guidance": "Giữ lại"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Giữ lại" in html  # what was typed is kept
    assert commune.sections.count() == count
    assert ReportTemplate.objects.get(pk=commune.pk).version == 1
    first = commune.sections.get(number="1")
    response = client_for(personas.province_officer).post(
        action_url(campaign, "commune", "section_rename"),
        {"section": first.pk, f"r{first.pk}-title": "", f"r{first.pk}-guidance": "Gõ dở"},
    )
    assert response.status_code == 400
    assert "Gõ dở" in response.content.decode()  # what was typed is kept, in the open form
    section, form, opened = response.context["rows"][0]
    assert section == first and opened and "title" in form.errors  # the form stays open
    first.refresh_from_db()
    assert first.title == "Kết quả thực hiện" and first.guidance.startswith("Các đơn vị căn cứ")


def test_indicators_in_and_out_of_the_table(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, BAI_CHAY)
    report = report_open(obligation=obligation, user=officer)
    commune = report.template
    gdht = Indicator.objects.get(code="GDHT")
    other = commune.templateindicator_set.exclude(indicator=gdht).first()
    assert other is not None
    report_save(report=report, revision=0, texts={}, values={gdht.pk: {"value": 12}}, user=officer)
    province = client_for(personas.province_officer)
    response = post(province, campaign, "commune", "indicator_out", indicator=gdht.pk)
    assert vi(editing.INDICATOR_HAS_VALUES) % {"code": "GDHT", "count": 1} in (
        response.content.decode()
    )
    assert commune.templateindicator_set.filter(indicator=gdht).exists()
    assert DataValue.objects.get(report=report, indicator=gdht).value == 12

    taken = other.indicator
    post(province, campaign, "commune", "indicator_out", indicator=taken.pk)
    assert not commune.templateindicator_set.filter(indicator=taken).exists()
    assert not DataValue.objects.filter(report=report, indicator=taken).exists()
    page = province.get(edit_url(campaign, "commune")).content.decode()
    assert f'<option value="{taken.pk}">' in page  # offered to be put back

    post(province, campaign, "commune", "indicator_in", **{"ind-indicator": taken.pk})
    assert commune.templateindicator_set.filter(indicator=taken).exists()
    assert DataValue.objects.filter(report=report, indicator=taken).exists()  # opened reports too
    html = client_for(officer).get(reverse("reports:report", args=[obligation.pk])).content
    assert taken.name in html.decode()
    response = province.post(
        action_url(campaign, "commune", "indicator_in"), {"ind-indicator": taken.pk}
    )
    assert response.status_code == 400  # already in: no longer offered
    assert ReportTemplate.objects.get(pk=commune.pk).version == 3


def test_every_change_is_in_the_audit_trail(personas: Personas) -> None:
    campaign = seed_campaign()
    commune = template_for(campaign, "commune")
    user = personas.province_officer
    first = commune.sections.get(number="1")
    section = editing.section_add(template=commune, title="Tuyên truyền", parent=first, user=user)[
        0
    ]
    editing.section_rename(section=section, title="Công tác tuyên truyền", guidance="", user=user)
    editing.section_move(section=commune.sections.get(number="2"), up=True, user=user)
    editing.section_set_retired(section=section, retired=True, user=user)
    editing.section_remove(section=section, user=user)
    gdht = Indicator.objects.get(code="GDHT")
    editing.indicator_take_out(template=commune, indicator=gdht, user=user)
    editing.indicator_put_in(template=commune, indicator=gdht, user=user)
    entries = list(
        AuditEntry.objects.filter(
            object_type="reports.reporttemplate", object_id=str(commune.pk)
        ).order_by("at", "pk")
    )
    assert [e.action for e in entries] == [
        "report_template.section_added",
        "report_template.section_renamed",
        "report_template.section_moved",
        "report_template.section_retired",
        "report_template.section_removed",
        "report_template.indicator_removed",
        "report_template.indicator_added",
    ]
    assert all(e.user == user for e in entries)
    assert [e.changes["version"] for e in entries] == [[v, v + 1] for v in range(1, 8)]
    assert entries[0].changes[f"section:{section.pk}"] == [None, "1.1 Tuyên truyền"]
    assert entries[1].changes[f"section:{section.pk}.title"] == [
        "Tuyên truyền",
        "Công tác tuyên truyền",
    ]
    assert entries[2].changes[f"section:{first.pk}.number"] == ["1", "2"]
    assert entries[5].changes["indicator:GDHT"] == [True, False]


def test_the_page_keeps_a_unit_s_sections_until_its_template_changes(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=report_obligation(campaign, BAI_CHAY), user=officer)
    titles = [s.title for s in sections_for(report)]
    with CaptureQueriesContext(connection) as asked:
        assert [s.title for s in sections_for(report)] == titles
    assert not any('"reports_templatesection"' in q["sql"] for q in asked.captured_queries)
    first = report.template.sections.get(number="1")
    post(
        client_for(personas.province_officer),
        campaign,
        "commune",
        "section_rename",
        section=first.pk,
        **{f"r{first.pk}-title": "Kết quả năm 2013", f"r{first.pk}-guidance": ""},
    )
    # The page reads the report (and its template, one version on) anew.
    page = client_for(officer).get(reverse("reports:report", args=[report.obligation_id]))
    assert "Kết quả năm 2013" in page.content.decode()
    report.refresh_from_db()
    assert sections_for(report)[0].title == "Kết quả năm 2013"


def test_a_rename_rolled_back_leaves_nothing_shown(personas: Personas) -> None:
    """What was remembered inside a transaction rolled back is keyed by a generation that no
    later change takes again: the template's version comes back, its sections as they were."""
    campaign = seed_campaign()
    report = report_open(
        obligation=report_obligation(campaign, BAI_CHAY), user=personas.commune_officer_of_bai_chay
    )
    first = report.template.sections.get(number="1")
    with pytest.raises(RuntimeError), transaction.atomic():
        editing.section_rename(section=first, title="Tạm đặt", guidance="", user=None)
        report.template.refresh_from_db()
        assert sections_for(report)[0].title == "Tạm đặt"
        raise RuntimeError("rolled back")
    report.template.refresh_from_db()
    assert sections_for(report)[0].title == first.title
    # The next rename takes the same version again, not the same generation.
    editing.section_rename(section=first, title="Kết quả năm 2013", guidance="", user=None)
    report.template.refresh_from_db()
    assert sections_for(report)[0].title == "Kết quả năm 2013"
