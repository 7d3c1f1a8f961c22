"""An agency's cascade to its branch units refuses a deadline already past and names the
date as typed; each branch unit's officer is invited to log in by e-mail (the onboarding's
one-time link), and then sees the report the branch owes."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.mail import Mailbox
from xhht.accounts.models import Role, User
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign, Milestone, RuleKind
from xhht.campaigns.sector import branch_invite, branch_register, sector_cascade
from xhht.campaigns.services import CampaignError, RuleInput
from xhht.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 3))


@pytest.fixture
def branch() -> OrgUnit:
    return branch_register(agency=unit("SNV"), type_label="Phòng", name="Phòng Nội vụ Vân Đồn")


def cascade_url(campaign: Campaign) -> str:
    return reverse("campaigns:sector_line_cascade", args=[campaign.pk])


def invite_url(campaign: Campaign, branch: OrgUnit) -> str:
    return reverse("campaigns:sector_line_invite", args=[campaign.pk, branch.pk])


def test_a_cascade_deadline_already_past_is_refused_and_nothing_is_written(
    campaign: Campaign, branch: OrgUnit
) -> None:
    with pytest.raises(CampaignError) as refused:
        sector_cascade(
            campaign=campaign, agency=unit("SNV"), rule=RuleInput(RuleKind.BY, date(2013, 6, 2))
        )
    message = refused.value.message
    assert refused.value.field == "on"
    assert "muộn nhất đến ngày 02/06/2013" in message and "đã qua" in message
    assert "hôm nay là ngày 03/06/2013" in message
    assert not Milestone.objects.filter(set_by=unit("SNV")).exists()
    assert not campaign.obligations.filter(unit=branch).exists()


def test_a_deadline_due_today_is_still_taken(
    campaign: Campaign, branch: OrgUnit, settings: Settings
) -> None:
    settings.XHHT_TODAY = date(2013, 6, 20)
    sector_cascade(
        campaign=campaign, agency=unit("SNV"), rule=RuleInput(RuleKind.BY, date(2013, 6, 20))
    )
    assert campaign.obligations.get(unit=branch).last_day == date(2013, 6, 20)


def test_a_later_deadline_is_refused_naming_the_date_as_typed_not_the_day_before(
    personas: Personas, campaign: Campaign, branch: OrgUnit
) -> None:
    client = client_for(personas.home_affairs_officer)
    response = client.post(
        cascade_url(campaign), {"cascade-kind": "before", "cascade-on": "05/07/2013"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thời hạn “trước ngày 05/07/2013” muộn hơn quy định của cấp trên" in html
    assert "ngày cuối cùng được phép là 29/06/2013" in html
    assert "04/07/2013" not in html  # the day before the date typed, which no one wrote
    assert 'value="05/07/2013"' in html
    assert not campaign.obligations.filter(unit=branch).exists()


def test_the_page_refuses_a_past_deadline_on_its_field(
    personas: Personas, campaign: Campaign, branch: OrgUnit
) -> None:
    client = client_for(personas.home_affairs_officer)
    response = client.post(
        cascade_url(campaign), {"cascade-kind": "by", "cascade-on": "01/06/2013"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Thời hạn “muộn nhất đến ngày 01/06/2013” đã qua (hôm nay là ngày 03/06/2013)" in html
    assert not campaign.obligations.filter(unit=branch).exists()


def test_the_agency_invites_a_branch_officer_who_then_logs_in_and_sees_the_report(
    personas: Personas,
    campaign: Campaign,
    branch: OrgUnit,
    smtp_server: Mailbox,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    sector_cascade(
        campaign=campaign, agency=unit("SNV"), rule=RuleInput(RuleKind.BY, date(2013, 6, 20))
    )
    client = client_for(personas.home_affairs_officer)
    page = client.get(reverse("campaigns:sector_line", args=[campaign.pk])).content.decode()
    assert invite_url(campaign, branch) in page and "Mời đăng nhập" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            invite_url(campaign, branch), {f"invite-{branch.pk}-email": "pnv.vandon@example.test"}
        )
    assert response.status_code == 302
    officer = User.objects.get(unit=branch)
    assert officer.role == Role.AGENCY and not officer.has_usable_password()
    branch.refresh_from_db()
    assert branch.contact_email == "pnv.vandon@example.test"
    entry = AuditEntry.objects.get(action="sector.branch_invited")
    assert entry.user == personas.home_affairs_officer and entry.unit == unit("SNV")
    assert [m["To"] for m in smtp_server.messages] == ["pnv.vandon@example.test"]
    body = Mailbox.text_of(smtp_server.messages[0])
    assert officer.username in body
    link = re.search(r"https?://\S+", body)
    assert link is not None
    newcomer = Client()
    response = newcomer.get(link.group(0).split("testserver", 1)[1], follow=True)
    new = "Phong-noi-vu-2013"
    response = newcomer.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    login = {"username": officer.username, "password": new}
    assert newcomer.post(reverse("accounts:login"), login).status_code == 302
    work = newcomer.get(reverse("site:my_work", args=[campaign.pk]))
    assert work.status_code == 200
    assert "20/06/2013" in work.content.decode()
    page = client.get(reverse("campaigns:sector_line", args=[campaign.pk])).content.decode()
    assert f"tài khoản {officer.username}" in page
    assert invite_url(campaign, branch) not in page


def test_a_second_invitation_and_an_empty_address_are_refused(
    personas: Personas, campaign: Campaign, branch: OrgUnit
) -> None:
    client = client_for(personas.home_affairs_officer)
    response = client.post(invite_url(campaign, branch), {f"invite-{branch.pk}-email": " "})
    assert response.status_code == 200
    assert 'class="field has-error"' in response.content.decode()
    assert not User.objects.filter(unit=branch).exists()
    branch_invite(agency=unit("SNV"), branch=branch, email="a@example.test", user=None, base_url="")
    with pytest.raises(CampaignError) as refused:
        branch_invite(
            agency=unit("SNV"), branch=branch, email="b@example.test", user=None, base_url=""
        )
    assert "đã có tài khoản" in refused.value.message and "Quên mật khẩu?" in refused.value.message
    assert User.objects.filter(unit=branch).count() == 1


def test_only_the_agency_invites_its_own_branches(
    personas: Personas, campaign: Campaign, branch: OrgUnit
) -> None:
    other = branch_register(agency=unit("SGDDT"), type_label="Phòng", name="Phòng GD&ĐT Hạ Long")
    data = {f"invite-{other.pk}-email": "x@example.test"}
    assert (
        client_for(personas.home_affairs_officer)
        .post(invite_url(campaign, other), data)
        .status_code
        == 404
    )
    url = invite_url(campaign, branch)
    assert client_for(personas.home_affairs_officer).get(url).status_code == 405
    for name in ("halong_officer", "province_officer", "commune_officer_of_bai_chay"):
        response = client_for(personas.of(name)).post(
            url, {f"invite-{branch.pk}-email": "x@example.test"}
        )
        assert response.status_code == 404, name
    assert not User.objects.filter(unit__in=[branch, other]).exists()
