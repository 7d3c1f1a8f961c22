"""`xhht export_xlsx` and `xhht import_xlsx`: what the pages do, from the command line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import load_workbook

from tests.conftest import Personas, unit
from tests.reports.factories import seed_campaign
from xhht.reports.models import DataValue

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
    row = DataValue.objects.get(report__obligation__unit=unit(code), value=5)
    assert row.denominator == 10


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
    assert f"{sheet}!H4: “mười” is not a number" in err
    assert f"{sheet}!H5: -1 is negative" in err
    assert f"{sheet}!H6: 50 is more than the total 40" in err
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
