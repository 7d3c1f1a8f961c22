"""Reports for the national-size data of `xhht generate_national`: sent figures and drafts.

For every commune, district and agency report obligation the generator marked
done, a report sent on the day it fulfilled (`first_sent_on = fulfilled_on`),
signed, some of them already accepted, with a row for each indicator of its
level's template; for some of the units that have not sent yet, a draft with
part of the figures typed. Figures are plausible and seeded: a commune has
1,000–8,000 households, 40–90 % of them recognised "Learning Family", a
literacy rate in the high nineties…; each province and district leans a little
higher or lower. A percentage is stored as numerator and denominator with the
numerator never above the denominator; a district's copy of its communes'
indicators holds their sums (what `report_prefill_from_children` would put
there), as does a province's report to the country in the national campaign
(xhht.synthetic.country). Any indicator the generator does not know (a province's own, a
benchmark's) gets a generic figure of its kind.

Written in bulk (the per-report services take seconds per hundred reports),
keeping what they guarantee: one report per obligation, built on the
campaign's template for the unit's level, one row per template indicator, a
sent or accepted report signed and with its events (sent or registered,
accepted), a draft unsigned and never counted. No signed file is attached and
no audit entry is written: the generated conferences are not audited either.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.indicators.content import content_pack_load
from xhht.indicators.models import Indicator
from xhht.kernel import clock
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.models import (
    Channel,
    DataValue,
    OwnTarget,
    Report,
    ReportEvent,
    ReportStatus,
    ReportTemplate,
    TemplateIndicator,
)
from xhht.reports.templates_build import template_for
from xhht.synthetic.names import person

LEVELS = (Level.COMMUNE, Level.DISTRICT, Level.AGENCY, Level.PROVINCE)
# The reports that hold the sums of the communes below: a district's, and a province's to
# the country in the national campaign.
SUMMING = (Level.DISTRICT, Level.PROVINCE)
DRAFT_SHARE = 0.35  # of the units that have not sent: how many have started a draft
ACCEPTED_SHARE = 0.6  # of the sent reports at least a day old: how many were accepted
PAPER_SHARE = 0.05  # of the communes' reports: registered as received on paper
BATCH = 2000

CAPACITY: dict[str, tuple[str, ...]] = {
    Level.COMMUNE: ("CHỦ TỊCH", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
    Level.DISTRICT: ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "CHỦ TỊCH"),
    Level.AGENCY: ("GIÁM ĐỐC", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", "TRƯỞNG BAN", "CHỦ TỊCH"),
    Level.PROVINCE: ("GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO", "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"),
}
SYMBOL: dict[str, str] = {
    Level.COMMUNE: "BC-UBND",
    Level.DISTRICT: "BC-UBND",
    Level.AGENCY: "BC",
    Level.PROVINCE: "BC-SGDĐT",
}


@dataclass(frozen=True)
class Unit:
    """What a unit's figures are drawn from: its size, and how well its area does."""

    population: int
    households: int
    clans: int
    villages: int
    difficult: float  # share of the unit in mountainous/remote/disadvantaged areas
    minority: float  # share of ethnic-minority people
    staff: int  # an agency's or district's officials; a commune's officials
    lean: float  # the province's and district's lean, added to every rate


# code → (the denominator drawn from the unit, the range of the rate)
Denominator = Callable[[Unit, random.Random], int]
PROFILES: dict[str, tuple[Denominator, tuple[float, float]]] = {
    "LIT_15_60": (lambda u, r: int(u.population * 0.62), (0.93, 0.995)),
    "LIT_15_35": (lambda u, r: int(u.population * 0.33), (0.96, 0.998)),
    "LIT_DTTS_15_60": (lambda u, r: int(u.population * 0.62 * u.minority), (0.75, 0.97)),
    "XMC_NEWLIT_CONTINUE": (lambda u, r: r.randint(0, 60), (0.5, 0.95)),
    "XMC_STD_COMMUNE": (lambda u, r: 1, (0.75, 1.0)),
    "LAB_RURAL_LEARNING": (lambda u, r: int(u.population * 0.55 * r.uniform(0.3, 1)), (0.3, 0.7)),
    "CBCC_COMMUNE_LEADERSHIP": (lambda u, r: u.staff, (0.5, 1.0)),
    "TTHTCD_EFFECTIVE": (lambda u, r: 1, (0.6, 1.0)),
    "GDHT": (lambda u, r: u.households, (0.4, 0.9)),
    "GDHT_DIFFICULT": (lambda u, r: int(u.households * u.difficult), (0.3, 0.8)),
    "DHHT": (lambda u, r: u.clans, (0.3, 0.8)),
    "DHHT_DIFFICULT": (lambda u, r: int(u.clans * u.difficult), (0.2, 0.7)),
    "CDHT": (lambda u, r: u.villages, (0.3, 0.8)),
    "CDHT_DIFFICULT": (lambda u, r: int(u.villages * u.difficult), (0.2, 0.7)),
    "HKH_CADRE_TRAINED": (lambda u, r: r.randint(80, 900), (0.4, 0.95)),
    "QN_THON_NVH_INTERNET_TV": (lambda u, r: u.villages, (0.5, 1.0)),
    "QN_XA_BDVHX": (lambda u, r: 1, (0.8, 1.0)),
    "QN_MN_DAT_CHUAN": (lambda u, r: r.randint(1, 4), (0.4, 1.0)),
    "QN_XA_NVH": (lambda u, r: 1, (0.6, 1.0)),
    "QN_GD_HIEU_HOC": (lambda u, r: u.households, (0.45, 0.85)),
    "QN_DH_HIEU_HOC": (lambda u, r: u.clans, (0.5, 0.9)),
    "XMC_STD_DISTRICT": (lambda u, r: 1, (0.7, 1.0)),
    "LIB_PUBLIC": (lambda u, r: r.randint(8, 45), (0.4, 0.9)),
    "CBCC_CPD_CENTRAL_DISTRICT": (lambda u, r: u.staff, (0.6, 0.98)),
    "CBCC_FOREIGN_LANG_IT": (lambda u, r: u.staff, (0.2, 0.7)),
    "DVHT": (lambda u, r: r.randint(10, 250), (0.3, 0.8)),
    "QN_DV_HIEU_HOC": (lambda u, r: r.randint(10, 250), (0.4, 0.9)),
    "QN_CBCC_DAO_TAO": (lambda u, r: u.staff, (0.5, 0.95)),
    "LAB_IZ_LOWER_SEC": (lambda u, r: r.randint(2_000, 40_000), (0.6, 0.95)),
    "LAB_IZ_VOCATIONAL": (lambda u, r: r.randint(2_000, 40_000), (0.4, 0.85)),
    "STUDENT_LIFE_SKILLS": (lambda u, r: r.randint(15_000, 300_000), (0.2, 0.6)),
}
GENERIC: tuple[Denominator, tuple[float, float]] = (lambda u, r: r.randint(20, 2_000), (0.3, 0.95))
COUNT_RANGE = (0, 400)


@dataclass
class ReportsResult:
    sent: int = 0
    accepted: int = 0
    drafts: int = 0
    values: int = 0


def _unit(rng: random.Random, level: str, lean: float) -> Unit:
    households = rng.randint(1_000, 8_000)
    staff: dict[str, int] = {
        Level.COMMUNE: rng.randint(18, 35),
        Level.DISTRICT: rng.randint(150, 600),
    }
    return Unit(
        population=int(households * rng.uniform(3.6, 4.6)),
        households=households,
        clans=rng.randint(15, 160),
        villages=rng.randint(4, 25),
        difficult=rng.choice((0.0, 0.0, rng.uniform(0.1, 1.0))),
        minority=rng.choice((0.01, rng.uniform(0.02, 0.2), rng.uniform(0.3, 0.95))),
        staff=staff.get(level, rng.randint(25, 400)),
        lean=lean,
    )


def _share(rng: random.Random, low: float, high: float, lean: float) -> float:
    return min(1.0, max(0.0, rng.uniform(low, high) + lean))


Figures = tuple[
    int | None, int | None, int | None, int | None, Decimal | None, Decimal | None
]  # value, denominator, baseline, baseline_denominator, own targets of the first two years
EMPTY: Figures = (None, None, None, None, None, None)


def _figures(rng: random.Random, indicator: Indicator, unit: Unit) -> Figures:
    """One row's figures for `unit`: a percentage's numerators never above its denominators."""
    if not indicator.is_ratio:
        value = rng.randint(*COUNT_RANGE)
        return (value, None, max(0, value - rng.randint(0, 40)), None, None, None)
    denominator_of, (low, high) = PROFILES.get(indicator.code, GENERIC)
    denominator = max(0, denominator_of(unit, rng))
    rate = _share(rng, low, high, unit.lean)
    value = min(denominator, round(denominator * rate))
    baseline_denominator = max(0, denominator - rng.randint(0, max(1, denominator // 40)))
    earlier = max(0.0, rate - rng.uniform(0.02, 0.15))
    baseline = min(baseline_denominator, round(baseline_denominator * earlier))
    near = far = None
    if rng.random() < 0.4:
        percent = Decimal(round(rate * 100))
        near = min(Decimal(100), percent + rng.randint(2, 8))
        far = min(Decimal(100), near + rng.randint(3, 10))
    return (value, denominator, baseline, baseline_denominator, near, far)


_INSERT = (
    "INSERT INTO {table} (report_id, indicator_id, value, denominator, baseline, "
    "baseline_denominator, justification) VALUES (%s, %s, %s, %s, %s, %s, %s)"
)


def values_insert(rows: list[tuple[int, int, Figures]], years: list[int]) -> None:
    """Insert data values (report id, indicator id, figures) with one prepared INSERT run by
    executemany: Django's bulk_create spends most of its time preparing each field. The own
    targets go to the first two of the template's `years`."""
    sql = _INSERT.format(table=connection.ops.quote_name(DataValue._meta.db_table))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 5):
            cursor.executemany(
                sql,
                [
                    (report, indicator, *figures[:4], "")
                    for report, indicator, figures in rows[start : start + BATCH * 5]
                ],
            )
    wanted = {(r, i): f[4:] for r, i, f in rows if any(t is not None for t in f[4:])}
    if not wanted or not years:
        return
    keyed = DataValue.objects.filter(report_id__in={r for r, _i in wanted}).values_list(
        "pk", "report_id", "indicator_id"
    )
    OwnTarget.objects.bulk_create(
        (
            OwnTarget(row_id=pk, year=year, value=value)
            for pk, report, indicator in keyed
            if (report, indicator) in wanted
            for year, value in zip(years, wanted[(report, indicator)], strict=False)
            if value is not None
        ),
        batch_size=BATCH * 5,
    )


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(
        datetime.combine(day, clock_time(rng.randint(8, 17), rng.randint(0, 59)))
    )


def _signed(rng: random.Random, obligation: Obligation, report: Report, today: date) -> Report:
    """Sign and send `report` on the day the obligation was fulfilled; accept some."""
    unit = obligation.unit
    sent = obligation.fulfilled_on
    assert sent is not None
    report.number = f"{rng.randint(5, 180)}/{SYMBOL[unit.level]}"
    report.signed_on = sent - timedelta(days=rng.choice((0, 0, 0, 1, 2)))
    report.signer_name = person(rng)
    report.signer_capacity = rng.choice(CAPACITY[unit.level])
    report.first_sent_on = report.last_sent_on = sent
    report.status = ReportStatus.SENT
    if unit.level == Level.COMMUNE and rng.random() < PAPER_SHARE:
        report.channel = Channel.PAPER
        report.received_number = str(rng.randint(100, 2_000))
        report.entered_by_reviewer = True
    if sent < today and rng.random() < ACCEPTED_SHARE:
        report.status = ReportStatus.ACCEPTED
        report.accepted_on = min(today, sent + timedelta(days=rng.randint(1, 6)))
    report.revision = rng.randint(1, 4)
    report.updated_at = _moment(sent, rng)
    return report


def _events(rng: random.Random, report: Report) -> list[ReportEvent]:
    assert report.first_sent_on is not None
    paper = report.channel != Channel.ONLINE
    events = [
        ReportEvent(
            report=report,
            kind=ReportEvent.Kind.REGISTERED if paper else ReportEvent.Kind.SENT,
            at=report.updated_at,
            on=report.first_sent_on,
            reason=report.received_number if paper else "",
        )
    ]
    if report.accepted_on is not None:
        at = max(report.updated_at, _moment(report.accepted_on, rng))
        events.append(
            ReportEvent(report=report, kind=ReportEvent.Kind.ACCEPTED, at=at, on=report.accepted_on)
        )
    return events


def _template_indicators(template: ReportTemplate) -> list[Indicator]:
    links = TemplateIndicator.objects.filter(template=template).select_related("indicator")
    return [link.indicator for link in links.order_by("order", "indicator__code")]


def _reports_of(
    obligations: list[Obligation],
    templates: dict[str, ReportTemplate],
    rng: random.Random,
    *,
    opened: date,
    today: date,
) -> tuple[dict[int, Unit], list[Report], dict[int, bool]]:
    """Each unit's made-up households and staff, leaning with its district and province; the
    reports (unsaved): signed and sent for the obligations fulfilled, drafts for some others;
    and, by position in the reports, whether each was sent (all rows filled) or is a draft."""
    province_lean = rng.gauss(0, 0.05)
    leans: dict[int, float] = {}
    units: dict[int, Unit] = {}
    reports: list[Report] = []
    filled: dict[int, bool] = {}
    for obligation in obligations:
        unit = obligation.unit
        if unit.level in SUMMING:
            leans[unit.pk] = province_lean + rng.gauss(0, 0.04)
        lean = leans.get(unit.parent_id or 0, province_lean) + rng.gauss(0, 0.03)
        units[unit.pk] = _unit(rng, unit.level, lean)
        if obligation.fulfilled_on is None and rng.random() >= DRAFT_SHARE:
            continue
        report = Report(
            obligation=obligation,
            template=templates[unit.level],
            revision=rng.randint(1, 3),
            updated_at=_moment(max(opened, today - timedelta(days=rng.randint(0, 6))), rng),
        )
        if obligation.fulfilled_on is not None:
            _signed(rng, obligation, report, today)
        filled[len(reports)] = obligation.fulfilled_on is not None
        reports.append(report)
    return units, reports, filled


def _summed_figures(indicator: Indicator, summed: list[int] | None) -> Figures:
    """A district's copy of a commune indicator: the sums of its communes' counted reports."""
    if summed is None:
        return EMPTY
    value, denominator, baseline, baseline_denominator = summed
    if indicator.is_ratio:
        return (value, denominator, baseline, baseline_denominator, None, None)
    return (value, None, baseline, None, None, None)


def campaign_reports_generate(
    campaign: Campaign, *, rng: random.Random, today: date, result: ReportsResult
) -> None:
    """The reports of one campaign: sent for the obligations fulfilled, drafts for some others."""
    obligations = list(
        Obligation.objects.filter(
            campaign=campaign, deliverable=Deliverable.REPORT, unit__level__in=LEVELS
        )
        .select_related("unit")
        .order_by("unit__path")
    )
    # A province's campaign has the templates of communes, districts and agencies; the
    # national one those of the levels that owe a report (communes and provinces).
    owing = {o.unit.level for o in obligations} | {Level.COMMUNE}
    levels = (
        [lv for lv in LEVELS if lv in owing] if campaign.root.level == Level.COUNTRY else LEVELS[:3]
    )
    indicators: dict[str, list[Indicator]] = {
        level: _template_indicators(template_for(campaign, level)) for level in levels
    }
    templates = {t.level: t for t in ReportTemplate.objects.filter(campaign=campaign)}
    opened = clock.local_date(campaign.published_at)
    units, reports, filled = _reports_of(obligations, templates, rng, opened=opened, today=today)
    Report.objects.bulk_create(reports, batch_size=BATCH)
    values: list[tuple[int, int, Figures]] = []
    events: list[ReportEvent] = []
    # A district's copy of its communes' indicators: the sums of the counted reports below.
    below: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0] * 4))
    districts: list[tuple[Report, bool]] = []
    for position, report in enumerate(reports):
        unit = report.obligation.unit
        sent = filled[position]
        if sent:
            events += _events(rng, report)
        if unit.level in SUMMING:
            districts.append((report, sent))
            continue
        for indicator in indicators[unit.level]:
            if not indicator.asked_of(unit):
                continue
            typed = sent or rng.random() < 0.6
            figures = _figures(rng, indicator, units[unit.pk]) if typed else EMPTY
            values.append((report.pk, indicator.pk, figures))
            if sent and unit.level == Level.COMMUNE and unit.parent_id:
                sums = below[unit.parent_id][indicator.pk]
                for i in range(4):
                    sums[i] += int(figures[i] or 0)
    for report, sent in districts:
        unit = report.obligation.unit
        for indicator in indicators[unit.level]:
            typed = sent or rng.random() < 0.6
            if indicator.level == unit.level:
                figures = _figures(rng, indicator, units[unit.pk]) if typed else EMPTY
            elif indicator.level == Level.COMMUNE:
                summed = below.get(unit.pk, {}).get(indicator.pk)
                figures = _summed_figures(indicator, summed) if typed else EMPTY
            else:
                figures = EMPTY  # nothing of that level below a province without districts
            values.append((report.pk, indicator.pk, figures))
    values_insert(values, templates[Level.COMMUNE].target_years if templates else [])
    ReportEvent.objects.bulk_create(events, batch_size=BATCH)
    result.sent += sum(filled.values())
    result.accepted += sum(r.status == ReportStatus.ACCEPTED for r in reports)
    result.drafts += len(reports) - sum(filled.values())
    result.values += len(values)


def national_reports_generate(
    *, campaigns: list[Campaign], seed: int, today: date
) -> ReportsResult:
    """Reports for each campaign of the national data, after loading the content pack."""
    content_pack_load()
    result = ReportsResult()
    for campaign in campaigns:
        root: OrgUnit = campaign.root
        rng = random.Random(f"{seed}-reports-{root.code}")
        campaign_reports_generate(campaign, rng=rng, today=today, result=result)
    return result
