"""The national campaign on the 2025 tree: the Ministry's review across the country, and work done.

The Ministry of Education and Training, acting for the country, publishes one
directive on the two-tier tree of 1/7/2025 (no districts): every commune holds
its review conference and reports to its province; every province (its
Department of Education, for the province unit) reports to the Ministry; the
country owes the consolidated report. It goes through the same
`campaign_publish` a standing officer uses, so it is reported and rolled up as
one campaign over the country's subtree.

Progress and reports reuse the 2013 generator's (xhht.synthetic.national,
xhht.synthetic.reports): a seeded random mix, written in bulk.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock_time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.campaigns.models import Campaign, Deliverable, Obligation, RuleKind
from xhht.campaigns.planning import Plan, RulePlan
from xhht.campaigns.services import campaign_publish
from xhht.directives.models import Directive
from xhht.directives.parser import parse_text
from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.national import MINISTRY_CODE, national_load
from xhht.synthetic.national import NationalError, campaign_progress, progress_write
from xhht.synthetic.reports import national_reports_generate

MARKER = "xhht-country"  # the generated national directive's file name starts with it
TREE_DATE = date(2025, 9, 15)  # the directive's date: the 2025 tree is in force
DATA_CUTOFF = date(2025, 10, 31)
DEFAULT_TODAY = date(2025, 12, 12)
DEFAULT_SEED = 2025

ALREADY_GENERATED = gettext_noop(
    "This database already holds the national campaign: generate it on a fresh database "
    "(XHHT_VAR_DIR or XHHT_DATABASE_URL)."
)
TODAY_BEFORE_TREE = gettext_noop("Today (%(today)s) is before the directive's date (%(date)s).")

DIRECTIVE_TEXT = """BỘ GIÁO DỤC VÀ ĐÀO TẠO
Số: 4120/BGDĐT-GDTX
V/v sơ kết công tác xây dựng xã hội học tập năm 2025
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 15 tháng 9 năm 2025
Kính gửi: Sở Giáo dục và Đào tạo các tỉnh, thành phố trực thuộc Trung ương.
Thực hiện Quyết định số 1373/QĐ-TTg ngày 30/7/2021 của Thủ tướng Chính phủ phê duyệt Đề án
"Xây dựng xã hội học tập giai đoạn 2021-2030", Bộ Giáo dục và Đào tạo đề nghị các Sở Giáo dục
và Đào tạo tham mưu Ủy ban nhân dân cấp tỉnh chỉ đạo sơ kết như sau:
1. Thời gian tổ chức Hội nghị sơ kết (các số liệu báo cáo tính đến ngày 31/10/2025)
- Tổ chức sơ kết cấp xã (phường, đặc khu): muộn nhất đến ngày 15/11/2025.
- Báo cáo sơ kết cấp xã (phường, đặc khu) gửi Sở Giáo dục và Đào tạo: muộn nhất đến ngày 20/11/2025.
- Báo cáo sơ kết cấp tỉnh gửi Bộ Giáo dục và Đào tạo (qua Vụ Giáo dục thường xuyên): trước ngày 10/12/2025.
2. Bộ Giáo dục và Đào tạo tổng hợp báo cáo toàn quốc trong tháng 12 năm 2025.
"""


def _rule(level: str, deliverable: str, kind: str, on: date, wording: str) -> RulePlan:
    return RulePlan(
        deliverable=deliverable, level=level, kind=kind, date=on.isoformat(), wording=wording
    )


def national_plan(tree_date: date = TREE_DATE) -> Plan:
    """The Ministry's plan: communes hold a conference and report to their province, each
    province reports to the Ministry, the country owes the consolidated report."""
    return Plan(
        title="4120/BGDĐT-GDTX Sơ kết công tác xây dựng xã hội học tập năm 2025 (toàn quốc)",
        tree_date=tree_date.isoformat(),
        number="4120",
        symbol="BGDĐT-GDTX",
        subject="Sơ kết công tác xây dựng xã hội học tập năm 2025",
        data_cutoff=DATA_CUTOFF.isoformat(),
        standing_agency=MINISTRY_CODE,
        rules=[
            _rule(
                Level.COMMUNE,
                Deliverable.CONFERENCE,
                RuleKind.BY,
                date(2025, 11, 15),
                "Hội nghị sơ kết cấp xã",
            ),
            _rule(
                Level.COMMUNE,
                Deliverable.REPORT,
                RuleKind.BY,
                date(2025, 11, 20),
                "Báo cáo sơ kết của xã gửi Sở Giáo dục và Đào tạo",
            ),
            _rule(
                Level.PROVINCE,
                Deliverable.REPORT,
                RuleKind.BEFORE,
                date(2025, 12, 10),
                "Báo cáo của tỉnh, thành phố gửi Bộ Giáo dục và Đào tạo",
            ),
            _rule(
                Level.COUNTRY,
                Deliverable.CONSOLIDATED,
                RuleKind.MONTH,
                date(2025, 12, 1),
                "Báo cáo tổng hợp toàn quốc",
            ),
        ],
    )


def national_campaign_publish(
    country: OrgUnit, *, plan: Plan | None = None, at: datetime | None = None
) -> Campaign:
    """The Ministry's directive stored for `country`, with its text as read, and published as
    the national campaign (at `at`, the morning after the directive's date by default)."""
    plan = plan or national_plan()
    tree_date = date.fromisoformat(plan.tree_date)
    moment = timezone.make_aware(datetime.combine(tree_date, clock_time(8, 0)))
    directive = Directive.objects.create(
        root=country,
        original_name=f"{MARKER}-{tree_date.year}.txt",
        source_text=DIRECTIVE_TEXT,
        # What its text says, as an upload keeps it: the documents cite its number and date.
        parsed=parse_text(DIRECTIVE_TEXT).to_dict(),
        plan=plan.to_json(),
        uploaded_at=moment,
        updated_at=moment,
    )
    published = at or timezone.make_aware(datetime.combine(tree_date, clock_time(9, 0)))
    return campaign_publish(directive=directive, plan=plan, user=None, at=published)


@dataclass
class CountryResult:
    campaign: Campaign | None = None
    provinces: int = 0
    communes: int = 0
    conferences: int = 0
    fulfilled: int = 0
    reports: int = 0  # sent or accepted
    drafts: int = 0
    values: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def obligations(self) -> int:
        return Obligation.objects.filter(campaign=self.campaign).count()


def country_generate(
    *,
    seed: int = DEFAULT_SEED,
    today: date = DEFAULT_TODAY,
    codes: list[str] | None = None,
    reports: bool = True,
) -> CountryResult:
    """Load the country and the 2025 tree (every province, or those of `codes`), publish the
    national campaign and record a seeded mix of work done, with the reports and figures
    sent unless `reports` is False. Refuses a database that already holds it; nothing is
    written unless all of it is."""
    if today < TREE_DATE:
        raise NationalError(
            _(TODAY_BEFORE_TREE) % {"today": f"{today:%d/%m/%Y}", "date": f"{TREE_DATE:%d/%m/%Y}"}
        )
    if Directive.objects.filter(original_name__startswith=MARKER).exists():
        raise NationalError(_(ALREADY_GENERATED))
    result = CountryResult()
    with transaction.atomic():
        start = time.perf_counter()
        country = national_load("2025", codes).country
        result.timings["tree"] = time.perf_counter() - start
        start = time.perf_counter()
        campaign = national_campaign_publish(country)
        result.timings["publish"] = time.perf_counter() - start
        start = time.perf_counter()
        progress = campaign_progress(
            campaign, rng=random.Random(f"{seed}-{country.code}"), today=today, start=TREE_DATE
        )
        progress_write(progress)
        result.timings["progress"] = time.perf_counter() - start
        if reports:
            start = time.perf_counter()
            made = national_reports_generate(campaigns=[campaign], seed=seed, today=today)
            result.reports, result.drafts, result.values = made.sent, made.drafts, made.values
            result.timings["reports"] = time.perf_counter() - start
    result.campaign = campaign
    result.conferences = len(progress.conferences)
    result.fulfilled = len(progress.fulfilled)
    owing = Obligation.objects.filter(campaign=campaign, deliverable=Deliverable.REPORT)
    result.provinces = owing.filter(unit__level=Level.PROVINCE).count()
    result.communes = owing.filter(unit__level=Level.COMMUNE).count()
    return result
