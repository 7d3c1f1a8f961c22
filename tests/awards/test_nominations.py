"""Nominations against the quota: the boundary, a rejected one freeing its place, the
sending that fulfils the obligation, the review loop with its mail, duplicates."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_django import DjangoCaptureOnCommitCallbacks

from tests.awards.factories import collective, nominate, person
from tests.conftest import PublishedCampaign, unit
from tests.mail import Mailbox
from xhht.audit.models import AuditEntry
from xhht.awards.models import Nomination, State
from xhht.awards.quotas import allowance_for
from xhht.awards.selectors import duplicates, province_list
from xhht.awards.services import (
    AwardsError,
    DecisionInput,
    decision_record,
    nomination_accept,
    nomination_reject,
    nomination_return,
    nominations_send,
    rule_set,
)
from xhht.campaigns.models import Campaign, Deliverable

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign()


def test_the_seed_gives_the_districts_two_and_two_for_the_province(campaign: Campaign) -> None:
    allowance = allowance_for(campaign, unit("193"))
    assert allowance is not None
    assert (allowance.individuals, allowance.collectives) == (2, 2)
    assert allowance.recipient == unit("22")
    assert allowance.obligation is not None
    # nothing gives a commune or an agency a quota in the seed
    assert allowance_for(campaign, unit("06673")) is None
    assert allowance_for(campaign, unit("SNV")) is None


def test_a_third_individual_is_refused_naming_the_quota_and_what_fills_it(
    campaign: Campaign,
) -> None:
    halong = unit("193")
    first = nominate(campaign, halong, person("Nguyễn Thị Lan"))
    nominate(campaign, halong, person("Trần Văn Bình"))
    nominations_send(campaign=campaign, unit=halong, note="Hai tập thể sẽ gửi sau", user=None)
    nomination_accept(nomination=first, user=None)
    with pytest.raises(AwardsError) as refused:
        nominate(campaign, halong, person("Lê Văn Cường"))
    message = refused.value.message
    assert "Nguyễn Thị Lan" in message and "Trần Văn Bình" in message and "2" in message
    assert Nomination.objects.filter(unit=halong).count() == 2
    # collectives have their own places
    nominate(campaign, halong, collective("Trung tâm HTCĐ phường Hồng Hà"))
    # a rejected one frees its place
    nomination_reject(nomination=first, user=None, reason="Chưa đủ tiêu chuẩn")
    third = nominate(campaign, halong, person("Lê Văn Cường"))
    assert third.state == State.DRAFT


def test_sending_fulfils_the_obligation_and_fewer_than_the_quota_needs_a_note(
    campaign: Campaign,
) -> None:
    halong = unit("193")
    nominate(campaign, halong, person("Nguyễn Thị Lan"))
    with pytest.raises(AwardsError) as refused:
        nominations_send(campaign=campaign, unit=halong, user=None)
    assert refused.value.field == "note"
    obligation = campaign.obligations.get(unit=halong, deliverable=Deliverable.NOMINATION)
    assert obligation.fulfilled_on is None
    nominations_send(campaign=campaign, unit=halong, note="Chỉ một cá nhân đủ chuẩn", user=None)
    obligation.refresh_from_db()
    assert obligation.fulfilled_on == date(2013, 6, 20)
    assert AuditEntry.objects.filter(action="awards.nominations_sent").count() == 1


def test_a_return_is_mailed_and_the_corrected_nomination_is_sent_again(
    campaign: Campaign,
    smtp_server: Mailbox,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    from tests.conftest import make_user
    from xhht.accounts.models import Role

    make_user("halong", "193", Role.DISTRICT)
    halong = unit("193")
    lan = nominate(campaign, halong, person("Nguyễn Thị Lan"))
    nominations_send(campaign=campaign, unit=halong, note="Một cá nhân", user=None)
    with pytest.raises(AwardsError):
        nomination_return(nomination=lan, user=None, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        nomination_return(nomination=lan, user=None, reason="Bổ sung thành tích năm 2012")
    [mail] = smtp_server.to("halong@example.test")
    assert "Nguyễn Thị Lan" in str(mail["Subject"])
    assert "Bổ sung thành tích năm 2012" in smtp_server.text_of(mail)
    nominations_send(campaign=campaign, unit=halong, note="Đã bổ sung", user=None)
    lan.refresh_from_db()
    assert lan.state == State.SENT and lan.first_sent_on == date(2013, 6, 20)


def test_the_same_person_from_two_districts_is_flagged(campaign: Campaign) -> None:
    a = nominate(campaign, unit("193"), person("Nguyễn Thị Hoà"))
    b = nominate(campaign, unit("194"), person("NGUYỄN THỊ HÒA"))
    other_year = nominate(campaign, unit("194"), person("Nguyễn Thị Hòa", birth_year=1980))
    for district in ("193", "194"):
        nominations_send(campaign=campaign, unit=unit(district), note="x", user=None)
    found = duplicates(campaign, [a, b, other_year])
    assert [n.pk for n in found[a.pk]] == [b.pk]
    assert [n.pk for n in found[b.pk]] == [a.pk]
    assert other_year.pk not in found


def test_a_district_quota_lets_its_communes_nominate_to_it(campaign: Campaign) -> None:
    bai_chay = unit("06673")
    rule_set(
        campaign=campaign,
        set_by=unit("193"),
        conference_level="district",
        criteria="Gia đình học tập tiêu biểu",
        individuals=1,
        collectives=None,
    )
    allowance = allowance_for(campaign, bai_chay)
    assert allowance is not None and allowance.recipient == unit("193")
    nominate(campaign, bai_chay, person("Phạm Thị Mai"))
    with pytest.raises(AwardsError):
        nominate(campaign, bai_chay, collective("Chi hội khuyến học khu 3"))


def test_the_province_list_and_the_decision(campaign: Campaign) -> None:
    for district, name in (("194", "Vũ Văn An"), ("193", "Đỗ Thị Bích")):
        nomination = nominate(campaign, unit(district), person(name))
        nominate(campaign, unit(district), collective(f"Trung tâm HTCĐ của {name}"))
        nominations_send(campaign=campaign, unit=unit(district), note="x", user=None)
    for nomination in Nomination.objects.all():
        nomination_accept(nomination=nomination, user=None)
    listed = province_list(campaign)
    assert [r.nomination.unit.code for r in listed.individuals] == ["193", "194"]
    assert [r.number for r in listed.collectives] == [1, 2]
    with pytest.raises(AwardsError):
        decision_record(nomination=nomination, data=DecisionInput("", ""), user=None)
    decision_record(
        nomination=nomination,
        data=DecisionInput("commended", "province_chair", "Bằng khen", "1234/QĐ-UBND"),
        user=None,
    )
    nomination.refresh_from_db()
    assert nomination.decision == "commended" and nomination.decision_ref == "1234/QĐ-UBND"
