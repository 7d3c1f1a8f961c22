"""What the benchmarks share: the smoke switch, a throwaway migrated database, and their figures.

Every script takes `--smoke` (see `parser`): the same code paths on the
smallest data that still exercises them, one repeat, finished in seconds; its
figures are printed all the same, and never compared with a goal that only
the full data can meet (`verdict`). `make test` runs each script so through
tests/bench/test_smoke.py.

Without XHHT_DATABASE_URL a database benchmark gets a fresh SQLite file in a
temporary folder, removed when the script ends; under tools/pgcluster.py it
gets that throwaway PostgreSQL cluster. Never the developer's own database:
`generate_national` refuses one that already holds its data.

Times are printed as wall-clock time with this process's CPU time beside it:
on a busy machine the first grows and the second does not. The CPU time
leaves out a PostgreSQL server's own work, which shows in the wall time only.
"""

from __future__ import annotations

import argparse
import atexit
import os
import platform
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()  # benchdb is imported first thing: the script's start
ROOT = Path(__file__).resolve().parents[1]
TODAY = "2013-06-20"
# Smoke mode: the two provinces with the fewest communes (Đà Nẵng 56, Bạc Liêu 64), the larger
# last; with them the national generator still loads Quảng Ninh's tree, its plan's source.
SMOKE_PROVINCES = ["48", "95"]

# The checkout's own code is measured, whichever xhht the interpreter would otherwise import.
sys.path.insert(0, str(ROOT / "src"))


def parser(doc: str | None) -> argparse.ArgumentParser:
    """A script's command line, with the `--smoke` switch every benchmark shares."""
    made = argparse.ArgumentParser(description=(doc or "").split("\n")[0])
    made.add_argument(
        "--smoke",
        action="store_true",
        help="the same code on the smallest data and one repeat, in seconds (tests/bench)",
    )
    return made


def django_ready() -> str:
    """Configure and set up Django on a fresh, migrated database; return its engine's name."""
    var_dir = Path(tempfile.mkdtemp(prefix="xhht-bench-"))  # the SQLite file, unless a URL
    # A national database weighs hundreds of megabytes: it goes with the script.
    atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
    (var_dir / "static").mkdir()
    os.environ["XHHT_VAR_DIR"] = str(var_dir)
    os.environ["XHHT_DEBUG"] = "0"  # DEBUG would keep every query in memory
    os.environ.setdefault("XHHT_SECRET_KEY", secrets.token_urlsafe(40))
    os.environ["XHHT_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    os.environ["XHHT_TODAY"] = TODAY
    os.environ["XHHT_LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xhht.settings")
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    return "PostgreSQL" if connection.vendor == "postgresql" else "SQLite"


class QueryCounter:
    """Counts the queries run while it is installed (`with connection.execute_wrapper(...)`)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


@dataclass
class Span:
    """Wall-clock and CPU seconds of one stretch of work (see `measured`)."""

    wall: float = 0.0
    cpu: float = 0.0

    def __str__(self) -> str:
        return f"{self.wall:.1f} s (CPU {self.cpu:.1f} s)"


@contextmanager
def measured() -> Iterator[Span]:
    """`with measured() as span:` fills `span` with the block's wall and CPU seconds."""
    span = Span()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield span
    finally:
        span.wall = time.perf_counter() - wall
        span.cpu = time.process_time() - cpu


@dataclass
class Times:
    """The wall and CPU seconds of each run of the same call."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def run(self, call: Callable[[], object]) -> None:
        with measured() as span:
            call()
        self.wall.append(span.wall)
        self.cpu.append(span.cpu)

    @property
    def median_ms(self) -> float:
        return 1000 * statistics.median(self.wall)


def timed(call: Callable[[], object], repeat: int, warm_up: int = 2) -> Times:
    """`repeat` runs of `call` after `warm_up` unmeasured ones (caches, connections)."""
    for _warm_up in range(warm_up):
        call()
    times = Times()
    for _turn in range(repeat):
        times.run(call)
    return times


def national_campaign(campaigns: list[Any]) -> tuple[Any, int]:
    """One campaign across the country from the generator's one per province (see README):
    a unit "Việt Nam" above the provinces, every path below rewritten under it, and the
    provinces' obligations moved to a campaign rooted at it; then fresh statistics, as
    autovacuum or a periodic ANALYZE keeps them on a live database. The campaign and how
    many obligations moved."""
    from django.db import connection
    from django.db.models import Value
    from django.db.models.functions import Concat, Substr

    from xhht.campaigns.models import Campaign, Obligation
    from xhht.orgunits.models import Level, OrgUnit
    from xhht.synthetic.national import VALID_FROM

    provinces = [c.root for c in campaigns]
    country = OrgUnit.objects.create(
        code="VN",
        name="Việt Nam",
        type_label="Cả nước",
        level=Level.PROVINCE,
        valid_from=VALID_FROM,
    )
    for province in provinces:
        OrgUnit.objects.filter(path__startswith=province.path).update(
            path=Concat(Value(country.path), Substr("path", 2))
        )
    OrgUnit.objects.filter(pk__in=[p.pk for p in provinces]).update(parent=country)
    first = campaigns[0]
    national = Campaign.objects.create(
        title="Sơ kết 3 năm xây dựng xã hội học tập — cả nước (benchmark)",
        root=country,
        tree_date=first.tree_date,
        data_cutoff=first.data_cutoff,
        published_at=first.published_at,
    )
    moved = Obligation.objects.filter(campaign__in=campaigns).update(campaign=national)
    country.refresh_from_db()
    national.root = country
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return national, moved


def district_of_communes(code: str, communes: int, indicators: int) -> tuple[Any, Any]:
    """A province generated at national size with `indicators` commune indicators, and its
    district with the most communes given more (moved in from its neighbours, their paths
    following) until it has `communes`, every commune's report of it opened: the province's
    campaign and the district."""
    from django.db.models import Count

    from xhht.campaigns.models import Campaign, Deliverable
    from xhht.indicators.content import content_pack_load
    from xhht.indicators.models import Indicator, IndicatorKind
    from xhht.orgunits.models import Level, OrgUnit
    from xhht.reports.editing import report_open
    from xhht.synthetic.national import national_generate

    national_generate(codes=[code], reports=False)  # its reports are opened below
    content_pack_load()
    have = Indicator.objects.filter(level=Level.COMMUNE, active=True).count()
    Indicator.objects.bulk_create(
        Indicator(
            code=f"BENCH_{n:02d}",
            name=f"Chỉ tiêu thêm {n}",
            kind=IndicatorKind.RATIO,
            level=Level.COMMUNE,
            order=1000 + n,
        )
        for n in range(indicators - have)
    )
    province = OrgUnit.objects.filter(code=code, level=Level.PROVINCE).first()
    campaign = Campaign.objects.get(root=province)
    obligations = campaign.obligations.filter(
        deliverable=Deliverable.REPORT, unit__level=Level.COMMUNE
    )
    largest = obligations.values("unit__parent").annotate(n=Count("pk")).order_by("-n").first()
    assert largest is not None and largest["unit__parent"] is not None
    district = OrgUnit.objects.get(pk=largest["unit__parent"])
    chosen = list(obligations.order_by("unit__code").values_list("unit_id", flat=True))
    own = set(obligations.filter(unit__parent=district).values_list("unit_id", flat=True))
    extra = [pk for pk in chosen if pk not in own][: max(0, communes - len(own))]
    for moved in OrgUnit.objects.filter(pk__in=extra):  # saved: its path follows, for scope
        moved.parent = district
        moved.save()
    for obligation in obligations.filter(unit__parent=district).select_related("unit"):
        report_open(obligation=obligation, user=None)
    return campaign, district


def load_average() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def machine() -> str:
    """The interpreter, the cores and how busy they were: figures on a loaded machine run slower."""
    return (
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs, load average {load_average()}"
    )


def describe(label: str, times: Times) -> str:
    """ "label: median 123.4 ms (min …, p90 …, max …, n=…), CPU median 120.1 ms"."""
    ordered = sorted(times.wall)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return (
        f"{label}: median {1000 * statistics.median(ordered):.1f} ms "
        f"(min {1000 * ordered[0]:.1f}, p90 {1000 * p90:.1f}, max {1000 * ordered[-1]:.1f}, "
        f"n={len(ordered)}), CPU median {1000 * statistics.median(times.cpu):.1f} ms"
    )


def verdict(met: bool, smoke: bool) -> str:
    """A goal is set for the full data; a smoke run's figures say nothing about it."""
    if smoke:
        return "not judged (smoke run)"
    return "met" if met else "NOT MET"


def finished() -> None:
    """The closing line of every benchmark (tests/bench looks for it): the whole run's figures."""
    print(
        f"run: {time.perf_counter() - STARTED:.1f} s wall, {time.process_time():.1f} s CPU "
        f"(this process); load average {load_average()}",
        flush=True,
    )
