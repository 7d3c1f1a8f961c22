"""Benchmark (not a timed test): the national campaign's roll-up and top dashboard in under 1 s.

Data: `generate_national --national` on a throwaway database: the country, its
Ministry and the 2025 tree (34 provinces, 3,321 communes), one campaign of the
Ministry across them (each commune holds its conference and reports to its
province, each province reports to the Ministry) and a seeded mix of work done
with the reports and figures sent (xhht.synthetic.country).

Timed, median of --repeat runs after a warm-up, as a Ministry officer (acting
for the country):
- `rollup_build(campaign, unit=country)`: every indicator summed over the
  communes' sent reports, broken down by province;
- `dashboard_build` for the country: counts by level and state, the 34
  provinces with their completion, the call list;
- the two pages as served (Django's test client: templates included),
  the dashboard and the roll-up.

Run: .venv/bin/python bench/bench_country.py [--repeat 9]
     .venv/bin/python tools/pgcluster.py -- .venv/bin/python bench/bench_country.py
--smoke: two small provinces, one repeat; the goal is not judged.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from benchdb import Times, describe, django_ready, finished, machine, measured, parser, verdict

USES_DATABASE = True
GOAL_S = 1.0
TODAY = "2025-12-12"
SMOKE_PROVINCES = ["11", "12"]  # Điện Biên (45 communes), Lai Châu (38)


def slowest_queries(call: Callable[[], object], shown: int = 3) -> list[str]:
    """The wall milliseconds of the slowest queries of one run of `call`, with how many ran."""
    from django.db import connection

    times: list[float] = []

    def timing(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            times.append(1000 * (time.perf_counter() - start))

    with connection.execute_wrapper(timing):
        call()
    top = sorted(times, reverse=True)[:shown]
    return [f"{len(times)} queries", *(f"{ms:.0f} ms" for ms in top)]


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--repeat", type=int, default=9)
    args = arguments.parse_args()
    repeat = 1 if args.smoke else args.repeat
    engine = django_ready()
    os.environ["XHHT_TODAY"] = TODAY  # the national campaign's day, not the 2013 one

    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from xhht.accounts.models import Role, User
    from xhht.campaigns import dashboards
    from xhht.kernel.clock import today
    from xhht.rollup.services import rollup_build
    from xhht.synthetic.country import country_generate

    settings.XHHT_TODAY = date.fromisoformat(TODAY)
    with measured() as setup:
        result = country_generate(codes=SMOKE_PROVINCES if args.smoke else None)
    campaign = result.campaign
    assert campaign is not None
    if engine == "PostgreSQL":
        from django.db import connection

        with connection.cursor() as cursor:  # what autovacuum keeps on a live database
            cursor.execute("ANALYZE")
    country = campaign.root
    officer = User.objects.create_user(username="bo-gddt", unit=country, role=Role.PROVINCE)
    client = Client()
    client.force_login(officer)
    print(f"{engine}; {machine()}")
    print(
        f"setup: generate_national --national {setup}: {result.provinces} provinces, "
        f"{result.communes:,} communes, {result.obligations:,} obligations, "
        f"{result.reports:,} reports sent or accepted, {result.values:,} indicator rows"
    )
    on = today()

    def timed(call: object) -> Times:
        assert callable(call)
        call()
        times = Times()
        for _turn in range(repeat):
            times.run(call)
        return times

    def page(name: str) -> object:
        response = client.get(reverse(name, args=[campaign.pk]))
        assert response.status_code == 200, response.status_code
        return response

    rollup = timed(lambda: rollup_build(campaign=campaign, unit=country))
    dashboard = timed(
        lambda: dashboards.dashboard_build(user=officer, campaign=campaign, focus=country, on=on)
    )
    dashboard_page = timed(lambda: page("campaigns:dashboard"))
    rollup_page = timed(lambda: page("rollup:page"))
    built = dashboards.dashboard_build(user=officer, campaign=campaign, focus=country, on=on)
    provinces = sum(len(s.rows) for s in built.sections if s.level == "province")
    print(describe("rollup_build, the country", rollup))
    print(describe(f"dashboard_build, the country ({provinces} provinces listed)", dashboard))
    print(describe("GET the country's dashboard page", dashboard_page))
    print(describe("GET the country's roll-up page", rollup_page))
    worst = max(rollup.median_ms, dashboard.median_ms, dashboard_page.median_ms) / 1000
    for label, call in (
        ("rollup_build", lambda: rollup_build(campaign=campaign, unit=country)),
        (
            "dashboard_build",
            lambda: dashboards.dashboard_build(
                user=officer, campaign=campaign, focus=country, on=on
            ),
        ),
    ):
        print(f"{label}: its slowest queries, " + ", ".join(slowest_queries(call)))
    met = verdict(worst < GOAL_S, args.smoke)
    print(f"goal: roll-up and top dashboard under {GOAL_S:.0f} s: {met}")
    finished()


if __name__ == "__main__":
    main()
