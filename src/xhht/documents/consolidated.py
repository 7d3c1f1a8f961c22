"""The consolidated report of a unit (the province's standing unit, a district on its
communes, or the Ministry for the country on its provinces) as plain content: every figure from the roll-up and the obligations, every
passage from the reports the units below sent, attributed to its unit.

The body follows the order an officer writes it in: how the review was organised (who
held their conference and reported, on time or late: a table by level and one by unit),
the results compiled section by section from the units' reports, the member bodies' tasks
(the province's report), the indicators against the targets in force at the cut-off, the
proposals, and the nominations for commendation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import F, Q
from django.utils.formats import number_format

from xhht.awards.selectors import province_list
from xhht.campaigns.dashboards import tally_by_level
from xhht.campaigns.models import Campaign, Deliverable, Obligation, State
from xhht.campaigns.selectors import obligations_with_state
from xhht.documents.citing import directive_cited
from xhht.documents.content import Block, OfficialDocument, Section, Table
from xhht.documents.issuers import heading_of, in_sentence, issuer_name, ministry_name
from xhht.kernel.clock import today
from xhht.kernel.richtext import Grid, Paragraph, Run, canonical, markup_of, parse
from xhht.kernel.text import match_key
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.models import Proposal, Report, SectionText, TemplateSection
from xhht.rollup.services import COUNTED, IndicatorRow, rollup_build

RESULTS, TASKS = "results", "tasks"  # the parts of a compiled section's key
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
STATE_WORDS = {
    State.ON_TIME: "đúng hạn",
    State.LATE: "muộn",
    State.RETURNED: "đã trả lại, chờ chỉnh sửa",
    State.OVERDUE: "quá hạn",
    State.PENDING: "chưa đến hạn",
}


def blocks_of(text: str) -> list[Block | Table]:
    """A unit's text as the document's blocks: its paragraphs and items with their bold
    and italic, its tables as tables (`kernel.richtext`)."""
    found: list[Block | Table] = []
    for piece in parse(text):
        if isinstance(piece, Grid):
            rows = piece.texts()
            head = rows[0] if piece.header else []
            found.append(Table("", head, rows[1:] if piece.header else rows))
        else:
            plain = any(run.bold or run.italic for run in piece.runs)
            found.append(Block(piece.kind, piece.text, piece.runs if plain else ()))
    return found


def vn_number(value: int | Decimal | None, places: int = 0) -> str:
    if value is None:
        return "–"
    return number_format(value, places, force_grouping=True)


def _day(on: date | None) -> str:
    return f"{on:%d/%m/%Y}" if on else "–"


def _subject(campaign: Campaign) -> str:
    """ "Kết quả sơ kết giữa kỳ thực hiện …", from the directive's "tổ chức sơ kết …"."""
    parsed = campaign.directive.parsed if campaign.directive else {}
    subject = (parsed.get("subject") or campaign.title).strip()
    for lead in ("tổ chức ", "về việc tổ chức ", "v/v tổ chức "):
        if subject.lower().startswith(lead):
            subject = subject[len(lead) :]
            break
    return f"Kết quả {subject}"


def _intro(campaign: Campaign, unit: OrgUnit, issuing_body: str) -> list[Block]:
    found = []
    cited = directive_cited(campaign)
    if cited:
        found.append(
            Block(
                "paragraph",
                f"Thực hiện {cited}, {_reporter(issuing_body, unit)} báo cáo kết quả như sau:",
            )
        )
    if campaign.data_cutoff:
        found.append(Block("paragraph", f"Số liệu tính đến ngày {campaign.data_cutoff:%d/%m/%Y}."))
    return found


def _reporter(issuing_body: str, unit: OrgUnit) -> str:
    """ "Ban chỉ đạo xây dựng xã hội học tập"; a district's with its name; the Ministry."""
    return issuer_name(unit, issuing_body)


def _whose(unit: OrgUnit) -> str:
    """Whose the report is, in its last sentence: "tỉnh Quảng Ninh", the Ministry."""
    return ministry_name(unit) if unit.level == Level.COUNTRY else in_sentence(unit.display_name)


# -- I. how the review went ---------------------------------------------------------------


def _below(campaign: Campaign, unit: OrgUnit) -> Q:
    return Q(campaign=campaign, unit__path__startswith=unit.path) & ~Q(unit=unit)


def _by_level(campaign: Campaign, unit: OrgUnit, on: date) -> Table:
    obligations = Obligation.objects.planned().filter(_below(campaign, unit))
    rows = []
    for row in tally_by_level(obligations, on):
        t = row.tally
        counts = [t.total, t.on_time, t.late, t.returned, t.overdue, t.pending]
        rows.append(
            [row.level_label, row.deliverable_label, *map(vn_number, counts), f"{t.percent_done}%"]
        )
    header = [
        "Cấp",
        "Việc",
        "Phải làm",
        "Đúng hạn",
        "Muộn",
        "Đã trả lại, chờ chỉnh sửa",
        "Quá hạn",
        "Chưa đến hạn",
        "Đã xong",
    ]
    return Table("Kết quả thực hiện theo cấp", header, rows, frozenset(range(2, 9)))


def _cell(obligation: Obligation | None) -> str:
    if obligation is None:
        return ""
    state = STATE_WORDS[State(obligation.state)]  # type: ignore[attr-defined]
    if obligation.fulfilled_on:
        again: date | None = getattr(obligation, "last_sent_on", None)
        if again is not None and again != obligation.fulfilled_on:
            # Timeliness is judged on the first sending; the version read was sent later.
            return f"{_day(obligation.fulfilled_on)} ({state}; gửi lại ngày {_day(again)})"
        return f"{_day(obligation.fulfilled_on)} ({state})"
    if obligation.returned_on:
        return f"đã trả lại ngày {_day(obligation.returned_on)}, chờ chỉnh sửa"
    return state


def _by_unit(campaign: Campaign, unit: OrgUnit, on: date) -> Table:
    """Every unit directly below: its conference, report and nominations, and how many of
    its own units below reported."""
    children = list(
        OrgUnit.objects.filter(parent=unit, obligations__campaign=campaign)
        .exclude(level=Level.AGENCY)
        .distinct()
        .order_by("code")
    )
    owed = obligations_with_state(
        Obligation.objects.filter(campaign=campaign, unit__in=children), on
    ).annotate(last_sent_on=F("report__last_sent_on"))
    cells: dict[tuple[int, str], Obligation] = {(o.unit_id, o.deliverable): o for o in owed}
    reported = _reported_below(campaign, children)
    rows = []
    for child in children:
        got, expected = reported.get(child.pk, (0, 0))
        rows.append(
            [
                child.display_name,
                _cell(cells.get((child.pk, Deliverable.CONFERENCE))),
                _cell(cells.get((child.pk, Deliverable.REPORT))),
                f"{got}/{expected}" if expected else "–",
                _cell(cells.get((child.pk, Deliverable.NOMINATION))),
            ]
        )
    header = [
        "Đơn vị",
        "Hội nghị sơ kết",
        "Báo cáo",
        "Đơn vị cấp dưới đã báo cáo",
        "Đề nghị khen thưởng",
    ]
    return Table("Kết quả thực hiện của từng đơn vị", header, rows, frozenset({3}))


def _reported_below(campaign: Campaign, children: list[OrgUnit]) -> dict[int, tuple[int, int]]:
    """For each child, how many of its own units' reports it received of how many owed."""
    found = {}
    for child in children:
        owed = Obligation.objects.filter(
            campaign=campaign, unit__parent=child, deliverable=Deliverable.REPORT
        )
        got = Report.objects.filter(obligation__in=owed, status__in=COUNTED).count()
        found[child.pk] = (got, owed.count())
    return found


# -- II, III. the units' texts ------------------------------------------------------------


def _reports_below(campaign: Campaign, unit: OrgUnit, level: str) -> list[Report]:
    return list(
        Report.objects.filter(
            obligation__campaign=campaign,
            obligation__unit__parent=unit,
            obligation__unit__level=level,
            status__in=COUNTED,
        )
        .select_related("obligation__unit", "template")
        .order_by("obligation__unit__code")
    )


def _texts(reports: list[Report]) -> dict[tuple[int, int], str]:
    rows = SectionText.objects.filter(report__in=reports).exclude(text="")
    return {(t.report_id, t.section_id): t.text for t in rows}


@dataclass
class Compiled:
    """A section of parts II and III as compiled from the units' reports: `key` says which
    (the part, then the section's title key or the member body's code), `text` the units'
    passages one after another, each under its unit's name (`kernel.richtext` markup)."""

    key: str
    number: str
    title: str
    text: str = ""


def _attributed(name: str, text: str) -> str:
    name = name.strip()
    return (
        markup_of(
            [Paragraph("paragraph", (Run(name if name.endswith(":") else f"{name}:", True, True),))]
        )
        + "\n"
        + canonical(text)
    )


def _compiled(reports: list[Report]) -> list[Compiled]:
    """The sections of the reports' templates, each with the passages the units wrote,
    matched across templates by their titles (an agency's own task sections left out)."""
    texts = _texts(reports)
    sections: dict[str, Compiled] = {}
    for report in reports:
        for section in (
            TemplateSection.objects.live().filter(template=report.template).order_by("order")
        ):
            text = texts.get((report.pk, section.pk))
            if section.agency_id is not None or not text:
                continue
            key = f"{RESULTS}:{match_key(section.title)}"
            target = sections.setdefault(key, Compiled(key, section.number, section.title))
            passage = _attributed(report.obligation.unit.display_name, text)
            target.text = f"{target.text}\n{passage}" if target.text else passage
    return list(sections.values())


def _tasks(reports: list[Report]) -> list[Compiled]:
    """Each member body's tasks, as it reported on them: one section per body, each task's
    title in bold above what the body wrote on it."""
    texts = _texts(reports)
    found = []
    for i, report in enumerate(reports, start=1):
        unit = report.obligation.unit
        lines = []
        for section in (
            TemplateSection.objects.live()
            .filter(template=report.template, agency__isnull=False)
            .order_by("order")
        ):
            text = texts.get((report.pk, section.pk))
            if text:
                lines.append(markup_of([Paragraph("paragraph", (Run(section.title, True),))]))
                lines.append(canonical(text))
        if lines:
            found.append(
                Compiled(f"{TASKS}:{unit.code}", f"{i}.", unit.display_name, "\n".join(lines))
            )
    return found


def below_of(unit: OrgUnit) -> list[str]:
    """The levels whose reports `unit` consolidates: the provinces for the country, the
    districts and the member bodies for the province, the communes for a district."""
    if unit.level == Level.COUNTRY:
        return [Level.PROVINCE]
    if unit.level == Level.PROVINCE:
        return [Level.DISTRICT, Level.AGENCY]
    return [Level.COMMUNE]


def compiled_of(campaign: Campaign, unit: OrgUnit) -> list[Compiled]:
    """Parts II and III of `unit`'s consolidated report as compiled from the reports sent
    to it now: what the standing unit starts its draft from."""
    levels = below_of(unit)
    found = _compiled(_reports_below(campaign, unit, levels[0]))
    if Level.AGENCY in levels:
        found += _tasks(_reports_below(campaign, unit, Level.AGENCY))
    return found


def _parts(compiled: list[Compiled]) -> tuple[list[Section], list[Section]]:
    results: list[Section] = []
    tasks: list[Section] = []
    for item in compiled:
        if not item.text.strip():
            continue  # a section the standing unit emptied in its draft
        section = Section(item.number, item.title, blocks=blocks_of(item.text))
        (tasks if item.key.startswith(f"{TASKS}:") else results).append(section)
    return results, tasks


# -- IV-VI. figures, proposals, nominations -------------------------------------------------


def _target(row: IndicatorRow) -> str:
    target = row.reference_target
    if target is None:
        return "–"
    value = vn_number(target.value, 1 if row.indicator.is_ratio else 0)
    suffix = "%" if row.indicator.is_ratio else ""
    return f"{value}{suffix} ({target.year}, {target.source})"


def _indicators(campaign: Campaign, unit: OrgUnit) -> Table:
    rollup = rollup_build(campaign=campaign, unit=unit)
    rows = []
    for i, row in enumerate(rollup.rows, start=1):
        s = row.sums
        if row.indicator.is_ratio:
            result = f"{vn_number(s.value)}/{vn_number(s.denominator)} ({vn_number(s.percent, 1)}%)"
        else:
            result = f"{vn_number(s.value)} {row.indicator.unit_label}".strip()
        rows.append(
            [str(i), row.indicator.name, result, _target(row), f"{s.reported}/{s.expected}"]
        )
    header = ["TT", "Chỉ tiêu", "Kết quả", "Mục tiêu (năm, nguồn)", "Đơn vị đã báo cáo"]
    caption = f"Kết quả các chỉ tiêu (số liệu đến ngày {_day(rollup.cutoff)})"
    return Table(caption, header, rows, frozenset({0, 4}))


def _proposals(campaign: Campaign, unit: OrgUnit) -> Table | None:
    proposals = list(
        Proposal.objects.filter(
            report__obligation__campaign=campaign,
            report__obligation__unit__parent=unit,
            report__status__in=COUNTED,
        )
        .select_related("report__obligation__unit", "addressed_to")
        .order_by("report__obligation__unit__code", "pk")
    )
    if not proposals:
        return None
    rows = [
        [
            str(i),
            p.text,
            p.report.obligation.unit.display_name,
            p.addressed_to.display_name if p.addressed_to else p.addressed_to_text or "–",
        ]
        for i, p in enumerate(proposals, start=1)
    ]
    return Table(
        "Các đề xuất, kiến nghị", ["TT", "Nội dung", "Đơn vị", "Gửi đến"], rows, frozenset({0})
    )


def nominations_section(campaign: Campaign, unit: OrgUnit) -> Section:
    listed = province_list(campaign, recipient=unit)
    intro = Block(
        "paragraph",
        f"Đề nghị tuyên dương, khen thưởng {len(listed.individuals)} cá nhân và "
        f"{len(listed.collectives)} tập thể điển hình, xuất sắc của {listed.units} đơn vị:",
    )
    tables = []
    if listed.individuals:
        rows = [
            [str(r.number), r.nomination.name, str(r.nomination.birth_year or ""), r.nomination.position,
             r.nomination.workplace, r.nomination.unit.display_name]
            for r in listed.individuals
        ]  # fmt: skip
        header = ["TT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị công tác", "Đơn vị đề nghị"]
        tables.append(Table("Cá nhân", header, rows, frozenset({0, 2})))
    if listed.collectives:
        rows = [
            [
                str(r.number),
                r.nomination.name,
                r.nomination.workplace,
                r.nomination.unit.display_name,
            ]
            for r in listed.collectives
        ]
        tables.append(
            Table("Tập thể", ["TT", "Tên tập thể", "Thuộc", "Đơn vị đề nghị"], rows, frozenset({0}))
        )
    return Section("", "ĐỀ NGHỊ KHEN THƯỞNG", blocks=[intro], tables=tables)


# -- the whole --------------------------------------------------------------------------


def consolidated_report(
    campaign: Campaign,
    unit: OrgUnit,
    *,
    issued_on: date | None = None,
    number: str = "",
    compiled: list[Compiled] | None = None,
) -> OfficialDocument:
    """The consolidated report of `unit` (the country, a province or a district); parts
    II and III from `compiled` (the standing unit's edited draft), else as compiled now."""
    on = issued_on or today()
    heading = heading_of(campaign, unit)
    results, tasks = _parts(compiled_of(campaign, unit) if compiled is None else compiled)
    parts: list[Section] = [
        Section(
            "",
            "KẾT QUẢ TỔ CHỨC SƠ KẾT",
            tables=[_by_level(campaign, unit, on), _by_unit(campaign, unit, on)],
        ),
        Section("", "KẾT QUẢ THỰC HIỆN", children=results),
    ]
    if unit.level == Level.PROVINCE:
        parts.append(
            Section("", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC THÀNH VIÊN BAN CHỈ ĐẠO", children=tasks)
        )
    parts.append(Section("", "CÁC CHỈ TIÊU", tables=[_indicators(campaign, unit)]))
    proposals = _proposals(campaign, unit)
    if proposals is not None:
        parts.append(Section("", "ĐỀ XUẤT, KIẾN NGHỊ", tables=[proposals]))
    parts.append(nominations_section(campaign, unit))
    numbered = [
        Section(f"{ROMAN[i]}.", p.title, p.blocks, p.tables, p.children)
        for i, p in enumerate(parts)
    ]
    return OfficialDocument(
        issuer=heading.issuer,
        type_name="BÁO CÁO",
        type_abbr="BC",
        subject=_subject(campaign),
        issued_on=on,
        addressees=heading.addressees,
        recipients=heading.recipients,
        number=number,
        intro=_intro(campaign, unit, heading.issuer.issuing_body),
        sections=numbered,
        closing=[
            Block(
                "paragraph",
                f"Trên đây là báo cáo {_subject(campaign)[0].lower()}{_subject(campaign)[1:]} "
                f"của {_whose(unit)}./.",
            )
        ],
    )
