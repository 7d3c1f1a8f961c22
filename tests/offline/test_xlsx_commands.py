"""`xhht export_xlsx` and `xhht import_xlsx`: what the pages do, from the command line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command, load_command_class
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import load_workbook

from tests.conftest import Personas, unit
from tests.reports.factories import seed_campaign
from xhht.audit.models import AuditEntry
from xhht.indicators.models import Indicator
from xhht.reports.models import DataValue, Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are asserted on their English source strings."""
    with translation.override("en"):
        yield


def test_export_fill_import_round_trip(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = seed_campaign()
    out = tmp_path / "halong.xlsx"
    call_command("export_xlsx", str(campaign.pk), "--unit", "193", "--communes", "--out", str(out))
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    assert ws.max_row - 3 == 20
    ws.cell(row=4, column=6, value=5)  # the first indicator's value
    ws.cell(row=4, column=7, value=10)
    wb.save(out)
    call_command("import_xlsx", str(out), "--user", "halong")
    assert "1 rows changed in 1 reports" in capsys.readouterr().out
    code = ws.cell(row=4, column=1).value
    assert isinstance(code, str)
    row = DataValue.objects.get(report__obligation__unit=unit(code), value=5)
    assert row.denominator == 10
    # The district entered it for the commune: recorded as on the page.
    assert row.report.entered_by_reviewer and row.report.updated_by == personas.halong_officer
    assert AuditEntry.objects.get(action="report.entered_by_reviewer").user == (
        personas.halong_officer
    )
    # The same file again: nothing changes and nothing is refused.
    call_command("import_xlsx", str(out), "--user", "halong")
    assert "0 rows changed in 0 reports" in capsys.readouterr().out


def test_without_user_the_changes_are_recorded_with_no_user_as_the_help_says(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parser = load_command_class("xhht.offline", "import_xlsx").create_parser("xhht", "import_xlsx")
    assert "recorded with no user" in " ".join(parser.format_help().split())
    campaign = seed_campaign()
    out = tmp_path / "baichay.xlsx"
    call_command("export_xlsx", str(campaign.pk), "--unit", "06673", "--out", str(out))
    wb = load_workbook(out)
    wb.worksheets[0]["H4"] = 3
    wb.save(out)
    call_command("import_xlsx", str(out))
    entry = AuditEntry.objects.get(action="report.value_changed")
    assert entry.user is None and entry.changes["value"] == [None, 3]
    assert not Report.objects.get().entered_by_reviewer


def test_import_prints_every_error_and_exits_2_saving_nothing(
    personas: Personas, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = seed_campaign()
    out = tmp_path / "baichay.xlsx"
    call_command("export_xlsx", str(campaign.pk), "--unit", "06673", "--out", str(out))
    wb = load_workbook(out)
    ws = wb.worksheets[0]
    ws["H4"] = "mười"
    ws["H5"] = -1
    ws["H6"] = 50
    ws["I6"] = 40
    wb.save(out)
    with pytest.raises(CommandError) as refused:
        call_command("import_xlsx", str(out))
    assert refused.value.returncode == 2
    err = capsys.readouterr().err
    sheet = ws.title
    codes = [ws.cell(row=r, column=1).value for r in (4, 5, 6)]
    names = [Indicator.objects.get(code=code).name for code in codes]  # messages name them
    assert f"{sheet}!H4: {names[0]} (Value at the cut-off): “mười” is not a number" in err
    assert f"{sheet}!H5: {names[1]} (Value at the cut-off): -1 is negative" in err
    assert f"{sheet}!H6: {names[2]} (Value at the cut-off): 50 is more than the total 40" in err
    assert not DataValue.objects.filter(value__isnull=False).exists()
    with pytest.raises(CommandError) as refused:  # out of the user's scope
        call_command("import_xlsx", str(out), "--user", "tranphu")
    assert refused.value.returncode == 2


def test_export_refuses_an_unknown_unit(personas: Personas, tmp_path: Path) -> None:
    campaign = seed_campaign()
    with pytest.raises(CommandError, match="Unknown unit code"):
        call_command(
            "export_xlsx", str(campaign.pk), "--unit", "nope", "--out", str(tmp_path / "x")
        )
    with pytest.raises(CommandError, match="--communes needs a district"):
        call_command(
            "export_xlsx",
            str(campaign.pk),
            "--unit",
            "06673",
            "--communes",
            "--out",
            str(tmp_path / "x"),
        )


def test_export_to_a_folder_that_does_not_exist_says_so(personas: Personas, tmp_path: Path) -> None:
    campaign = seed_campaign()
    missing = tmp_path / "nonexistent" / "dir" / "x.xlsx"
    with pytest.raises(CommandError) as refused:
        call_command("export_xlsx", str(campaign.pk), "--unit", "06673", "--out", str(missing))
    assert refused.value.returncode == 2
    assert str(refused.value) == (
        f"Cannot write {missing}: the folder {missing.parent} does not exist."
    )
    folder = tmp_path / "a-folder.xlsx"
    folder.mkdir()
    with pytest.raises(CommandError, match=r"Cannot write .*a-folder\.xlsx: Is a directory"):
        call_command("export_xlsx", str(campaign.pk), "--unit", "06673", "--out", str(folder))
    assert not missing.parent.exists()
