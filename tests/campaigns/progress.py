"""The seed campaign standing on 20/06/2013 with a little work done, for dashboard tests.

By then the communes' conferences and reports (last day 10/06) are overdue
unless done; everything else is not yet due. Done:
- Phường Bãi Cháy (Hạ Long): conference held 08/06 (on time), report sent 12/06 (late);
- Phường Trần Phú (Móng Cái): conference held 09/06 (on time);
- Thành phố Hạ Long: conference held 15/06 (on time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tests.conftest import unit
from xhht.campaigns.models import Campaign, Deliverable, Obligation
from xhht.campaigns.services import conference_record, obligation_fulfil
from xhht.orgunits.models import Level, OrgUnit

TODAY = date(2013, 6, 20)


@dataclass(frozen=True)
class Progress:
    campaign: Campaign
    halong_communes: int  # communes of Hạ Long owing work
    mongcai_communes: int


def obligation(campaign: Campaign, code: str, deliverable: str) -> Obligation:
    return campaign.obligations.get(unit=unit(code), deliverable=deliverable)


def seed_progress(campaign: Campaign) -> Progress:
    """Record the work above on the seed campaign, published with XHHT_TODAY pinned to TODAY
    (`make_campaign(today=TODAY)`)."""
    conference_record(
        obligation=obligation(campaign, "06673", Deliverable.CONFERENCE),
        user=None,
        held_on=date(2013, 6, 8),
        venue="Nhà văn hóa phường Bãi Cháy",
        chair="Nguyễn Văn Bình",
        participants=120,
        exhibition_held=True,
    )
    obligation_fulfil(
        obligation=obligation(campaign, "06673", Deliverable.REPORT),
        on=date(2013, 6, 12),
        user=None,
    )
    conference_record(
        obligation=obligation(campaign, "06712", Deliverable.CONFERENCE),
        user=None,
        held_on=date(2013, 6, 9),
        venue="Hội trường UBND phường Trần Phú",
        chair="Trần Thị Hoa",
        participants=80,
    )
    conference_record(
        obligation=obligation(campaign, "193", Deliverable.CONFERENCE),
        user=None,
        held_on=date(2013, 6, 15),
        venue="Cung Quy hoạch, Hội chợ và Triển lãm",
        chair="Phạm Văn Thành",
        participants=300,
    )

    def communes_of(code: str) -> int:
        return OrgUnit.objects.filter(parent=unit(code), level=Level.COMMUNE).count()

    return Progress(campaign, communes_of("193"), communes_of("194"))
