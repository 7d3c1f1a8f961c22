"""Benchmark (not a timed test): each page of the load test's mix costs at most 15 ms of CPU.

The demo of `make run` (`xhht bootstrap`, `xhht load_demo`: Quảng Ninh's seed
campaign with its mix of work done, static files collected) is loaded into a
throwaway database. One demo officer of each level is logged in (force_login:
no password hash) and each page of the load test's mix (bench/load/
load_journeys.py) is requested through Django's test client — middleware,
session, scope, queries and template rendering, no network — after a warm-up,
N times. Per request: this process's CPU time (time.process_time), the wall
time, the SQL queries and the HTML bytes. The mix:

- every officer: the home page and the campaign's dashboard;
- a commune, a district, an agency: its work page, its own report (the form of
  an editable report), saving figures (POST of the form read from the page,
  every figure typed anew, as the load test does) and signing and sending it
  with a small PDF (POST; between two sends, unmeasured, the province returns
  the report so that it can be sent again);
- a district: the list of its communes' reports;
- the province: its own report (if it owes one), the campaign's roll-up and a
  district's list of its communes' reports.

The goal (issue 16): the median CPU time of every page ≤ 15 ms. A page that keeps drawn
parts between requests (kernel.kept: the dashboards, the roll-up) is measured twice: as the mix asks
for it again, and drawn afresh, as after a change to what it shows (marked *; not judged).

Run: .venv/bin/python bench/bench_pages.py [--repeat 30] [--smoke] [--profile PAGE[:LEVEL]]
     .venv/bin/python tools/pgcluster.py -- .venv/bin/python bench/bench_pages.py
--profile: a cProfile of that page's measured requests (e.g. `report`, `save:district`),
the top 30 by cumulative time. Pages: home dashboard work report save send communes rollup.
--smoke: one request of each after one warm-up; the goal is not judged.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchdb import (
    QueryCounter,
    django_ready,
    finished,
    load_average,
    machine,
    measured,
    parser,
    verdict,
)

sys.path.insert(0, str(Path(__file__).resolve().parent / "load"))

from load_journeys import Acknowledgements, Answer, Officer

USES_DATABASE = True
GOAL_MS = 15.0
DEMO_LEVELS = ("province", "district", "commune", "agency")
PAGES = ("home", "dashboard", "work", "report", "save", "send", "communes", "rollup")
# Pages that keep drawn parts between requests under the key of what they show
# (kernel.kept): measured again drawn afresh, as after a change (rows marked *).
KEEPS = ("dashboard", "rollup")
# The request each page is, as load_journeys names it.
REQUEST_NAMES = {
    "home": "home",
    "dashboard": "dashboard",
    "work": "work page",
    "report": "report",
    "save": "report: save figures",
    "send": "report: sign and send",
    "communes": "district's communes",
    "rollup": "province roll-up",
}


@dataclass
class Sample:
    name: str
    status: int
    cpu: float
    wall: float
    queries: int
    size: int


@dataclass
class Row:
    page: str
    level: str
    samples: list[Sample] = field(default_factory=list)

    def median_cpu_ms(self) -> float:
        return 1000 * statistics.median(s.cpu for s in self.samples)

    def line(self) -> str:
        cpu = sorted(1000 * s.cpu for s in self.samples)
        p90 = cpu[min(len(cpu) - 1, int(0.9 * len(cpu)))]
        wall = 1000 * statistics.median(s.wall for s in self.samples)
        queries = statistics.median(s.queries for s in self.samples)
        size = statistics.median(s.size for s in self.samples) / 1024
        return (
            f"{self.page:<10} {self.level:<9} {statistics.median(cpu):>8.1f} {p90:>8.1f} "
            f"{wall:>8.1f} {queries:>7.0f} {size:>7.1f}"
        )


class TimedClient:
    """load_journeys' Client on Django's test client: each request timed and its queries
    counted (`samples`), a chosen request name profiled."""

    def __init__(self, user: Any, profile: str = "") -> None:
        from django.test import Client

        self.client = Client()
        self.client.force_login(user)
        self.samples: list[Sample] = []
        self.profile = profile
        self.profiler = cProfile.Profile()

    def fetch(
        self,
        method: str,
        path: str,
        *,
        name: str,
        body: bytes | None = None,
        content_type: str = "",
    ) -> Answer:
        from django.db import connection

        # Counted by an execute wrapper, as cheap as production's cursor: Django's query log
        # (CaptureQueriesContext) would format every query's SQL with its parameters, another
        # query each on SQLite and a client-side composition on PostgreSQL, and time that too.
        counter = QueryCounter()
        profiled = name == self.profile
        with connection.execute_wrapper(counter):
            if profiled:
                self.profiler.enable()
            wall, cpu = time.perf_counter(), time.process_time()
            if method == "GET":
                response = self.client.get(path)
            else:
                response = self.client.generic(method, path, body or b"", content_type)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            if profiled:
                self.profiler.disable()
        text = response.content.decode() if response.status_code == 200 else ""
        self.samples.append(
            Sample(name, response.status_code, cpu, wall, counter.count, len(response.content))
        )
        assert response.status_code in (200, 302), (method, path, response.status_code)
        return Answer(response.status_code, response.get("Location", ""), text)


def _editable(obligation: Any) -> None:
    """The report of the obligation written and sent anew: a sent one is returned (by the
    province, as a reviewer would)."""
    from xhht.reports.models import Report
    from xhht.reports.services import report_return

    report = Report.objects.filter(obligation=obligation).first()
    if report is not None and not report.is_editable:
        report_return(report=report, user=None, reason="[benchmark] gửi lại")


def _officer(
    campaign: Any, user: Any, level: str, districts: list[int], acks: Acknowledgements
) -> Officer:
    from xhht.campaigns.models import Deliverable

    obligation = campaign.obligations.filter(deliverable=Deliverable.REPORT, unit=user.unit).first()
    if obligation is not None:
        _editable(obligation)
    me = {
        "username": user.username,
        "level": level,
        "unit": user.unit_id,
        "report": obligation.pk if obligation is not None else None,
        "writes": obligation is not None,
    }
    plan = {"campaign": campaign.pk, "districts": districts, "officers": [me]}
    return Officer(plan, me, TimedClient(user), acks)


def _steps(level: str, officer: Officer) -> list[str]:
    pages = ["home", "dashboard"]
    if level != "province":
        pages.append("work")
    if officer.report:
        pages.append("report")
    if level in ("district", "commune", "agency"):
        pages += ["save", "send"]
    if level in ("district", "province"):
        pages.append("communes")
    if level == "province":
        pages.append("rollup")
    return pages


def _one(officer: Officer, page: str) -> Sample:
    """One request of the page (with what it needs before, unmeasured); its sample."""
    client = officer.client
    assert isinstance(client, TimedClient)
    if page == "send":
        officer.sent = False
        officer.do_save()  # every figure typed: nothing missing stops the send
        _editable_of(officer)
        client.samples.clear()
        officer.do_send()
        sample = client.samples[-1]
        assert sample.status == 302, "the report was not sent: see its send page"
        _editable_of(officer)
        return sample
    client.samples.clear()
    getattr(officer, f"do_{page}")()
    sample = client.samples[-1]
    assert sample.name == REQUEST_NAMES[page], (sample.name, page)
    if page == "save":
        assert sample.status == 302, "the figures were not saved: see the report's page"
    return sample


def _measured(
    officer: Officer, page: str, level: str, warm_up: int, repeat: int, profile: str
) -> Row:
    """The page's row: `repeat` requests after `warm_up`, profiled under `profile`'s name."""
    for _turn in range(warm_up):
        _one(officer, page)
    client = officer.client
    assert isinstance(client, TimedClient)
    client.profile = profile
    row = Row(page, level)
    for _turn in range(repeat):
        row.samples.append(_one(officer, page))
    client.profile = ""
    return row


def _afresh(officer: Officer, page: str) -> Sample:
    """The page drawn afresh: what pages keep between requests (kernel.kept) is dropped
    first, unmeasured, as a change to what the page shows would make a new key."""
    from django.core.cache import cache

    cache.clear()
    return _one(officer, page)


def _editable_of(officer: Officer) -> None:
    from xhht.campaigns.models import Obligation

    _editable(Obligation.objects.get(pk=officer.me["report"]))


def _setup(smoke: bool) -> str:
    """What `make run` loads (the static files collected, but in a smoke run: pages then link
    the plain names); the time of each step. E-mail stays in memory."""
    from django.conf import settings
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    quiet = io.StringIO()
    steps = [("bootstrap", ["bootstrap"]), ("load_demo", ["load_demo"])]
    if not smoke:
        steps.insert(0, ("collectstatic", ["collectstatic", "--no-input", "--verbosity=0"]))
    spent = []
    for label, command in steps:
        with measured() as span:
            call_command(*command, stdout=quiet)
        spent.append(f"{label} {span}")
    return ", ".join(spent)


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--repeat", type=int, default=30)
    arguments.add_argument("--warm-up", type=int, default=3)
    arguments.add_argument("--profile", default="", help="PAGE or PAGE:LEVEL: its cProfile")
    args = arguments.parse_args()
    repeat, warm_up = (1, 1) if args.smoke else (args.repeat, args.warm_up)
    wanted_page, _colon, wanted_level = args.profile.partition(":")
    if wanted_page and wanted_page not in PAGES:
        arguments.error(f"--profile: one of {', '.join(PAGES)}")
    engine = django_ready()

    from django.core import mail

    from xhht.accounts.models import User
    from xhht.campaigns.models import Campaign, Deliverable
    from xhht.orgunits.models import Level
    from xhht.site.demo import DEMO_LABEL, DEMO_USERS

    loading = _setup(args.smoke)
    print(
        f"# pages of the load mix — {engine}, {machine()}" + (", smoke run" if args.smoke else "")
    )
    print(f"demo loaded: {loading}")
    campaign = Campaign.objects.get(title__startswith=DEMO_LABEL)
    districts = sorted(
        campaign.obligations.filter(
            deliverable=Deliverable.REPORT, unit__level=Level.DISTRICT
        ).values_list("unit_id", flat=True)
    )
    acks = Acknowledgements(Path(tempfile.mkdtemp(prefix="xhht-bench-acks-")) / "acks.jsonl")
    rows: list[Row] = []
    afresh: list[Row] = []
    profiled: list[cProfile.Profile] = []
    for username, _code, _role in DEMO_USERS:
        user = User.objects.select_related("unit").get(username=username)
        level = str(user.unit.level) if user.unit else "admin"
        profile = ""
        if wanted_page and wanted_level in ("", level):
            profile = REQUEST_NAMES[wanted_page]
        officer = _officer(campaign, user, level, districts, acks)
        for page in _steps(level, officer):
            profiled_page = profile if page == wanted_page else ""
            rows.append(_measured(officer, page, level, warm_up, repeat, profiled_page))
            if page in KEEPS:
                fresh = Row(f"{page}*", level)
                for _turn in range(repeat):
                    fresh.samples.append(_afresh(officer, page))
                afresh.append(fresh)
            mail.outbox = []
        if profile:
            assert isinstance(officer.client, TimedClient)
            profiled.append(officer.client.profiler)
    print(f"{repeat} requests of each after {warm_up} warm-up; load average {load_average()}")
    print(
        f"{'page':<10} {'level':<9} {'CPU ms':>8} {'p90 CPU':>8} {'wall ms':>8} {'queries':>7} {'KB':>7}"
    )
    for row in rows:
        print(row.line())
    print("* drawn afresh, nothing kept from the view before (a change to what it shows):")
    for row in afresh:
        print(row.line())
    worst = max(rows, key=Row.median_cpu_ms)
    print(
        f"goal: median CPU per page ≤ {GOAL_MS:.0f} ms (worst: {worst.page} {worst.level} "
        f"{worst.median_cpu_ms():.1f} ms): "
        + verdict(worst.median_cpu_ms() <= GOAL_MS, args.smoke).replace("NOT MET", "not met")
    )
    for profiler in profiled:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        print(f"# profile of {args.profile}\n{out.getvalue()}")
    finished()


if __name__ == "__main__":
    main()
