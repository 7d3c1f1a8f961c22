"""Nominations as the tests enter them."""

from __future__ import annotations

from xhht.awards.models import Kind, Nomination
from xhht.awards.services import NominationInput, nomination_create
from xhht.campaigns.models import Campaign
from xhht.orgunits.models import OrgUnit


def person(name: str, *, birth_year: int = 1970, field: str = "promotion") -> NominationInput:
    return NominationInput(
        kind=Kind.INDIVIDUAL,
        name=name,
        sex="female",
        birth_year=birth_year,
        position="Chủ tịch Hội Khuyến học",
        workplace="Phường Bãi Cháy",
        field=field,
        achievements="Vận động 120 gia đình đạt danh hiệu Gia đình học tập.",
    )


def collective(name: str, *, field: str = "centre") -> NominationInput:
    return NominationInput(
        kind=Kind.COLLECTIVE,
        name=name,
        workplace="Thành phố Hạ Long",
        field=field,
        achievements="Duy trì lớp học chuyên đề hằng tháng cho 300 lượt người.",
    )


def nominate(campaign: Campaign, unit: OrgUnit, data: NominationInput) -> Nomination:
    return nomination_create(campaign=campaign, unit=unit, data=data, user=None)
