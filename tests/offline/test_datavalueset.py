"""Figures in bulk in DHIS2's dataValueSets shape: each strategy, a dry run, all or nothing
with every conflict named by its positions, the reports' state and the user's scope, the
campaign's period, DHIS2's CSV, and the audit trail the report page writes."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.conftest import Personas, unit
from tests.reports.factories import report_obligation, seed_campaign, signature, signed_pdf
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.offline.datavalueset import (
    ABOVE_TOTAL_CODE,
    BAD_COMBO_CODE,
    BAD_PERIOD_CODE,
    BAD_VALUE_CODE,
    DUPLICATE_CODE,
    LOCKED_CODE,
    NOT_IN_SCOPE_CODE,
    OWN_DRAFT_CODE,
    UNKNOWN_INDICATOR_CODE,
    UNKNOWN_UNIT_CODE,
    ImportSummary,
    Strategy,
    datavalueset_import,
)
from xhht.offline.datavalueset_payload import (
    DataValueIn,
    PayloadError,
    values_from_csv,
    values_from_json,
)
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import DataValue, Report
from xhht.reports.services import report_send

pytestmark = pytest.mark.django_db

BAI_CHAY, HA_KHAU, HALONG, TRAN_PHU = "06673", "06676", "193", "06712"
CUTOFF = "20130430"  # the seed campaign's figures are as of 30/04/2013


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def dv(unit_code: str, element: str, value: Any, combo: str = "", **more: str) -> DataValueIn:
    return DataValueIn(
        data_element=element, org_unit=unit_code, category_option_combo=combo, value=value, **more
    )


def run(
    campaign: Campaign,
    values: list[DataValueIn],
    user: Any,
    *,
    dry_run: bool = False,
    strategy: Strategy = Strategy.CREATE_AND_UPDATE,
) -> ImportSummary:
    return datavalueset_import(
        campaign=campaign, values=values, user=user, dry_run=dry_run, strategy=strategy
    )


def row(unit_code: str, indicator: str) -> DataValue:
    return DataValue.objects.get(
        report__obligation__unit=unit(unit_code), indicator__code=indicator
    )


def counts(summary: ImportSummary) -> tuple[int, int, int, int]:
    return (summary.imported, summary.updated, summary.deleted, summary.ignored)


def test_create_and_update_writes_opens_the_report_and_audits_like_the_page(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    values = [
        dv(BAI_CHAY, "GDHT", "120", period=CUTOFF, comment="Số hộ tăng do tách hộ"),
        dv(BAI_CHAY, "GDHT", 400, "denominator", period="2013"),
        dv(BAI_CHAY, "DHHT", "1.234", "default"),  # Vietnamese thousands, as on the page
        dv(BAI_CHAY, "DHHT", "2000", "DENOMINATOR"),
    ]
    summary = run(campaign, values, officer)
    assert summary.status == "SUCCESS" and not summary.conflicts
    assert counts(summary) == (4, 0, 0, 0) and summary.reports_changed == 1
    gdht = row(BAI_CHAY, "GDHT")
    assert (gdht.value, gdht.denominator, gdht.justification) == (120, 400, "Số hộ tăng do tách hộ")
    assert (row(BAI_CHAY, "DHHT").value, row(BAI_CHAY, "DHHT").denominator) == (1234, 2000)
    entry = AuditEntry.objects.get(action="report.value_changed", object_id=str(gdht.pk))
    assert entry.user == officer and entry.changes["value"] == [None, 120]
    report = Report.objects.get(pk=gdht.report_id)
    assert report.revision == 1 and report.updated_by == officer
    assert not report.entered_by_reviewer  # the commune entered its own
    # The same set again: every value is as stored, nothing changes.
    again = run(campaign, values, officer)
    assert counts(again) == (0, 0, 0, 4) and again.status == "SUCCESS"
    assert Report.objects.get(pk=report.pk).revision == 1


def test_the_strategies_create_update_and_delete(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    run(campaign, [dv(BAI_CHAY, "GDHT", 10), dv(BAI_CHAY, "GDHT", 50, "denominator")], officer)
    both = [dv(BAI_CHAY, "GDHT", 20), dv(BAI_CHAY, "DHHT", 5)]
    # CREATE fills only empty fields: GDHT's value is stored and left.
    created = run(campaign, both, officer, strategy=Strategy.CREATE)
    assert counts(created) == (1, 0, 0, 1) and created.status == "WARNING"
    assert (row(BAI_CHAY, "GDHT").value, row(BAI_CHAY, "DHHT").value) == (10, 5)
    # UPDATE changes only fields holding a figure: GDHT_DIFFICULT's empty value is left.
    updates = [dv(BAI_CHAY, "GDHT", 30), dv(BAI_CHAY, "GDHT_DIFFICULT", 7)]
    updated = run(campaign, updates, officer, strategy=Strategy.UPDATE)
    assert counts(updated) == (0, 1, 0, 1) and updated.left_by_strategy == 1
    assert row(BAI_CHAY, "GDHT").value == 30 and row(BAI_CHAY, "GDHT_DIFFICULT").value is None
    # DELETE clears the fields, whatever the value says; an empty one is ignored.
    deletes = [dv(BAI_CHAY, "GDHT", "", "denominator"), dv(BAI_CHAY, "CDHT", "")]
    deleted = run(campaign, deletes, officer, strategy=Strategy.DELETE)
    assert counts(deleted) == (0, 0, 1, 1) and deleted.status == "SUCCESS"
    assert (row(BAI_CHAY, "GDHT").value, row(BAI_CHAY, "GDHT").denominator) == (30, None)
    changes = AuditEntry.objects.filter(action="report.value_changed", user=officer)
    assert changes.count() == 4  # an entry per row written: GDHT three times, DHHT once


def test_a_dry_run_counts_and_writes_nothing(personas: Personas) -> None:
    campaign = seed_campaign()
    halong = personas.halong_officer
    values = [dv(BAI_CHAY, "GDHT", 3), dv(HA_KHAU, "GDHT", 4), dv(HA_KHAU, "DHHT", 1)]
    audited = AuditEntry.objects.count()
    summary = run(campaign, values, halong, dry_run=True)
    assert summary.dry_run and summary.status == "SUCCESS" and counts(summary) == (3, 0, 0, 0)
    assert summary.as_dhis2()["dryRun"] is True
    assert not Report.objects.filter(obligation__unit__code__in=[BAI_CHAY, HA_KHAU]).exists()
    assert AuditEntry.objects.count() == audited


def test_one_bad_value_among_many_writes_nothing_and_is_named_by_its_index(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    values = [
        dv(BAI_CHAY, "GDHT", 0),
        dv(BAI_CHAY, "DHHT", 0),
        dv(BAI_CHAY, "DHHT", 1, "denominator"),
    ]
    values += [dv(BAI_CHAY, "CDHT", "12,5"), dv(BAI_CHAY, "NO_SUCH", 1)]
    values += [dv(BAI_CHAY, "CDHT", -3, "denominator"), dv(BAI_CHAY, "GDHT", 1, "target")]
    summary = run(campaign, values, officer)
    assert summary.status == "ERROR" and counts(summary) == (0, 0, 0, len(values))
    found = {(c.error_code, c.object, c.property): c.indexes for c in summary.conflicts}
    assert found == {
        (BAD_VALUE_CODE, "CDHT", "value"): [3],
        (UNKNOWN_INDICATOR_CODE, "NO_SUCH", "dataElement"): [4],
        (BAD_VALUE_CODE, "CDHT", "denominator"): [5],
        (BAD_COMBO_CODE, "target", "categoryOptionCombo"): [6],
    }
    bad = next(c for c in summary.conflicts if c.indexes == [3])
    assert bad.value == "12,5" and "is not a whole number" in bad.message
    assert not Report.objects.filter(obligation__unit__code=BAI_CHAY).exists()
    answer = summary.as_dhis2()
    assert answer["status"] == "ERROR" and answer["importCount"]["imported"] == 0
    assert set(answer["conflicts"][0]) == {
        "object",
        "value",
        "errorCode",
        "property",
        "indexes",
        "message",
    }


def test_a_part_above_its_total_and_a_figure_given_twice_are_conflicts(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    run(campaign, [dv(BAI_CHAY, "GDHT", 50, "denominator")], officer)
    values = [dv(BAI_CHAY, "GDHT", 60), dv(BAI_CHAY, "DHHT", 1), dv(BAI_CHAY, "DHHT", 2)]
    summary = run(campaign, values, officer)
    found = {(c.error_code, c.object): c.indexes for c in summary.conflicts}
    assert found == {(ABOVE_TOTAL_CODE, "GDHT"): [0], (DUPLICATE_CODE, "DHHT"): [1, 2]}
    assert row(BAI_CHAY, "GDHT").value is None


def test_a_sent_report_is_refused(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=report_obligation(campaign, BAI_CHAY), user=officer)
    figures = {v.indicator_id: {"value": 1, "denominator": 2} for v in report.values.all()}
    report = report_save(report=report, texts={}, values=figures, user=officer)
    report_send(report=report, user=officer, signature=signature(), signed_file=signed_pdf())
    summary = run(campaign, [dv(BAI_CHAY, "GDHT", 2), dv(BAI_CHAY, "DHHT", 1)], officer)
    assert [(c.error_code, c.object, c.indexes) for c in summary.conflicts] == [
        (LOCKED_CODE, BAI_CHAY, [0, 1])
    ]
    assert row(BAI_CHAY, "DHHT").value == 1


def test_another_districts_commune_and_a_communes_own_draft_are_refused(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    halong = personas.halong_officer
    report_open(obligation=report_obligation(campaign, BAI_CHAY), user=None)
    values = [dv(TRAN_PHU, "GDHT", 1), dv(BAI_CHAY, "GDHT", 1), dv(HA_KHAU, "GDHT", 1)]
    summary = run(campaign, values, halong)
    found = {(c.error_code, c.object): c.indexes for c in summary.conflicts}
    # Móng Cái's commune is not told apart from a code of no unit; Bãi Cháy's draft is its own.
    assert found == {(UNKNOWN_UNIT_CODE, TRAN_PHU): [0], (OWN_DRAFT_CODE, BAI_CHAY): [1]}
    assert not Report.objects.filter(obligation__unit__code=HA_KHAU).exists()
    # The province sees the commune but enters only its districts' reports.
    province = run(campaign, [dv(BAI_CHAY, "GDHT", 1)], personas.province_officer)
    assert [c.error_code for c in province.conflicts] == [NOT_IN_SCOPE_CODE]


def test_the_district_entering_for_its_commune_is_recorded(personas: Personas) -> None:
    campaign = seed_campaign()
    halong = personas.halong_officer
    summary = run(campaign, [dv(HA_KHAU, "GDHT", 7), dv(HA_KHAU, "GDHT", 9, "denominator")], halong)
    assert counts(summary) == (2, 0, 0, 0)
    report = Report.objects.get(obligation__unit__code=HA_KHAU)
    assert report.entered_by_reviewer and report.updated_by == halong
    assert AuditEntry.objects.filter(action="report.entered_by_reviewer", user=halong).count() == 1


def test_a_period_other_than_the_campaigns_is_a_conflict(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    values = [dv(BAI_CHAY, "GDHT", 1, period="20131231"), dv(BAI_CHAY, "DHHT", 1, period="2012")]
    summary = run(campaign, values, officer)
    assert [(c.error_code, c.value, c.indexes) for c in summary.conflicts] == [
        (BAD_PERIOD_CODE, "20131231", [0]),
        (BAD_PERIOD_CODE, "2012", [1]),
    ]
    assert "30/04/2013" in summary.conflicts[0].message


def test_csv_with_or_without_its_header_and_with_quoted_values() -> None:
    header = (
        "DataElement,Period,OrgUnit,CategoryOptionCombo,AttributeOptionCombo,Value,"
        "StoredBy,LastUpdated,Comment,FollowUp\r\n"
    )
    body = (
        'GDHT,20130430,06673,default,,"1.234",admin,2013-05-01,"Tăng, do ""tách hộ""",false\r\n'
        "\r\n"
        "GDHT,20130430,06673,denominator,,2000\r\n"
    )
    for text in ("\ufeff" + header + body, body):
        values = values_from_csv(text).values
        assert [(v.data_element, v.org_unit, v.category_option_combo, v.value) for v in values] == [
            ("GDHT", BAI_CHAY, "default", "1.234"),
            ("GDHT", BAI_CHAY, "denominator", "2000"),
        ]
        assert values[0].comment == 'Tăng, do "tách hộ"'
        assert values[0].period == CUTOFF
    reordered = values_from_csv("orgunit,value,dataelement\n06673,5,DHHT\n").values
    assert (reordered[0].org_unit, reordered[0].value, reordered[0].data_element) == (
        BAI_CHAY,
        "5",
        "DHHT",
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("GDHT,2013,06673\n", "line 1"),  # no value column
        ("GDHT,2013,06673,,,1\nGDHT,2013,06673,,,1,,,,,extra\n", "line 2"),
        ('GDHT,2013,06673,,,"1\n', "line 1"),  # a quote never closed
        ("dataelement,orgunit\nGDHT,06673\n", "line 1"),  # a header without value
        ("GDHT,2013,06673,,," + "9" * 60 + "\n", "line 1"),
    ],
)
def test_csv_that_cannot_be_read_names_its_line(text: str, where: str) -> None:
    with pytest.raises(PayloadError) as raised:
        values_from_csv(text)
    assert raised.value.where == where


def test_json_takes_the_sets_unit_and_period_and_refuses_a_wrong_shape() -> None:
    payload = {
        "dataSet": "7",
        "orgUnit": BAI_CHAY,
        "period": CUTOFF,
        "dataValues": [
            {"dataElement": "GDHT", "value": 3},
            {"dataElement": "DHHT", "orgUnit": 193},
        ],
    }
    read = values_from_json(payload)
    assert read.data_set == 7
    assert [(v.org_unit, v.period) for v in read.values] == [(BAI_CHAY, CUTOFF), (HALONG, CUTOFF)]
    for bad, where in [
        ([], "body"),
        ({"dataValues": {}}, "dataValues"),
        ({"dataValues": [{"value": 1}]}, "dataValues[0].dataElement"),
        ({"dataValues": [{"dataElement": "G", "value": [1]}]}, "dataValues[0].value"),
        ({"dataSet": str(2**63), "dataValues": []}, "dataSet"),
    ]:
        with pytest.raises(PayloadError) as raised:
            values_from_json(bad)
        assert raised.value.where == where


def test_the_command_imports_a_file_and_prints_the_summary(
    personas: Personas, tmp_path: Path
) -> None:
    campaign = seed_campaign()
    values = [{"dataElement": "GDHT", "orgUnit": HA_KHAU, "value": "8"}]
    file = tmp_path / "figures.json"
    file.write_text(json.dumps({"dataSet": campaign.pk, "dataValues": values}), encoding="utf-8")
    out = io.StringIO()
    call_command("import_datavalues", str(campaign.pk), str(file), "--dry-run", stdout=out)
    assert json.loads(out.getvalue())["importCount"]["imported"] == 1
    assert not Report.objects.filter(obligation__unit__code=HA_KHAU).exists()
    out = io.StringIO()
    call_command("import_datavalues", str(campaign.pk), str(file), "--user", "halong", stdout=out)
    assert json.loads(out.getvalue())["status"] == "SUCCESS"
    assert row(HA_KHAU, "GDHT").value == 8
    assert Report.objects.get(obligation__unit__code=HA_KHAU).updated_by == personas.halong_officer
    csv_file = tmp_path / "figures.csv"
    csv_file.write_text(f"GDHT,2013,{TRAN_PHU},,,5\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 conflicts"):
        call_command(
            "import_datavalues", str(campaign.pk), str(csv_file), "--user", "halong", stdout=out
        )
    csv_file.write_text('GDHT,2013,06673,,,"5\n', encoding="utf-8")
    with pytest.raises(CommandError, match="Line 1"):
        call_command("import_datavalues", str(campaign.pk), str(csv_file))
    with pytest.raises(CommandError, match="No campaign"):
        call_command("import_datavalues", "999999", str(file))
