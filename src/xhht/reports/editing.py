"""Writing a report: opened as a draft, its text and figures saved with a three-way merge
(only what the user changed is written; a field both changed is a conflict, and nothing
is written), and the one function that writes figures, for the page and the Excel import.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import AuditRecord, audit_log, audit_log_many, diff
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.campaigns.services import check_campaign_writable
from xhht.kernel.clock import now
from xhht.kernel.sql import insert_many, update_many
from xhht.reports.baselines import baseline_for
from xhht.reports.models import (
    FIGURE_FIELDS,
    DataValue,
    OwnTarget,
    Report,
    ReportTemplate,
    SectionText,
    own_targets_attach,
    rows_in_order,
    target_year,
)
from xhht.reports.seen import Seen, text_digest, value_key
from xhht.reports.signals import report_opened
from xhht.reports.templates_build import template_for
from xhht.reports.validation import Problem

NOT_A_REPORT = gettext_noop("This obligation is not a report.")
CONFLICT = gettext_noop(
    "%(who)s saved this report at %(time)s while you were editing it and changed what you "
    "changed too: %(fields)s. Nothing was saved and nothing of yours is lost: your text and "
    "figures are below, with the saved version beside each of these; choose and save again."
)
STALE = gettext_noop(
    "%(who)s saved this report at %(time)s, after these figures were read: nothing was "
    "written. Try again."
)
NOT_EDITABLE = gettext_noop("The report has been sent; it can change only after it is returned.")
CAMPAIGN_CLOSED = gettext_noop(
    "The campaign was closed on %(date)s: its reports can no longer change. Nothing was saved."
)


class ReportError(ValueError):
    """A request the report cannot take; the message is for the user."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def report_open(*, obligation: Obligation, user: User | None) -> Report:
    """The unit's report for a report obligation, created as a draft on first use, its
    baselines carried from the province's last closed campaign (baseline_carry).

    A withdrawn campaign starts no draft: refused (ReportError, saying when and why), its
    existing reports are still given. In a closed campaign the draft is still created, so
    that the pages showing it work, but nothing is carried or pre-filled into it, and it
    cannot be saved or sent."""
    return _open(obligation, user, refuse_withdrawn=True)


def _open(
    obligation: Obligation,
    user: User | None,
    *,
    refuse_withdrawn: bool,
    template: ReportTemplate | None = None,
) -> Report:
    if obligation.deliverable not in (Deliverable.REPORT, Deliverable.CONSOLIDATED):
        raise ReportError(_(NOT_A_REPORT))
    existing = Report.objects.filter(obligation=obligation).first()
    if existing is not None:
        return existing
    campaign = obligation.campaign
    if refuse_withdrawn:
        check_campaign_writable(campaign, refuse=ReportError)
    ended = campaign.is_closed or campaign.withdrawn_at is not None
    template = template or template_for(campaign, obligation.unit.level)
    # In a caller's transaction (a preview), no savepoint of its own: a failure here fails
    # the caller's work too.
    with transaction.atomic(savepoint=False):
        try:
            with transaction.atomic():  # another request may start the same report first
                report = Report.objects.create(
                    obligation=obligation, template=template, updated_at=now(), updated_by=user
                )
        except IntegrityError:
            started = Report.objects.filter(obligation=obligation).first()
            if started is None:
                raise
            return started
        DataValue.objects.bulk_create(
            DataValue(report=report, indicator_id=link.indicator_id)
            for link in template.templateindicator_set.select_related("indicator")
            if link.indicator.asked_of(obligation.unit)
        )
        audit_log(action="report.opened", obj=report, user=user, unit=obligation.unit)
        if not ended:
            baseline_carry(campaign=campaign, reports=[report], user=user)
    if not ended:
        # The roll-up fills a district's own report with its communes' sums.
        filled = report_opened.send(sender=Report, report=report, user=user)
        if any(rows for _receiver, rows in filled):
            report.refresh_from_db()  # its revision, after what was filled in
            report.obligation, report.template = obligation, template  # as they were
    return report


class _Preview(Exception):
    """Raised to roll back the report made for a preview."""


@contextmanager
def report_preview(*, obligation: Obligation, user: User | None) -> Iterator[Report]:
    """The obligation's report for a page that only shows it (a GET writes nothing): the
    stored one; or, when there is none yet, the draft report_open would start (baselines
    carried, a district's communes' sums filled), made inside a transaction that is rolled
    back when the block ends. The caller renders inside the block and keeps nothing of the
    report after it. The campaign's template is built for good (template_for): the page
    names its sections by their keys, which the first save must find again."""
    template = None
    if obligation.deliverable in (Deliverable.REPORT, Deliverable.CONSOLIDATED):
        template = template_for(obligation.campaign, obligation.unit.level)
    try:
        with transaction.atomic():
            # Even in a withdrawn campaign, which starts no draft: this one is not kept (a
            # stored one is read, and nothing is written).
            yield _open(obligation, user, refuse_withdrawn=False, template=template)
            raise _Preview
    except _Preview:
        pass


def baseline_carry(*, campaign: Campaign, reports: list[Report], user: User | None) -> int:
    """Fill the blank baselines of `reports` (of `campaign`, held by the caller's transaction)
    with the figures their units closed the province's previous campaign with (reports.
    baselines): a row whose baseline or its denominator the unit typed is left as it is.
    Written through figures_save, so audited; each report notes where its baselines came
    from. Reports not editable are skipped. Returns the rows filled."""
    reports = [r for r in reports if r.is_editable]
    if not reports:
        return 0
    unit_of = dict(
        Report.objects.filter(pk__in=[r.pk for r in reports]).values_list(
            "pk", "obligation__unit_id"
        )
    )
    carried = baseline_for(campaign, unit_ids=sorted(set(unit_of.values())))
    if carried.source is None:
        return 0
    blank = DataValue.objects.filter(
        report_id__in=list(unit_of), baseline__isnull=True, baseline_denominator__isnull=True
    )
    fills: dict[int, dict[int, dict[str, Any]]] = {}
    for report_id, indicator_id in blank.values_list("report_id", "indicator_id"):
        value, denominator = carried.figures.get((unit_of[report_id], indicator_id), (None, None))
        if value is not None or denominator is not None:
            row = {"baseline": value, "baseline_denominator": denominator}
            fills.setdefault(report_id, {})[indicator_id] = row
    changes = {r: fills[r.pk] for r in reports if r.pk in fills}
    written = figures_save(changes=changes, user=user) if changes else 0
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(baseline_from=carried.source)
    for report in reports:
        report.baseline_from = carried.source
    return written


def check_campaign_open(reports: list[Report]) -> None:
    """Refuse (ReportError) any change to a report of a closed or a withdrawn campaign: their
    reports are read-only. Callers check under the report's lock, which closing waits for."""
    ids = sorted(r.pk for r in reports)
    for start in range(0, len(ids), 2000):  # within any backend's limit of parameters
        ended = Campaign.objects.filter(
            Q(closed_at__isnull=False) | Q(withdrawn_at__isnull=False),
            obligations__report__pk__in=ids[start : start + 2000],
        )
        campaign = (
            ended.only("closed_at", "withdrawn_at")
            .order_by(F("withdrawn_at").asc(nulls_last=True))
            .first()
        )
        if campaign is not None:
            check_campaign_writable(campaign, refuse=ReportError)
            raise campaign_closed_error(campaign)


def campaign_closed_error(campaign: Campaign) -> ReportError:
    """The refusal of a change to a report of `campaign`, closed: the message says when."""
    on = localtime(campaign.closed_at) if campaign.closed_at else now()
    return ReportError(_(CAMPAIGN_CLOSED) % {"date": f"{on:%d/%m/%Y}"})


@dataclass(frozen=True)
class Conflict:
    """A field both the user and someone else changed since the user's editor opened."""

    section_id: int | None = None
    indicator_id: int | None = None
    name: str = ""  # the figure's column; "" for a section


class ReportConflict(ReportError):
    def __init__(self, message: str, conflicts: list[Conflict]) -> None:
        super().__init__(message)
        self.conflicts = conflicts


class ReportStale(ReportError):
    """A save made from an older revision than the one stored."""


def merge_verdict(shown: str | None, typed: str, stored: str) -> str:
    """'skip' (nothing to write), 'write', or 'conflict', from the three versions' keys."""
    if typed == stored:
        return "skip"
    if shown is None or shown == stored:
        return "write"  # only the user changed it (or nothing tells what the user saw)
    if typed == shown:
        return "skip"  # only someone else changed it: theirs stays
    return "conflict"


def _conflict_message(locked: Report, conflicts: list[Conflict]) -> str:
    who = locked.updated_by.get_username() if locked.updated_by else _("someone")
    titles = dict(locked.template.sections.values_list("pk", "title"))
    names = dict(
        locked.values.filter(indicator_id__in=[c.indicator_id for c in conflicts]).values_list(
            "indicator_id", "indicator__name"
        )
    )
    labels = field_labels()
    parts = [
        f"“{titles.get(c.section_id, '')}”"
        if c.section_id is not None
        else f"“{names.get(c.indicator_id or 0, '')}” ({labels.get(c.name, c.name)})"
        for c in conflicts
    ]
    return _(CONFLICT) % {
        "who": who,
        "time": f"{localtime(locked.updated_at):%H:%M %d/%m/%Y}",
        "fields": "; ".join(parts),
    }


OWN_TARGET = gettext_noop("own target %(year)s")


class _Labels(dict[str, str]):
    """Column names as the pages say them; an own target's names its year."""

    def __init__(self, capitalise: bool, **labels: str) -> None:
        self.capitalise = capitalise
        super().__init__({k: capfirst(v) if capitalise else v for k, v in labels.items()})

    def __missing__(self, name: str) -> str:
        year = target_year(name)
        if year is None:
            raise KeyError(name)
        label = _(OWN_TARGET) % {"year": year}
        return capfirst(label) if self.capitalise else label


def field_labels(*, capitalise: bool = False) -> dict[str, str]:
    """The figure columns as the pages name them (capitalised as column headings)."""
    return _Labels(
        capitalise,
        baseline=_("baseline"),
        baseline_denominator=_("baseline, out of"),
        value=_("value at the cut-off"),
        denominator=_("out of"),
        justification=_("justification"),
    )


@dataclass
class HeldReport:
    """A report locked for a save, with what the save compares the new text and figures
    with: its sections' texts and its indicator rows (in the order the pages show them)."""

    report: Report
    texts: dict[int, str]
    rows: list[DataValue]


def report_hold(report: Report) -> HeldReport:
    """Lock the report's row (its unit, campaign and template come along) and read its texts
    and rows, for a save in the same transaction: the page that builds its form from these
    rows reads them once, under the lock."""
    if not connection.in_atomic_block:
        raise RuntimeError("report_hold needs the transaction of the save")
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("obligation__unit", "obligation__campaign", "template")
        .get(pk=report.pk)
    )
    texts = {t.section_id: t.text for t in locked.texts.all()}
    return HeldReport(locked, texts, rows_in_order(locked))


def report_save(
    *,
    report: Report,
    texts: dict[int, str],
    values: dict[int, dict[str, Any]],
    user: User | None,
    seen: Seen | None = None,
    revision: int | None = None,
    held: HeldReport | None = None,
) -> Report:
    """Save the sections' text and the indicator rows of a draft: what the user changed.

    `seen` is what the user's editor showed (see seen.py): a field left as shown is not
    written, so someone else's newer value stays; a field both changed, differently, is
    a conflict and nothing is written (ReportConflict names them). Without `seen`,
    every field given is written — unless `revision` is given and someone saved since.
    A save that changes nothing changes nothing, not even the revision. `held`: the report
    as `report_hold` read it, in the caller's transaction, which a refusal leaves (so no
    savepoint of its own is made)."""
    with transaction.atomic(savepoint=held is None):
        held = held or report_hold(report)
        locked, old_texts = held.report, held.texts
        _check_writable(locked, revision)
        rows = {row.indicator_id: row for row in held.rows}
        conflicts: list[Conflict] = []
        text_writes = _texts_to_write(texts, old_texts, seen, conflicts)
        names = locked.template.value_fields
        value_writes = _values_to_write(values, rows, names, seen, conflicts)
        if conflicts:
            raise ReportConflict(_conflict_message(locked, conflicts), conflicts)
        for section_id, text in text_writes.items():
            if section_id in old_texts:
                SectionText.objects.filter(report=locked, section_id=section_id).update(text=text)
            else:
                SectionText.objects.create(report=locked, section_id=section_id, text=text)
            audit_log(
                action="report.text_changed",
                obj=locked,
                user=user,
                unit=locked.obligation.unit,
                changes={f"section:{section_id}": [old_texts.get(section_id, ""), text]},
            )
        if text_writes or value_writes:
            stored = {(locked.pk, key): row for key, row in rows.items()}
            figures_save(
                changes={locked: value_writes}, user=user, stored=stored, open_checked=True
            )
    return locked


def _check_writable(locked: Report, revision: int | None) -> None:
    check_campaign_open([locked])
    if not locked.is_editable:
        raise ReportError(_(NOT_EDITABLE))
    if revision is not None and locked.revision != revision:
        who = locked.updated_by.get_username() if locked.updated_by else _("someone")
        raise ReportStale(
            _(STALE) % {"who": who, "time": f"{localtime(locked.updated_at):%H:%M %d/%m/%Y}"}
        )


def _texts_to_write(
    texts: dict[int, str], stored: dict[int, str], seen: Seen | None, conflicts: list[Conflict]
) -> dict[int, str]:
    """The sections whose text the user changed; a section both changed goes to `conflicts`."""
    writes: dict[int, str] = {}
    for section_id, text in texts.items():
        shown = None if seen is None else seen.texts.get(section_id, text_digest(""))
        verdict = merge_verdict(shown, text_digest(text), text_digest(stored.get(section_id, "")))
        if verdict == "conflict":
            conflicts.append(Conflict(section_id=section_id))
        elif verdict == "write":
            writes[section_id] = text
    return writes


def _values_to_write(
    values: dict[int, dict[str, Any]],
    rows: dict[int, DataValue],
    names: tuple[str, ...],
    seen: Seen | None,
    conflicts: list[Conflict],
) -> dict[int, dict[str, Any]]:
    """The figures the user changed; a figure both changed goes to `conflicts`."""
    writes: dict[int, dict[str, Any]] = {}
    for indicator_id, fields in values.items():
        row = rows.get(indicator_id)
        for name in names:
            if name not in fields:
                continue
            stored_key = value_key(row.figure(name) if row else None)
            shown = None if seen is None else seen.value_shown(indicator_id, name) or ""
            verdict = merge_verdict(shown, value_key(fields[name]), stored_key)
            if verdict == "conflict":
                conflicts.append(Conflict(indicator_id=indicator_id, name=name))
            elif verdict == "write":
                writes.setdefault(indicator_id, {})[name] = fields[name]
    return writes


def _update_rows(rows: list[DataValue]) -> None:
    """The rows' figures and justification, written in bulk (kernel.sql.update_many)."""
    meta = DataValue._meta
    fields: list[Any] = [meta.get_field(name) for name in (*FIGURE_FIELDS, "justification")]
    pk: Any = meta.pk
    update_many(
        meta.db_table,
        (str(pk.column), str(pk.db_type(connection))),
        [(str(f.column), str(f.db_type(connection))) for f in fields],
        [
            (row.pk, *(f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields))
            for row in rows
        ],
    )


def _own_targets_save(targets: list[tuple[DataValue, int, Any]]) -> None:
    """Own targets set by multi-row upserts (kernel.sql.insert_many: building a model per
    target cost more than the database's work), those emptied deleted, a query per year."""
    meta = OwnTarget._meta
    fields: list[Any] = [meta.get_field(name) for name in ("row", "year", "value")]
    kept = [
        (owner.pk, on, fields[2].get_db_prep_save(Decimal(amount), connection))
        for owner, on, amount in targets
        if amount is not None
    ]
    columns = [(str(f.column), str(f.db_type(connection))) for f in fields]
    names = [name for name, _kind in columns]
    insert_many(meta.db_table, columns, kept, conflict=names[:2], update=names[2:])
    emptied: dict[int, list[int]] = {}
    for owner, on, amount in targets:
        if amount is None:
            emptied.setdefault(on, []).append(owner.pk)
    for on, row_ids in emptied.items():
        OwnTarget.objects.filter(row_id__in=row_ids, year=on).delete()


def _rows_of(
    reports: list[Report],
    changes: Mapping[Report, Mapping[int, Mapping[str, Any]]],
    stored: Mapping[tuple[int, int], DataValue] | None,
) -> dict[tuple[int, int], DataValue]:
    """The rows the caller read, and those of the other reports with figures to write."""
    rows = dict(stored or {})
    known = {report_id for report_id, _indicator in rows}
    unread = [r.pk for r in reports if changes[r] and r.pk not in known]
    if unread:
        found = own_targets_attach(DataValue.objects.filter(report_id__in=unread))
        rows.update({(row.report_id, row.indicator_id): row for row in found})
    return rows


def _create_rows(created: list[DataValue], reports: list[Report]) -> None:
    """The new rows in bulk, each given its key (read back where the backend returns none)."""
    DataValue.objects.bulk_create(created, batch_size=500)
    if created[0].pk is None:
        keyed = {
            (r.report_id, r.indicator_id): r.pk
            for r in DataValue.objects.filter(report_id__in=[r.pk for r in reports])
        }
        for row in created:
            row.pk = keyed[(row.report_id, row.indicator_id)]


def figures_save(
    *,
    changes: Mapping[Report, Mapping[int, Mapping[str, Any]]],
    user: User | None,
    stored: Mapping[tuple[int, int], DataValue] | None = None,
    open_checked: bool = False,
) -> int:
    """The one way a report's figures are written, by the report page and the Excel import
    alike: {report: {indicator id: {field: value}}}, already merged (what the user changed)
    into reports the caller holds locked (select_for_update, in its transaction). Rows are
    created or updated in bulk, each changed row audited, each report's revision bumped once
    (a report given with no figures still counts as changed: its text was). `stored` are
    rows the caller read already, with their own targets, by (report id, indicator id); the
    rows of the other reports are read here. `open_checked`: the caller checked the
    campaign open under the lock (check_campaign_open). Returns the rows written."""
    reports = list(changes)
    if not reports:
        return 0
    if not open_checked:
        check_campaign_open(reports)
    rows = _rows_of(reports, changes, stored)
    created: list[DataValue] = []
    updated: list[DataValue] = []
    records: list[AuditRecord] = []
    targets: list[tuple[DataValue, int, Any]] = []  # (row, year, value or None)
    for report in reports:
        for indicator_id, fields in changes[report].items():
            row = rows.get((report.pk, indicator_id))
            if row is None:
                row = DataValue(report_id=report.pk, indicator_id=indicator_id)
                created.append(row)
            else:
                updated.append(row)
            before = row.figures(fields)
            for name, value in fields.items():
                row.set_figure(name, value)
                if name not in FIGURE_FIELDS and name != "justification":
                    targets.append((row, target_year(name) or 0, value))
            after = row.figures(fields)
            records.append(AuditRecord(row, diff(before, after), report.obligation.unit_id))
    if created:
        _create_rows(created, reports)
    if updated:
        _update_rows(updated)
    _own_targets_save(targets)
    at = now()
    audit_log_many(action="report.value_changed", records=records, user=user, at=at)
    who = user if user is not None and user.is_authenticated else None
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(
        revision=F("revision") + 1, updated_at=at, updated_by=who
    )
    for report in reports:
        report.revision += 1
        report.updated_at, report.updated_by = at, who
    return len(records)
