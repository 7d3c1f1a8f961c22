"""Benchmark (not a timed test): an uploaded report workbook of 10,000 rows is validated
and saved in under 10 s.

Data: the real tree and campaign of Thanh Hóa (the largest province) from
`generate_national`; 200 of its real communes are gathered under its largest
district, and the commune report template is widened to 50 indicators (the
content pack's commune indicators plus province-added ones). The all-communes
workbook of that district then holds 200 commune rows × 50 indicators =
10,000 indicator rows (70,000 input cells): a district-like unit at the
national worst case (the largest real districts have fewer than 70 communes,
and 50 indicators is more than the pack's 21 for communes). Each row's value,
denominator, baseline and targets are filled, so every row changes and gets
its audit entry.

Timed: workbook_import of the whole file (sniff, parse, every cell checked,
scope, status and revision per commune, one bulk update, 10,000 audit entries
bulk-created, revisions raised), in one transaction.

Run: .venv/bin/python bench/bench_xlsx_upload.py [--smoke]
     .venv/bin/python tools/pgcluster.py -- .venv/bin/python bench/bench_xlsx_upload.py
--smoke: the smallest province (the first of benchdb.SMOKE_PROVINCES) and 20
communes under its largest district; the goal is not judged.
"""

from __future__ import annotations

import io

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
GOAL_S = 10.0
PROVINCE = "38"  # Thanh Hóa
COMMUNES = 200
SMOKE_COMMUNES = 20  # more than Đà Nẵng's largest district has: some are still moved in
INDICATORS = 50


def main() -> None:
    args = parser(__doc__).parse_args()
    code = SMOKE_PROVINCES[0] if args.smoke else PROVINCE
    communes = SMOKE_COMMUNES if args.smoke else COMMUNES
    engine = django_ready()
    from datetime import date

    from openpyxl import load_workbook

    from xhht.audit.models import AuditEntry
    from xhht.offline.workbook import communes_workbook
    from xhht.offline.workbook_import import workbook_import
    from xhht.reports.models import Report

    with measured() as setup:
        campaign, district = district_of_communes(code, communes, INDICATORS)
        made = communes_workbook(campaign=campaign, district=district, user=None)

    wb = load_workbook(io.BytesIO(made.content))
    ws = wb.worksheets[0]
    rows = ws.max_row - 3
    columns = ws.max_column - 3
    for r in range(4, ws.max_row + 1):
        for c in range(4, ws.max_column + 1, 7):
            values: list[float | str] = [300 + r, 400 + r, 320 + r, 410 + r, 70, 85.5, ""]
            for offset, value in enumerate(values):
                ws.cell(row=r, column=c + offset, value=value)
    buffer = io.BytesIO()
    wb.save(buffer)
    size = len(buffer.getvalue())

    before = AuditEntry.objects.count()
    buffer.seek(0)
    with measured() as upload:
        result = workbook_import(stream=buffer, name="bench.xlsx", user=None, campaign=campaign)
    assert result.ok, result.errors[:5]
    audited = AuditEntry.objects.count() - before
    revised = Report.objects.filter(obligation__unit__parent=district, revision=1).count()

    print(
        f"Excel upload — {engine}, {machine()}, today {date(2013, 6, 20):%d/%m/%Y}"
        + (", smoke run" if args.smoke else "")
    )
    print(
        f"  setup ({campaign.root.display_name} generated, reports opened, workbook made): {setup}"
    )
    print(
        f"  workbook: {rows} commune rows × {columns // 7} indicators = {rows * columns // 7} "
        f"indicator rows, {rows * columns} input cells, {size / 1e6:.1f} MB"
    )
    print(
        f"  upload validated and saved: {upload.wall:.2f} s, CPU {upload.cpu:.2f} s "
        f"(goal < {GOAL_S:.0f} s) — {result.rows_changed} rows changed in "
        f"{result.reports_changed} reports, {audited} audit entries, {revised} revisions raised"
    )
    print(f"  goal: {verdict(upload.wall < GOAL_S, args.smoke)}")
    finished()


if __name__ == "__main__":
    main()
