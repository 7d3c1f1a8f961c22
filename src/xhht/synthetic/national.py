"""A national-size campaign to measure against: the whole 2013 tree, its agencies, and work done.

Every province runs its own review campaign (as each province's steering
committee issued its own directive in 2013): the seed directive of Quảng Ninh
is planned once and published for each of the 63 provinces, with the agency
codes of its plan mapped to that province's agencies, through the same
`campaign_publish` a standing officer uses. The national tree is loaded with
the dates of Quảng Ninh's 2013 tree (`TREE_2013`): the national file's Quảng
Ninh rows are identical to `quang-ninh-2013-units.csv`, so they fall on the
units `xhht bootstrap` stores and are left unchanged, and no code is in force
twice on any day. The other provinces' changes between 22/02/2012 and
11/06/2013 are not modelled.

Progress is a seeded random mix of what users would record: most communes hold
their conference and send their report on time, some late, some not at all;
districts and agencies, whose deadlines come later, are partly done early.
Conferences and fulfilments are written in bulk, keeping what
`conference_record` and `obligation_fulfil` guarantee: a conference fulfils a
conference obligation on the day it was held, never after "today", once.
"""

from __future__ import annotations

import csv
import io
import random
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.campaigns.models import (
    Campaign,
    Conference,
    Deliverable,
    Milestone,
    Obligation,
    RuleKind,
)
from xhht.campaigns.planning import Plan, plan_from_parsed
from xhht.campaigns.selectors import state_counts
from xhht.campaigns.services import campaign_publish, milestone_refine
from xhht.directives.models import Directive
from xhht.directives.parser import parse_text
from xhht.kernel.kept import DIRECTORY, generation_raise
from xhht.kernel.text import match_key, nfc
from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.reference import AGENCIES_2013, DATA_DIR, TREE_2013
from xhht.orgunits.services import AGENCY_KINDS, units_load
from xhht.synthetic.names import person
from xhht.synthetic.reports import national_reports_generate

NATIONAL_FILE = "vietnam-2013-units.csv"
SEED_DIRECTIVE = DATA_DIR / "directives" / "000_22b84cf719125a31.txt"
SEED_PROVINCE = "22"  # the seed directive is Quảng Ninh's; its agencies keep their codes
SEED_PROVINCE_NAME = "Quảng Ninh"
VALID_FROM, VALID_UNTIL = TREE_2013[1], TREE_2013[2]
MARKER = "xhht-national"  # a generated directive's file name starts with it
DEFAULT_SEED = 2013
DEFAULT_TREE_DATE = date(2013, 5, 16)  # the seed directive's date
DEFAULT_TODAY = date(2013, 6, 20)

ALREADY_GENERATED = gettext_noop(
    "This database already holds national data (%(count)d generated campaigns): "
    "generate it on a fresh database (XHHT_VAR_DIR or XHHT_DATABASE_URL)."
)
HAS_CAMPAIGNS = gettext_noop(
    "%(units)s already have campaigns: generate the national data on its own database "
    "(XHHT_VAR_DIR or XHHT_DATABASE_URL)."
)
OTHER_TREE = gettext_noop(
    "%(count)d units of the national file (e.g. %(code)s) are already in force on %(date)s "
    "from another date: the national tree would stand beside them twice."
)
UNKNOWN_PROVINCE = gettext_noop("No province with code %(code)s in %(file)s.")
DATE_OUTSIDE_TREE = gettext_noop(
    "The tree date %(date)s is outside the 2013 tree (%(start)s to %(end)s)."
)
TODAY_BEFORE_TREE = gettext_noop("Today (%(today)s) is before the tree date (%(date)s).")

VENUES: dict[str, tuple[str, ...]] = {
    Level.COUNTRY: ("Trụ sở Bộ Giáo dục và Đào tạo",),
    Level.COMMUNE: ("Hội trường UBND {unit}", "Nhà văn hóa {unit}", "TTHTCĐ {unit}"),
    Level.DISTRICT: ("Hội trường UBND {unit}", "Trung tâm Hội nghị {unit}"),
    Level.PROVINCE: ("Hội trường UBND {unit}", "Trung tâm Hội nghị {unit}"),
}
CHAIRS: dict[str, tuple[str, ...]] = {
    Level.COUNTRY: ("Thứ trưởng Bộ Giáo dục và Đào tạo",),
    Level.COMMUNE: ("Chủ tịch UBND", "Phó Chủ tịch UBND"),
    Level.DISTRICT: ("Phó Chủ tịch UBND, Trưởng Ban Chỉ đạo", "Chủ tịch UBND"),
    Level.PROVINCE: ("Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo",),
}
PARTICIPANTS: dict[str, tuple[int, int]] = {
    Level.COUNTRY: (300, 500),
    Level.COMMUNE: (35, 150),
    Level.DISTRICT: (80, 250),
    Level.PROVINCE: (200, 400),
}


class NationalError(ValueError):
    """The generator refuses; the message says why."""


@dataclass
class NationalResult:
    provinces: int = 0
    districts: int = 0
    communes: int = 0
    agencies: int = 0
    campaigns: list[Campaign] = field(default_factory=list)
    refinements: int = 0
    conferences: int = 0
    fulfilled: int = 0
    reports: int = 0  # sent or accepted
    drafts: int = 0
    values: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def obligations(self) -> int:
        return Obligation.objects.filter(campaign__in=self.campaigns).count()

    def counts_by_level(self, today: date) -> dict[str, dict[str, int]]:
        """Each level's obligations counted by state on `today`."""
        mine = Obligation.objects.filter(campaign__in=self.campaigns)
        return {
            level: state_counts(mine.filter(unit__level=level), today) for level in Level.values
        }


@dataclass(frozen=True)
class Prepared:
    """A province's directive, drafted with its plan and ready to publish."""

    province: OrgUnit
    directive: Directive
    plan: Plan


@contextmanager
def _timed(result: NationalResult, name: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    result.timings[name] = time.perf_counter() - start


# -- the tree ------------------------------------------------------------------------------


def national_rows() -> list[dict[str, str]]:
    """The national file's rows, in file order."""
    with open(DATA_DIR / NATIONAL_FILE, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def province_codes(*, first: int | None = None, codes: list[str] | None = None) -> list[str]:
    """The provinces chosen: `codes`, or the first `first` of the file, or all 63."""
    known = [row["code"] for row in national_rows() if row["level"] == Level.PROVINCE]
    if codes:
        for code in codes:
            if code not in known:
                raise NationalError(_(UNKNOWN_PROVINCE) % {"code": code, "file": NATIONAL_FILE})
        return [code for code in known if code in codes]
    return known[:first] if first else known


def national_subset(codes: list[str]) -> bytes:
    """The national file cut down to the provinces `codes` and everything under them."""
    rows = national_rows()
    kept = set(codes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:  # the file lists each unit after its parent
        if (row["code"] in kept and row["level"] == Level.PROVINCE) or row["parent_code"] in kept:
            kept.add(row["code"])
            writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _check_free(codes: list[str], tree_date: date) -> None:
    generated = Directive.objects.filter(original_name__startswith=MARKER).count()
    if generated:
        raise NationalError(_(ALREADY_GENERATED) % {"count": generated})
    busy = OrgUnit.objects.filter(
        level=Level.PROVINCE, code__in=codes, valid_from=VALID_FROM, campaigns__isnull=False
    ).distinct()
    if busy:
        names = ", ".join(unit.display_name for unit in busy)
        raise NationalError(_(HAS_CAMPAIGNS) % {"units": names})
    wanted = {row["code"] for row in csv.DictReader(io.StringIO(national_subset(codes).decode()))}
    clashing = sorted(
        set(
            OrgUnit.objects.in_force(tree_date)
            .exclude(valid_from=VALID_FROM)
            .values_list("code", flat=True)
        )
        & wanted
    )
    if clashing:
        raise NationalError(
            _(OTHER_TREE)
            % {"count": len(clashing), "code": clashing[0], "date": f"{tree_date:%d/%m/%Y}"}
        )


def national_tree_load(codes: list[str]) -> list[OrgUnit]:
    """Load the provinces `codes` of the national file with 17 agencies each, in one pass.

    Each province gets the kinds of Quảng Ninh's agencies file (Quảng Ninh its
    own codes, another province the codes suffixed with its own: SGDDT-01);
    returns the province units in the order of `codes`."""
    units = national_subset(codes).decode("utf-8")
    provinces = [
        row for row in csv.DictReader(io.StringIO(units)) if row["level"] == Level.PROVINCE
    ]
    out = io.StringIO(units)
    out.seek(0, io.SEEK_END)
    writer = csv.writer(out, lineterminator="\n")
    names: dict[str, tuple[str, str]] = {}
    for province in provinces:
        for agency in _agency_rows():
            code = agency_code(agency["code"], province["code"])
            full_name = _localised(agency["full_name"], province["name"], province["type"])
            short_name = _localised(agency["short_name"], province["name"], province["type"])
            names[code] = (full_name, short_name)
            kind = AGENCY_KINDS[agency["kind"]]
            writer.writerow([code, full_name, kind, Level.AGENCY, province["code"]])
    loaded = units_load(
        filename=NATIONAL_FILE,
        data=out.getvalue().encode("utf-8"),
        valid_from=VALID_FROM,
        valid_until=VALID_UNTIL,
    )
    # The units loader stores an agency's name; its official and short names are set here,
    # keeping what OrgUnit.save keeps (NFC text, the match key of the name shown).
    agencies = [unit for unit in loaded.units if unit.code in names]
    for unit in agencies:
        unit.full_name, unit.short_name = (nfc(name) for name in names[unit.code])
        unit.name_key = match_key(unit.display_name)
    OrgUnit.objects.bulk_update(agencies, ["full_name", "short_name", "name_key"], batch_size=500)
    generation_raise(DIRECTORY)  # bulk writes send no signal
    by_code = {unit.code: unit for unit in loaded.units if unit.level == Level.PROVINCE}
    return [by_code[code] for code in codes]


def _agency_rows() -> list[dict[str, str]]:
    with open(DATA_DIR / AGENCIES_2013, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _localised(text: str, name: str, type_label: str) -> str:
    """Quảng Ninh's wording for another province ("Tỉnh đoàn" of a city is "Thành đoàn")."""
    kind = type_label.lower()
    text = text.replace(f"tỉnh {SEED_PROVINCE_NAME}", f"{kind} {name}")
    text = text.replace(SEED_PROVINCE_NAME, name)
    if kind != "tỉnh":
        text = text.replace("Tỉnh đoàn", "Thành đoàn").replace("Tỉnh Đoàn", "Thành Đoàn")
        text = text.replace("tỉnh", kind)
    return text


def agency_code(code: str, province_code: str) -> str:
    """Quảng Ninh's agencies keep their codes; another province's are suffixed with its own."""
    return code if province_code == SEED_PROVINCE else f"{code}-{province_code}"


# -- the campaigns -------------------------------------------------------------------------


def _replaced(value: Any, province: OrgUnit) -> Any:
    if isinstance(value, str):
        return _localised(value, province.name, province.type_label)
    if isinstance(value, list):
        return [_replaced(item, province) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, province) for key, item in value.items()}
    return value


def province_plan(base: Plan, province: OrgUnit, tree_date: date) -> Plan:
    """Quảng Ninh's plan with the agency codes and title of `province`."""
    plan = Plan.from_json(base.to_json())
    plan.tree_date = tree_date.isoformat()
    plan.title = f"{base.title} ({province.display_name})"[:300]
    if plan.standing_agency:
        plan.standing_agency = agency_code(plan.standing_agency, province.code)
    for body in plan.bodies:
        body.text = _localised(body.text, province.name, province.type_label)
        body.unit_codes = [agency_code(code, province.code) for code in body.unit_codes]
        body.suggestions = [agency_code(code, province.code) for code in body.suggestions]
    return plan


def national_directives_prepare(provinces: list[OrgUnit], tree_date: date) -> list[Prepared]:
    """One draft directive per province: the seed, planned for Quảng Ninh, mapped to each."""
    text = SEED_DIRECTIVE.read_text(encoding="utf-8")
    parsed = parse_text(text).to_dict()
    seed_root = OrgUnit.objects.in_force(VALID_FROM).get(code=SEED_PROVINCE)
    base = plan_from_parsed(parsed, root=seed_root)
    moment = timezone.make_aware(datetime.combine(tree_date, clock_time(8, 0)))
    prepared = []
    for province in provinces:
        plan = province_plan(base, province, tree_date)
        directive = Directive.objects.create(
            root=province,
            original_name=f"{MARKER}-{province.code}.txt",
            source_text=_localised(text, province.name, province.type_label),
            parsed=_replaced(parsed, province),
            plan=plan.to_json(),
            uploaded_at=moment,
            updated_at=moment,
        )
        prepared.append(Prepared(province=province, directive=directive, plan=plan))
    return prepared


def national_publish(prepared: list[Prepared], *, on: date) -> list[Campaign]:
    """Publish every prepared directive as the standing officer would on the day `on`."""
    at = timezone.make_aware(datetime.combine(on, clock_time(9, 0)))
    return [
        campaign_publish(directive=item.directive, plan=item.plan, user=None, at=at)
        for item in prepared
    ]


def _districts_refine(campaign: Campaign, rng: random.Random) -> int:
    """Some districts set their communes an earlier conference deadline, as the directive allows."""
    parent = Milestone.objects.get(
        campaign=campaign,
        level=Level.COMMUNE,
        deliverable=Deliverable.CONFERENCE,
        parent__isnull=True,
    )
    districts = OrgUnit.objects.filter(
        obligations__campaign=campaign,
        obligations__deliverable=Deliverable.CONFERENCE,
        level=Level.DISTRICT,
    ).order_by("path")
    count = 0
    for district in districts:
        if rng.random() < 0.12:
            milestone_refine(
                parent=parent,
                set_by=district,
                kind=RuleKind.BY,
                on=parent.last_day - timedelta(days=rng.choice((3, 4, 5))),
                wording=f"Phòng GD&ĐT {district.display_name}: các xã hoàn thành sơ kết sớm",
            )
            count += 1
    return count


# -- progress ------------------------------------------------------------------------------


def _day_between(rng: random.Random, low: date, high: date) -> date:
    """A working day between `low` and `high` (a Sunday moves to the Saturday when it can)."""
    if high < low:
        return high
    day = low + timedelta(days=rng.randint(0, (high - low).days))
    if day.weekday() == 6 and day - timedelta(days=1) >= low:
        day -= timedelta(days=1)
    return day


def done_on(
    rng: random.Random, *, last_day: date, today: date, start: date, diligence: float
) -> date | None:
    """When a unit of this diligence did the work, or None if it has not yet."""
    if last_day < today:
        draw = rng.random()
        if draw < diligence:
            return _day_between(rng, max(start, last_day - timedelta(days=10)), last_day)
        if draw < diligence + (1 - diligence) * 0.45:
            late_until = min(today, last_day + timedelta(days=12))
            return _day_between(rng, last_day + timedelta(days=1), late_until)
        return None
    days_left = (last_day - today).days
    if rng.random() < diligence * max(0.0, 1 - days_left / 12) * 0.5:
        return _day_between(rng, max(start, today - timedelta(days=8)), today)
    return None


def _recorded_at(rng: random.Random, on: date, today: date) -> datetime:
    day = min(today, on + timedelta(days=rng.choice((0, 0, 0, 1, 1, 2))))
    return timezone.make_aware(
        datetime.combine(day, clock_time(rng.randint(8, 17), rng.randint(0, 59)))
    )


def _conference(
    rng: random.Random, obligation: Obligation, held_on: date, recorded_at: datetime
) -> Conference:
    unit = obligation.unit
    low, high = PARTICIPANTS[unit.level]
    return Conference(
        obligation=obligation,
        held_on=held_on,
        venue=rng.choice(VENUES[unit.level]).format(unit=unit.display_name),
        chair=f"{person(rng)}, {rng.choice(CHAIRS[unit.level])}",
        participants=rng.randint(low, high),
        exhibition_held=rng.random() < 0.3,
        notes=(
            f"Tuyên dương {rng.randint(2, 8)} tập thể, {rng.randint(3, 15)} cá nhân điển hình."
            if rng.random() < 0.4
            else ""
        ),
        recorded_by=None,
        recorded_at=recorded_at,
    )


@dataclass
class _Progress:
    conferences: list[Conference] = field(default_factory=list)
    fulfilled: list[Obligation] = field(default_factory=list)


def campaign_progress(
    campaign: Campaign, *, rng: random.Random, today: date, start: date
) -> _Progress:
    """Decide, for each obligation of `campaign`, whether and when it was done."""
    obligations = (
        Obligation.objects.filter(campaign=campaign)
        .select_related("unit")
        .order_by("unit__path", "deliverable")  # a unit's conference comes before its report
    )
    province_diligence = rng.uniform(0.7, 0.95)
    diligence: dict[int, float] = {}
    held: dict[int, date] = {}
    progress = _Progress()
    for obligation in obligations:
        unit = obligation.unit
        # A district, or a province reporting to the country, sets the pace of its communes.
        if unit.level == Level.DISTRICT or (
            unit.level == Level.PROVINCE and obligation.recipient_id is not None
        ):
            diligence[unit.pk] = min(0.99, max(0.3, rng.gauss(province_diligence, 0.08)))
        district_id = unit.parent_id if unit.level == Level.COMMUNE else unit.pk
        own = diligence.get(district_id or unit.pk, province_diligence)
        on = _when(rng, obligation, held.get(unit.pk), today, start, own)
        if on is None:
            continue
        recorded_at = _recorded_at(rng, on, today)
        obligation.fulfilled_on, obligation.fulfilled_at = on, recorded_at
        progress.fulfilled.append(obligation)
        if obligation.deliverable == Deliverable.CONFERENCE:
            held[unit.pk] = on
            progress.conferences.append(_conference(rng, obligation, on, recorded_at))
    return progress


def _when(
    rng: random.Random,
    obligation: Obligation,
    conference_on: date | None,
    today: date,
    start: date,
    diligence: float,
) -> date | None:
    """A report or nomination follows the unit's conference; other work stands alone."""
    follows = obligation.deliverable in (Deliverable.REPORT, Deliverable.NOMINATION)
    if follows and obligation.unit.level in (Level.COMMUNE, Level.DISTRICT):
        if conference_on is None:
            return None
        if rng.random() > diligence + 0.05:
            return None  # held the conference, report not sent yet
        return min(today, conference_on + timedelta(days=rng.choice((0, 0, 1, 2, 3, 5))))
    return done_on(rng, last_day=obligation.last_day, today=today, start=start, diligence=diligence)


def progress_write(progress: _Progress) -> None:
    """Write conferences and fulfilments in bulk, as `conference_record` would one by one."""
    Obligation.objects.bulk_update(
        progress.fulfilled, ["fulfilled_on", "fulfilled_at"], batch_size=500
    )
    Conference.objects.bulk_create(progress.conferences, batch_size=1000)


# -- all of it -----------------------------------------------------------------------------


def national_generate(
    *,
    seed: int = DEFAULT_SEED,
    tree_date: date = DEFAULT_TREE_DATE,
    today: date = DEFAULT_TODAY,
    first: int | None = None,
    codes: list[str] | None = None,
    reports: bool = True,
) -> NationalResult:
    """Load the national tree and agencies, publish a campaign per province, record progress
    and, unless `reports` is False, the reports and figures of the work done
    (xhht.synthetic.reports).

    Refuses when the database already holds generated data or a campaign for
    one of the provinces; nothing is written unless all of it is."""
    if not VALID_FROM <= tree_date < VALID_UNTIL:
        raise NationalError(
            _(DATE_OUTSIDE_TREE)
            % {
                "date": f"{tree_date:%d/%m/%Y}",
                "start": f"{VALID_FROM:%d/%m/%Y}",
                "end": f"{VALID_UNTIL:%d/%m/%Y}",
            }
        )
    if today < tree_date:
        raise NationalError(
            _(TODAY_BEFORE_TREE) % {"today": f"{today:%d/%m/%Y}", "date": f"{tree_date:%d/%m/%Y}"}
        )
    chosen = province_codes(first=first, codes=codes)
    # Quảng Ninh's agencies are the plan's source: its tree is loaded even when not chosen.
    loaded = chosen if SEED_PROVINCE in chosen else [*chosen, SEED_PROVINCE]
    result = NationalResult()
    with transaction.atomic():
        _check_free(chosen, tree_date)
        with _timed(result, "tree"):
            provinces = [p for p in national_tree_load(loaded) if p.code in chosen]
        with _timed(result, "publish"):
            prepared = national_directives_prepare(provinces, tree_date)
            result.campaigns = national_publish(prepared, on=tree_date)
        with _timed(result, "progress"):
            for campaign in result.campaigns:
                rng = random.Random(f"{seed}-{campaign.root.code}")
                result.refinements += _districts_refine(campaign, rng)
                progress = campaign_progress(campaign, rng=rng, today=today, start=tree_date)
                progress_write(progress)
                result.conferences += len(progress.conferences)
                result.fulfilled += len(progress.fulfilled)
        if reports:
            with _timed(result, "reports"):
                made = national_reports_generate(campaigns=result.campaigns, seed=seed, today=today)
            result.reports, result.drafts, result.values = made.sent, made.drafts, made.values
    counted = Counter(
        dict(
            OrgUnit.objects.filter(obligations__campaign__in=result.campaigns)
            .values_list("level")
            .annotate(n=Count("id", distinct=True))
        )
    )
    result.provinces = counted[Level.PROVINCE]
    result.districts = counted[Level.DISTRICT]
    result.communes = counted[Level.COMMUNE]
    result.agencies = OrgUnit.objects.filter(
        level=Level.AGENCY, parent__in=provinces, valid_from=VALID_FROM
    ).count()
    return result
