"""Benchmark (not a timed test): publishing the national campaign creates every obligation.

Goal: under 10 s for the whole country. The national tree (63 provinces, 703
district-level units, 11,147 communes, 17 agencies each) is loaded and a draft
directive prepared per province (see xhht.synthetic.national); then all 63 are
published through campaign_publish, each in its own transaction, as their
standing officers would. The round is rolled back and repeated.

Run: .venv/bin/python bench/bench_publish.py [--rounds 3] [--smoke]
     .venv/bin/python tools/pgcluster.py -- .venv/bin/python bench/bench_publish.py
--smoke: the two smallest provinces (benchdb.SMOKE_PROVINCES), one round; the
goal is not judged.
"""

from __future__ import annotations

import statistics

from benchdb import (
    SMOKE_PROVINCES,
    Span,
    django_ready,
    finished,
    machine,
    measured,
    parser,
    verdict,
)

USES_DATABASE = True
GOAL_SECONDS = 10.0


class Rollback(Exception):
    """Undo a round so that the next one publishes the same drafts."""


def main() -> None:
    arguments = parser(__doc__)
    arguments.add_argument("--rounds", type=int, default=3)
    args = arguments.parse_args()
    rounds = 1 if args.smoke else args.rounds
    engine = django_ready()

    from datetime import date

    from django.db import transaction

    from xhht.campaigns.models import Obligation
    from xhht.synthetic.national import (
        DEFAULT_TREE_DATE,
        SEED_PROVINCE,
        national_directives_prepare,
        national_publish,
        national_tree_load,
        province_codes,
    )

    chosen = province_codes(codes=SMOKE_PROVINCES if args.smoke else None)
    # Quảng Ninh's agencies are the plan's source: its tree is loaded even when not chosen.
    loaded = chosen if SEED_PROVINCE in chosen else [*chosen, SEED_PROVINCE]
    with measured() as setup, transaction.atomic():
        provinces = [p for p in national_tree_load(loaded) if p.code in chosen]
        prepared = national_directives_prepare(provinces, DEFAULT_TREE_DATE)
    print(f"# publish — {engine}, {machine()}" + (", smoke run" if args.smoke else ""))
    print(f"setup (tree, agencies, {len(prepared)} drafts): {setup}")

    totals: list[Span] = []
    slowest: tuple[float, str] = (0.0, "")
    created = 0
    for _round in range(rounds):
        try:
            with transaction.atomic():
                with measured() as total:
                    for item in prepared:
                        with measured() as one:
                            national_publish([item], on=date(2013, 5, 16))
                        slowest = max(slowest, (one.wall, item.province.display_name))
                totals.append(total)
                created = Obligation.objects.count()
                raise Rollback
        except Rollback:
            pass
    median = statistics.median(span.wall for span in totals)
    print(
        f"publish {len(prepared)} campaigns, {created:,} obligations: median {median:.2f} s, "
        f"CPU median {statistics.median(span.cpu for span in totals):.2f} s "
        f"(rounds: {', '.join(f'{span.wall:.2f}' for span in totals)}; "
        f"{created / median:,.0f} obligations/s)"
    )
    print(f"slowest province: {slowest[1]} {slowest[0]:.3f} s")
    print(f"goal < {GOAL_SECONDS:.0f} s: {verdict(median < GOAL_SECONDS, args.smoke)}")
    finished()


if __name__ == "__main__":
    main()
