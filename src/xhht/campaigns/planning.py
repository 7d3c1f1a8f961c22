"""From what the parser read to a campaign plan the standing unit reviews.

A plan is plain data (stored as JSON on the directive while it is a draft):
the deadline rules per level and deliverable, and the bodies the directive
addresses or gives tasks, each matched to org units with suggestions. A body's
tasks keep the parser's grouping: each task is the list of its items.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any, cast

from django.utils.translation import gettext as _

from xhht.campaigns.models import Deliverable, RuleKind
from xhht.directives.parser.agencies import split_agencies
from xhht.kernel.text import ascii_fold, clean_spaces
from xhht.kernel.vndates import DeadlineKind, DeadlineRule
from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.selectors import match_unit_name

DEFAULT_REMINDER_DAYS = 3

# Which tier a name addresses as a whole ("UBND các huyện (TX, TP)").
_ALL_DISTRICTS = re.compile(r"\b(cac|cap) (huyen|quan|thi xa|thanh pho)\b")
_ALL_PROVINCES = re.compile(r"\bcac tinh\b")  # read for a country's directive only
_ALL_COMMUNES = re.compile(r"\b(cac|cap) (xa|phuong|thi tran|dac khu)\b")
# "Các Sở, Ban, Ngành …" names no one in particular ("Các Sở: A, B" does).
_GENERIC_BODIES = re.compile(r"^cac (so|ban|nganh|hoi|doan the|co quan|don vi)\s*(,|$)")


@dataclass
class RulePlan:
    deliverable: str
    level: str
    kind: str  # RuleKind
    date: str  # ISO; a month's first day for kind "month"
    wording: str = ""
    quota_individuals: int | None = None
    quota_collectives: int | None = None
    assumed: bool = False  # the system set it; the directive does not say it

    @property
    def key(self) -> str:
        return f"{self.level}-{self.deliverable}"

    @property
    def rule(self) -> DeadlineRule:
        on = dt.date.fromisoformat(self.date)
        day = None if self.kind == RuleKind.MONTH else on.day
        return DeadlineRule(
            kind=cast(DeadlineKind, self.kind), year=on.year, month=on.month, day=day
        )

    @property
    def last_day(self) -> dt.date:
        return self.rule.last_day()


@dataclass
class BodyPlan:
    """A body named by the directive and the units it stands for."""

    text: str
    source: str  # "recipients" or "tasks"
    level: str | None = None  # every unit of this level, for "các huyện", "các xã"
    unit_codes: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    tasks: list[list[str]] = field(default_factory=list)  # each task, the list of its items

    @property
    def unmatched(self) -> bool:
        return self.level is None and not self.unit_codes

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BodyPlan:
        values = dict(data)
        values["tasks"] = tasks_from_json(data.get("tasks") or [])
        return cls(**values)

    def add_task(self, items: list[str]) -> None:
        """Give the body a task, unless it has the same one already (a body named twice)."""
        if items and items not in self.tasks:
            self.tasks.append(list(items))


def tasks_from_json(raw: list[Any]) -> list[list[str]]:
    """A body's stored tasks, each a list of items."""
    if raw and all(isinstance(task, str) for task in raw):
        # Plans saved before tasks kept the parser's grouping hold one flat list of the
        # items of all the body's tasks: read as one task holding those items.
        return [list(raw)]
    tasks = [[task] if isinstance(task, str) else [str(item) for item in task] for task in raw]
    return [task for task in tasks if task]


@dataclass
class Plan:
    title: str
    tree_date: str
    number: str | None = None
    symbol: str | None = None
    subject: str | None = None
    data_cutoff: str | None = None
    standing_agency: str | None = None
    reminder_days_before: int = DEFAULT_REMINDER_DAYS
    rules: list[RulePlan] = field(default_factory=list)
    bodies: list[BodyPlan] = field(default_factory=list)
    outline: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Plan:
        values = dict(data)
        values["rules"] = [RulePlan(**rule) for rule in data.get("rules", [])]
        values["bodies"] = [BodyPlan.from_json(body) for body in data.get("bodies", [])]
        return cls(**values)

    def rule_for(self, level: str, deliverable: str) -> RulePlan | None:
        return next(
            (r for r in self.rules if r.level == level and r.deliverable == deliverable), None
        )

    @property
    def agency_codes(self) -> list[str]:
        """Every agency the directive addresses or tasks, in order of first mention."""
        codes: list[str] = []
        for body in self.bodies:
            codes.extend(code for code in body.unit_codes if code not in codes)
        return codes

    @property
    def addressed_levels(self) -> set[str]:
        return {body.level for body in self.bodies if body.level}


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", ascii_fold(text).lower()).split())


def deliverable_of(applies_to: str) -> str:
    text = _folded(applies_to)
    if re.search(r"\b(de xuat|de nghi) .*(khen|tuyen duong)|\bkhen thuong\b", text):
        return Deliverable.NOMINATION
    if "bao cao" in text:
        return Deliverable.REPORT
    if re.search(r"\b(so ket|tong ket|hoi nghi)\b", text):
        return Deliverable.CONFERENCE
    return Deliverable.REPORT


def _rule_from_parsed(deadline: dict[str, Any]) -> RulePlan | None:
    raw, level = deadline.get("date"), deadline.get("level")
    if not raw or level not in Level.values:
        return None
    if len(raw) == 7:
        kind, on = RuleKind.MONTH, f"{raw}-01"
    else:
        kind = RuleKind.BY if deadline.get("inclusive", True) else RuleKind.BEFORE
        on = raw
    applies_to = clean_spaces(deadline.get("applies_to") or "")
    return RulePlan(
        deliverable=deliverable_of(applies_to), level=level, kind=kind, date=on, wording=applies_to
    )


def rules_from_parsed(parsed: dict[str, Any]) -> list[RulePlan]:
    """The deadline rules of the directive, with the ones the system adds (`assumed`:
    the directive does not say them, and the rules page says so).

    A commune reports to its district by the day of its conference unless the
    district sets another; a quota makes a nomination due with that level's
    report; the standing unit owes the consolidated report within the month
    of the province's conference."""
    rules: list[RulePlan] = []
    for deadline in parsed.get("deadlines", []):
        rule = _rule_from_parsed(deadline)
        if rule and not any(r.key == rule.key for r in rules):
            rules.append(rule)

    def find(level: str, deliverable: str) -> RulePlan | None:
        return next((r for r in rules if r.level == level and r.deliverable == deliverable), None)

    level: str
    for level in (Level.COMMUNE, Level.DISTRICT):
        conference = find(level, Deliverable.CONFERENCE)
        if conference and not find(level, Deliverable.REPORT):
            rules.append(
                RulePlan(
                    Deliverable.REPORT,
                    level,
                    conference.kind,
                    conference.date,
                    wording=_("Report to the level above, by the day of the conference"),
                    assumed=True,
                )
            )
    for quota in parsed.get("quotas", []):
        level = _quota_level(quota.get("who") or "")
        base = find(level, Deliverable.REPORT) or find(level, Deliverable.CONFERENCE)
        if base and not find(level, Deliverable.NOMINATION):
            rules.append(
                RulePlan(
                    Deliverable.NOMINATION,
                    level,
                    base.kind,
                    base.date,
                    wording=clean_spaces(f"{quota.get('who') or ''} {quota.get('for') or ''}"),
                    quota_individuals=quota.get("individuals"),
                    quota_collectives=quota.get("collectives"),
                    assumed=True,
                )
            )
    province_conference = find(Level.PROVINCE, Deliverable.CONFERENCE)
    if not find(Level.PROVINCE, Deliverable.CONSOLIDATED):
        base = province_conference or max(rules, key=lambda r: r.last_day, default=None)
        if base:
            rules.append(
                RulePlan(
                    Deliverable.CONSOLIDATED,
                    Level.PROVINCE,
                    base.kind,
                    base.date,
                    wording=_("Consolidated report of the standing unit"),
                    assumed=True,
                )
            )
    return rules


def keep_assumed(rules: list[RulePlan], stored: list[RulePlan]) -> list[RulePlan]:
    """The reviewed rules, those the system added still marked so while they say what the
    system wrote (the same level, deliverable and words)."""
    added = {(r.key, r.wording) for r in stored if r.assumed}
    for rule in rules:
        rule.assumed = (rule.key, rule.wording) in added
    return rules


def _quota_level(who: str) -> str:
    text = _folded(who)
    if re.search(r"\b(huyen|quan|thi xa|thanh pho)\b", text):
        return Level.DISTRICT
    if re.search(r"\b(xa|phuong|thi tran|dac khu)\b", text):
        return Level.COMMUNE
    return Level.DISTRICT


def _body_names(text: str) -> list[str]:
    names: list[str] = []
    for piece in re.split(r"\s*;\s*", text):
        piece = piece.strip(" .,-")
        if piece:
            names.extend(split_agencies(piece) or [piece])
    return names


def _body(text: str, source: str, agencies: list[OrgUnit]) -> list[BodyPlan]:
    folded = _folded(text)
    if _ALL_DISTRICTS.search(folded):
        return [BodyPlan(text=text, source=source, level=Level.DISTRICT)]
    if _ALL_COMMUNES.search(folded):
        return [BodyPlan(text=text, source=source, level=Level.COMMUNE)]
    if _GENERIC_BODIES.search(ascii_fold(text).lower().strip()):
        return []
    bodies = []
    for name in _body_names(text):
        found = match_unit_name(name, agencies)
        bodies.append(
            BodyPlan(
                text=name,
                source=source,
                unit_codes=[found.unit.code] if found.unit else [],
                suggestions=[unit.code for unit in found.suggestions],
            )
        )
    return bodies


def bodies_from_parsed(parsed: dict[str, Any], agencies: list[OrgUnit]) -> list[BodyPlan]:
    """The bodies the directive addresses or tasks, each once: a task the parser read is a
    task of every body it names (a body named by two tasks has both, the same task once)."""
    bodies: list[BodyPlan] = []
    for recipient in parsed.get("recipients", []):
        bodies.extend(_body(recipient, "recipients", agencies))
    for task in parsed.get("tasks", []):
        items = [clean_spaces(str(item)) for item in task.get("items", [])]
        items = [item for item in items if item]
        for name in task.get("agencies") or [task.get("agency", "")]:
            for body in _body(name, "tasks", agencies):
                same = next(
                    (
                        b
                        for b in bodies
                        if (b.unit_codes and b.unit_codes == body.unit_codes)
                        or (b.level and b.level == body.level)
                    ),
                    None,
                )
                if same is None:
                    bodies.append(body)
                (same or body).add_task(items)
    return bodies


def plan_from_parsed(parsed: dict[str, Any], *, root: OrgUnit) -> Plan:
    """The plan a standing officer reviews, for the tree under `root`."""
    issued = parsed.get("date")
    tree_date = issued if issued else root.valid_from.isoformat()
    agencies = list(
        OrgUnit.objects.filter(parent=root, level=Level.AGENCY).select_related("parent")
    )
    bodies = bodies_from_parsed(parsed, agencies)
    if root.level == Level.COUNTRY:
        for body in bodies:  # "Sở GD&ĐT các tỉnh, thành phố": every province, for a country
            if body.unmatched and _ALL_PROVINCES.search(_folded(body.text)):
                body.level = Level.PROVINCE
    standing = next((a for a in agencies if "giao duc va dao tao" in _folded(a.display_name)), None)
    number, symbol = parsed.get("number"), parsed.get("symbol")
    subject = parsed.get("subject")
    title = " ".join(filter(None, [f"{number}/{symbol}" if number and symbol else None, subject]))
    return Plan(
        title=title or _("Campaign"),
        tree_date=tree_date,
        number=number,
        symbol=symbol,
        subject=subject,
        data_cutoff=parsed.get("data_cutoff"),
        standing_agency=standing.code if standing else None,
        rules=rules_for_root(
            rules_from_parsed(parsed),
            root,
            dt.date.fromisoformat(tree_date),
            agencies_owe=any(c != standing.code for c in _codes(bodies)) if standing else True,
        ),
        bodies=bodies,
        outline=list(parsed.get("report_outline", [])),
    )


def _codes(bodies: list[BodyPlan]) -> set[str]:
    return {code for body in bodies for code in body.unit_codes}


def rules_for_root(
    rules: list[RulePlan], root: OrgUnit, on: dt.date, *, agencies_owe: bool = True
) -> list[RulePlan]:
    """The rules of a country's campaign: the country owes the consolidated report, each
    province reports to it, and a tier its tree lacks on `on` (the districts of the 2025
    tree), or member agencies when the directive tasks none but the Ministry
    (`agencies_owe`), owe nothing. A province's rules are kept as they are."""
    if root.level != Level.COUNTRY:
        return rules
    tree = OrgUnit.objects.in_force(on).subtree_of(root)
    present = set(tree.values_list("level", flat=True).distinct())
    if not agencies_owe:
        present.discard(Level.AGENCY)
    for rule in rules:
        if rule.deliverable == Deliverable.CONSOLIDATED and rule.level == Level.PROVINCE:
            rule.level = Level.COUNTRY
    return [r for r in rules if r.level in present]
