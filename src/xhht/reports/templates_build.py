"""Building a campaign's report templates from its directive's outline and tasks."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from xhht.campaigns.models import Campaign
from xhht.campaigns.planning import Plan
from xhht.indicators.models import Indicator
from xhht.kernel.clock import local_date
from xhht.kernel.kept import INDICATORS, generation_raise
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.models import (
    ReportTemplate,
    TemplateIndicator,
    TemplateSection,
    target_years_for,
)

# Sections every agency report closes with, after one section per task (its items the
# section's guidance).
_AGENCY_CLOSING = ("Những tồn tại cần khắc phục", "Đề xuất, kiến nghị")
_DEFAULT_OUTLINE: list[dict[str, Any]] = [
    {"title": "Kết quả thực hiện", "children": []},
    {"title": "Những tồn tại cần khắc phục", "children": []},
    {"title": "Nguyên nhân, bài học kinh nghiệm", "children": []},
    {"title": "Phương hướng, nhiệm vụ thời gian tới", "children": []},
    {"title": "Đề xuất, kiến nghị", "children": []},
]


# A heading longer than this many words is the directive's instruction, not a title.
_LONG_TITLE_WORDS = 20
_SHORT_TITLE_WORDS = 14
_FIRST_SECTION = "Kết quả thực hiện"


def section_title(text: str, *, first: bool = False) -> tuple[str, str]:
    """(title, guidance) of a section from the directive's words: a short heading stays the
    title; a long instruction becomes the guidance under a short title (its first clause,
    cut at a word; the first section of an outline is the results the report gives)."""
    words = text.split()
    if len(words) <= _LONG_TITLE_WORDS:
        return text.strip()[:600], ""
    if first:
        return _FIRST_SECTION, text.strip()
    clause = re.split(r"[:;.]\s", text, maxsplit=1)[0].split()
    if 3 <= len(clause) <= _SHORT_TITLE_WORDS:
        short = " ".join(clause)
    else:
        short = " ".join(words[:_SHORT_TITLE_WORDS]).rstrip(",;") + "…"
    return short[:1].upper() + short[1:], text.strip()


def _plan(campaign: Campaign) -> Plan | None:
    directive = campaign.directive
    return Plan.from_json(directive.plan) if directive and directive.plan else None


def _outline_sections(template: ReportTemplate, outline: list[dict[str, Any]]) -> None:
    order = 0
    for number, item in enumerate(outline, start=1):
        order += 1
        title, guidance = section_title(str(item["title"]), first=number == 1)
        TemplateSection.objects.create(
            template=template,
            number=str(number),
            title=title,
            guidance=guidance,
            order=order,
            depth=1,
        )
        children: list[str] = list(item.get("children") or [])
        for child_number, child in enumerate(children, start=1):
            order += 1
            TemplateSection.objects.create(
                template=template,
                number=f"{number}.{child_number}",
                title=str(child)[:600],
                order=order,
                depth=2,
            )


def task_section(items: list[str], *, number: int, of: int) -> tuple[str, str]:
    """(title, guidance) of the report section of a body's task (one of `of`): a task of one
    item is titled by it; a task of several lists them, numbered, one per line, as the
    guidance under a title saying it is the work the body was given."""
    if len(items) == 1:
        return section_title(items[0])
    if of == 1:
        title = _("Results of the tasks assigned")
    else:
        title = _("Results of assigned task %(number)s") % {"number": number}
    guidance = "\n".join(f"{n}. {item.strip()}" for n, item in enumerate(items, start=1))
    return title, guidance


def _agency_sections(template: ReportTemplate, plan: Plan, root: OrgUnit) -> None:
    """One section per task of each member body, then the sections every body closes with."""
    agencies = {a.code: a for a in OrgUnit.objects.filter(parent=root, level=Level.AGENCY)}
    order = 0
    for body in plan.bodies:
        for code in body.unit_codes:
            agency = agencies.get(code)
            if agency is None:
                continue
            for number, items in enumerate(body.tasks, start=1):
                order += 1
                title, guidance = task_section(items, number=number, of=len(body.tasks))
                TemplateSection.objects.create(
                    template=template,
                    number=str(number),
                    title=title,
                    guidance=guidance,
                    order=order,
                    depth=1,
                    agency=agency,
                )
    for title in _AGENCY_CLOSING:
        order += 1
        TemplateSection.objects.create(
            template=template, number="", title=title, order=order, depth=1
        )


def _indicators_for(level: str) -> list[Indicator]:
    levels = {
        Level.COMMUNE: [Level.COMMUNE],
        Level.DISTRICT: [Level.COMMUNE, Level.DISTRICT],
        Level.AGENCY: [Level.AGENCY],
        Level.PROVINCE: [Level.COMMUNE, Level.DISTRICT, Level.AGENCY],
        Level.COUNTRY: [Level.COMMUNE, Level.DISTRICT, Level.AGENCY],
    }[Level(level)]
    return list(Indicator.objects.filter(Q(active=True), Q(level__in=levels)))


def template_for(campaign: Campaign, level: str) -> ReportTemplate:
    """The campaign's template for a level, built on first use from its directive."""
    existing = ReportTemplate.objects.filter(campaign=campaign, level=level).first()
    if existing is not None:
        return existing
    plan = _plan(campaign)
    with transaction.atomic():
        # Own targets for the plan periods after the figures' date (or its publication).
        as_of = campaign.data_cutoff or local_date(campaign.published_at)
        template, created = ReportTemplate.objects.get_or_create(
            campaign=campaign, level=level, defaults={"target_years": target_years_for(as_of.year)}
        )
        if not created:
            return template
        if level == Level.AGENCY and plan is not None:
            _agency_sections(template, plan, campaign.root)
        else:
            outline = plan.outline if plan and plan.outline else _DEFAULT_OUTLINE
            _outline_sections(template, outline)
        TemplateIndicator.objects.bulk_create(
            TemplateIndicator(template=template, indicator=indicator, order=indicator.order)
            for indicator in _indicators_for(level)
        )
        generation_raise(INDICATORS)  # bulk writes send no signal
    return template
