"""An agency's sector line ("ngành dọc"): its branch units and the report it cascades to them.

Branch units are org units of level "agency" below the agency. The
obligations cascaded to them lie inside the agency's scope only, outside the
campaign's frozen denominators (see Obligation.objects.planned()).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from xhht.accounts.models import User
from xhht.accounts.services import accounts_create_for_tree
from xhht.audit.services import audit_log
from xhht.campaigns.models import Campaign, Deliverable, Milestone, Obligation
from xhht.campaigns.selectors import obligations_with_state
from xhht.campaigns.services import (
    CampaignError,
    RuleInput,
    check_campaign_writable,
    milestone_refine,
    rule_check_not_past,
)
from xhht.kernel.kept import OBLIGATIONS, generation_raise
from xhht.kernel.text import match_key, nfc
from xhht.orgunits.models import Level, OrgUnit

NOT_AN_AGENCY = gettext_noop("Only a member agency registers branch units down its sector line.")
BRANCH_TYPE = gettext_noop("A branch unit is one of: %(types)s.")
BRANCH_NAME_NEEDED = gettext_noop("Write the branch unit's name.")
BRANCH_EXISTS = gettext_noop("“%(name)s” is already registered as a branch unit.")
NOTHING_TO_CASCADE = gettext_noop(
    "Your unit owes no report in this campaign, so there is nothing to cascade."
)
NO_BRANCHES = gettext_noop(
    "Register your branch units first: there is no one to cascade the report to."
)
NOT_A_BRANCH = gettext_noop("This unit is not one of your branch units.")
INVITE_EMAIL_NEEDED = gettext_noop("Write the e-mail address of the branch unit's officer.")
HAS_ACCOUNT = gettext_noop(
    "%(name)s already has an account (user name %(username)s). If its officer has lost the "
    "invitation, they ask for a new link on the log-in page: “Forgotten your password?”."
)

BRANCH_TYPES = ("Phòng", "Hội", "Ban", "Đoàn thể", "Tổ chức xã hội")


def branches_of(agency: OrgUnit) -> list[OrgUnit]:
    """The agency's branch units still open, by name."""
    return list(
        OrgUnit.objects.filter(
            parent=agency, level=Level.AGENCY, valid_until__isnull=True
        ).order_by("name")
    )


def _branch_code(agency: OrgUnit) -> str:
    taken = set(
        OrgUnit.objects.filter(code__startswith=f"{agency.code}-").values_list("code", flat=True)
    )
    number = OrgUnit.objects.filter(parent=agency).count() + 1
    while f"{agency.code}-{number:02d}" in taken:
        number += 1
    code = f"{agency.code}-{number:02d}"
    return code if len(code) <= 20 else f"B-{agency.pk}-{number}"[:20]


def branch_register(
    *,
    agency: OrgUnit,
    type_label: str,
    name: str,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
) -> OrgUnit:
    """Register a branch unit (a district office, a district association) below an agency.

    It is a unit of level "agency" whose parent is the agency, in force
    wherever the agency is; campaigns already published do not count it."""
    if agency.level != Level.AGENCY:
        raise CampaignError(_(NOT_AN_AGENCY))
    if type_label not in BRANCH_TYPES:
        raise CampaignError(_(BRANCH_TYPE) % {"types": ", ".join(BRANCH_TYPES)}, field="type_label")
    name = " ".join(nfc(name).split())
    if not name:
        raise CampaignError(_(BRANCH_NAME_NEEDED), field="name")
    with transaction.atomic():
        OrgUnit.objects.select_for_update().filter(pk=agency.pk).first()
        if OrgUnit.objects.filter(
            parent=agency, name_key=match_key(name), valid_until__isnull=True
        ).exists():
            raise CampaignError(_(BRANCH_EXISTS) % {"name": name}, field="name")
        return OrgUnit.objects.create(
            code=_branch_code(agency),
            name=name,
            type_label=type_label,
            level=Level.AGENCY,
            parent=agency,
            valid_from=agency.valid_from,
            contact_name=nfc(contact_name).strip(),
            contact_phone=contact_phone.strip(),
            contact_email=contact_email.strip(),
        )


def branch_invite(
    *, agency: OrgUnit, branch: OrgUnit, email: str, user: User | None, base_url: str
) -> User:
    """Give a branch unit an account and e-mail its officer a one-time link to choose a
    password: the onboarding's invitation (accounts_create_for_tree), for one unit. The
    address becomes the branch's contact e-mail."""
    if branch.parent_id != agency.pk or branch.level != Level.AGENCY:
        raise CampaignError(_(NOT_A_BRANCH))
    email = email.strip()
    if not email:
        raise CampaignError(_(INVITE_EMAIL_NEEDED), field="email")
    with transaction.atomic():
        OrgUnit.objects.select_for_update().filter(pk=branch.pk).first()
        existing = User.objects.filter(unit=branch).first()
        if existing is not None:
            raise CampaignError(
                _(HAS_ACCOUNT) % {"name": branch.display_name, "username": existing.username},
                field="email",
            )
        branch.contact_email = email
        branch.save(update_fields=["contact_email"])
        result = accounts_create_for_tree(
            root=branch, invite=True, base_url=base_url, subtree=False
        )
        invited = result.issued[0].user
        audit_log(
            action="sector.branch_invited",
            obj=invited,
            user=user,
            unit=agency,
            changes={"branch": branch.code, "email": email, "username": invited.username},
        )
    return invited


def agency_report_of(campaign: Campaign, agency: OrgUnit) -> Obligation | None:
    """The report the agency owes in `campaign`, the one it may cascade."""
    return (
        Obligation.objects.filter(campaign=campaign, unit=agency, deliverable=Deliverable.REPORT)
        .select_related("milestone")
        .first()
    )


def sector_cascade(
    *, campaign: Campaign, agency: OrgUnit, rule: RuleInput, wording: str = ""
) -> tuple[Milestone, int]:
    """Cascade the agency's report obligation to each of its branch units with its own
    rule, never later than its own. Returns the rule and how many branches were added.

    Branches already in the cascade keep their obligation (with the new last
    day); branches registered since are added. A deadline already past is refused. The
    cascaded obligations lie outside the campaign's frozen denominators
    (Obligation.objects.planned())."""
    check_campaign_writable(campaign)
    own = agency_report_of(campaign, agency)
    if own is None:
        raise CampaignError(_(NOTHING_TO_CASCADE))
    branches = branches_of(agency)
    if not branches:
        raise CampaignError(_(NO_BRANCHES))
    rule_check_not_past(rule, field="on")
    with transaction.atomic():
        try:
            milestone = milestone_refine(
                parent=own.milestone, set_by=agency, kind=rule.kind, on=rule.on, wording=wording
            )
        except CampaignError as exc:
            raise CampaignError(exc.message, field="on") from None
        owing = set(
            Obligation.objects.filter(
                campaign=campaign, deliverable=Deliverable.REPORT, unit__in=branches
            ).values_list("unit_id", flat=True)
        )
        added = [
            Obligation(
                campaign=campaign,
                unit=branch,
                deliverable=Deliverable.REPORT,
                milestone=milestone,
                recipient=agency,
                last_day=milestone.last_day,
            )
            for branch in branches
            if branch.pk not in owing
        ]
        Obligation.objects.bulk_create(added)
        generation_raise(OBLIGATIONS)  # bulk writes send no signal
    return milestone, len(added)


def cascade_of(campaign: Campaign, agency: OrgUnit) -> Milestone | None:
    """The rule the agency set for its branches' reports, if it has cascaded."""
    return Milestone.objects.filter(
        campaign=campaign, set_by=agency, deliverable=Deliverable.REPORT, parent__isnull=False
    ).first()


@dataclass(frozen=True)
class BranchRow:
    unit: OrgUnit
    obligation: Obligation | None  # annotated with its `state`; None: not in the cascade yet
    username: str | None = None  # its officer's account; None: not invited yet


def branch_rows(campaign: Campaign, agency: OrgUnit, on: date) -> list[BranchRow]:
    """Each branch unit with the report it owes in `campaign` (if cascaded)."""
    branches = branches_of(agency)
    owed = {
        o.unit_id: o
        for o in obligations_with_state(
            Obligation.objects.filter(
                campaign=campaign, deliverable=Deliverable.REPORT, unit__in=branches
            ),
            on,
        )
    }
    accounts = dict(User.objects.filter(unit__in=branches).values_list("unit_id", "username"))
    return [
        BranchRow(unit=b, obligation=owed.get(b.pk), username=accounts.get(b.pk)) for b in branches
    ]
