"""The demo a newcomer sees after `make run`: the seed campaign, published, with a
plainly labelled mix of work done on time, done late and still pending, and the
districts' nominations and conference papers (demo_awards.py).

Everything is made through the same services users go through, on the date
the one clock stands on (XHHT_TODAY, 20/06/2013 for `make run`).
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction

from xhht.accounts.models import Role, User
from xhht.campaigns.directives import directive_create, directive_publish
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.campaigns.services import conference_record, obligation_fulfil
from xhht.indicators.content import content_pack_load
from xhht.kernel.clock import today
from xhht.kernel.sql import statistics_refresh
from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.reference import DATA_DIR, TREE_2013
from xhht.reports.indicators import indicators_seed_extras
from xhht.reports.models import DataValue, Report, ReportStatus, SectionText
from xhht.reports.services import report_return
from xhht.site.demo_awards import awards_mix
from xhht.synthetic.reports import ReportsResult, campaign_reports_generate

# The tables the demo fills in bulk, whose statistics the roll-up's plan depends on.
LOADED = (OrgUnit, Obligation, Report, DataValue, SectionText)
SEED_DIRECTIVE = DATA_DIR / "directives" / "000_22b84cf719125a31.txt"
DEMO_LABEL = "[Dữ liệu minh họa]"
DEMO_NOTE = "Dữ liệu minh họa, không phải số liệu thật."
# One demo officer per role: user name, unit code, role.
DEMO_USERS = [
    ("demo-tinh", "22", Role.PROVINCE),
    ("demo-halong", "193", Role.DISTRICT),
    ("demo-baichay", "06673", Role.COMMUNE),
    ("demo-sonoivu", "SNV", Role.AGENCY),
]
_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
_GIVEN = [
    "Văn Hùng",
    "Thị Lan",
    "Văn Minh",
    "Thị Hoa",
    "Đức Thắng",
    "Thị Mai",
    "Quang Huy",
    "Thu Hà",
]


@dataclass
class DemoResult:
    campaign: Campaign
    created: bool
    passwords: dict[str, str] = field(default_factory=dict)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FAMILY)} {rng.choice(_GIVEN)}"


def _contacts(units: list[OrgUnit], rng: random.Random) -> None:
    for unit in units:
        if not unit.contact_name:
            unit.contact_name = _person(rng)
            unit.contact_phone = f"0203 3{rng.randint(100, 999)} {rng.randint(100, 999)}"
            unit.save(update_fields=["contact_name", "contact_phone"])


def _held_on(obligation: Obligation, rng: random.Random, late: bool) -> date:
    if late:
        return obligation.last_day + timedelta(
            days=rng.randint(1, max(1, (today() - obligation.last_day).days))
        )
    return obligation.last_day - timedelta(days=rng.randint(0, 9))


def _do_conference(obligation: Obligation, rng: random.Random, late: bool) -> date:
    name = obligation.unit.display_name
    held_on = min(_held_on(obligation, rng, late), today())
    conference_record(
        obligation=obligation,
        user=None,
        held_on=held_on,
        venue=f"Hội trường {name}",
        chair=f"{_person(rng)}, Chủ tịch UBND {name}",
        participants=rng.randint(40, 180),
        exhibition_held=rng.random() < 0.3,
        notes=DEMO_NOTE,
    )
    return held_on


def _work_mix(campaign: Campaign, rng: random.Random) -> None:
    """Most communes on time, some late, the rest overdue; districts and agencies partly
    done. A unit reports only after its conference is held. Nominations are the awards
    mix's: sending them is what fulfils their obligation."""
    on = today()
    waiting: set[int] = set()  # units whose conference is not held yet
    held: dict[int, date] = {}  # the day each unit held its conference
    order = {Deliverable.CONFERENCE: 0, Deliverable.REPORT: 1}
    obligations = sorted(
        campaign.obligations.select_related("unit")
        .exclude(unit__level=Level.PROVINCE)
        .exclude(deliverable=Deliverable.NOMINATION),
        key=lambda o: (o.unit.code, order.get(Deliverable(o.deliverable), 3)),
    )
    for obligation in obligations:
        if obligation.last_day >= on:
            done, late = rng.random() < 0.35, False  # early birds before a deadline ahead
        else:
            roll = rng.random()
            done, late = roll < 0.85, 0.7 <= roll < 0.85
        if not done or obligation.unit_id in waiting:
            if obligation.deliverable == Deliverable.CONFERENCE:
                waiting.add(obligation.unit_id)
            continue
        if obligation.deliverable == Deliverable.CONFERENCE:
            held[obligation.unit_id] = _do_conference(obligation, rng, late)
        else:
            day = min(_held_on(obligation, rng, late), on)
            day = max(day, held.get(obligation.unit_id, day))  # not before the conference
            obligation_fulfil(obligation=obligation, on=day, user=None)


def _report_texts(campaign: Campaign) -> None:
    """A labelled paragraph in every section of the demo's sent reports."""
    texts = []
    for report in (
        Report.objects.filter(obligation__campaign=campaign)
        .exclude(status=ReportStatus.DRAFT)
        .select_related("obligation__unit")
    ):
        unit = report.obligation.unit.display_name
        for section in report.template.sections.all():
            if section.agency_id not in (None, report.obligation.unit_id):
                continue
            texts.append(
                SectionText(
                    report=report,
                    section=section,
                    text=f"{DEMO_LABEL} {unit}: nội dung minh họa cho mục “{section.title}”.",
                )
            )
    SectionText.objects.bulk_create(texts, batch_size=1000)


def _returns(campaign: Campaign, how_many: int = 2) -> None:
    """A few communes' sent reports returned for correction, through the review's own
    service: their obligations are owed again, as the officers see it happen."""
    sent = (
        Report.objects.filter(
            obligation__campaign=campaign,
            obligation__unit__level=Level.COMMUNE,
            status=ReportStatus.SENT,
        )
        .select_related("obligation__unit")
        .order_by("obligation__unit__code")[:how_many]
    )
    for report in sent:
        report_return(
            report=report,
            user=None,
            reason=f"{DEMO_LABEL} Đề nghị bổ sung số liệu của các thôn, khu và gửi lại.",
        )


def demo_users_ensure(on: date) -> dict[str, str]:
    """Create the demo officers who do not exist yet; return their new passwords."""
    passwords = {}
    for username, code, role in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        unit = OrgUnit.objects.in_force(on).get(code=code)
        password = secrets.token_urlsafe(9)
        User.objects.create_user(username=username, password=password, unit=unit, role=role)
        passwords[username] = password
    return passwords


def demo_load(*, seed: int = 2013) -> DemoResult:
    """The seed campaign with its demo mix; does nothing the second time."""
    existing = Campaign.objects.filter(title__startswith=DEMO_LABEL).first()
    tree_on = TREE_2013[1]
    if existing is not None:
        return DemoResult(existing, created=False, passwords=demo_users_ensure(tree_on))
    rng = random.Random(seed)
    with transaction.atomic():
        province = OrgUnit.objects.in_force(date(2013, 5, 16)).get(level=Level.PROVINCE, code="22")
        data = SEED_DIRECTIVE.read_bytes()
        directive = directive_create(root=province, user=None, name=SEED_DIRECTIVE.name, data=data)
        directive.plan["title"] = f"{DEMO_LABEL} {directive.plan['title']}"
        directive.save(update_fields=["plan"])
        content_pack_load()
        indicators_seed_extras(province=province)
        campaign = directive_publish(directive=directive, user=None)
        _contacts(list(OrgUnit.objects.subtree_of(province).in_force(date(2013, 5, 16))), rng)
        _work_mix(campaign, rng)
        # The reports behind the report obligations done: sent, some accepted, with figures.
        campaign_reports_generate(campaign, rng=rng, today=today(), result=ReportsResult())
        _report_texts(campaign)
        _returns(campaign)
        awards_mix(campaign, note=DEMO_NOTE)
        statistics_refresh([m._meta.db_table for m in LOADED])
        passwords = demo_users_ensure(tree_on)
    return DemoResult(campaign, created=True, passwords=passwords)
