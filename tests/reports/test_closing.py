"""Closing a campaign: the sent and accepted figures kept as the next campaign's baseline,
once; the next campaign's reports start from them; a closed campaign's reports refused."""

from __future__ import annotations

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime

from tests.campaigns.factories import publish, seed_directive
from tests.conftest import Personas, client_for, unit
from tests.reports.factories import report_obligation, seed_campaign, signature, signed_pdf
from tests.reports.figures import report_with
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports.baselines import baseline_for
from xhht.reports.closing import ALREADY_CLOSED, CampaignCloseError, campaign_close
from xhht.reports.editing import (
    CAMPAIGN_CLOSED,
    ReportError,
    figures_save,
    report_open,
    report_save,
)
from xhht.reports.models import Baseline, DataValue, Report, ReportStatus
from xhht.reports.services import (
    report_accept,
    report_register,
    report_return,
    report_send,
)

pytestmark = pytest.mark.django_db

BAI_CHAY, HA_KHANH, HA_PHONG, TRAN_PHU = "06673", "06649", "06652", "06712"


def figures_of(report: Report) -> dict[str, tuple[Any, Any]]:
    return {
        row.indicator.code: (row.value, row.denominator)
        for row in report.values.select_related("indicator")
    }


def baselines_of(campaign: Campaign, code: str) -> dict[str, tuple[Any, Any]]:
    rows = Baseline.objects.filter(campaign=campaign, unit=unit(code)).select_related("indicator")
    return {row.indicator.code: (row.value, row.denominator) for row in rows}


def carried_into(report: Report) -> dict[str, tuple[Any, Any]]:
    return {
        row.indicator.code: (row.baseline, row.baseline_denominator)
        for row in report.values.select_related("indicator")
    }


def later_campaign() -> Campaign:
    """The province's next campaign (its final review), with figures as of 2015."""
    later = publish(seed_directive())
    Campaign.objects.filter(pk=later.pk).update(data_cutoff=date(2015, 5, 31))
    later.refresh_from_db()
    return later


def test_closing_keeps_the_sent_and_accepted_figures_and_leaves_the_rest_out(
    personas: Personas,
) -> None:
    campaign = seed_campaign()
    accepted = report_with(campaign, BAI_CHAY, {"GDHT": {"value": 40, "denominator": 100}})
    report_accept(report=accepted, user=personas.halong_officer, despite_problems=True)
    sent = report_with(campaign, TRAN_PHU, {"GDHT": {"value": 7, "denominator": 9}})
    returned = report_with(campaign, HA_KHANH)
    report_return(report=returned, user=personas.halong_officer, reason="Thiếu số liệu")
    report_with(campaign, HA_PHONG, send=False)  # a draft

    kept = campaign_close(campaign=campaign, user=personas.province_officer)

    assert baselines_of(campaign, BAI_CHAY) == figures_of(accepted)
    assert baselines_of(campaign, BAI_CHAY)["GDHT"] == (40, 100)
    assert baselines_of(campaign, TRAN_PHU) == figures_of(sent)
    assert baselines_of(campaign, HA_KHANH) == {} and baselines_of(campaign, HA_PHONG) == {}
    assert kept == Baseline.objects.count() == len(figures_of(accepted)) + len(figures_of(sent))
    campaign.refresh_from_db()
    assert campaign.is_closed and campaign.closed_by == personas.province_officer
    entry = AuditEntry.objects.get(action="campaign.closed")
    assert entry.user == personas.province_officer and entry.unit == unit("22")
    assert entry.changes["baselines"] == [None, kept]


def test_a_second_close_is_refused_and_writes_nothing(personas: Personas) -> None:
    campaign = seed_campaign()
    report_with(campaign, BAI_CHAY)
    campaign_close(campaign=campaign, user=personas.province_officer)
    campaign.refresh_from_db()
    closed_at = campaign.closed_at
    assert closed_at is not None
    counts = (Baseline.objects.count(), AuditEntry.objects.count())
    with translation.override("en"), pytest.raises(CampaignCloseError) as refused:
        campaign_close(campaign=Campaign.objects.get(pk=campaign.pk), user=personas.viewer)
    assert str(refused.value) == ALREADY_CLOSED % {
        "date": f"{localtime(closed_at):%d/%m/%Y}",
        "who": "so-gddt",
    }
    assert (Baseline.objects.count(), AuditEntry.objects.count()) == counts
    campaign.refresh_from_db()
    assert campaign.closed_at == closed_at and campaign.closed_by == personas.province_officer


def test_the_next_campaign_starts_from_the_closed_ones_figures(personas: Personas) -> None:
    earlier = seed_campaign()
    report_with(earlier, BAI_CHAY, {"GDHT": {"value": 40, "denominator": 100}})
    report_with(earlier, TRAN_PHU, {"GDHT": {"value": 30, "denominator": 90}})
    later = later_campaign()
    assert baseline_for(later).source is None  # nothing closed yet
    # Bãi Cháy opens its next report before the mid-term review closes, and types a baseline.
    officer = personas.commune_officer_of_bai_chay
    opened_before = report_open(obligation=report_obligation(later, BAI_CHAY), user=officer)
    gdht = opened_before.values.get(indicator__code="GDHT")
    report_save(
        report=opened_before,
        texts={},
        values={gdht.indicator_id: {"baseline": 41, "baseline_denominator": 101}},
        user=officer,
    )

    campaign_close(campaign=earlier, user=personas.province_officer)

    carried = baseline_for(later)
    assert carried.source == earlier and baseline_for(earlier).source is None
    assert carried.figures[(unit(TRAN_PHU).pk, gdht.indicator_id)] == (30, 90)
    kept = baselines_of(earlier, BAI_CHAY)
    in_later = carried_into(opened_before)
    assert in_later.pop("GDHT") == (41, 101)  # what the unit typed stays
    assert in_later == {code: kept[code] for code in in_later}
    opened_before.refresh_from_db()
    assert opened_before.baseline_from == earlier
    opened_after = report_open(obligation=report_obligation(later, TRAN_PHU), user=None)
    assert carried_into(opened_after)["GDHT"] == (30, 90)
    assert carried_into(opened_after) == baselines_of(earlier, TRAN_PHU)
    assert opened_after.baseline_from == earlier
    page = client_for(personas.commune_officer_of_tran_phu).get(
        reverse("reports:report", args=[opened_after.obligation_id])
    )
    assert 'id="baseline-from"' in page.content.decode() and earlier.title in page.content.decode()
    assert AuditEntry.objects.filter(action="report.value_changed", object_id=str(gdht.pk)).exists()


def test_a_later_campaigns_report_with_no_closed_campaign_before_it_starts_blank(
    personas: Personas,
) -> None:
    earlier = seed_campaign()
    report_with(earlier, BAI_CHAY)
    later = later_campaign()
    campaign_close(campaign=later, user=personas.province_officer)  # the later one, closed
    report = report_open(obligation=report_obligation(earlier, TRAN_PHU), user=None)
    assert {b for b in carried_into(report).values()} == {(None, None)}
    assert report.baseline_from is None


def _state(report: Report) -> tuple[Any, ...]:
    report.refresh_from_db()
    rows = sorted(DataValue.objects.filter(report=report).values_list("pk", "value", "baseline"))
    return report.status, report.revision, tuple(rows), AuditEntry.objects.count()


def test_a_closed_campaign_refuses_every_change_to_its_reports(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    draft = report_with(campaign, BAI_CHAY, send=False, user=officer)
    sent = report_with(campaign, TRAN_PHU)
    campaign_close(campaign=campaign, user=personas.province_officer)
    campaign.refresh_from_db()
    assert campaign.closed_at is not None
    closed = CAMPAIGN_CLOSED % {"date": f"{localtime(campaign.closed_at):%d/%m/%Y}"}
    row = draft.values.first()
    assert row is not None
    before, before_sent = _state(draft), _state(sent)
    with translation.override("en"):
        with pytest.raises(ReportError) as refused:
            report_save(
                report=draft, texts={}, values={row.indicator_id: {"value": 5}}, user=officer
            )
        assert str(refused.value) == closed
        with pytest.raises(ReportError, match="closed"):
            figures_save(changes={draft: {row.indicator_id: {"value": 5}}}, user=officer)
        with pytest.raises(ReportError, match="closed"):
            report_send(report=draft, user=officer, signature=signature(), signed_file=signed_pdf())
        with pytest.raises(ReportError, match="closed"):
            report_return(report=sent, user=personas.mongcai_officer, reason="Thiếu")
        with pytest.raises(ReportError, match="closed"):
            report_accept(report=sent, user=personas.mongcai_officer)
        with pytest.raises(ReportError, match="closed"):
            report_register(
                obligation=report_obligation(campaign, HA_KHANH),
                user=personas.halong_officer,
                channel="paper",
                received_number="12",
                received_on=date(2013, 6, 10),
                signature=signature(),
                scan=signed_pdf(),
            )
    assert _state(draft) == before and _state(sent) == before_sent
    assert draft.status == ReportStatus.DRAFT and draft.attachments.count() == 0
    assert not Report.objects.filter(obligation=report_obligation(campaign, HA_KHANH)).exists()


def test_the_command_closes_once_and_says_why_not(personas: Personas) -> None:
    campaign = seed_campaign()
    report_with(campaign, BAI_CHAY)
    out = StringIO()
    with translation.override("en"):
        call_command("close_campaign", str(campaign.pk), stdout=out)
        assert "figures carried forward" in out.getvalue()
        with pytest.raises(CommandError, match="already closed"):
            call_command("close_campaign", str(campaign.pk))
        with pytest.raises(CommandError, match="No campaign 999999"):
            call_command("close_campaign", "999999")
    assert Campaign.objects.get(pk=campaign.pk).is_closed
    assert Baseline.objects.filter(campaign=campaign).exists()
