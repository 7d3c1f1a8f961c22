"""Benchmark (not a timed test): 10,000 figures sent in DHIS2's dataValueSets shape are
checked and saved in a few seconds.

Data: the real tree and campaign of Thanh Hóa (the largest province) from
`generate_national`; 100 of its real communes are gathered under its largest
district, and the commune report template is widened to 50 indicators (the
content pack's commune indicators plus province-added ones), as in
bench_xlsx_upload.py. The dataValueSet gives each commune's value and
denominator of every indicator: 100 communes × 50 indicators × 2 figures =
10,000 values (5,000 indicator rows), sent by the district's officer, so that
every value goes through the scope check of the unit above and every row
changes and gets its audit entry. The reports are opened beforehand and marked
entered by the district (a commune's own draft is refused to the unit above).

Timed, each in one transaction: reading the JSON body (values_from_json), then
datavalueset_import as a dry run (everything checked under the reports' locks,
rolled back), then the real import (one bulk update, 5,000 audit entries
bulk-created, revisions raised),
then the same set again (every value as stored: nothing written).

Run: .venv/bin/python bench/bench_datavalueset.py [--smoke]
     .venv/bin/python tools/pgcluster.py -- .venv/bin/python bench/bench_datavalueset.py
--smoke: the smallest province (the first of benchdb.SMOKE_PROVINCES) and 10
communes under its largest district; the goal is not judged.
"""

from __future__ import annotations

import json

from benchdb import (
    SMOKE_PROVINCES,
    district_of_communes,
    django_ready,
    finished,
    machine,
    measured,
    parser,
    verdict,
)

USES_DATABASE = True
GOAL_S = 5.0
PROVINCE = "38"  # Thanh Hóa
COMMUNES = 100
SMOKE_COMMUNES = 10
INDICATORS = 50


def main() -> None:
    args = parser(__doc__).parse_args()
    code = SMOKE_PROVINCES[0] if args.smoke else PROVINCE
    communes = SMOKE_COMMUNES if args.smoke else COMMUNES
    engine = django_ready()
    from datetime import date

    from xhht.accounts.models import Role, User
    from xhht.audit.models import AuditEntry
    from xhht.campaigns.models import Deliverable
    from xhht.offline.datavalueset import ImportSummary, datavalueset_import
    from xhht.offline.datavalueset_payload import values_from_json
    from xhht.offline.workbook import template_indicators
    from xhht.orgunits.models import Level
    from xhht.reports.models import Report
    from xhht.reports.templates_build import template_for

    with measured() as setup:
        campaign, district = district_of_communes(code, communes, INDICATORS)
        obligations = campaign.obligations.filter(
            deliverable=Deliverable.REPORT, unit__level=Level.COMMUNE
        )
        mine = obligations.filter(unit__parent=district).select_related("unit")
        units = [o.unit for o in mine.order_by("unit__code")[:communes]]
        # The district enters these communes' reports (a commune's own draft is its own).
        Report.objects.filter(obligation__unit__in=units).update(entered_by_reviewer=True)
        officer = User.objects.create_user(
            username="bench-district", password="x", unit=district, role=Role.DISTRICT
        )
        indicators = template_indicators(template_for(campaign, Level.COMMUNE))[:INDICATORS]
        values = []
        for position, commune in enumerate(units):
            for indicator in indicators:
                values.append(
                    {
                        "dataElement": indicator.code,
                        "orgUnit": commune.code,
                        "value": 300 + position,
                    }
                )
                values.append(
                    {
                        "dataElement": indicator.code,
                        "orgUnit": commune.code,
                        "categoryOptionCombo": "denominator",
                        "value": str(400 + position),
                        "comment": "Số liệu rà soát",
                    }
                )
        body = json.dumps({"dataSet": str(campaign.pk), "period": "2013", "dataValues": values})

    with measured() as read:
        payload = values_from_json(json.loads(body))

    def run(dry_run: bool) -> ImportSummary:
        return datavalueset_import(
            campaign=campaign, values=payload.values, user=officer, dry_run=dry_run
        )

    before = AuditEntry.objects.count()
    with measured() as dry:
        planned = run(True)
    with measured() as saved:
        summary = run(False)
    with measured() as again:
        repeated = run(False)
    for result in (planned, summary, repeated):
        assert not result.conflicts, result.conflicts[:5]
    audited = AuditEntry.objects.count() - before
    revised = Report.objects.filter(obligation__unit__in=units, revision=1).count()
    counts = summary.as_dhis2()["importCount"]

    print(
        f"dataValueSets import — {engine}, {machine()}, today {date(2013, 6, 20):%d/%m/%Y}"
        + (", smoke run" if args.smoke else "")
    )
    print(f"  setup ({campaign.root.display_name} generated, reports opened): {setup}")
    print(
        f"  payload: {len(units)} communes × {len(indicators)} indicators × 2 figures = "
        f"{len(payload.values)} values, {len(body) / 1e6:.1f} MB of JSON, read in "
        f"{read.wall:.2f} s"
    )
    print(f"  dry run (checked under lock, rolled back): {dry.wall:.2f} s, CPU {dry.cpu:.2f} s")
    print(
        f"  import checked and saved: {saved.wall:.2f} s, CPU {saved.cpu:.2f} s "
        f"(goal < {GOAL_S:.0f} s) — {counts}, {audited} audit entries, {revised} revisions "
        f"raised"
    )
    print(f"  the same set again (all as stored): {again.wall:.2f} s, CPU {again.cpu:.2f} s")
    print(f"  goal: {verdict(saved.wall < GOAL_S, args.smoke)}")
    finished()


if __name__ == "__main__":
    main()
