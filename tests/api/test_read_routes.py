"""The API's read routes: units, campaigns, obligations, conferences, papers, nominations and
the roll-up answer what each role sees; another unit's object is a 404; a draft is its
unit's own; lists come in pages; a bad parameter is a 400 or a 404 in the error shape."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Sum

from tests.api.conftest import api_client
from tests.conftest import Personas, PublishedCampaign, client_for, make_user, unit
from tests.reports.factories import report_obligation
from tests.reports.reviewing import filled, send
from xhht.accounts.models import Role
from xhht.awards.models import Nomination, Paper, State
from xhht.campaigns.models import Campaign, Conference, ConferencePlan, Deliverable, Obligation
from xhht.campaigns.services import conference_announce, conference_record
from xhht.kernel.clock import today
from xhht.orgunits.models import OrgUnit
from xhht.reports.editing import report_open
from xhht.reports.models import RECEIVED, DataValue, Report

pytestmark = pytest.mark.django_db

HA_LONG, MONG_CAI, BAI_CHAY, TRAN_PHU = "193", "194", "06673", "06712"


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    """The seed campaign on 12/06/2013: the communes' last day (10/06) is past, the
    districts' is ahead."""
    return make_campaign(today=date(2013, 6, 12), content_pack=True, MEDIA_ROOT=tmp_path)


def items(answer: Any) -> list[dict[str, Any]]:
    assert answer.status_code == 200, answer.json()
    found: list[dict[str, Any]] = answer.json()["items"]
    return found


def assert_error(answer: Any, status: int, field: str | None = None) -> None:
    """The answer is `status` in the one error shape (naming `field`, when given)."""
    assert answer.status_code == status, answer.content
    body = answer.json()
    assert set(body) == {"code", "message", "field", "errors"}
    assert body["message"]
    if field is not None:
        assert body["field"] == field, body


# -- units ----------------------------------------------------------------------------------


def test_the_units_are_those_the_user_sees(personas: Personas) -> None:
    halong = items(api_client(personas.halong_officer).get("/api/orgunits", page_size=500))
    assert len(halong) == 21
    assert halong[0] == {
        "code": HA_LONG,
        "name": "Thành phố Hạ Long",
        "type": "Thành phố",
        "level": "district",
        "parent": "22",
        "valid_from": "2012-02-22",
        "valid_until": "2025-07-01",
    }
    assert {u["parent"] for u in halong[1:]} == {HA_LONG}
    assert {u["code"] for u in halong} == set(
        OrgUnit.objects.subtree_of(unit(HA_LONG)).values_list("code", flat=True)
    )
    commune = items(api_client(personas.commune_officer_of_bai_chay).get("/api/orgunits"))
    assert [u["code"] for u in commune] == [BAI_CHAY]
    assert items(api_client(personas.outsider).get("/api/orgunits")) == []


def test_the_units_filter_by_level_parent_and_date(personas: Personas) -> None:
    province = api_client(personas.province_officer)
    districts = items(province.get("/api/orgunits", level="district", on="2013-06-01"))
    assert len(districts) == 14 and HA_LONG in {u["code"] for u in districts}
    assert {u["level"] for u in districts} == {"district"}
    under = province.get("/api/orgunits", parent=MONG_CAI, page_size=500)
    assert under.json()["count"] == OrgUnit.objects.filter(parent=unit(MONG_CAI)).count()
    assert TRAN_PHU in {u["code"] for u in items(under)}
    # The province officer acts for the 2013 province: the 2025 tree is not its own.
    assert province.get("/api/orgunits", on="2025-08-01").json()["count"] == 0
    assert_error(api_client(personas.halong_officer).get("/api/orgunits", parent=MONG_CAI), 404)


def test_one_unit_by_its_code_on_a_date(personas: Personas) -> None:
    admin = api_client(personas.administrator)
    in_2013 = admin.get(f"/api/orgunits/{BAI_CHAY}", on="2013-06-01").json()
    in_2025 = admin.get(f"/api/orgunits/{BAI_CHAY}", on="2025-08-01").json()
    assert (in_2013["parent"], in_2013["valid_until"]) == (HA_LONG, "2025-07-01")
    assert (in_2025["parent"], in_2025["valid_from"], in_2025["valid_until"]) == (
        "22",
        "2025-07-01",
        None,
    )
    # Without ?on=, the unit in force today (the tests stand in 2013).
    assert admin.get(f"/api/orgunits/{BAI_CHAY}").json() == in_2013
    halong = api_client(personas.halong_officer)
    assert halong.get(f"/api/orgunits/{BAI_CHAY}").json()["name"] == "Phường Bãi Cháy"
    assert_error(halong.get(f"/api/orgunits/{TRAN_PHU}"), 404, "code")
    assert_error(halong.get(f"/api/orgunits/{BAI_CHAY}", on="2025-08-01"), 404, "code")
    assert_error(halong.get("/api/orgunits/NO-SUCH"), 404, "code")


def test_children_and_subtree(personas: Personas) -> None:
    halong = api_client(personas.halong_officer)
    children = halong.get(f"/api/orgunits/{HA_LONG}/children", page_size=500).json()
    assert children["count"] == 20
    assert {u["level"] for u in children["items"]} == {"commune"}
    assert BAI_CHAY in {u["code"] for u in children["items"]}
    subtree = items(halong.get(f"/api/orgunits/{HA_LONG}/subtree", page_size=500))
    assert subtree[0]["code"] == HA_LONG and len(subtree) == 21
    communes = halong.get(f"/api/orgunits/{HA_LONG}/subtree", level="commune").json()
    assert communes["count"] == 20
    assert items(halong.get(f"/api/orgunits/{BAI_CHAY}/children")) == []
    commune = api_client(personas.commune_officer_of_bai_chay)
    assert_error(commune.get(f"/api/orgunits/{HA_LONG}/children"), 404)
    assert_error(commune.get(f"/api/orgunits/{HA_LONG}/subtree"), 404)


def test_a_list_comes_in_pages(personas: Personas) -> None:
    halong = api_client(personas.halong_officer)
    every = [u["code"] for u in items(halong.get("/api/orgunits", page_size=500))]
    first = halong.get("/api/orgunits", page_size=8).json()
    third = halong.get("/api/orgunits", page_size=8, page=3).json()
    assert first["count"] == third["count"] == 21
    assert [u["code"] for u in first["items"]] == every[:8]
    assert [u["code"] for u in third["items"]] == every[16:21]
    assert halong.get("/api/orgunits", page=4, page_size=8).json()["items"] == []


# -- campaigns ------------------------------------------------------------------------------


def test_the_campaigns_are_those_the_user_takes_part_in(
    personas: Personas, campaign: Campaign
) -> None:
    listed = items(api_client(personas.commune_officer_of_bai_chay).get("/api/campaigns"))
    assert [c["id"] for c in listed] == [campaign.pk]
    assert listed[0]["root"] == "22" and listed[0]["tree_date"] == str(campaign.tree_date)
    assert listed[0]["directive"]["number"] == "1395"
    assert listed[0]["directive"]["symbol"] == "BCĐXDXHHT"
    assert listed[0]["closed_at"] is None
    assert items(api_client(personas.outsider).get("/api/campaigns")) == []
    assert_error(api_client(personas.outsider).get(f"/api/campaigns/{campaign.pk}"), 404)
    assert_error(api_client(personas.viewer).get(f"/api/campaigns/{campaign.pk + 1}"), 404)


def test_a_campaign_shows_the_rules_of_the_units_the_user_sees(
    personas: Personas, campaign: Campaign
) -> None:
    commune = api_client(personas.commune_officer_of_bai_chay)
    detail = commune.get(f"/api/campaigns/{campaign.pk}").json()
    assert detail["data_cutoff"] == str(campaign.data_cutoff)
    rules = {(m["deliverable"], m["level"], m["last_day"]) for m in detail["milestones"]}
    owed = Obligation.objects.filter(campaign=campaign, unit=unit(BAI_CHAY))
    assert rules == {(o.deliverable, "commune", str(o.last_day)) for o in owed}
    province = api_client(personas.province_officer).get(f"/api/campaigns/{campaign.pk}")
    levels = {m["level"] for m in province.json()["milestones"]}
    assert {"commune", "district", "province"} <= levels


# -- obligations ----------------------------------------------------------------------------


def test_the_obligations_are_the_dashboards(personas: Personas, campaign: Campaign) -> None:
    halong = api_client(personas.halong_officer)
    answer = halong.get(f"/api/campaigns/{campaign.pk}/obligations", page_size=500).json()
    # Hạ Long's conference, report and nominations, and its 20 communes' conference and report.
    assert answer["count"] == 43
    units = {o["unit"] for o in answer["items"]}
    assert HA_LONG in units and BAI_CHAY in units and TRAN_PHU not in units
    by_id = Obligation.objects.in_bulk([o["id"] for o in answer["items"]])
    for listed in answer["items"]:
        assert listed["state"] == by_id[listed["id"]].state_on(today())
    commune_report = next(o for o in answer["items"] if o["unit"] == BAI_CHAY and o["report"])
    assert commune_report["state"] == "overdue" and commune_report["timeliness"] == "open"
    overdue = halong.get(f"/api/campaigns/{campaign.pk}/obligations", state="overdue").json()
    assert overdue["count"] == 40  # every commune's two: their last day was 10/06
    reports = halong.get(f"/api/campaigns/{campaign.pk}/obligations", deliverable="report")
    assert reports.json()["count"] == 21


def test_the_obligations_of_one_unit_and_their_timeliness(
    personas: Personas, campaign: Campaign
) -> None:
    conference = campaign.obligations.get(unit=unit(BAI_CHAY), deliverable=Deliverable.CONFERENCE)
    conference_record(
        obligation=conference,
        user=personas.commune_officer_of_bai_chay,
        held_on=date(2013, 6, 11),
        venue="Hội trường UBND phường Bãi Cháy",
        chair="Nguyễn Văn An",
        participants=120,
    )
    halong = api_client(personas.halong_officer)
    own = items(halong.get(f"/api/campaigns/{campaign.pk}/obligations", unit=BAI_CHAY))
    assert [(o["deliverable"], o["state"], o["timeliness"]) for o in own] == [
        ("conference", "late", "late"),
        ("report", "overdue", "open"),
    ]
    assert own[0]["fulfilled_on"] == "2013-06-11" and own[0]["last_day"] == "2013-06-10"
    assert_error(
        halong.get(f"/api/campaigns/{campaign.pk}/obligations", unit=TRAN_PHU), 404, "unit"
    )


def test_another_units_obligation_is_not_found(personas: Personas, campaign: Campaign) -> None:
    mongcai = campaign.obligations.get(unit=unit(MONG_CAI), deliverable=Deliverable.REPORT)
    halong = api_client(personas.halong_officer)
    assert_error(halong.get(f"/api/obligations/{mongcai.pk}"), 404)
    mine = api_client(personas.mongcai_officer).get(f"/api/obligations/{mongcai.pk}").json()
    assert (mine["unit"], mine["deliverable"], mine["campaign"]) == (
        MONG_CAI,
        "report",
        campaign.pk,
    )
    assert mine["state"] == "pending" and mine["timeliness"] == "open"
    assert mine["report"]["status"] == "not_sent"
    above = api_client(personas.province_officer).get(f"/api/obligations/{mongcai.pk}")
    assert above.status_code == 200 and above.json()["id"] == mongcai.pk


def test_the_unit_above_knows_no_more_of_a_draft_than_not_sent(
    personas: Personas, campaign: Campaign
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    path = f"/api/obligations/{obligation.pk}"
    commune = api_client(personas.commune_officer_of_bai_chay)
    halong = api_client(personas.halong_officer)
    before = halong.get(path).json()["report"]
    report_open(obligation=obligation, user=personas.commune_officer_of_bai_chay)
    assert commune.get(path).json()["report"]["status"] == "draft"
    # A draft and no report at all read the same from above.
    assert halong.get(path).json()["report"] == before
    assert before["status"] == "not_sent" and before["first_sent_on"] is None
    assert before["label"] in ("Not sent yet", "Chưa gửi")
    listed = halong.get(f"/api/campaigns/{campaign.pk}/obligations", unit=BAI_CHAY).json()
    assert [o["report"] for o in listed["items"] if o["report"]] == [before]
    Report.objects.filter(obligation=obligation).update(entered_by_reviewer=True)
    assert halong.get(path).json()["report"]["status"] == "draft"


def test_a_sent_report_is_read_from_above(personas: Personas, campaign: Campaign) -> None:
    filled(campaign, personas.commune_officer_of_bai_chay)
    send(client_for(personas.commune_officer_of_bai_chay), campaign)
    obligation = report_obligation(campaign, BAI_CHAY)
    shown = api_client(personas.halong_officer).get(f"/api/obligations/{obligation.pk}").json()
    assert shown["report"]["status"] == "sent"
    assert shown["report"]["first_sent_on"] == str(today())
    assert shown["fulfilled_on"] == str(today()) and shown["state"] == "late"


# -- conferences and papers -----------------------------------------------------------------


def test_the_conferences_held_and_planned_of_the_units_seen(
    personas: Personas, campaign: Campaign
) -> None:
    held = campaign.obligations.get(unit=unit(BAI_CHAY), deliverable=Deliverable.CONFERENCE)
    conference_record(
        obligation=held,
        user=None,
        held_on=date(2013, 6, 8),
        venue="Hội trường UBND phường Bãi Cháy",
        chair="Nguyễn Văn An",
        participants=120,
        exhibition_held=True,
    )
    planned = campaign.obligations.get(unit=unit(MONG_CAI), deliverable=Deliverable.CONFERENCE)
    conference_announce(
        obligation=planned,
        planned_on=date(2013, 6, 24),
        venue="Nhà văn hóa thành phố Móng Cái",
        chair="Trần Thị Bình",
        exhibition=False,
        user=None,
    )
    path = f"/api/campaigns/{campaign.pk}/conferences"
    assert items(api_client(personas.halong_officer).get(path)) == [
        {
            "unit": BAI_CHAY,
            "unit_name": "Phường Bãi Cháy",
            "held": True,
            "held_on": "2013-06-08",
            "planned_on": None,
            "venue": "Hội trường UBND phường Bãi Cháy",
            "chair": "Nguyễn Văn An",
            "participants": 120,
            "exhibition": True,
        }
    ]
    mongcai = items(api_client(personas.mongcai_officer).get(path))
    assert [(c["unit"], c["held"], c["planned_on"], c["participants"]) for c in mongcai] == [
        (MONG_CAI, False, "2013-06-24", None)
    ]
    province = api_client(personas.viewer).get(path).json()
    assert province["count"] == 2 == Conference.objects.count() + ConferencePlan.objects.count()


def test_the_papers_are_the_papers_page(personas: Personas, demo_campaign: Campaign) -> None:
    path = f"/api/campaigns/{demo_campaign.pk}/papers"
    province = items(api_client(personas.province_officer).get(path, page_size=500))
    received = Paper.objects.filter(campaign=demo_campaign, recipient=unit("22"))
    assert sorted(p["id"] for p in province) == sorted(received.values_list("pk", flat=True))
    assert province and {(p["recipient"], p["received"]) for p in province} == {("22", True)}
    selected = [p for p in province if p["state"] == "selected"]
    assert [p["position"] for p in selected] == list(range(1, len(selected) + 1))
    halong = items(api_client(personas.halong_officer).get(path))
    own = Paper.objects.filter(campaign=demo_campaign, unit=unit(HA_LONG))
    assert [p["id"] for p in halong] == list(own.values_list("pk", flat=True))
    assert {(p["unit"], p["received"]) for p in halong} <= {(HA_LONG, False)}
    # As the page: the units' own work; a viewer and the outsider have none.
    assert_error(api_client(personas.viewer).get(path), 404)
    assert_error(api_client(personas.outsider).get(path), 404)


# -- nominations ----------------------------------------------------------------------------


def test_the_nominations_read_are_never_another_units_drafts(
    personas: Personas, demo_campaign: Campaign
) -> None:
    path = f"/api/campaigns/{demo_campaign.pk}/nominations"
    drafts = Nomination.objects.filter(campaign=demo_campaign, state=State.DRAFT)
    assert drafts.exists() and {n.unit.code for n in drafts} == {"206"}
    province = api_client(personas.province_officer).get(path, page_size=500).json()
    assert province["count"] == Nomination.objects.exclude(state=State.DRAFT).count() > 0
    assert "draft" not in {n["state"] for n in province["items"]}
    quangyen = api_client(make_user("quangyen", "206", Role.DISTRICT))
    own = items(quangyen.get(path))
    assert sorted(n["id"] for n in own) == sorted(drafts.values_list("pk", flat=True))
    assert {(n["unit"], n["recipient"], n["state"]) for n in own} == {("206", "22", "draft")}
    halong = items(api_client(personas.halong_officer).get(path, page_size=500))
    assert halong and {n["unit"] for n in halong} == {HA_LONG}
    accepted = api_client(personas.viewer).get(path, state="accepted", kind="collective")
    assert {(n["state"], n["kind"]) for n in items(accepted)} == {("accepted", "collective")}
    assert (
        accepted.json()["count"]
        == Nomination.objects.filter(state=State.ACCEPTED, kind="collective").count()
    )
    assert items(api_client(personas.commune_officer_of_bai_chay).get(path)) == []
    assert_error(api_client(personas.halong_officer).get(path, unit="206"), 404, "unit")


# -- the roll-up ----------------------------------------------------------------------------


def _summed(campaign: Campaign, code: str, indicator: str, statuses: Any) -> int | None:
    """The indicator's figures of the communes below `code` in reports of `statuses`."""
    found: int | None = DataValue.objects.filter(
        report__obligation__campaign=campaign,
        report__obligation__unit__path__startswith=unit(code).path,
        report__obligation__unit__level="commune",
        report__status__in=statuses,
        indicator__code=indicator,
    ).aggregate(s=Sum("value"))["s"]
    return found


def test_the_rollup_sums_what_was_sent(personas: Personas, demo_campaign: Campaign) -> None:
    path = f"/api/campaigns/{demo_campaign.pk}/rollup"
    rows = items(api_client(personas.halong_officer).get(path, page_size=500))
    literacy = next(r for r in rows if r["indicator"] == "LIT_15_60")
    assert literacy["is_ratio"] and literacy["level"] == "commune"
    assert literacy["figures"]["value"] == _summed(demo_campaign, HA_LONG, "LIT_15_60", RECEIVED)
    figures = literacy["figures"]
    assert figures["percent"] == round(100 * figures["value"] / figures["denominator"], 1)
    assert figures["expected"] == 20
    assert (
        figures["reported"]
        == Report.objects.filter(
            obligation__campaign=demo_campaign,
            obligation__unit__parent=unit(HA_LONG),
            status__in=RECEIVED,
        ).count()
    )
    children = {c["unit"]: c for c in literacy["children"]}
    assert len(children) == 20 and BAI_CHAY in children
    bai_chay = children[BAI_CHAY]["figures"]["value"]
    assert bai_chay == _summed(demo_campaign, BAI_CHAY, "LIT_15_60", RECEIVED)
    province = api_client(personas.province_officer).get(path, unit=HA_LONG, page_size=500)
    assert next(r for r in items(province) if r["indicator"] == "LIT_15_60") == literacy


def test_the_rollup_of_a_unit_out_of_reach_is_not_found(
    personas: Personas, demo_campaign: Campaign
) -> None:
    path = f"/api/campaigns/{demo_campaign.pk}/rollup"
    commune = api_client(personas.commune_officer_of_bai_chay)
    assert_error(commune.get(path, unit=MONG_CAI), 404, "unit")
    assert_error(commune.get(path, unit=HA_LONG), 404, "unit")
    assert_error(commune.get(path, unit="NO-SUCH"), 404, "unit")
    assert_error(api_client(personas.halong_officer).get(path, unit=MONG_CAI), 404, "unit")
    assert_error(api_client(personas.outsider).get(path), 404)
    own = items(commune.get(path, page_size=500))
    assert own and all(r["children"] == [] for r in own)


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("/api/orgunits", {"page": 0}, 400, "page"),
        ("/api/orgunits", {"page_size": 501}, 400, "page_size"),
        ("/api/orgunits", {"on": "2013-13-45"}, 400, "on"),
        ("/api/orgunits", {"level": "hamlet"}, 400, "level"),
        ("/api/orgunits", {"parent": "x" * 21}, 400, "parent"),
        ("/api/orgunits/193", {"on": "yesterday"}, 400, "on"),
        ("/api/orgunits/NO-SUCH/subtree", {}, 404, "code"),
        ("/api/campaigns/99999999999", {}, 400, "campaign_id"),
        ("/api/campaigns/0", {}, 400, "campaign_id"),
        ("/api/campaigns/424242", {}, 404, None),
        ("/api/campaigns/{c}/obligations", {"state": "done"}, 400, "state"),
        ("/api/campaigns/{c}/obligations", {"deliverable": "speech"}, 400, "deliverable"),
        ("/api/campaigns/{c}/obligations", {"unit": "NO-SUCH"}, 404, "unit"),
        ("/api/campaigns/{c}/nominations", {"state": "won"}, 400, "state"),
        ("/api/campaigns/99999999999/rollup", {}, 400, "campaign_id"),
        ("/api/campaigns/{c}/rollup", {"unit": ""}, 400, "unit"),
        ("/api/obligations/99999999999", {}, 400, "obligation_id"),
        ("/api/obligations/424242", {}, 404, None),
    ],
)
def test_a_bad_parameter_is_a_400_or_a_404_in_the_error_shape(
    personas: Personas,
    campaign: Campaign,
    path: str,
    params: dict[str, Any],
    status: int,
    field: str | None,
) -> None:
    answer = api_client(personas.province_officer).get(path.format(c=campaign.pk), **params)
    assert_error(answer, status, field)


def test_every_read_route_refuses_an_anonymous_call(campaign: Campaign) -> None:
    anonymous = api_client(None)
    for path in (
        "/api/orgunits",
        f"/api/orgunits/{HA_LONG}",
        f"/api/campaigns/{campaign.pk}",
        f"/api/campaigns/{campaign.pk}/obligations",
        f"/api/obligations/{report_obligation(campaign, BAI_CHAY).pk}",
        f"/api/campaigns/{campaign.pk}/nominations",
        f"/api/campaigns/{campaign.pk}/rollup",
    ):
        assert_error(anonymous.get(path), 401)
