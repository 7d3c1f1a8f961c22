"""The scope table of the API: every route, as each role, against objects of a unit it does
not see (Móng Cái's): 404, as on the pages, so their existence is not told. A read-only
token that writes gets 403; a call without a token gets 401 on every route."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.api.conftest import api_client
from tests.conftest import Personas, unit
from tests.reports.factories import report_obligation, seed_campaign, signature, signed_pdf
from xhht.campaigns.models import Campaign
from xhht.reports.editing import report_open, report_save
from xhht.reports.services import report_send

pytestmark = pytest.mark.django_db

MONG_CAI = "194"
ROLES = ["halong_officer", "commune_officer_of_bai_chay", "home_affairs_officer", "outsider"]
# Lists of what the user sees: nothing of another unit to ask for.
OWN_LISTS = {("get", "/api/me"), ("get", "/api/orgunits"), ("get", "/api/campaigns")}


def sent_report_of_mong_cai(campaign: Campaign) -> int:
    """Móng Cái's report, sent (so that only scope, not the draft rule, hides it)."""
    obligation = report_obligation(campaign, MONG_CAI)
    report = report_open(obligation=obligation, user=None)
    rows = {v.indicator_id: {"value": 1, "denominator": 2} for v in report.values.all()}
    report = report_save(report=report, texts={}, values=rows, user=None)
    report_send(report=report, user=None, signature=signature(), signed_file=signed_pdf())
    return obligation.pk


def table(campaign: Campaign, obligation: int) -> list[tuple[str, str, dict[str, Any], int]]:
    """(method, path, query or body, the answer for a user who does not see Móng Cái)."""
    c = campaign.pk
    return [
        ("get", f"/api/orgunits/{MONG_CAI}", {}, 404),
        ("get", f"/api/orgunits/{MONG_CAI}/children", {}, 404),
        ("get", f"/api/orgunits/{MONG_CAI}/subtree", {}, 404),
        ("get", f"/api/campaigns/{c}/obligations", {"unit": MONG_CAI}, 404),
        ("get", f"/api/campaigns/{c}/nominations", {"unit": MONG_CAI}, 404),
        ("get", f"/api/campaigns/{c}/rollup", {"unit": MONG_CAI}, 404),
        ("get", f"/api/obligations/{obligation}", {}, 404),
        ("get", f"/api/obligations/{obligation}/report", {}, 404),
        ("post", f"/api/obligations/{obligation}/report", {}, 404),
        ("put", f"/api/obligations/{obligation}/report", {"revision": 1, "values": []}, 404),
        ("post", f"/api/obligations/{obligation}/report/send", {}, 404),
        ("get", "/api/dataValueSets", {"dataSet": c, "orgUnit": MONG_CAI}, 404),
        # Bulk data names its units inside: one it does not see is "unknown", in the summary.
        (
            "post",
            "/api/dataValueSets",
            {"dataSet": str(c), "dataValues": [{"dataElement": "GDHT", "orgUnit": MONG_CAI}]},
            409,
        ),
    ]


def call(client: Any, method: str, path: str, data: dict[str, Any]) -> Any:
    if method == "get":
        return client.get(path, **data)
    return client.send(method, path, data)


def route_of(path: str) -> str:
    """The description's path of a concrete one (/api/obligations/7/report → …/{}/report)."""
    return re.sub(r"/(\d+|" + MONG_CAI + r")(?=/|$)", "/{}", path)


@pytest.mark.parametrize("role", ROLES)
def test_another_units_objects_answer_404_on_every_route(personas: Personas, role: str) -> None:
    campaign = seed_campaign()
    rows = table(campaign, sent_report_of_mong_cai(campaign))
    client = api_client(getattr(personas, role))
    for method, path, data, expected in rows:
        answer = call(client, method, path, data)
        wanted = 404 if role == "outsider" and "dataValueSets" in path else expected
        assert answer.status_code == wanted, (role, method, path, answer.json())
        if wanted == 404:
            assert answer.json()["code"] in ("not_found", "no_report"), (method, path)
    # The Móng Cái officer, who sees them, is not refused (the table can fail).
    mongcai = api_client(personas.mongcai_officer)
    for method, path, data, _ in rows:
        if method == "get":
            assert call(mongcai, method, path, data).status_code == 200, path


def test_the_table_covers_every_route_of_the_description(personas: Personas) -> None:
    campaign = seed_campaign()
    rows = table(campaign, 1)
    described = {
        (method, re.sub(r"\{[^}]+\}", "{}", "/api" + path if not path.startswith("/api") else path))
        for path, methods in Client().get("/api/openapi.json").json()["paths"].items()
        for method in methods
    }
    covered = {(method, route_of(path)) for method, path, _, _ in rows} | OWN_LISTS
    unit_free = {
        ("get", "/api/campaigns/{}"),
        ("get", "/api/campaigns/{}/conferences"),
        ("get", "/api/campaigns/{}/papers"),
        ("get", "/api/orgunits/{}"),
    }
    assert described <= covered | unit_free, described - covered - unit_free


def test_the_campaigns_routes_are_404_for_an_account_of_no_unit(personas: Personas) -> None:
    c = seed_campaign().pk
    client = api_client(personas.outsider)
    for path in (
        f"/api/campaigns/{c}",
        f"/api/campaigns/{c}/conferences",
        f"/api/campaigns/{c}/papers",
    ):
        assert client.get(path).status_code == 404, path
    assert api_client(personas.halong_officer).get(f"/api/campaigns/{c}").status_code == 200


def test_a_read_only_token_gets_403_on_every_write(personas: Personas) -> None:
    campaign = seed_campaign()
    own = report_obligation(campaign, "193").pk
    reader = api_client(personas.halong_officer, read_only=True)
    writes: list[tuple[str, str, dict[str, Any]]] = [
        ("post", f"/api/obligations/{own}/report", {}),
        ("put", f"/api/obligations/{own}/report", {"revision": 0, "values": []}),
        ("post", f"/api/obligations/{own}/report/send", {}),
        ("post", "/api/dataValueSets", {"dataSet": str(campaign.pk), "dataValues": []}),
    ]
    for method, path, data in writes:
        answer = call(reader, method, path, data)
        assert answer.status_code == 403 and answer.json()["code"] == "read_only_token", path
    assert not unit("193").obligations.filter(report__isnull=False).exists()


def test_every_route_answers_401_without_a_token(personas: Personas) -> None:
    campaign = seed_campaign()
    anonymous = Client()
    description = anonymous.get("/api/openapi.json").json()
    for path, methods in description["paths"].items():
        concrete = re.sub(r"\{[^}]*code[^}]*\}", "193", path)
        concrete = re.sub(r"\{[^}]+\}", str(campaign.pk), concrete)
        for method in methods:
            answer = getattr(anonymous, method)(concrete, content_type="application/json")
            assert answer.status_code == 401, (method, path)
            assert answer.json()["code"] == "unauthenticated"
