"""Benchmark (not a timed test): the seed campaign's consolidated report with every other
document the province makes (annexes, proposal, conference kit…) in under 3 s, and a
national-size campaign's in under 60 s, in CPU seconds as well as wall seconds.

Data: the demo of `make run` (the seed campaign with its mix of reports, figures,
nominations and papers) on a throwaway database; then `generate_national` with its
reports (every province but Quảng Ninh, the demo's) made into one campaign across the
country (benchdb.national_campaign), whose consolidated report compiles every province's
figures.

Timed: each document of `documents.kinds.MAKERS` the province may make (the dossier
aside: it packs files, not data), median of --repeat runs after a warm-up.

Run: .venv/bin/python bench/bench_documents.py [--repeat 3] [--smoke]
     .venv/bin/python tools/pgcluster.py -- .venv/bin/python bench/bench_documents.py
--smoke: the demo and the two smallest provinces, one repeat; the goals are not judged.
"""

from __future__ import annotations

import statistics
from functools import partial

from benchdb import (
    SMOKE_PROVINCES,
    Times,
    describe,
    django_ready,
    finished,
    machine,
    measured,
    national_campaign,
    parser,
    timed,
    verdict,
)

USES_DATABASE = True
SEED_GOAL_S = 3.0
NATIONAL_GOAL_S = 60.0


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--repeat", type=int, default=3)
    args = arguments.parse_args()
    repeat = 1 if args.smoke else args.repeat
    engine = django_ready()

    from xhht.campaigns.models import Campaign
    from xhht.documents.kinds import kinds_for
    from xhht.documents.models import Kind
    from xhht.documents.services import document_make
    from xhht.orgunits.reference import reference_data_load
    from xhht.site.demo import demo_load
    from xhht.synthetic.national import national_generate, province_codes

    print(f"# official documents — {engine}, {machine()}" + (", smoke run" if args.smoke else ""))
    with measured() as loaded:
        reference_data_load()
        demo = demo_load().campaign
    print(f"setup: the demo campaign {loaded}")

    def run_all(campaign: Campaign, times: dict[str, Times]) -> None:
        """Every document the campaign's province makes but the dossier, timed."""
        unit = campaign.root
        for kind, _label in kinds_for(unit):
            if kind != Kind.DOSSIER:
                times[kind] = timed(partial(document_make, kind, campaign, unit), repeat, 1)

    def report(title: str, times: dict[str, Times], goal: float) -> None:
        total_wall = sum(statistics.median(t.wall) for t in times.values())
        total_cpu = sum(statistics.median(t.cpu) for t in times.values())
        print(f"-- {title}")
        for kind, t in times.items():
            print("  " + describe(str(Kind(kind).label), t))
        print(
            f"  all {len(times)} documents: {total_wall:.2f} s wall, {total_cpu:.2f} s CPU "
            f"(sum of medians); goal < {goal:.0f} s: {verdict(total_wall < goal, args.smoke)}"
        )

    seed_times: dict[str, Times] = {}
    run_all(demo, seed_times)
    report(f"the seed campaign ({demo.root.display_name})", seed_times, SEED_GOAL_S)

    with measured() as generated:
        # Every province but the demo's own, whose campaign the demo holds already.
        codes = SMOKE_PROVINCES if args.smoke else [c for c in province_codes() if c != "22"]
        result = national_generate(codes=codes)
        national, moved = national_campaign(result.campaigns)
    print(
        f"setup: generate_national and one campaign across {len(result.campaigns)} provinces "
        f"{generated} ({moved:,} obligations, {result.reports:,} reports)"
    )
    national_times: dict[str, Times] = {}
    run_all(national, national_times)
    report("a national campaign (Việt Nam)", national_times, NATIONAL_GOAL_S)
    finished()


if __name__ == "__main__":
    main()
