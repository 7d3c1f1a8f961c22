"""The standing unit edits a campaign's report templates: headings added under a section
(the contents of Decision 2074/QĐ-UBND under "1. …", entered as data per body), renamed,
moved, removed or retired; indicators put in or taken out of the table.

Sections are numbered from their place: a top-level section gets the next number of its
stream (the common sections, or one agency's tasks), a child its parent's number and its
own rank ("1.1", "1.2"…). Unnumbered top-level sections (the agency report's closing
sections) stay unnumbered, and so do their children. Every change raises the template's
version (written in the forms made from it, for information) and goes through the audit
trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign, Obligation
from xhht.campaigns.services import check_campaign_writable
from xhht.indicators.models import Indicator
from xhht.kernel.text import nfc
from xhht.orgunits.models import Level, OrgUnit
from xhht.reports.indicators import indicators_of
from xhht.reports.models import (
    DataValue,
    ReportTemplate,
    SectionText,
    TemplateIndicator,
    TemplateSection,
)
from xhht.reports.reading import REPORT_DELIVERABLES
from xhht.reports.templates_build import template_for

LEVELS = (Level.COMMUNE, Level.DISTRICT, Level.AGENCY, Level.PROVINCE)
TITLE_MAX = 600

TITLE_REQUIRED = gettext_noop("Write the heading.")
TITLE_TOO_LONG = gettext_noop("The heading is longer than %(max)d characters.")
NOT_AN_AGENCY = gettext_noop("Only the agencies' report has sections for one agency.")
AGENCY_AND_EVERYWHERE = gettext_noop(
    "A section for one agency belongs to the agencies' report only; "
    "do not also ask for it in every report."
)
PARENT_OF_OTHER_AGENCY = gettext_noop(
    "The section above belongs to another agency; a heading under it is that agency's."
)
ALREADY_FIRST = gettext_noop("“%(section)s” is already the first at its level.")
ALREADY_LAST = gettext_noop("“%(section)s” is already the last at its level.")
HAS_TEXT = gettext_noop(
    "“%(section)s” cannot be removed: %(count)d reports already have text in it. "
    "Retire it instead: it is no longer shown in reports, and the text is kept."
)
INDICATOR_NOT_AVAILABLE = gettext_noop("This indicator is not one of the province's in use.")
INDICATOR_ALREADY_IN = gettext_noop("%(code)s is already in this report's table.")
INDICATOR_NOT_IN = gettext_noop("%(code)s is not in this report's table.")
INDICATOR_HAS_VALUES = gettext_noop(
    "%(code)s cannot be taken out: %(count)d reports of this campaign already have figures "
    "for it. Remove the figures first, or keep it."
)


class TemplateEditError(ValueError):
    """A change the template cannot take; `field` names the form field it is about."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# -- reads ------------------------------------------------------------------------------


def campaign_levels(campaign: Campaign) -> list[str]:
    """The levels that owe a report in the campaign, from the commune up."""
    found = set(
        Obligation.objects.filter(campaign=campaign, deliverable__in=REPORT_DELIVERABLES)
        .values_list("unit__level", flat=True)
        .distinct()
    )
    return [level.value for level in LEVELS if level.value in found]


def agencies_of(campaign: Campaign) -> list[OrgUnit]:
    """The member agencies of the campaign's province (one agency's sections name one)."""
    return list(OrgUnit.objects.filter(parent=campaign.root, level=Level.AGENCY).order_by("code"))


def sections_of(template: ReportTemplate) -> list[TemplateSection]:
    """Every section, retired ones too, in order."""
    return list(template.sections.select_related("agency").order_by("order", "pk"))


def label(section: TemplateSection) -> str:
    return f"{section.number} {section.title}".strip()


def indicators_available(template: ReportTemplate) -> list[Indicator]:
    """The province's indicators in use that the template's table does not have yet."""
    taken = template.templateindicator_set.values("indicator_id")
    return list(
        indicators_of(template.campaign.root, active_only=True)
        .exclude(pk__in=taken)
        .order_by("order", "code")
    )


# -- the outline as a tree --------------------------------------------------------------


def _parents(seq: Sequence[TemplateSection]) -> list[TemplateSection | None]:
    """Each section's parent: the nearest section before it that is less deep."""
    out: list[TemplateSection | None] = []
    stack: list[TemplateSection] = []
    for section in seq:
        while stack and stack[-1].depth >= section.depth:
            stack.pop()
        out.append(stack[-1] if stack else None)
        stack.append(section)
    return out


def _block_end(seq: Sequence[TemplateSection], start: int) -> int:
    """The index just after `seq[start]` and everything under it."""
    end = start + 1
    while end < len(seq) and seq[end].depth > seq[start].depth:
        end += 1
    return end


def _index(seq: Sequence[TemplateSection], section: TemplateSection) -> int:
    return next(i for i, s in enumerate(seq) if s.pk == section.pk)


def _renumber(seq: list[TemplateSection]) -> dict[str, list[object]]:
    """Give every section its order and number from its place; the numbers that changed."""
    counters: dict[object, int] = {}
    changed: dict[str, list[object]] = {}
    dirty: list[TemplateSection] = []
    for position, (section, parent) in enumerate(zip(seq, _parents(seq), strict=True), 1):
        number = section.number
        if not section.retired:
            if parent is None:
                if section.number:
                    key: object = ("top", section.agency_id)
                    counters[key] = counters.get(key, 0) + 1
                    number = str(counters[key])
            elif parent.number:
                counters[parent.pk] = counters.get(parent.pk, 0) + 1
                number = f"{parent.number}.{counters[parent.pk]}"
            else:
                number = ""
        if number != section.number and section.pk is not None:
            changed[f"section:{section.pk}.number"] = [section.number, number]
        if number != section.number or position != section.order:
            section.number, section.order = number, position
            dirty.append(section)
    TemplateSection.objects.bulk_update([s for s in dirty if s.pk], ["number", "order"])
    return changed


def _locked(template: ReportTemplate) -> ReportTemplate:
    locked = ReportTemplate.objects.select_for_update().get(pk=template.pk)
    check_campaign_writable(locked.campaign_id, refuse=TemplateEditError)
    return locked


def _raise_version(template: ReportTemplate, changes: dict[str, list[object]]) -> None:
    changes["version"] = [template.version, template.version + 1]
    template.version += 1
    template.save(update_fields=["version"])


def _log(action: str, template: ReportTemplate, user: User | None, changes: dict[str, Any]) -> None:
    audit_log(action=f"report_template.{action}", obj=template, user=user, changes=changes)


def _clean_title(title: str) -> str:
    clean = " ".join(nfc(title).split())
    if not clean:
        raise TemplateEditError(_(TITLE_REQUIRED), "title")
    if len(clean) > TITLE_MAX:
        raise TemplateEditError(_(TITLE_TOO_LONG) % {"max": TITLE_MAX}, "title")
    return clean


# -- sections ---------------------------------------------------------------------------


def _insert_at(
    seq: list[TemplateSection], parent: TemplateSection | None, agency: OrgUnit | None
) -> int:
    """Where a new section goes: after its parent's last child; a new agency task after
    that agency's last one (before the closing sections); a common one at the end."""
    if parent is not None:
        return _block_end(seq, _index(seq, parent))
    if agency is not None:
        parents = _parents(seq)
        tops = [i for i, p in enumerate(parents) if p is None]
        own = [i for i in tops if seq[i].agency_id == agency.pk]
        if own:
            return _block_end(seq, own[-1])
        common = [i for i in tops if seq[i].agency_id is None]
        return common[0] if common else len(seq)
    return len(seq)


def _add_one(
    template: ReportTemplate,
    *,
    title: str,
    guidance: str,
    parent: TemplateSection | None,
    agency: OrgUnit | None,
    user: User | None,
) -> TemplateSection:
    template = _locked(template)
    seq = sections_of(template)
    if parent is not None:
        agency = parent.agency
        number, depth = (f"{parent.number}.0" if parent.number else ""), parent.depth + 1
    else:
        unnumbered = template.level == Level.AGENCY and agency is None
        number, depth = ("" if unnumbered else "0"), 1
    section = TemplateSection(
        template=template,
        number=number,
        title=title,
        guidance=guidance,
        depth=depth,
        agency=agency,
        retired=bool(parent and parent.retired),
        order=0,
    )
    seq.insert(_insert_at(seq, parent, agency), section)
    changes: dict[str, list[object]] = dict(_renumber(seq))
    section.save()
    changes[f"section:{section.pk}"] = [None, label(section)]
    if agency is not None:
        changes[f"section:{section.pk}.agency"] = [None, agency.code]
    _raise_version(template, changes)
    _log("section_added", template, user, changes)
    return section


def _counterpart(template: ReportTemplate, parent: TemplateSection) -> TemplateSection | None:
    """The section of another level's template that matches `parent` (same number and title)."""
    if parent.template_id == template.pk:
        return parent
    return (
        template.sections.live()
        .filter(agency__isnull=True, number=parent.number, title=parent.title)
        .first()
    )


def section_add(
    *,
    template: ReportTemplate,
    title: str,
    user: User | None,
    guidance: str = "",
    parent: TemplateSection | None = None,
    agency: OrgUnit | None = None,
    everywhere: bool = False,
) -> list[TemplateSection]:
    """Add a heading under `parent` (or at the top), to this template, to one agency's
    report (`agency`), or to every level's template of the campaign that has the same
    parent (`everywhere`). Returns the sections made, this template's first."""
    clean = _clean_title(title)
    guidance = nfc(guidance).strip()
    if agency is not None:
        if template.level != Level.AGENCY:
            raise TemplateEditError(_(NOT_AN_AGENCY), "agency")
        if everywhere:
            raise TemplateEditError(_(AGENCY_AND_EVERYWHERE), "agency")
        if parent is not None and parent.agency_id not in (None, agency.pk):
            raise TemplateEditError(_(PARENT_OF_OTHER_AGENCY), "agency")
    if everywhere and parent is not None and parent.agency_id is not None:
        raise TemplateEditError(_(AGENCY_AND_EVERYWHERE), "everywhere")
    targets = [template]
    if everywhere:
        campaign = template.campaign
        targets += [
            other
            for other in (template_for(campaign, lv) for lv in campaign_levels(campaign))
            if other.pk != template.pk
        ]
    made: list[TemplateSection] = []
    with transaction.atomic():
        for target in targets:
            under = _counterpart(target, parent) if parent is not None else None
            if parent is not None and under is None:
                continue
            made.append(
                _add_one(
                    target,
                    title=clean,
                    guidance=guidance,
                    parent=under,
                    agency=agency if target.pk == template.pk else None,
                    user=user,
                )
            )
    return made


def section_rename(
    *, section: TemplateSection, title: str, guidance: str, user: User | None
) -> TemplateSection:
    """Change a section's heading and the guidance shown under it."""
    clean = _clean_title(title)
    guidance = nfc(guidance).strip()
    with transaction.atomic():
        template = _locked(section.template)
        section = TemplateSection.objects.get(pk=section.pk)
        changes: dict[str, list[object]] = {}
        if section.title != clean:
            changes[f"section:{section.pk}.title"] = [section.title, clean]
        if section.guidance != guidance:
            changes[f"section:{section.pk}.guidance"] = [section.guidance, guidance]
        if not changes:
            return section
        section.title, section.guidance = clean, guidance
        section.save(update_fields=["title", "guidance"])
        _raise_version(template, changes)
        _log("section_renamed", template, user, changes)
    return section


def section_move(*, section: TemplateSection, up: bool, user: User | None) -> TemplateSection:
    """Swap a section (with what is under it) with the one before or after it at its level."""
    with transaction.atomic():
        template = _locked(section.template)
        seq = sections_of(template)
        here = _index(seq, section)
        parents = _parents(seq)
        mine, above = seq[here], parents[here]
        above_pk = above.pk if above is not None else None
        siblings = [
            i
            for i, p in enumerate(parents)
            if (p.pk if p is not None else None) == above_pk and seq[i].agency_id == mine.agency_id
        ]
        rank = siblings.index(here)
        other = rank - 1 if up else rank + 1
        if not 0 <= other < len(siblings):
            raise TemplateEditError(
                _(ALREADY_FIRST if up else ALREADY_LAST) % {"section": label(mine)}
            )
        first, second = sorted((here, siblings[other]))
        a_end, b_end = _block_end(seq, first), _block_end(seq, second)
        seq = seq[:first] + seq[second:b_end] + seq[a_end:second] + seq[first:a_end] + seq[b_end:]
        changes: dict[str, list[object]] = {
            f"section:{mine.pk}.moved": ["", "up" if up else "down"]
        }
        changes.update(_renumber(seq))
        _raise_version(template, changes)
        _log("section_moved", template, user, changes)
    return mine


def section_remove(*, section: TemplateSection, user: User | None) -> None:
    """Delete a section and what is under it, unless a report has text in any of them."""
    with transaction.atomic():
        template = _locked(section.template)
        seq = sections_of(template)
        here = _index(seq, section)
        block = seq[here : _block_end(seq, here)]
        written = {
            report_id
            for report_id, text in SectionText.objects.filter(
                section__in=[s.pk for s in block]
            ).values_list("report_id", "text")
            if text.strip()
        }
        if written:
            raise TemplateEditError(
                _(HAS_TEXT) % {"section": label(seq[here]), "count": len(written)}
            )
        changes: dict[str, list[object]] = {f"section:{s.pk}": [label(s), None] for s in block}
        TemplateSection.objects.filter(pk__in=[s.pk for s in block]).delete()
        rest = seq[:here] + seq[here + len(block) :]
        changes.update(_renumber(rest))
        _raise_version(template, changes)
        _log("section_removed", template, user, changes)


def section_set_retired(
    *, section: TemplateSection, retired: bool, user: User | None
) -> TemplateSection:
    """Retire a section and what is under it (reports no longer show them; their text is
    kept), or bring it back with the sections above it."""
    with transaction.atomic():
        template = _locked(section.template)
        seq = sections_of(template)
        here = _index(seq, section)
        touched = seq[here : _block_end(seq, here)]
        if not retired:
            parents = _parents(seq)
            above = parents[here]
            while above is not None:
                touched.append(above)
                above = parents[_index(seq, above)]
        changes: dict[str, list[object]] = {}
        for s in touched:
            if s.retired != retired:
                changes[f"section:{s.pk}.retired"] = [s.retired, retired]
                s.retired = retired
        if not changes:
            return seq[here]
        TemplateSection.objects.bulk_update(touched, ["retired"])
        changes.update(_renumber(seq))
        _raise_version(template, changes)
        _log("section_retired" if retired else "section_restored", template, user, changes)
    return seq[here]


# -- indicators -------------------------------------------------------------------------


def _with_figures() -> Q:
    return (
        Q(baseline__isnull=False)
        | Q(baseline_denominator__isnull=False)
        | Q(value__isnull=False)
        | Q(denominator__isnull=False)
        | Q(own_targets__isnull=False)
        | ~Q(justification="")
    )


def indicator_put_in(
    *, template: ReportTemplate, indicator: Indicator, user: User | None
) -> TemplateIndicator:
    """Add an indicator to the template's table; reports already opened get its empty row."""
    if not indicators_of(template.campaign.root, active_only=True).filter(pk=indicator.pk).exists():
        raise TemplateEditError(_(INDICATOR_NOT_AVAILABLE), "indicator")
    with transaction.atomic():
        template = _locked(template)
        if template.templateindicator_set.filter(indicator=indicator).exists():
            raise TemplateEditError(_(INDICATOR_ALREADY_IN) % {"code": indicator.code}, "indicator")
        link = TemplateIndicator.objects.create(
            template=template, indicator=indicator, order=indicator.order
        )
        holding = DataValue.objects.filter(report__template=template, indicator=indicator)
        DataValue.objects.bulk_create(
            DataValue(report_id=report.pk, indicator=indicator)
            for report in template.reports.exclude(pk__in=holding.values("report_id"))
            .select_related("obligation__unit")
            .only("pk", "obligation__unit__level", "obligation__unit__code")
            if indicator.asked_of(report.obligation.unit)
        )
        changes: dict[str, list[object]] = {f"indicator:{indicator.code}": [False, True]}
        _raise_version(template, changes)
        _log("indicator_added", template, user, changes)
    return link


def indicator_take_out(
    *, template: ReportTemplate, indicator: Indicator, user: User | None
) -> None:
    """Take an indicator out of the template's table, unless a report of the campaign has
    figures for it; the empty rows of this template's reports go with it."""
    with transaction.atomic():
        template = _locked(template)
        link = template.templateindicator_set.filter(indicator=indicator).first()
        if link is None:
            raise TemplateEditError(_(INDICATOR_NOT_IN) % {"code": indicator.code})
        with_figures = (
            DataValue.objects.filter(
                report__obligation__campaign_id=template.campaign_id, indicator=indicator
            )
            .filter(_with_figures())
            .values("report_id")
            .distinct()
            .count()
        )
        if with_figures:
            raise TemplateEditError(
                _(INDICATOR_HAS_VALUES) % {"code": indicator.code, "count": with_figures}
            )
        DataValue.objects.filter(report__template=template, indicator=indicator).delete()
        link.delete()
        changes: dict[str, list[object]] = {f"indicator:{indicator.code}": [True, False]}
        _raise_version(template, changes)
        _log("indicator_removed", template, user, changes)
