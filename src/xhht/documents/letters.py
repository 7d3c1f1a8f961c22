"""The reminder letter (công văn đôn đốc): the country, a province or district urges the units below it
that are late in the campaign, in Vietnamese, as a công văn of NĐ 30 model 1.5."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from xhht.campaigns.calls import called_on
from xhht.campaigns.models import Campaign, Obligation
from xhht.documents.citing import directive_cited
from xhht.documents.content import Block, OfficialDocument, Section, Table
from xhht.documents.issuers import heading_of, in_sentence
from xhht.documents.issuers import issuer_name as issuer_name_of
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit

# Beyond this many units, "Kính gửi" points to the table instead of naming them all.
MAX_NAMED_ADDRESSEES = 8
LISTED_BELOW = "Các đơn vị có tên tại danh sách kèm theo"
# The late units are asked to finish within this many days of the letter.
DAYS_TO_COMPLETE = 5

# The deliverables and levels as an official document names them, whatever the UI language.
DELIVERABLES = {
    "conference": "Tổ chức hội nghị sơ kết",
    "report": "Báo cáo sơ kết",
    "nomination": "Hồ sơ đề nghị khen thưởng",
    "consolidated": "Báo cáo tổng hợp",
}
LEVELS = {
    Level.COUNTRY: "cấp trung ương",
    Level.PROVINCE: "cấp tỉnh",
    Level.DISTRICT: "cấp huyện",
    Level.COMMUNE: "cấp xã",
    Level.AGENCY: "các sở, ban, ngành",
}


@dataclass(frozen=True)
class LateItem:
    """One overdue obligation of a late unit, or one returned to it for correction: what it
    owes, its last day, days overdue (0 before the last day), the day it was returned."""

    deliverable: str
    last_day: date
    days_late: int
    returned_on: date | None = None

    @classmethod
    def of(cls, obligation: Obligation, on: date) -> LateItem:
        days = max((on - obligation.last_day).days, 0)
        return cls(
            DELIVERABLES[obligation.deliverable], obligation.last_day, days, obligation.returned_on
        )

    @property
    def what(self) -> str:
        """The deliverable as the letter's table names it, with its return."""
        if self.returned_on is None:
            return self.deliverable
        return f"{self.deliverable} (đã trả lại ngày {_day(self.returned_on)}, chờ chỉnh sửa)"


def late_obligations(campaign: Campaign, unit: OrgUnit, on: date) -> list[Obligation]:
    """The campaign's planned obligations of units below `unit` not done and overdue on `on`,
    or returned for correction and not sent again, by unit then last day. The country's are
    its provinces' own only: the Ministry urges the provinces, each province its units."""
    owed = Obligation.objects.filter(
        Q(last_day__lt=on) | Q(returned_on__isnull=False),
        campaign=campaign,
        campaign__withdrawn_at__isnull=True,  # a withdrawn campaign chases nobody
        unit__path__startswith=unit.path,
        fulfilled_on__isnull=True,
    ).planned()
    return list(
        called_on(owed, unit)
        .exclude(unit=unit)
        .select_related("unit")
        .order_by("unit__path", "last_day", "deliverable")
    )


def late_units(campaign: Campaign, unit: OrgUnit, on: date) -> list[OrgUnit]:
    """The units below `unit` that are late in the campaign on `on`, in tree order."""
    found: dict[int, OrgUnit] = {}
    for obligation in late_obligations(campaign, unit, on):
        found.setdefault(obligation.unit_id, obligation.unit)
    return list(found.values())


def _day(on: date) -> str:
    return f"{on:%d/%m/%Y}"


def _subject(campaign: Campaign) -> str:
    """ "đôn đốc thực hiện sơ kết …", from the directive's "tổ chức sơ kết …"."""
    parsed = campaign.directive.parsed if campaign.directive else {}
    subject = (parsed.get("subject") or campaign.title).strip()
    for lead in ("về việc tổ chức ", "v/v tổ chức ", "tổ chức ", "về việc ", "v/v "):
        if subject.lower().startswith(lead):
            subject = subject[len(lead) :]
            break
    subject = subject[:1].lower() + subject[1:]
    if not subject.startswith("sơ kết"):
        subject = f"sơ kết {subject}"
    return f"đôn đốc thực hiện {subject}"


def _directive_reference(campaign: Campaign) -> str:
    cited = directive_cited(campaign)
    return f"Thực hiện {cited}" if cited else f"Thực hiện kế hoạch {in_sentence(campaign.title)}"


def _deadlines(obligations: list[Obligation]) -> list[Block]:
    """One line per deliverable and level: "Báo cáo sơ kết (cấp xã): hạn cuối ngày …"."""
    days: dict[tuple[str, str], set[date]] = defaultdict(set)
    for obligation in obligations:
        days[(obligation.deliverable, obligation.unit.level)].add(obligation.last_day)
    lines = []
    for (deliverable, level), found in sorted(days.items(), key=lambda kv: min(kv[1])):
        when = ", ".join(_day(d) for d in sorted(found))
        lines.append(
            Block(
                "bullet",
                f"{DELIVERABLES[deliverable]} ({LEVELS[Level(level)]}): hạn cuối ngày {when}",
            )
        )
    return lines


def _table(units: list[OrgUnit], items: dict[int, list[LateItem]]) -> Table:
    rows = []
    for i, late in enumerate(units, start=1):
        for j, item in enumerate(items[late.pk]):
            first = j == 0
            rows.append(
                [
                    str(i) if first else "",
                    late.display_name if first else "",
                    item.what,
                    _day(item.last_day),
                    str(item.days_late),
                ]
            )
    header = ["TT", "Đơn vị", "Nội dung chưa thực hiện", "Hạn cuối", "Số ngày quá hạn"]
    return Table("Danh sách các đơn vị chưa hoàn thành", header, rows, frozenset({0, 4}))


def _contact(unit: OrgUnit) -> list[Block]:
    parts = [
        part
        for part in (
            unit.contact_name,
            f"điện thoại {unit.contact_phone}" if unit.contact_phone else "",
            f"thư điện tử {unit.contact_email}" if unit.contact_email else "",
        )
        if part
    ]
    if not parts:
        return []
    return [Block("paragraph", f"Thông tin chi tiết xin liên hệ: {', '.join(parts)}.")]


def reminder_letter(
    campaign: Campaign,
    unit: OrgUnit,
    *,
    late_units: list[OrgUnit] | None = None,
    issued_on: date | None = None,
    number: str = "",
) -> OfficialDocument:
    """The reminder letter of `unit` to the units below it late in `campaign` on the day of
    the letter: those of `late_units` that are late, or every one when None."""
    on = issued_on or today()
    heading = heading_of(campaign, unit)
    obligations = late_obligations(campaign, unit, on)
    if late_units is not None:
        chosen = {u.pk for u in late_units}
        obligations = [o for o in obligations if o.unit_id in chosen]
    items: dict[int, list[LateItem]] = defaultdict(list)
    units: dict[int, OrgUnit] = {}
    for obligation in obligations:
        units.setdefault(obligation.unit_id, obligation.unit)
        items[obligation.unit_id].append(LateItem.of(obligation, on))
    addressed = list(units.values())
    names = [u.display_name for u in addressed]
    issuer_name = issuer_name_of(unit, heading.issuer.issuing_body)
    complete_by = on + timedelta(days=DAYS_TO_COMPLETE)
    intro = [
        Block(
            "paragraph",
            f"{_directive_reference(campaign)}, {issuer_name} đã hướng dẫn các đơn vị tổ chức "
            "sơ kết và gửi kết quả theo thời hạn sau:",
        ),
        *_deadlines(obligations),
        Block(
            "paragraph",
            f"Đến ngày {_day(on)}, {len(addressed)} đơn vị dưới đây chưa hoàn thành "
            "các nội dung theo thời hạn nêu trên:",
        ),
    ]
    closing = [
        Block(
            "paragraph",
            f"{issuer_name} đề nghị các đơn vị khẩn trương hoàn thành các nội dung còn thiếu, "
            f"cập nhật kết quả trên hệ thống XHHT và gửi về trước ngày {_day(complete_by)}. "
            "Trường hợp đã thực hiện, đề nghị đơn vị cập nhật ngay trên hệ thống.",
        ),
        *_contact(unit),
        Block("paragraph", f"{issuer_name} đề nghị các đơn vị nghiêm túc thực hiện./."),
    ]
    return OfficialDocument(
        issuer=heading.issuer,
        type_name="",
        type_abbr="",
        subject=_subject(campaign),
        issued_on=on,
        addressees=names if len(names) <= MAX_NAMED_ADDRESSEES else [LISTED_BELOW],
        recipients=heading.recipients,
        number=number,
        intro=intro,
        sections=[Section("", "", tables=[_table(addressed, items)])],
        closing=closing,
    )
