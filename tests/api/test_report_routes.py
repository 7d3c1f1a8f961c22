"""A report through the API: opened, read, changed and sent with the page's rules, scope and
audit; a unit's own draft stays its own; a stale revision is a 409."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import ApiClient, api_client
from tests.conftest import Personas
from tests.reports.factories import PDF_BYTES, report_obligation, seed_campaign
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports.models import Report

pytestmark = pytest.mark.django_db

BAI_CHAY, HA_KHAU = "06673", "06652"  # two wards of Hạ Long


def url(campaign: Campaign, code: str, tail: str = "") -> str:
    return f"/api/obligations/{report_obligation(campaign, code).pk}/report{tail}"


def filled(client: ApiClient, address: str) -> dict[str, Any]:
    """Every figure given (1 of 2), so that the report may be sent."""
    report = client.get(address).json()
    values = [
        {"indicator": v["indicator"], "value": 1, **({"denominator": 2} if v["is_ratio"] else {})}
        for v in report["values"]
    ]
    answer = client.put(address, {"revision": report["revision"], "values": values})
    assert answer.status_code == 200, answer.json()
    return dict(answer.json())


def test_a_commune_opens_fills_and_reads_its_report(personas: Personas) -> None:
    campaign = seed_campaign()
    client = api_client(personas.commune_officer_of_bai_chay)
    address = url(campaign, BAI_CHAY)
    missing = client.get(address)
    assert missing.status_code == 404 and missing.json()["code"] == "no_report"
    opened = client.post(address)
    assert opened.status_code == 201
    body = opened.json()
    assert body["unit"] == BAI_CHAY and body["status"] == "draft"
    assert not body["entered_by_unit_above"]
    assert client.post(address).status_code == 200  # already open: given back
    section = body["sections"][0]["id"]
    change = {
        "revision": body["revision"],
        "sections": {str(section): "Xã đã tổ chức **hội nghị**."},
        "values": [{"indicator": "GDHT", "value": 120, "justification": "Theo điều tra"}],
    }
    saved = client.put(address, change)
    assert saved.status_code == 200, saved.json()
    after = saved.json()
    assert after["revision"] == body["revision"] + 1
    gdht = next(v for v in after["values"] if v["indicator"] == "GDHT")
    assert gdht["value"] == 120 and gdht["justification"] == "Theo điều tra"
    assert after["sections"][0]["text"] == "Xã đã tổ chức **hội nghị**."
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"report.opened", "report.value_changed", "report.text_changed"} <= actions


def test_a_change_from_an_older_revision_is_409_and_writes_nothing(personas: Personas) -> None:
    campaign = seed_campaign()
    client = api_client(personas.commune_officer_of_bai_chay)
    address = url(campaign, BAI_CHAY)
    revision = client.post(address).json()["revision"]
    first = {"revision": revision, "values": [{"indicator": "GDHT", "value": 5}]}
    assert client.put(address, first).status_code == 200
    stale = client.put(
        address, {"revision": revision, "values": [{"indicator": "GDHT", "value": 6}]}
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale"
    gdht = next(v for v in client.get(address).json()["values"] if v["indicator"] == "GDHT")
    assert gdht["value"] == 5


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ([{"indicator": "GDHT", "value": -1}], "values[0].value", "quá nhỏ"),
        ([{"indicator": "GDHT", "value": "nhiều"}], "values[0].value", "số nguyên"),
        ([{"indicator": "KHONGCO", "value": 1}], "values[0].indicator", "KHONGCO"),
        ([{"indicator": "GDHT"}, {"indicator": "GDHT"}], "values[1].indicator", "hai lần"),
    ],
)
def test_a_bad_figure_is_400_naming_it_and_nothing_is_written(
    personas: Personas, values: list[dict[str, Any]], field: str, words: str
) -> None:
    campaign = seed_campaign()
    client = api_client(personas.commune_officer_of_bai_chay)
    address = url(campaign, BAI_CHAY)
    revision = client.post(address).json()["revision"]
    answer = client.put(address, {"revision": revision, "values": values})
    assert answer.status_code == 400
    body = answer.json()
    assert body["field"] == field and words in body["message"], body
    assert Report.objects.get(obligation__unit__code=BAI_CHAY).revision == revision


def test_a_communes_own_draft_is_not_the_districts(personas: Personas) -> None:
    campaign = seed_campaign()
    api_client(personas.commune_officer_of_bai_chay).post(url(campaign, BAI_CHAY))
    district = api_client(personas.halong_officer)
    assert district.get(url(campaign, BAI_CHAY)).status_code == 404
    refused = district.post(url(campaign, BAI_CHAY))
    assert refused.status_code == 409 and refused.json()["code"] == "own_draft"
    put = district.put(url(campaign, BAI_CHAY), {"revision": 0, "values": []})
    assert put.status_code == 409
    # A commune without a report: the district opens it on the commune's behalf.
    opened = district.post(url(campaign, HA_KHAU))
    assert opened.status_code == 201 and opened.json()["entered_by_unit_above"]
    assert district.get(url(campaign, HA_KHAU)).status_code == 200


def test_other_units_reports_are_404_and_a_read_only_token_may_not_write(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    api_client(personas.commune_officer_of_bai_chay).post(url(campaign, BAI_CHAY))
    for user in (personas.mongcai_officer, personas.outsider):
        client = api_client(user)
        assert client.get(url(campaign, BAI_CHAY)).status_code == 404
        assert client.post(url(campaign, BAI_CHAY)).status_code == 404
    reader = api_client(personas.commune_officer_of_bai_chay, read_only=True)
    assert reader.get(url(campaign, BAI_CHAY)).status_code == 200
    answer = reader.put(url(campaign, BAI_CHAY), {"revision": 0, "values": []})
    assert answer.status_code == 403


def test_sending_needs_the_signature_and_the_figures_then_the_district_reads_it(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    client = api_client(personas.commune_officer_of_bai_chay)
    address = url(campaign, BAI_CHAY)
    client.post(address)
    signature = {
        "number": "25/BC-UBND",
        "signed_on": "05/06/2013",
        "signer_name": "Nguyễn Văn Hùng",
        "signer_capacity": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    }

    def send(**fields: Any) -> Any:
        data = {**signature, **fields}
        data.setdefault("signed_file", SimpleUploadedFile("bao-cao.pdf", PDF_BYTES))
        return client.client.post(address + "/send", data, headers=client.headers)

    unfinished = send()
    assert unfinished.status_code == 409 and unfinished.json()["errors"]
    no_name = send(signer_name="")
    assert no_name.status_code == 400 and no_name.json()["field"] == "signer_name"
    filled(client, address)
    sent = send()
    assert sent.status_code == 200, sent.json()
    assert sent.json()["status"] == "sent" and sent.json()["first_sent_on"] == "2013-06-20"
    assert AuditEntry.objects.filter(action="report.sent").count() == 1
    district = api_client(personas.halong_officer)
    assert district.get(address).json()["status"] == "sent"
    assert client.put(address, {"revision": 99, "values": []}).status_code == 409
