"""Benchmark (not a timed test): publishing the national campaign creates every obligation.

Goal: under 10 s for the whole country. The national tree (63 provinces, 703
district-level units, 11,147 communes, 17 agencies each) is loaded and a draft
directive prepared per province (see xhht.synthetic.national); then all 63 are
published through campaign_publish, each in its own transaction, as their
standing officers would. The round is rolled back and repeated.

Run: .venv/bin/python bench/bench_publish.py [--rounds 3]
     .venv/bin/python tools/pgcluster.py -- .venv/bin/python bench/bench_publish.py
"""

from __future__ import annotations

import argparse
import statistics
import time

from benchdb import django_ready, machine

USES_DATABASE = True
GOAL_SECONDS = 10.0


class Rollback(Exception):
    """Undo a round so that the next one publishes the same drafts."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    engine = django_ready()

    from datetime import date

    from django.db import transaction

    from xhht.campaigns.models import Obligation
    from xhht.synthetic.national import (
        DEFAULT_TREE_DATE,
        national_directives_prepare,
        national_publish,
        national_tree_load,
        province_codes,
    )

    start = time.perf_counter()
    with transaction.atomic():
        provinces = national_tree_load(province_codes())
        prepared = national_directives_prepare(provinces, DEFAULT_TREE_DATE)
    print(f"# publish — {engine}, {machine()}")
    print(f"setup (tree, agencies, 63 drafts): {time.perf_counter() - start:.1f} s")

    totals: list[float] = []
    slowest: tuple[float, str] = (0.0, "")
    created = 0
    for _round in range(args.rounds):
        try:
            with transaction.atomic():
                begin = time.perf_counter()
                for item in prepared:
                    one = time.perf_counter()
                    national_publish([item], on=date(2013, 5, 16))
                    slowest = max(slowest, (time.perf_counter() - one, item.province.display_name))
                totals.append(time.perf_counter() - begin)
                created = Obligation.objects.count()
                raise Rollback
        except Rollback:
            pass
    median = statistics.median(totals)
    print(
        f"publish 63 campaigns, {created:,} obligations: median {median:.2f} s "
        f"(rounds: {', '.join(f'{t:.2f}' for t in totals)}; {created / median:,.0f} obligations/s)"
    )
    print(f"slowest province: {slowest[1]} {slowest[0]:.3f} s")
    print(f"goal < {GOAL_SECONDS:.0f} s: {'met' if median < GOAL_SECONDS else 'NOT MET'}")


if __name__ == "__main__":
    main()
