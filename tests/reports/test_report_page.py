"""The report page: saving text, figures and proposals; a conflict keeps what was typed;
field messages; an agency writes only its own tasks; targets in force at the cut-off."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.reports.factories import page_data, report_obligation
from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator, Target
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import Proposal, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 5), content_pack=True)


def url_of(campaign: Campaign, code: str, page: str = "report") -> str:
    return reverse(f"reports:{page}", args=[report_obligation(campaign, code).pk])


def ind(code: str) -> int:
    return Indicator.objects.get(code=code).pk


def test_the_unit_saves_text_figures_and_a_proposal(personas: Personas, campaign: Campaign) -> None:
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    url = url_of(campaign, "06673")
    report = report_open(obligation=report_obligation(campaign, "06673"), user=officer)
    data = page_data(client, url)
    section = report.template.sections.order_by("order").first()
    assert section is not None
    g = ind("QN_GD_HIEU_HOC")
    data.update(
        {
            f"s{section.pk}": "Kết quả: 12 thôn có mô hình",
            f"v{g}-value": "1.234",  # Vietnamese thousands
            f"v{g}-denominator": "2000",
            f"v{g}-target_2015": "85,5",
            "pnew-text": "Đề nghị hỗ trợ kinh phí TTHTCĐ",
            "pnew-to": str(unit("STC").pk),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.texts.get(section=section).text == "Kết quả: 12 thôn có mô hình"
    row = report.values.get(indicator_id=g)
    assert (row.value, row.denominator, str(row.figure("target_2015"))) == (1234, 2000, "85.50")
    proposal = Proposal.objects.get(report=report)
    assert proposal.addressed_to == unit("STC")
    assert AuditEntry.objects.filter(action="proposal.added", object_id=str(proposal.pk)).exists()
    page = client.get(url).content.decode()
    assert "Đề nghị hỗ trợ kinh phí TTHTCĐ" in page
    assert "Lần lưu gần nhất: baichay" in page  # the page names the last save; its history:
    history = client.get(url_of(campaign, "06673", "history")).context["history"]
    assert {line.who for line in history} == {"baichay"}
    assert any("QN_GD_HIEU_HOC" in name for line in history for name, _o, _n in line.what)


def test_a_second_editor_is_told_of_the_conflict_and_keeps_everything_typed(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    url = url_of(campaign, "06673")
    report = report_open(obligation=report_obligation(campaign, "06673"), user=officer)
    stale = page_data(client, url)  # the page as opened before the other save
    section = report.template.sections.order_by("order").first()
    assert section is not None
    g = ind("QN_GD_HIEU_HOC")
    other = User.objects.create_user("baichay2", unit=officer.unit, role=officer.role)
    report_save(
        report=report,
        revision=report.revision,
        texts={section.pk: "Bản của đồng nghiệp"},
        values={g: {"value": 7}},
        user=other,
    )
    typed = {
        f"s{section.pk}": "Bản của tôi, viết dài",
        f"v{g}-value": "900",
        f"v{g}-justification": "Số liệu từ thôn",
        "pnew-text": "Đề nghị mới",
        "pnew-to_text": "Ban Tuyên giáo",
    }
    response = client.post(url, {**stale, **typed})
    assert response.status_code == 200
    form = response.context["form"]
    assert "baichay2" in " ".join(form.non_field_errors())
    for name, value in typed.items():
        assert form[name].value() == value, name  # nothing typed is lost
    assert form["revision"].value() == str(report.revision + 1)  # the next save can go through
    page = response.content.decode()
    assert "Bản của đồng nghiệp" in page  # the saved version is shown beside
    assert not Proposal.objects.exists()  # the refused save wrote nothing
    report.refresh_from_db()
    assert report.texts.get(section=section).text == "Bản của đồng nghiệp"
    # Saving again from the re-rendered form goes through.
    again = {
        name: "" if v is None else str(v)
        for name, v in ((n, form[n].value()) for n in form.fields if not n.endswith("-remove"))
    }
    assert client.post(url, again).status_code == 302
    assert report.texts.get(section=section).text == "Bản của tôi, viết dài"
    assert Proposal.objects.get().addressed_to_text == "Ban Tuyên giáo"


@pytest.mark.parametrize(
    ("column", "typed"),
    [("value", "-5"), ("value", "12,5"), ("denominator", "mười"), ("target_2020", "-1")],
)
def test_a_figure_that_is_not_a_whole_number_is_refused_naming_the_field(
    personas: Personas, campaign: Campaign, column: str, typed: str
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    url = url_of(campaign, "06673")
    g = ind("QN_GD_HIEU_HOC")
    response = client.post(url, page_data(client, url, **{f"v{g}-{column}": typed}))
    assert response.status_code == 200
    errors = response.context["form"].errors[f"v{g}-{column}"]
    name = Indicator.objects.get(pk=g).name
    assert name in errors[0]
    assert typed in response.content.decode()  # what was typed is shown again
    assert not AuditEntry.objects.filter(action="report.value_changed").exists()


def test_broken_checks_are_shown_beside_their_row(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    url = url_of(campaign, "06673")
    g = ind("QN_GD_HIEU_HOC")
    client.post(url, page_data(client, url, **{f"v{g}-value": "", f"v{g}-denominator": "100"}))
    rows = {r["row"].indicator.code: r for r in client.get(url).context["rows"]}
    assert any("bắt buộc" in m for m in rows["QN_GD_HIEU_HOC"]["problems"])
    # A part larger than its whole is no figure: refused at its field, nothing saved.
    typed = {f"v{g}-value": "120", f"v{g}-denominator": "100"}
    response = client.post(url, page_data(client, url, **typed))
    assert response.status_code == 200
    assert any("120" in m and "100" in m for m in response.context["form"].errors[f"v{g}-value"])


def test_an_agency_writes_only_the_sections_of_its_own_tasks(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.home_affairs_officer)
    report_open(obligation=report_obligation(campaign, "SNV"), user=personas.home_affairs_officer)
    form = client.get(url_of(campaign, "SNV")).context["form"]
    agencies = {s.agency_id for s in form.sections}
    assert agencies <= {None, unit("SNV").pk}
    assert unit("SNV").pk in agencies
    report = Report.objects.get(obligation=report_obligation(campaign, "SNV"))
    assert report.template.sections.exclude(agency=None).exclude(agency=unit("SNV")).exists()


def test_only_the_targets_in_force_at_the_cut_off_are_shown(
    personas: Personas, campaign: Campaign
) -> None:
    indicator = Indicator.objects.get(code="GDHT")
    Target.objects.create(
        indicator=indicator, year=2015, value=50, source="QĐ cũ", in_force_from=date(2010, 1, 1)
    )
    client = client_for(personas.commune_officer_of_bai_chay)
    rows = {
        r["row"].indicator.code: r for r in client.get(url_of(campaign, "06673")).context["rows"]
    }
    sources = {t.source for t in rows["GDHT"]["targets"]}
    assert "QĐ cũ" in sources
    assert "QĐ 281/QĐ-TTg" not in sources  # in force from 20/02/2014, after the 2013 cut-off
