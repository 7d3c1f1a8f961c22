"""Two people on one report: what each changed is kept; only a field both changed, each
differently, is a conflict; a proposal added meanwhile is left alone; a forwarded proposal
is no longer the unit's to change; a figure too large is refused beside its field."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.reports.factories import page_data, report_obligation
from tests.reports.reviewing import give_back, sent_by_bai_chay
from tests.reports.reviewing import url as page_url
from xhht.accounts.models import User
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator
from xhht.reports.editing import ReportConflict, report_open, report_save
from xhht.reports.models import Proposal, Report
from xhht.reports.seen import seen_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 5), content_pack=True)


def ind(code: str) -> int:
    return Indicator.objects.get(code=code).pk


@pytest.fixture
def bai_chay(personas: Personas, campaign: Campaign) -> tuple[Client, str, Report, User]:
    officer = personas.commune_officer_of_bai_chay
    client = client_for(officer)
    url = reverse("reports:report", args=[report_obligation(campaign, "06673").pk])
    # the unit opens its draft (a page's GET writes nothing; its first save would)
    report = report_open(obligation=report_obligation(campaign, "06673"), user=officer)
    colleague = User.objects.create_user("baichay2", unit=officer.unit, role=officer.role)
    return client, url, report, colleague


def test_two_editors_of_different_fields_both_keep_their_changes(
    bai_chay: tuple[Client, str, Report, User],
) -> None:
    client, url, report, colleague = bai_chay
    first, second = report.template.sections.order_by("order")[:2]
    g, d = ind("QN_GD_HIEU_HOC"), ind("QN_DH_HIEU_HOC")
    stale = page_data(client, url)
    report_save(
        report=report,
        texts={first.pk: "Bản của đồng nghiệp"},
        values={g: {"target_2015": 77}},
        user=colleague,
        seen=seen_of(report),
    )
    stale.update({f"s{second.pk}": "Bản của tôi", f"v{d}-value": "40"})
    assert client.post(url, stale).status_code == 302  # no conflict: nothing both changed
    report.refresh_from_db()
    texts = {t.section_id: t.text for t in report.texts.all()}
    assert texts[first.pk] == "Bản của đồng nghiệp"  # the colleague's text stays
    assert texts[second.pk] == "Bản của tôi"
    assert report.values.get(indicator_id=g).figure("target_2015") == 77
    assert report.values.get(indicator_id=d).value == 40


def test_a_field_both_changed_is_a_conflict_and_untouched_fields_take_the_saved_version(
    bai_chay: tuple[Client, str, Report, User],
) -> None:
    client, url, report, colleague = bai_chay
    first, second = report.template.sections.order_by("order")[:2]
    g = ind("QN_GD_HIEU_HOC")
    stale = page_data(client, url)
    report_save(
        report=report,
        texts={first.pk: "Bản của đồng nghiệp", second.pk: "Mục hai của đồng nghiệp"},
        values={g: {"target_2015": 77}},
        user=colleague,
        seen=seen_of(report),
    )
    revision = Report.objects.get(pk=report.pk).revision
    stale[f"s{first.pk}"] = "Bản của tôi"
    response = client.post(url, stale)
    assert response.status_code == 200
    form = response.context["form"]
    message = " ".join(form.non_field_errors())
    assert "baichay2" in message and first.title in message
    assert second.title not in message  # only what both changed is named
    assert form[f"s{first.pk}"].value() == "Bản của tôi"  # typed, kept
    assert form[f"s{second.pk}"].value() == "Mục hai của đồng nghiệp"  # untouched: refreshed
    assert form[f"v{g}-target_2015"].value() == "77"
    assert Report.objects.get(pk=report.pk).revision == revision  # nothing written
    again = {
        name: "" if v is None else str(v)
        for name, v in ((n, form[n].value()) for n in form.fields if not n.endswith("-remove"))
    }
    assert client.post(url, again).status_code == 302  # the user chose: theirs goes in
    texts = {t.section_id: t.text for t in report.texts.all()}
    assert texts == texts | {first.pk: "Bản của tôi", second.pk: "Mục hai của đồng nghiệp"}
    assert report.values.get(indicator_id=g).figure("target_2015") == 77


def test_the_service_names_each_conflict_and_writes_nothing(
    bai_chay: tuple[Client, str, Report, User],
) -> None:
    _client, _url, report, colleague = bai_chay
    g = ind("QN_GD_HIEU_HOC")
    shown = seen_of(report)
    report_save(report=report, texts={}, values={g: {"value": 5}}, user=colleague, seen=shown)
    with pytest.raises(ReportConflict) as refused:
        report_save(
            report=report,
            texts={},
            values={g: {"value": 6, "target_2020": 90}},
            user=None,
            seen=shown,
        )
    assert [(c.indicator_id, c.name) for c in refused.value.conflicts] == [(g, "value")]
    row = report.values.get(indicator_id=g)
    assert (row.value, row.figure("target_2020")) == (5, None)


def test_a_save_that_changes_nothing_keeps_the_revision(
    bai_chay: tuple[Client, str, Report, User],
) -> None:
    client, url, report, _colleague = bai_chay
    revision = report.revision
    assert client.post(url, page_data(client, url)).status_code == 302
    assert Report.objects.get(pk=report.pk).revision == revision


def test_a_proposal_added_meanwhile_is_left_alone(
    bai_chay: tuple[Client, str, Report, User],
) -> None:
    client, url, report, _colleague = bai_chay
    stale = page_data(client, url)
    Proposal.objects.create(report=report, text="Kiến nghị của đồng nghiệp", addressed_to_text="Sở")
    section = report.template.sections.order_by("order").first()
    assert section is not None
    stale[f"s{section.pk}"] = "Bản của tôi"
    assert client.post(url, stale).status_code == 302
    assert Proposal.objects.get(report=report).text == "Kiến nghị của đồng nghiệp"


def test_a_forwarded_proposal_is_shown_but_not_editable(
    bai_chay: tuple[Client, str, Report, User],
) -> None:
    client, url, report, _colleague = bai_chay
    proposal = Proposal.objects.create(
        report=report,
        text="Xin kinh phí",
        addressed_to_text="Sở",
        status=Proposal.Status.FORWARDED,  # as the standing unit's register leaves it
        forwarded_on=date(2013, 6, 4),
    )
    response = client.get(url)
    assert f"p{proposal.pk}-text" not in response.context["form"].fields
    assert "Xin kinh phí" in response.content.decode()
    data = page_data(client, url) | {
        f"p{proposal.pk}-text": "Sửa lén",
        f"p{proposal.pk}-remove": "on",
    }
    assert client.post(url, data).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).text == "Xin kinh phí"


def test_a_figure_too_large_is_refused_beside_its_field(
    bai_chay: tuple[Client, str, Report, User],
) -> None:
    client, url, report, _colleague = bai_chay
    g = ind("QN_GD_HIEU_HOC")
    data = page_data(client, url) | {f"v{g}-value": "9" * 30}
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors[f"v{g}-value"]
    assert response.context["form"][f"v{g}-value"].value() == "9" * 30  # kept as typed
    assert report.values.get(indicator_id=g).value is None


def test_a_report_sent_again_asks_for_its_new_number_and_date(
    personas: Personas, campaign: Campaign, settings: Settings
) -> None:
    officer = personas.commune_officer_of_bai_chay
    client = sent_by_bai_chay(campaign, officer)
    assert give_back(client_for(personas.halong_officer), campaign, "Thiếu chữ ký").status_code
    settings.XHHT_TODAY = date(2013, 6, 8)
    form = client.get(page_url("send", campaign)).context["form"]
    assert form["number"].value() == ""  # a new document: its own number
    assert form["signed_on"].value() == date(2013, 6, 8)
    assert form["signer_name"].value() == "Nguyễn Văn Hùng"  # the signer as last time


def test_a_district_report_page_compares_with_its_communes_and_a_commune_page_does_not(
    personas: Personas, campaign: Campaign
) -> None:
    district = client_for(personas.halong_officer)
    page = district.get(reverse("reports:report", args=[report_obligation(campaign, "193").pk]))
    assert 'id="report-vs-below"' in page.content.decode()
    commune = client_for(personas.commune_officer_of_bai_chay)
    page = commune.get(reverse("reports:report", args=[report_obligation(campaign, "06673").pk]))
    assert 'id="report-vs-below"' not in page.content.decode()
    choices = dict(page.context["form"].fields["pnew-to"].choices)
    assert str(unit("193").pk) in choices  # a commune may address its district
