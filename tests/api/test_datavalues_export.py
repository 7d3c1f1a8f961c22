"""Figures out in DHIS2's dataValueSets shape: what the user may read, in the shape the
import takes back unchanged."""

from __future__ import annotations

import pytest

from tests.api.conftest import api_client
from tests.conftest import Personas
from tests.reports.factories import report_obligation, seed_campaign, signature, signed_pdf
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import DataValue
from xhht.reports.services import report_send

pytestmark = pytest.mark.django_db

BAI_CHAY = "06673"


def test_a_commune_reads_its_figures_and_posts_them_back_unchanged(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=report_obligation(campaign, BAI_CHAY), user=officer)
    gdht = report.values.get(indicator__code="GDHT").indicator_id
    report_save(
        report=report,
        texts={},
        values={gdht: {"value": 120, "baseline": 90, "justification": "Điều tra hộ"}},
        user=officer,
    )
    client = api_client(officer)
    answer = client.get("/api/dataValueSets", dataSet=campaign.pk)
    assert answer.status_code == 200
    body = answer.json()
    assert body["dataSet"] == str(campaign.pk) and body["period"] == "20130430"
    by_combo = {v["categoryOptionCombo"]: v for v in body["dataValues"]}
    assert by_combo["default"]["value"] == "120" and by_combo["baseline"]["value"] == "90"
    assert by_combo["default"]["comment"] == "Điều tra hộ"
    assert {v["orgUnit"] for v in body["dataValues"]} == {BAI_CHAY}
    back = client.post("/api/dataValueSets", body)
    assert back.status_code == 200, back.json()
    counts = back.json()["importCount"]
    assert counts["imported"] == counts["updated"] == 0 and counts["ignored"] >= 2
    assert DataValue.objects.get(report=report, indicator_id=gdht).value == 120


def test_the_district_reads_a_communes_figures_only_once_sent(personas: Personas) -> None:
    campaign = seed_campaign()
    report = report_open(obligation=report_obligation(campaign, BAI_CHAY), user=None)
    rows = {v.indicator_id: {"value": 3, "denominator": 4} for v in report.values.all()}
    report = report_save(report=report, texts={}, values=rows, user=None)
    district = api_client(personas.halong_officer)
    query = {"dataSet": campaign.pk, "orgUnit": "193", "children": "true"}
    before = district.get("/api/dataValueSets", **query).json()["dataValues"]
    assert BAI_CHAY not in {v["orgUnit"] for v in before}
    report_send(report=report, user=None, signature=signature(), signed_file=signed_pdf())
    after = district.get("/api/dataValueSets", **query).json()["dataValues"]
    assert {v["value"] for v in after if v["orgUnit"] == BAI_CHAY} == {"3", "4"}
    alone = district.get("/api/dataValueSets", dataSet=campaign.pk, orgUnit="193").json()
    assert BAI_CHAY not in {v["orgUnit"] for v in alone["dataValues"]}


def test_another_districts_unit_or_a_missing_data_set_is_refused(personas: Personas) -> None:
    campaign = seed_campaign()
    district = api_client(personas.halong_officer)
    other = district.get("/api/dataValueSets", dataSet=campaign.pk, orgUnit="194")
    assert other.status_code == 404 and other.json()["field"] == "unit"
    missing = district.get("/api/dataValueSets")
    assert missing.status_code == 400 and missing.json()["field"] == "dataSet"
