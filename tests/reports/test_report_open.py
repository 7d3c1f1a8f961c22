"""Opening a report: one draft per obligation, even when two requests start it at once, and
a preview that writes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db.models import QuerySet

from tests.conftest import Personas, PublishedCampaign
from tests.reports.factories import report_obligation
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports.editing import report_open, report_preview
from xhht.reports.models import DataValue, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 5), content_pack=True)


def test_a_report_started_meanwhile_is_the_one_given(
    campaign: Campaign, personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = personas.commune_officer_of_bai_chay
    obligation = report_obligation(campaign, "06673")
    started = report_open(obligation=obligation, user=officer)
    rows = DataValue.objects.filter(report=started).count()
    # This request looked before the other one's draft was made: it saw none.
    looked: list[bool] = []
    first = QuerySet.first

    def saw_none_once(self: QuerySet[Any]) -> Any:
        if self.model is Report and not looked:
            looked.append(True)
            return None
        return first(self)

    monkeypatch.setattr(QuerySet, "first", saw_none_once)
    again = report_open(obligation=obligation, user=officer)
    assert looked and again.pk == started.pk
    assert Report.objects.filter(obligation=obligation).count() == 1
    assert DataValue.objects.filter(report=started).count() == rows
    assert AuditEntry.objects.filter(action="report.opened").count() == 1


def test_a_preview_writes_nothing(campaign: Campaign, personas: Personas) -> None:
    obligation = report_obligation(campaign, "SNV")
    with report_preview(obligation=obligation, user=personas.home_affairs_officer) as draft:
        assert draft.pk is not None and draft.values.exists()
    assert not Report.objects.filter(obligation=obligation).exists()
    assert not DataValue.objects.filter(report__obligation=obligation).exists()
    assert not AuditEntry.objects.filter(action="report.opened").exists()
