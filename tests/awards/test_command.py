"""`xhht nominations`: every unit that may nominate, with its quota's use and its
nominations, as text and as JSON; one unit with --unit; unknown campaign or unit refused."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.awards.factories import collective, nominate, person
from tests.conftest import PublishedCampaign, unit
from xhht.awards.services import nomination_accept, nominations_send, rule_set
from xhht.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    campaign = make_campaign()
    halong = unit("193")
    collective_ = nominate(campaign, halong, collective("Trung tâm HTCĐ phường Hồng Hà"))
    lan = nominate(campaign, halong, person("Nguyễn Thị Lan"))
    nominations_send(campaign=campaign, unit=halong, note="Một tập thể", user=None)
    nominate(campaign, halong, person("Trần Văn Bình"))
    nomination_accept(nomination=lan, user=None)
    assert collective_.pk < lan.pk
    return campaign


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("nominations", *args, stdout=out)
    return out.getvalue()


def test_the_text_lists_every_district_with_its_quota_and_nominations(
    campaign: Campaign,
) -> None:
    lines = run(str(campaign.pk)).splitlines()
    assert lines[0] == campaign.title
    at = lines.index(
        "Thành phố Hạ Long (193): to Tỉnh Quảng Ninh: individuals 2/2, collectives 1/2"
    )
    # individuals first, a draft included
    assert lines[at + 1 : at + 4] == [
        "  - Nguyễn Thị Lan · Individual · Accepted",
        "  - Trần Văn Bình · Individual · Draft",
        "  - Trung tâm HTCĐ phường Hồng Hà · Collective · Sent",
    ]
    # a district that has nothing yet is listed too
    at = lines.index(
        "Thành phố Móng Cái (194): to Tỉnh Quảng Ninh: individuals 0/2, collectives 0/2"
    )
    assert lines[at + 1] == "  no nomination yet"
    assert sum(": to Tỉnh Quảng Ninh: " in line for line in lines) == 14


def test_one_unit_and_a_commune_the_district_lets_nominate(campaign: Campaign) -> None:
    lines = run(str(campaign.pk), "--unit", "194").splitlines()
    assert lines[1:] == [
        "",
        "Thành phố Móng Cái (194): to Tỉnh Quảng Ninh: individuals 0/2, collectives 0/2",
        "  no nomination yet",
    ]
    # a commune without a quota
    assert "Phường Bãi Cháy (06673): no quota for nominations in this campaign" in run(
        str(campaign.pk), "--unit", "06673"
    )
    rule_set(
        campaign=campaign,
        set_by=unit("193"),
        conference_level="district",
        criteria="Gia đình học tập tiêu biểu",
        individuals=1,
        collectives=None,
    )
    lines = run(str(campaign.pk)).splitlines()
    # a kind the rule does not ask for is not shown
    bai_chay = "Phường Bãi Cháy (06673): to Thành phố Hạ Long: individuals 0/1"
    assert lines[lines.index(bai_chay) + 1] == "  no nomination yet"
    # Hạ Long's communes, after every district; no other district's
    districts = [i for i, line in enumerate(lines) if ": to Tỉnh Quảng Ninh: " in line]
    communes = [i for i, line in enumerate(lines) if ": to Thành phố Hạ Long: " in line]
    assert len(districts) == 14 and len(communes) > 1
    assert max(districts) < min(communes)
    assert sum(" to " in line for line in lines) == len(districts) + len(communes)


def test_the_json_document(campaign: Campaign) -> None:
    document: dict[str, Any] = json.loads(run(str(campaign.pk), "--json"))
    assert document["campaign"] == {"id": campaign.pk, "title": campaign.title}
    units = {entry["code"]: entry for entry in document["units"]}
    assert len(units) == 14
    halong = units["193"]
    assert halong["name"] == "Thành phố Hạ Long"
    assert halong["recipient"] == {"code": "22", "name": "Tỉnh Quảng Ninh"}
    assert halong["quota"] == {
        "individual": {"used": 2, "allowed": 2},
        "collective": {"used": 1, "allowed": 2},
    }
    assert [(n["name"], n["kind"], n["state"]) for n in halong["nominations"]] == [
        ("Nguyễn Thị Lan", "individual", "accepted"),
        ("Trần Văn Bình", "individual", "draft"),
        ("Trung tâm HTCĐ phường Hồng Hà", "collective", "sent"),
    ]
    assert halong["nominations"][0]["first_sent_on"] == "2013-06-20"
    assert halong["nominations"][1]["first_sent_on"] is None
    assert units["194"]["nominations"] == []
    assert units["194"]["quota"]["individual"] == {"used": 0, "allowed": 2}
    one = json.loads(run(str(campaign.pk), "--unit", "06673", "--json"))
    [commune] = one["units"]
    assert commune["recipient"] is None and commune["quota"]["individual"]["allowed"] == 0


def test_an_unknown_campaign_or_unit_is_refused(campaign: Campaign) -> None:
    with pytest.raises(CommandError) as refused:
        run("999999")
    assert str(refused.value) == "No campaign has the id 999999."
    assert refused.value.returncode == 2
    with pytest.raises(CommandError) as refused:
        run(str(campaign.pk), "--unit", "99999")
    assert str(refused.value) == "No unit 99999 in the campaign's tree."
    # a code the 2025 tree gives another place means the 2013 unit here
    [found] = json.loads(run(str(campaign.pk), "--unit", "07090", "--json"))["units"]
    assert found["name"] == "Xã Bình Dương"
