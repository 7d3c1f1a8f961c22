"""`xhht import_directive FILE --publish` and `xhht campaign_status ID --json`."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pytest_django import Settings

from tests.campaigns.factories import SEED
from tests.conftest import unit
from xhht.campaigns.models import Campaign, Deliverable
from xhht.campaigns.services import conference_record

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_and_publish_prints_the_campaign_id_and_status_counts_it(settings: Settings) -> None:
    settings.XHHT_TODAY = date(2013, 6, 20)
    campaign_id = int(run("import_directive", str(SEED), "--publish").strip())
    campaign = Campaign.objects.get(pk=campaign_id)
    bai_chay = campaign.obligations.get(unit=unit("06673"), deliverable=Deliverable.CONFERENCE)
    conference_record(
        obligation=bai_chay,
        user=None,
        held_on=date(2013, 6, 8),
        venue="Nhà văn hóa",
        chair="Chủ tịch UBND phường",
        participants=80,
    )
    halong = campaign.obligations.get(unit=unit("06661"), deliverable=Deliverable.CONFERENCE)
    conference_record(
        obligation=halong,
        user=None,
        held_on=date(2013, 6, 12),
        venue="Hội trường",
        chair="Phó Chủ tịch",
        participants=50,
    )
    status = json.loads(run("campaign_status", str(campaign_id), "--json"))
    assert status["today"] == "2013-06-20"
    by_key = {(r["level"], r["deliverable"]): r for r in status["obligations"]}
    conferences = by_key[("commune", "conference")]
    assert conferences == {
        "level": "commune",
        "deliverable": "conference",
        "rule": "by",
        "date": "2013-06-10",
        "last_day": "2013-06-10",
        "total": 186,
        "on_time": 1,
        "late": 1,
        "overdue": 184,
        "pending": 0,
        "returned": 0,
    }
    reports = by_key[("district", "report")]
    assert (reports["rule"], reports["date"], reports["last_day"]) == (
        "before",
        "2013-06-30",
        "2013-06-29",
    )
    assert reports["pending"] == 14
    assert status["totals"]["total"] == 432


def test_import_without_publish_keeps_a_draft() -> None:
    directive_id = int(run("import_directive", str(SEED)).strip())
    assert not Campaign.objects.filter(directive_id=directive_id).exists()


def test_an_unreadable_file_exits_with_status_2(tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n%%EOF")
    with pytest.raises(CommandError) as caught:
        run("import_directive", str(bad), "--publish")
    assert caught.value.returncode == 2
    assert not Campaign.objects.exists()


def test_status_of_an_unknown_campaign_exits_with_status_2() -> None:
    with pytest.raises(CommandError) as caught:
        run("campaign_status", "999999", "--json")
    assert caught.value.returncode == 2
