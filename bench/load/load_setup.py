"""The load test's database side: the demo campaign, its officers, and the check afterwards.

Runs in the orchestrator (bench_load.py) on the throwaway database benchdb made:
`prepare` loads the demo (`xhht bootstrap` and `xhht load_demo`, as `make run`
does) and makes N officers across the campaign's units — the province, its
districts, its member agencies and its communes — who share one password whose
hash is computed once and copied, so that making 200 accounts costs one hash,
not 200. Logging in still costs each of them one hash (Django's default
hasher): that is the login rush the report shows apart.

`verify` reads the acknowledgements the simulated officers wrote (one JSON line
per save or send the site answered with its redirect) and checks each against
the database: a report's revision moved by exactly as many saves as were
acknowledged for it, its figures and its first section's text are those of its
last acknowledged save, and a send left the report sent, with the number
typed, a "sent" event and the signed PDF attached.
"""

from __future__ import annotations

import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# What the plan gives the simulated officers (written to JSON for locustfile.py).
Plan = dict[str, Any]
# Share of the officers at each level, the rest at the communes: a deadline rush is communes.
SHARES = {"province": 0.03, "district": 0.1, "agency": 0.1}


def demo_load() -> None:
    """`xhht bootstrap` and `xhht load_demo` on the throwaway database; the static files for
    gunicorn (whitenoise serves them from var/static). Their passwords are not printed."""
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("bootstrap", stdout=quiet)
    call_command("load_demo", stdout=quiet)


def _counts(users: int) -> dict[str, int]:
    """How many officers at each level: at least one of each, the communes the most."""
    counts = {level: max(1, round(users * share)) for level, share in SHARES.items()}
    counts["commune"] = max(1, users - sum(counts.values()))
    return counts


def _open_first(obligations: list[Any], reports: dict[int, Any]) -> list[Any]:
    """The units whose report can still be written (none yet, a draft, returned) first:
    in a deadline rush the officers at work are those who have not sent."""
    from xhht.reports.models import ReportStatus

    editable = (ReportStatus.DRAFT, ReportStatus.RETURNED)

    def still_open(obligation: Any) -> bool:
        report = reports.get(obligation.pk)
        return report is None or report.status in editable

    return sorted(obligations, key=lambda o: (not still_open(o), o.unit.code))


def officers_make(users: int, password: str) -> Plan:
    """N officers of the demo campaign, one password hashed once; the plan they follow."""
    from django.contrib.auth.hashers import make_password

    from xhht.accounts.models import ROLE_FOR_LEVEL, User
    from xhht.campaigns.models import Campaign, Deliverable
    from xhht.orgunits.models import Level
    from xhht.reports.models import Report
    from xhht.site.demo import DEMO_LABEL

    campaign = Campaign.objects.select_related("root").get(title__startswith=DEMO_LABEL)
    obligations = list(
        campaign.obligations.filter(deliverable=Deliverable.REPORT)
        .exclude(unit__level=Level.PROVINCE)
        .select_related("unit")
    )
    reports = {
        r.obligation_id: r for r in Report.objects.filter(obligation__in=obligations).only("status")
    }
    by_level: dict[str, list[Any]] = defaultdict(list)
    for obligation in _open_first(obligations, reports):
        by_level[obligation.unit.level].append(obligation)
    hashed = make_password(password)  # the one hash of the setup
    accounts: list[User] = []
    officers: list[dict[str, Any]] = []
    for level, count in _counts(users).items():
        owed = by_level.get(level, [])
        for n in range(count):
            obligation = owed[n % len(owed)] if owed else None
            unit = campaign.root if obligation is None else obligation.unit
            username = f"bench-{level}-{n + 1:03d}"
            accounts.append(
                User(
                    username=username,
                    password=hashed,
                    unit=unit,
                    role=ROLE_FOR_LEVEL[Level(unit.level)],
                )
            )
            officers.append(
                {
                    "username": username,
                    "level": level,
                    "unit": unit.pk,
                    # Two officers of one unit: the first writes its report, the others read it.
                    "report": obligation.pk if obligation is not None else None,
                    "writes": obligation is not None and n < len(owed),
                }
            )
    User.objects.bulk_create(accounts)
    districts = sorted(o.unit_id for o in by_level.get(Level.DISTRICT, []))
    return {
        "campaign": campaign.pk,
        "districts": districts,
        "officers": officers,
        "revisions": revisions_of([o["report"] for o in officers if o["writes"]]),
    }


def revisions_of(obligations: list[int]) -> dict[str, int]:
    """Each report's revision before the run (-1 for a report not started yet: opening it
    may carry last campaign's figures forward, a save of its own)."""
    from xhht.reports.models import Report

    found = dict(
        Report.objects.filter(obligation__in=obligations).values_list("obligation_id", "revision")
    )
    return {str(pk): int(found.get(pk, -1)) for pk in obligations}


@dataclass
class Verification:
    saves: int = 0
    saves_verified: int = 0
    sends: int = 0
    sends_verified: int = 0
    unacknowledged: int = 0
    missing: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        shown = [
            f"acknowledged saves: {self.saves}, found in the database: {self.saves_verified}",
            f"acknowledged sends: {self.sends}, found in the database: {self.sends_verified}",
            f"posted but not acknowledged (refused, failed or cut by the end): "
            f"{self.unacknowledged}",
        ]
        shown += [f"  MISSING: {item}" for item in self.missing[:20]]
        if len(self.missing) > 20:
            shown.append(f"  … and {len(self.missing) - 20} more")
        return shown


def acknowledgements(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def _differing(report: Any, saves: list[dict[str, Any]]) -> list[str]:
    """The fields whose stored value is not what `saves`, in their order, left there."""
    figures: dict[str, dict[str, int]] = defaultdict(dict)
    texts: dict[str, str] = {}
    for save in saves:
        for indicator, columns in save["figures"].items():
            figures[indicator].update(columns)
        texts.update(save["texts"])
    stored = {str(row.indicator_id): row for row in report.values.all()}
    wrong = [
        f"indicator {indicator} {column}"
        for indicator, columns in figures.items()
        for column, value in columns.items()
        if indicator not in stored or getattr(stored[indicator], column) != value
    ]
    stored_texts = {f"s{t.section_id}": t.text for t in report.texts.all()}
    return wrong + [name for name, text in texts.items() if stored_texts.get(name) != text]


def _check_saves(obligation: int, tries: list[dict[str, Any]], before: int, result: Any) -> None:
    """A report's saves: its revision moved once for each acknowledged save (and at most once
    for each posted), and its fields hold what the last acknowledged save wrote — or what a
    later save wrote, posted but cut off before its answer."""
    from xhht.reports.models import Report

    acked = [n for n, one in enumerate(tries) if one["acked"]]
    if not acked:
        return
    report = Report.objects.filter(obligation_id=obligation).first()
    if report is None:
        result.missing.append(f"report #{obligation}: {len(acked)} saves acknowledged, no report")
        return
    opened = before < 0  # opened during the run: the carried figures moved it once more
    moved = report.revision - max(before, 0)
    wrong = _differing(report, tries[: acked[-1] + 1])
    for k in range(len(tries), acked[-1] + 1, -1):  # a later try may have landed after it
        if wrong and not _differing(report, tries[:k]):
            wrong = []
    if wrong or not len(acked) <= moved <= len(tries) + opened:
        result.missing.append(
            f"report #{obligation}: {len(acked)} saves acknowledged ({len(tries)} posted), "
            f"revision moved by {moved}; differing: {', '.join(wrong[:5]) or 'none'}"
        )
    else:
        result.saves_verified += len(acked)


def _check_send(send: dict[str, Any], result: Verification) -> None:
    from xhht.reports.models import Report, ReportEvent, ReportStatus

    report = Report.objects.filter(obligation_id=send["report"]).first()
    ok = (
        report is not None
        and report.status in (ReportStatus.SENT, ReportStatus.ACCEPTED)
        and report.number == send["number"]
        and report.events.filter(kind=ReportEvent.Kind.SENT).exists()
        and report.attachments.filter(original_name=send["file"]).exists()
    )
    if ok:
        result.sends_verified += 1
    else:
        result.missing.append(f"send of report #{send['report']} ({send['number']})")


def verify(path: Path, before: dict[str, int]) -> Verification:
    """Every acknowledged save and send of the run, checked in the database."""
    result = Verification()
    records = acknowledgements(path)
    acked = {r["id"] for r in records if r["phase"] == "ack"}
    saves: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for one in (r for r in records if r["phase"] == "try"):
        one["acked"] = one["id"] in acked
        result.unacknowledged += not one["acked"]
        if one["kind"] == "save":
            result.saves += one["acked"]
            saves[int(one["report"])].append(one)
        elif one["acked"]:
            result.sends += 1
            _check_send(one, result)
    for obligation, tries in saves.items():
        _check_saves(obligation, tries, before.get(str(obligation), -1), result)
    return result
