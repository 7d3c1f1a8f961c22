"""`xhht generate_national` fills reports: sent for the work done, drafts for some of the rest,
figures whose numerators never exceed their denominators, and a roll-up equal to their sums."""

from __future__ import annotations

from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F, Q

from tests.conftest import unit
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.orgunits.models import Level
from xhht.reports.models import (
    DataValue,
    Report,
    ReportEvent,
    ReportStatus,
    TemplateIndicator,
)
from xhht.reports.validation import report_problems
from xhht.rollup.services import COUNTED, rollup_build

pytestmark = pytest.mark.django_db

DA_NANG = "48"  # the smallest province of the file: 7 districts, 56 communes, 17 agencies
LEVELS = (Level.COMMUNE, Level.DISTRICT, Level.AGENCY)


def generate(*options: str) -> str:
    out = StringIO()
    call_command("generate_national", f"--province={DA_NANG}", "--seed=7", *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def campaign() -> Campaign:
    generate()
    return Campaign.objects.get(root=unit(DA_NANG))


def test_every_report_done_is_sent_on_its_day_signed_and_some_others_are_drafts(
    campaign: Campaign,
) -> None:
    owed = Obligation.objects.filter(
        campaign=campaign, deliverable=Deliverable.REPORT, unit__level__in=LEVELS
    ).select_related("unit")
    done = [o for o in owed if o.fulfilled_on is not None]
    assert {o.unit.level for o in done} >= {Level.COMMUNE, Level.DISTRICT}
    reports = {r.obligation_id: r for r in Report.objects.filter(obligation__in=owed)}
    for obligation in done:
        report = reports[obligation.pk]
        assert report.status in COUNTED
        assert report.first_sent_on == report.last_sent_on == obligation.fulfilled_on
        assert report.first_sent_on is not None
        assert report.number and report.signer_name and report.signer_capacity
        assert report.signed_on is not None and report.signed_on <= report.first_sent_on
        assert report.template.level == obligation.unit.level
        if report.status == ReportStatus.ACCEPTED:
            assert report.accepted_on is not None and report.accepted_on > report.first_sent_on
        kinds = set(report.events.values_list("kind", flat=True))
        assert kinds & {ReportEvent.Kind.SENT, ReportEvent.Kind.REGISTERED}
        assert (ReportEvent.Kind.ACCEPTED in kinds) == (report.status == ReportStatus.ACCEPTED)
    drafts = [r for r in reports.values() if r.status == ReportStatus.DRAFT]
    assert drafts, "some units that have not sent have started a draft"
    for draft in drafts:
        assert draft.obligation.fulfilled_on is None and draft.first_sent_on is None
        assert not draft.signer_name
    assert {r.status for r in reports.values()} == {
        ReportStatus.DRAFT,
        ReportStatus.SENT,
        ReportStatus.ACCEPTED,
    }
    # One row per indicator of the template asked of the unit, as report_open makes them.
    for report in Report.objects.filter(obligation__campaign=campaign).select_related(
        "obligation__unit"
    ):
        wanted = {
            link.indicator_id
            for link in TemplateIndicator.objects.filter(template=report.template).select_related(
                "indicator"
            )
            if link.indicator.asked_of(report.obligation.unit)
        }
        assert set(report.values.values_list("indicator_id", flat=True)) == wanted


def test_the_figures_are_plausible_and_pass_the_checks_a_sent_report_must_pass(
    campaign: Campaign,
) -> None:
    rows = DataValue.objects.filter(report__obligation__campaign=campaign)
    assert not rows.filter(value__gt=F("denominator")).exists()
    assert not rows.filter(baseline__gt=F("baseline_denominator")).exists()
    assert not rows.filter(Q(value__lt=0) | Q(denominator__lt=0)).exists()
    sent = rows.filter(report__status__in=COUNTED)
    assert not sent.filter(Q(value__isnull=True) | Q(denominator__isnull=True)).exists()
    households = sent.filter(indicator__code="GDHT", report__obligation__unit__level="commune")
    for row in households:
        assert row.denominator is not None and 1_000 <= row.denominator <= 8_000
        assert row.percent is not None and 20 <= row.percent <= 100
    assert len({row.denominator for row in households}) > 10  # communes differ
    for report in Report.objects.filter(obligation__campaign=campaign, status__in=COUNTED)[:40]:
        assert report_problems(report) == []


def _python_sums(campaign: Campaign, path: str) -> dict[str, tuple[int, int, int]]:
    """indicator code → (value, denominator, reports) summed in Python from the counted
    reports of the units below `path` that collect the indicator."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = DataValue.objects.filter(
        report__obligation__campaign=campaign, report__status__in=COUNTED
    ).select_related("indicator", "report__obligation__unit")
    for row in rows:
        owner = row.report.obligation.unit
        if owner.level != row.indicator.level or not owner.path.startswith(path):
            continue
        summed = sums[row.indicator.code]
        summed[0] += row.value or 0
        summed[1] += row.denominator or 0
        summed[2] += row.value is not None
    return {code: (v, d, n) for code, (v, d, n) in sums.items()}


def test_the_rollup_of_the_province_and_a_district_equals_the_sums_of_the_values(
    campaign: Campaign,
) -> None:
    province = campaign.root
    district = province.children.filter(level=Level.DISTRICT).order_by("code").first()
    assert district is not None
    for focus in (province, district):
        expected = _python_sums(campaign, focus.path)
        rollup = rollup_build(campaign=campaign, unit=focus)
        got = {
            row.indicator.code: (row.sums.value, row.sums.denominator, row.sums.reported)
            for row in rollup.rows
            if row.sums.reported
        }
        assert got == expected
        assert expected["GDHT"][2] > 0
    # A district's sent copy of its communes' indicators holds their sums, as a prefill would.
    sent_district = Report.objects.filter(
        obligation__campaign=campaign,
        obligation__unit__level=Level.DISTRICT,
        status__in=COUNTED,
    ).first()
    assert sent_district is not None
    copy = sent_district.values.get(indicator__code="GDHT")
    below = rollup_build(campaign=campaign, unit=sent_district.obligation.unit).row("GDHT")
    assert below is not None and below.sums.reported
    assert (copy.value, copy.denominator) == (below.sums.value, below.sums.denominator)


def test_no_reports_skips_them() -> None:
    generate("--no-reports")
    assert Obligation.objects.filter(fulfilled_on__isnull=False).exists()
    assert not Report.objects.exists()
