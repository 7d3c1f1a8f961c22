"""Benchmark (not a timed test): the top dashboard on national data answers in under 300 ms.

The national data of `xhht generate_national` (63 provinces, a campaign each,
25,537 obligations, a mix of work done as of 20/06/2013) is generated into a
throwaway database; then each page is requested repeatedly through Django's
test client (middleware, session, scope, queries and template rendering; no
network) and the median is printed with the number of queries:

- the dashboard of the largest province (Thanh Hóa: 27 districts, 637 communes)
  as its standing officer — the top dashboard, goal < 300 ms median;
- the same drilled down to its largest district;
- the list of campaigns as a national administrator (all 63 tallied);
- the stand-in used before the dashboard existed: state counts by level
  (campaigns.selectors.state_counts) for that province's campaign.

Run: .venv/bin/python bench/bench_dashboard.py [--repeat 30] [--smoke]
     .venv/bin/python tools/pgcluster.py -- .venv/bin/python bench/bench_dashboard.py
--smoke: the two smallest provinces (benchdb.SMOKE_PROVINCES), the larger as
"the largest", one repeat; the goal is not judged.
"""

from __future__ import annotations

from collections.abc import Callable

from benchdb import (
    SMOKE_PROVINCES,
    TODAY,
    QueryCounter,
    describe,
    django_ready,
    finished,
    machine,
    measured,
    parser,
    timed,
    verdict,
)

USES_DATABASE = True
GOAL_MS = 300.0
LARGEST = "38"  # Thanh Hóa


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--repeat", type=int, default=30)
    args = arguments.parse_args()
    repeat = 1 if args.smoke else args.repeat
    engine = django_ready()

    from datetime import date

    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from xhht.accounts.models import Role, User
    from xhht.campaigns.models import Campaign
    from xhht.campaigns.selectors import state_counts
    from xhht.orgunits.models import Level, OrgUnit
    from xhht.synthetic.national import national_generate

    with measured() as generating:
        # The dashboard reads obligations only.
        result = national_generate(codes=SMOKE_PROVINCES if args.smoke else None, reports=False)
    print(f"# dashboard — {engine}, {machine()}" + (", smoke run" if args.smoke else ""))
    print(
        f"generate_national: {generating} "
        f"({len(result.campaigns)} campaigns, {result.obligations:,} obligations; "
        + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
        + ")"
    )
    campaign = Campaign.objects.select_related("root").get(
        root__code=SMOKE_PROVINCES[-1] if args.smoke else LARGEST
    )
    province = campaign.root
    largest = (
        province.children.filter(level=Level.DISTRICT)
        .annotate(n=Count("children"))
        .values_list("pk", "n")
        .order_by("-n")
        .first()
    )
    assert largest is not None
    district = OrgUnit.objects.get(pk=largest[0])
    officer = User.objects.create_user(
        username="bench-province", unit=province, role=Role.PROVINCE, password=None
    )
    admin = User.objects.create_user(username="bench-admin", role=Role.ADMIN, password=None)

    def page(user: User, url: str) -> Callable[[], object]:
        client = Client()
        client.force_login(user)

        def get() -> object:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return get

    dashboard = reverse("campaigns:dashboard", args=[campaign.pk])
    cases: list[tuple[str, Callable[[], object]]] = [
        (f"dashboard of {province.display_name} (province officer)", page(officer, dashboard)),
        (
            f"dashboard drilled to {district.display_name} ({largest[1]} communes)",
            page(officer, f"{dashboard}?unit={district.pk}"),
        ),
        (
            f"campaign list, national administrator ({len(result.campaigns)})",
            page(admin, reverse("campaigns:list")),
        ),
        (
            "stand-in: state_counts by level, one province",
            lambda: [
                state_counts(
                    campaign.obligations.filter(unit__level=level), date.fromisoformat(TODAY)
                )
                for level in Level.values
            ],
        ),
    ]
    top_median = 0.0
    for label, call in cases:
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            call()
        times = timed(call, repeat)
        print(f"{describe(label, times)}; {counter.count} queries")
        if not top_median:
            top_median = times.median_ms
    print(
        f"goal: top dashboard < {GOAL_MS:.0f} ms median: "
        + verdict(top_median < GOAL_MS, args.smoke)
    )
    finished()


if __name__ == "__main__":
    main()
