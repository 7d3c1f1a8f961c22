"""An agency's sector line: it registers its branch units and cascades its report to them
with its own rule; the cascade stays inside its scope and outside the province's counts."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.campaigns.models import Campaign, Deliverable, Milestone, Obligation, RuleKind
from xhht.campaigns.sector import branch_register, sector_cascade
from xhht.campaigns.services import CampaignError, RuleInput
from xhht.kernel.kept import OBLIGATIONS, generation
from xhht.orgunits.models import Level, OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 3))


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def register(name: str, type_label: str = "Phòng") -> OrgUnit:
    return branch_register(agency=unit("SNV"), type_label=type_label, name=name)


def planned_counts(campaign: Campaign) -> dict[tuple[str, str], int]:
    rows = (
        Obligation.objects.filter(campaign=campaign)
        .planned()
        .values_list("unit__level", "deliverable")
        .annotate(n=Count("id"))
    )
    return {(level, deliverable): n for level, deliverable, n in rows}


def test_a_branch_unit_is_an_agency_level_unit_below_the_agency_with_its_name_in_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Phòng Nội vụ huyện Hoành Bồ")
    branch = register(decomposed)
    assert branch.name == "Phòng Nội vụ huyện Hoành Bồ"
    assert unicodedata.is_normalized("NFC", branch.name)
    assert branch.level == Level.AGENCY and branch.parent == unit("SNV")
    assert branch.path.startswith(unit("SNV").path)
    assert branch.code.startswith("SNV-")


def test_the_same_branch_twice_is_refused() -> None:
    register("Phòng Nội vụ huyện Hoành Bồ")
    with pytest.raises(CampaignError) as refused:
        register("phòng nội vụ  huyện Hoành  Bồ")
    assert refused.value.field == "name"
    assert OrgUnit.objects.filter(parent=unit("SNV")).count() == 1


def test_cascading_gives_each_branch_a_report_to_the_agency(campaign: Campaign) -> None:
    branches = [register("Phòng Nội vụ huyện Hoành Bồ"), register("Phòng Nội vụ TP Hạ Long")]
    before = planned_counts(campaign)
    milestone, added = sector_cascade(
        campaign=campaign, agency=unit("SNV"), rule=RuleInput(RuleKind.BY, date(2013, 6, 20))
    )
    assert added == 2
    assert milestone.set_by == unit("SNV") and milestone.scope == unit("SNV")
    own = campaign.obligations.get(unit=unit("SNV"), deliverable=Deliverable.REPORT)
    assert milestone.parent == own.milestone
    owed = campaign.obligations.filter(unit__in=branches)
    assert owed.count() == 2
    assert {(o.recipient, o.last_day, o.deliverable) for o in owed} == {
        (unit("SNV"), date(2013, 6, 20), Deliverable.REPORT)
    }
    # the province's counts by level do not change
    assert planned_counts(campaign) == before
    assert before[("agency", "report")] == 16
    assert Obligation.objects.filter(campaign=campaign).sector_line().count() == 2


def test_a_cascade_later_than_the_agencys_own_rule_is_refused(campaign: Campaign) -> None:
    register("Hội Khuyến học huyện Vân Đồn", type_label="Hội")
    with pytest.raises(CampaignError) as refused:
        sector_cascade(
            campaign=campaign, agency=unit("SNV"), rule=RuleInput(RuleKind.BY, date(2013, 6, 30))
        )
    assert "30/06/2013" in refused.value.message and "29/06/2013" in refused.value.message
    assert not Milestone.objects.filter(set_by=unit("SNV")).exists()
    assert not campaign.obligations.filter(unit__parent=unit("SNV")).exists()


def test_branches_registered_later_join_the_cascade(campaign: Campaign) -> None:
    register("Phòng Nội vụ huyện Hoành Bồ")
    sector_cascade(
        campaign=campaign, agency=unit("SNV"), rule=RuleInput(RuleKind.BY, date(2013, 6, 20))
    )
    late_comer = register("Phòng Nội vụ huyện Cô Tô")
    _milestone, added = sector_cascade(
        campaign=campaign, agency=unit("SNV"), rule=RuleInput(RuleKind.BEFORE, date(2013, 6, 20))
    )
    assert added == 1
    assert set(
        campaign.obligations.filter(unit__parent=unit("SNV")).values_list("last_day", flat=True)
    ) == {date(2013, 6, 19)}
    assert campaign.obligations.filter(unit=late_comer).exists()
    assert Milestone.objects.filter(set_by=unit("SNV")).count() == 1


def test_nothing_to_cascade_without_branches_or_without_a_report(campaign: Campaign) -> None:
    with pytest.raises(CampaignError):
        sector_cascade(
            campaign=campaign, agency=unit("SNV"), rule=RuleInput(RuleKind.BY, date(2013, 6, 20))
        )
    standing = unit("SGDDT")  # the standing unit owes the consolidated report, not an agency one
    branch_register(agency=standing, type_label="Phòng", name="Phòng GD&ĐT Hạ Long")
    with pytest.raises(CampaignError):
        sector_cascade(
            campaign=campaign, agency=standing, rule=RuleInput(RuleKind.BY, date(2013, 6, 20))
        )


def test_the_sector_line_page(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.home_affairs_officer)
    url = reverse("campaigns:sector_line", args=[campaign.pk])
    branches = reverse("campaigns:sector_line_branch", args=[campaign.pk])
    cascade = reverse("campaigns:sector_line_cascade", args=[campaign.pk])
    page = client.get(url).content.decode()
    assert branches in page and cascade in page and 'name="action"' not in page
    response = client.post(
        branches,
        {
            "branch-type_label": "Phòng",
            "branch-name": "Phòng Nội vụ huyện Hoành Bồ",
            "branch-contact_phone": "033 3835 123",
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    response = client.post(cascade, {"cascade-kind": "by", "cascade-on": "2013-06-20"})
    assert response.status_code == 302 and response["Location"] == url
    branch = OrgUnit.objects.get(parent=unit("SNV"))
    assert campaign.obligations.get(unit=branch).last_day == date(2013, 6, 20)
    page = client.get(url).content.decode()
    assert "Phòng Nội vụ huyện Hoành Bồ" in page and "20/06/2013" in page
    # the agency reviews its branches on its work page
    work = client.get(reverse("site:my_work", args=[campaign.pk])).content.decode()
    assert "Phòng Nội vụ huyện Hoành Bồ" in work


def test_the_page_refuses_a_later_cascade_and_keeps_the_date(
    personas: Personas, campaign: Campaign
) -> None:
    register("Phòng Nội vụ huyện Hoành Bồ")
    client = english(client_for(personas.home_affairs_officer))
    response = client.post(
        reverse("campaigns:sector_line_cascade", args=[campaign.pk]),
        {"cascade-kind": "by", "cascade-on": "2013-07-02", "cascade-wording": "CV 12/SNV"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "later than" in html and "02/07/2013" in html and 'value="2013-07-02"' in html
    assert 'value="CV 12/SNV"' in html
    assert not campaign.obligations.filter(unit__parent=unit("SNV")).exists()


def test_the_page_refuses_a_branch_without_a_name_and_keeps_what_was_typed(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.home_affairs_officer)
    response = client.post(
        reverse("campaigns:sector_line_branch", args=[campaign.pk]),
        {
            "branch-type_label": "Phòng",
            "branch-name": " ",
            "branch-contact_name": "Nguyễn Văn An",
            "branch-contact_email": "an@example.test",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="field has-error"' in html
    assert 'value="Nguyễn Văn An"' in html and 'value="an@example.test"' in html
    assert not OrgUnit.objects.filter(parent=unit("SNV")).exists()


def test_the_sector_line_takes_each_action_by_post_only_and_from_the_agency_alone(
    personas: Personas, campaign: Campaign
) -> None:
    data = {
        "branch-type_label": "Phòng",
        "branch-name": "Phòng Nội vụ huyện Hoành Bồ",
        "cascade-kind": "by",
        "cascade-on": "2013-06-20",
    }
    for name in ("campaigns:sector_line_branch", "campaigns:sector_line_cascade"):
        url = reverse(name, args=[campaign.pk])
        assert client_for(personas.home_affairs_officer).get(url).status_code == 405, name
        for other in ("halong_officer", "province_officer", "commune_officer_of_bai_chay"):
            assert client_for(personas.of(other)).post(url, data).status_code == 404, name
    assert not OrgUnit.objects.filter(parent__level=Level.AGENCY).exists()


def test_a_branch_is_outside_other_agencies_and_districts_scope(
    personas: Personas, campaign: Campaign
) -> None:
    branch = register("Phòng Nội vụ huyện Hoành Bồ")
    url = reverse("site:unit_work", args=[campaign.pk, branch.pk])
    assert client_for(personas.home_affairs_officer).get(url).status_code == 200
    assert client_for(personas.province_officer).get(url).status_code == 200
    assert client_for(personas.halong_officer).get(url).status_code == 404


def test_who_owes_what_changes_its_generation_at_publishing_and_at_a_cascade(
    make_campaign: PublishedCampaign,
) -> None:
    """Obligations are written in bulk, which sends no signal: publishing and a sector's
    cascade raise the generation what is remembered of them is keyed by (kernel.kept)."""
    before = generation(OBLIGATIONS)
    campaign = make_campaign(today=date(2013, 6, 3))
    published = generation(OBLIGATIONS)
    assert published != before
    register("Phòng Nội vụ huyện Hoành Bồ")
    sector_cascade(
        campaign=campaign, agency=unit("SNV"), rule=RuleInput(RuleKind.BY, date(2013, 6, 20))
    )
    assert generation(OBLIGATIONS) != published
