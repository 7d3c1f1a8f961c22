"""`xhht rollup CAMPAIGN_ID --unit CODE --json`: the unit's figures, each child's, the targets."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import Personas
from tests.reports.factories import seed_campaign
from tests.reports.figures import report_with

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("rollup", *args, stdout=out)
    return out.getvalue()


def test_it_prints_a_district_and_each_commune_as_json(personas: Personas) -> None:
    campaign = seed_campaign()
    report_with(campaign, "06673", {"QN_GD_HIEU_HOC": {"value": 3, "denominator": 4}})
    report_with(campaign, "06649", {"QN_GD_HIEU_HOC": {"value": 1, "denominator": 6}})
    data = json.loads(run(str(campaign.pk), "--unit", "193", "--json"))
    assert data["unit"]["code"] == "193" and data["data_cutoff"] == "2013-04-30"
    assert data["reports_counted"] == "sent_or_accepted"
    row = next(r for r in data["indicators"] if r["code"] == "QN_GD_HIEU_HOC")
    assert (row["value"], row["denominator"], row["percent"]) == (4, 10, 40.0)
    assert (row["units_reported"], row["units_expected"]) == (2, 20)
    assert row["targets"] == [
        {"year": 2015, "value": 60.0, "source": "NQ 01-NQ/TV", "in_force_from": "2010-11-12",
         "national": False}
    ]  # fmt: skip  # NQ 01-NQ/TV: Quảng Ninh's own resolution
    gdht = next(r for r in data["indicators"] if r["code"] == "GDHT")
    assert gdht["targets"] == []  # QĐ 281/QĐ-TTg came into force in 2014
    children = {c["code"]: c for c in data["children"]}
    assert len(children) == 20
    assert children["06673"]["indicators"]["QN_GD_HIEU_HOC"]["percent"] == 75.0
    assert children["06652"]["indicators"]["QN_GD_HIEU_HOC"]["units_reported"] == 0


def test_without_a_unit_it_rolls_up_the_province_and_prints_a_table_for_people(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    report_with(campaign, "06673", {"QN_GD_HIEU_HOC": {"value": 3, "denominator": 4}})
    text = run(str(campaign.pk))
    assert "30/04/2013" in text.splitlines()[1]  # the cut-off as people write it
    line = next(line for line in text.splitlines() if line.startswith("QN_GD_HIEU_HOC"))
    # Vietnamese numbers in the table (the JSON keeps 75.0); a target of 60.00 reads 60.
    assert "75,0" in line and "1/186" in line.replace(" ", "") and "2015: 60 (" in line


def test_an_unknown_unit_or_campaign_is_refused(personas: Personas) -> None:
    campaign = seed_campaign()
    with pytest.raises(CommandError, match="99999"):
        run(str(campaign.pk), "--unit", "99999")
    with pytest.raises(CommandError):
        run("424242", "--json")
