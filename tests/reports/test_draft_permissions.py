"""A draft is its unit's own until it is sent: every page that shows a report's content ×
every persona, on a draft (404 to the units above), on a draft the unit above entered for
the unit (200 to it), and once sent (200 to whoever sees the unit)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.conftest import PERSONAS, Personas, PublishedCampaign, Row, assert_table, client_for
from tests.reports.factories import PDF_BYTES, report_obligation
from xhht.campaigns.models import Campaign
from xhht.kernel.clock import now
from xhht.reports.editing import report_open
from xhht.reports.models import Report, ReportAttachment, ReportStatus

pytestmark = pytest.mark.django_db

BAI_CHAY = "06673"
OWN = {"commune_officer_of_bai_chay"}
SEES_BAI_CHAY = {"province_officer", "viewer", "administrator", "halong_officer"} | OWN


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 12), content_pack=True, MEDIA_ROOT=tmp_path)


def _draft(campaign: Campaign) -> Report:
    """Bãi Cháy's draft, with a file attached to it."""
    report = report_open(obligation=report_obligation(campaign, BAI_CHAY), user=None)
    attached = ReportAttachment(
        report=report,
        kind=ReportAttachment.Kind.OTHER,
        original_name="ban-thao.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
        uploaded_at=now(),
    )
    attached.file.save("ban-thao.pdf", ContentFile(PDF_BYTES), save=False)
    attached.save()
    return report


def on(name: str) -> Callable[[Campaign], str]:
    return lambda c: reverse(name, args=[report_obligation(c, BAI_CHAY).pk])


def the_attachment(c: Campaign) -> str:
    return reverse("reports:attachment", args=[ReportAttachment.objects.get().pk])


def pages(readers: set[str]) -> list[Row[Campaign]]:
    """The pages of Bãi Cháy's report that show its content, read by `readers`."""
    return [
        Row("report", on("reports:report"), readers),
        Row("review", on("reports:review"), readers),
        Row("attachment", the_attachment, readers),
        Row("offline", on("offline:offline"), readers),
        Row("outline.docx", on("offline:word_download"), readers),
        Row("workbook.xlsx", on("offline:xlsx_download"), readers),
    ]


def test_a_draft_is_read_by_its_unit_alone(personas: Personas, campaign: Campaign) -> None:
    _draft(campaign)
    assert_table(personas, pages(OWN), campaign)


def test_the_unit_above_reads_the_draft_it_entered(personas: Personas, campaign: Campaign) -> None:
    Report.objects.filter(pk=_draft(campaign).pk).update(entered_by_reviewer=True)
    assert_table(personas, pages(OWN | {"halong_officer"}), campaign)


@pytest.mark.parametrize(
    "status", [ReportStatus.SENT, ReportStatus.RETURNED, ReportStatus.ACCEPTED]
)
def test_once_sent_whoever_sees_the_unit_reads_it(
    personas: Personas, campaign: Campaign, status: ReportStatus
) -> None:
    Report.objects.filter(pk=_draft(campaign).pk).update(status=status)
    # The read view of a report the unit can no longer change, or its form when returned.
    assert_table(personas, pages(SEES_BAI_CHAY), campaign)


def test_with_the_leader_it_is_still_the_units_own(personas: Personas, campaign: Campaign) -> None:
    Report.objects.filter(pk=_draft(campaign).pk).update(status=ReportStatus.WITH_LEADER)
    assert_table(personas, pages(OWN), campaign)


def test_the_received_list_links_to_no_draft(personas: Personas, campaign: Campaign) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    report = _draft(campaign)
    received = reverse("reports:received", args=[campaign.pk])
    review = reverse("reports:review", args=[obligation.pk])
    page = client_for(personas.halong_officer).get(received).content.decode()
    assert f'href="{review}"' not in page
    assert f'href="{reverse("reports:register", args=[obligation.pk])}"' in page
    Report.objects.filter(pk=report.pk).update(entered_by_reviewer=True)
    page = client_for(personas.halong_officer).get(received).content.decode()
    assert f'href="{review}"' in page


def test_starting_on_the_units_behalf_makes_the_draft_the_reviewers_to_read(
    personas: Personas, campaign: Campaign
) -> None:
    obligation = report_obligation(campaign, BAI_CHAY)
    client = client_for(personas.halong_officer)
    client.post(reverse("reports:open", args=[obligation.pk]))
    assert Report.objects.get(obligation=obligation).entered_by_reviewer
    assert client.get(reverse("reports:report", args=[obligation.pk])).status_code == 200
    others = [p for p in PERSONAS if p not in OWN | {"halong_officer"}]
    for persona in others:
        url = reverse("reports:report", args=[obligation.pk])
        assert client_for(personas.of(persona)).get(url).status_code == 404, persona
