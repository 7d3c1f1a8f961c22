"""`xhht nominations CAMPAIGN_ID [--unit CODE] [--json]`: each unit that may put nominations
forward in a campaign, with its quota's use and its nominations (drafts included)."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import F
from django.utils.translation import gettext as _

from xhht.awards.models import CommendationRule, Kind, Nomination
from xhht.awards.quotas import Allowance, allowance_for, use_of
from xhht.awards.selectors import nominations_of
from xhht.campaigns.models import Campaign, Deliverable
from xhht.orgunits.models import OrgUnit

Entry = tuple[OrgUnit, Allowance | None]


def nominating_units(campaign: Campaign) -> list[Entry]:
    """The units something lets nominate in `campaign` (a nomination obligation, or the
    rule of the unit above for its own conference) with what it lets them; the higher
    levels first, by name."""
    rule_setters = CommendationRule.objects.filter(
        campaign=campaign, conference_level=F("set_by__level")
    ).values("set_by")
    obligations = campaign.obligations.all()
    ids = set(
        obligations.filter(deliverable=Deliverable.NOMINATION).values_list("unit_id", flat=True)
    ) | set(obligations.filter(unit__parent__in=rule_setters).values_list("unit_id", flat=True))
    units = OrgUnit.objects.filter(pk__in=ids)
    found = [(u, allowance_for(campaign, u)) for u in units]
    return sorted(
        ((u, a) for u, a in found if a is not None),
        key=lambda entry: (entry[0].path.count("/"), entry[0].name_key),
    )


def _individuals_first(campaign: Campaign, unit: OrgUnit) -> list[Nomination]:
    # The selector orders by the kind's value, which puts "collective" first.
    return sorted(nominations_of(campaign, unit), key=lambda n: (not n.is_individual, n.pk))


def _kind_word(kind: str) -> str:
    return _("individuals") if kind == Kind.INDIVIDUAL else _("collectives")


def unit_plain(campaign: Campaign, unit: OrgUnit, allowance: Allowance | None) -> dict[str, Any]:
    """One unit's quota use and nominations: an entry of the JSON document."""
    uses = use_of(campaign, unit, allowance)
    recipient = allowance.recipient if allowance else None
    return {
        "code": unit.code,
        "name": unit.display_name,
        "level": unit.level,
        "recipient": {"code": recipient.code, "name": recipient.display_name}
        if recipient
        else None,
        "quota_source": allowance.source if allowance else "",
        "quota": {kind: {"used": use.used, "allowed": use.allowed} for kind, use in uses.items()},
        "nominations": [
            {
                "id": n.pk,
                "name": n.name,
                "kind": n.kind,
                "state": n.state,
                "field": n.field,
                "birth_year": n.birth_year,
                "first_sent_on": n.first_sent_on.isoformat() if n.first_sent_on else None,
                "decision": n.decision,
            }
            for n in _individuals_first(campaign, unit)
        ],
    }


class Command(BaseCommand):
    help = "List the nominations of a campaign by unit, with each unit's quota use."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("campaign_id", type=int)
        parser.add_argument("--unit", help="one unit's code (in the campaign's tree)")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.select_related("root").filter(pk=options["campaign_id"]).first()
        if campaign is None:
            raise CommandError(
                _("No campaign has the id %(id)s.") % {"id": options["campaign_id"]}, returncode=2
            )
        if not options["unit"]:
            units = nominating_units(campaign)
        else:
            code = options["unit"].strip()
            found = (
                OrgUnit.objects.in_force(campaign.tree_date)
                .filter(code=code, path__startswith=campaign.root.path)
                .first()
            )
            if found is None:
                raise CommandError(
                    _("No unit %(code)s in the campaign's tree.") % {"code": code}, returncode=2
                )
            units = [(found, allowance_for(campaign, found))]
        if options["json"]:
            document = {
                "campaign": {"id": campaign.pk, "title": campaign.title},
                "units": [unit_plain(campaign, *entry) for entry in units],
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=1))
            return
        self.stdout.write(campaign.title)
        for unit, allowance in units:
            self._unit(campaign, unit, allowance)

    def _unit(self, campaign: Campaign, unit: OrgUnit, allowance: Allowance | None) -> None:
        self.stdout.write("")
        self.stdout.write(f"{unit.display_name} ({unit.code}): {_quota_text(allowance, unit)}")
        nominations = _individuals_first(campaign, unit)
        for n in nominations:
            self.stdout.write(f"  - {n.name} · {n.get_kind_display()} · {n.get_state_display()}")
        if not nominations:
            self.stdout.write("  " + _("no nomination yet"))


def _quota_text(allowance: Allowance | None, unit: OrgUnit) -> str:
    """ "to Tỉnh Quảng Ninh: individuals 2/2, collectives 1/2"; or that it has no quota."""
    if allowance is None:
        return _("no quota for nominations in this campaign")
    uses = use_of(allowance.campaign, unit, allowance)
    text = ", ".join(
        f"{_kind_word(kind)} {use.used}/{use.allowed}"
        for kind, use in uses.items()
        if use.allowed or use.used  # a kind the quota does not ask for, unless held
    )
    return _("to %(unit)s: %(quota)s") % {"unit": allowance.recipient.display_name, "quota": text}
