"""POST /api/dataValueSets: DHIS2's dataValueSets as JSON or CSV, answered with DHIS2's
import summary (200, or 409 with every conflict); the error shape for no token (401), a
read-only token (403), another's campaign (404) and a body that cannot be read (400)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import ApiClient, api_client
from tests.conftest import Personas, unit
from tests.reports.factories import seed_campaign
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.offline.datavalueset import BAD_VALUE_CODE, UNKNOWN_UNIT_CODE
from xhht.reports.models import DataValue, Report

pytestmark = pytest.mark.django_db

BAI_CHAY, HA_KHAU, TRAN_PHU = "06673", "06676", "06712"
URL = "/api/dataValueSets"


def post_csv(client: ApiClient, path: str, text: str, kind: str = "text/csv") -> Any:
    return client.client.post(path, text, content_type=kind, headers=client.headers)


def figure(unit_code: str, indicator: str) -> DataValue:
    return DataValue.objects.get(
        report__obligation__unit=unit(unit_code), indicator__code=indicator
    )


def payload(campaign: Campaign, *values: dict[str, Any]) -> dict[str, Any]:
    return {"dataSet": str(campaign.pk), "period": "2013", "dataValues": list(values)}


def test_json_is_imported_and_answered_with_an_import_summary(personas: Personas) -> None:
    campaign = seed_campaign()
    client = api_client(personas.halong_officer)
    body = payload(
        campaign,
        {"dataElement": "GDHT", "orgUnit": HA_KHAU, "value": "12", "comment": "Theo điều tra"},
        {
            "dataElement": "GDHT",
            "orgUnit": HA_KHAU,
            "categoryOptionCombo": "denominator",
            "value": 40,
        },
    )
    answer = client.post(URL, body)
    assert answer.status_code == 200, answer.json()
    summary = answer.json()
    assert summary["responseType"] == "ImportSummary" and summary["status"] == "SUCCESS"
    assert summary["importCount"] == {"imported": 2, "updated": 0, "ignored": 0, "deleted": 0}
    assert summary["conflicts"] == [] and summary["dryRun"] is False
    assert summary["dataSetComplete"] == "false"
    row = figure(HA_KHAU, "GDHT")
    assert (row.value, row.denominator, row.justification) == (12, 40, "Theo điều tra")
    assert AuditEntry.objects.filter(
        action="report.value_changed", user=personas.halong_officer
    ).exists()


def test_csv_is_imported_with_the_campaign_in_the_query(personas: Personas) -> None:
    campaign = seed_campaign()
    client = api_client(personas.commune_officer_of_bai_chay)
    text = (
        "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,"
        "lastupdated,comment,followup\n"
        f'DHHT,20130430,{BAI_CHAY},,,"1.500",,,"Đã rà soát, cập nhật",\n'
        f"DHHT,20130430,{BAI_CHAY},denominator,,2000,,,,\n"
    )
    for kind in ("text/csv", "application/csv; charset=utf-8"):
        answer = post_csv(client, f"{URL}?dataSet={campaign.pk}", text, kind)
        assert answer.status_code == 200, answer.json()
    assert answer.json()["importCount"]["ignored"] == 2  # the second time: all as stored
    row = figure(BAI_CHAY, "DHHT")
    assert (row.value, row.denominator, row.justification) == (1500, 2000, "Đã rà soát, cập nhật")


def test_conflicts_answer_409_with_the_summary_and_write_nothing(personas: Personas) -> None:
    campaign = seed_campaign()
    client = api_client(personas.halong_officer)
    body = payload(
        campaign,
        {"dataElement": "GDHT", "orgUnit": HA_KHAU, "value": "5"},
        {"dataElement": "GDHT", "orgUnit": TRAN_PHU, "value": "5"},
        {"dataElement": "DHHT", "orgUnit": HA_KHAU, "value": "năm"},
    )
    answer = client.post(URL, body)
    assert answer.status_code == 409
    summary = answer.json()
    assert summary["status"] == "ERROR"
    assert summary["importCount"] == {"imported": 0, "updated": 0, "ignored": 3, "deleted": 0}
    found = {(c["errorCode"], c["object"]): c["indexes"] for c in summary["conflicts"]}
    assert found == {(UNKNOWN_UNIT_CODE, TRAN_PHU): [1], (BAD_VALUE_CODE, "DHHT"): [2]}
    bad = next(c for c in summary["conflicts"] if c["object"] == "DHHT")
    assert bad["value"] == "năm" and bad["property"] == "value" and bad["message"]
    assert not Report.objects.filter(obligation__unit__code=HA_KHAU).exists()


def test_a_dry_run_counts_and_writes_nothing(personas: Personas) -> None:
    campaign = seed_campaign()
    client = api_client(personas.halong_officer)
    body = payload(campaign, {"dataElement": "GDHT", "orgUnit": HA_KHAU, "value": "5"})
    answer = client.post(f"{URL}?dryRun=true&importStrategy=CREATE", body)
    assert answer.status_code == 200
    assert answer.json()["dryRun"] is True and answer.json()["importCount"]["imported"] == 1
    assert not Report.objects.filter(obligation__unit__code=HA_KHAU).exists()


def test_no_token_is_401_and_a_read_only_token_403(personas: Personas) -> None:
    campaign = seed_campaign()
    body = payload(campaign, {"dataElement": "GDHT", "orgUnit": HA_KHAU, "value": "5"})
    anonymous = ApiClient(None).post(URL, body)
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "unauthenticated"
    reader = api_client(personas.halong_officer, read_only=True).post(URL, body)
    assert reader.status_code == 403 and reader.json()["code"] == "read_only_token"
    assert not Report.objects.filter(obligation__unit__code=HA_KHAU).exists()


def test_a_campaign_the_user_cannot_see_is_404(personas: Personas) -> None:
    campaign = seed_campaign()
    body = {"dataSet": campaign.pk, "dataValues": []}
    outsider = api_client(personas.outsider).post(URL, body)
    assert outsider.status_code == 404 and outsider.json()["code"] == "not_found"
    missing = api_client(personas.halong_officer).post(f"{URL}?dataSet=999999", {"dataValues": []})
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("body", "kind", "field"),
    [
        ('{"dataSet": 1, "dataValues": [\n  {"dataElement": "GDHT",}\n]}', "json", "line 2"),
        ('{"dataSet": 1, "dataValues": [{"value": "1"}]}', "json", "dataValues[0].dataElement"),
        ('{"dataSet": 1, "dataValues": [{"dataElement": "G", "value": {}}]}', "json", None),
        ('{"dataSet": 1, "dataValues": [{"dataElement": "' + "G" * 51 + '"}]}', "json", None),
        ('{"dataSet": 99999999999999999999, "dataValues": []}', "json", "dataSet"),
        ('{"dataValues": [{"dataElement": "G", "value": 1' + "0" * 5000 + "}]}", "json", "body"),
        ("[" * 100_000 + "]" * 100_000, "json", "body"),
        ("GDHT,2013,06673,,,1\nGDHT,2013\n", "csv", "line 2"),
        ('GDHT,2013,06673,,,"1\n', "csv", "line 1"),
        ("GDHT,2013,06673,,,\xff\n", "latin", "body"),
        ("{}", "json", "dataSet"),
    ],
)
def test_a_body_that_cannot_be_read_is_400_naming_the_field_or_line(
    personas: Personas, body: str, kind: str, field: str | None
) -> None:
    client = api_client(personas.halong_officer)
    if kind == "json":
        answer = client.post(URL, body)
    elif kind == "latin":
        answer = client.client.post(
            f"{URL}?dataSet=1",
            body.encode("latin-1"),
            content_type="text/csv",
            headers=client.headers,
        )
    else:
        answer = post_csv(client, f"{URL}?dataSet=1", body)
    assert answer.status_code == 400, answer.content
    error = answer.json()
    assert error["code"] == "invalid" and error["message"]
    if field is not None:
        assert error["field"] == field


def test_another_content_type_is_415_and_the_route_is_documented(personas: Personas) -> None:
    client = api_client(personas.halong_officer)
    answer = client.client.post(URL, "x", content_type="text/plain", headers=client.headers)
    assert answer.status_code == 415 and answer.json()["code"] == "unsupported_media_type"
    schema = ApiClient(None).get("/api/openapi.json").json()
    operation = schema["paths"]["/api/dataValueSets"]["post"]
    content = operation["requestBody"]["content"]
    assert {"application/json", "text/csv", "application/csv"} <= set(content)
    assert "dataValues" in content["application/json"]["schema"]["properties"]
    names = {p["name"] for p in operation["parameters"]}
    assert names == {"dryRun", "importStrategy", "dataSet"}
    assert "409" in operation["responses"]
