"""The commendation proposal ("tờ trình"): the standing unit asks the competent authority
to commend the nominations it accepted, on the quota and criteria the directive set, with
the list attached as tables (individuals, collectives)."""

from __future__ import annotations

from datetime import date

from xhht.awards.models import CommendationRule
from xhht.campaigns.models import Campaign, Deliverable, Milestone
from xhht.documents.citing import directive_reference
from xhht.documents.consolidated import nominations_section
from xhht.documents.content import Block, OfficialDocument, Section
from xhht.documents.issuers import heading_of, in_sentence
from xhht.kernel.clock import today
from xhht.orgunits.models import Level, OrgUnit


def _count(value: int | None) -> str:
    """ "02": counts of a quota are written on two digits, as in the directive."""
    return f"{value or 0:02d}"


def quota_sentence(campaign: Campaign, unit: OrgUnit) -> str:
    """What each unit below may put forward to `unit`: the directive's quota (the province)
    or the unit's own rule for its conference (a district); empty when neither exists."""
    milestone = (
        Milestone.objects.filter(campaign=campaign, deliverable=Deliverable.NOMINATION, set_by=unit)
        .exclude(quota_individuals=None, quota_collectives=None)
        .first()
    )
    if milestone is not None:
        who, criteria = milestone.wording or milestone.get_level_display(), milestone.criteria
        individuals, collectives = milestone.quota_individuals, milestone.quota_collectives
    else:
        rule = CommendationRule.objects.filter(
            campaign=campaign, set_by=unit, conference_level=unit.level
        ).first()
        if rule is None:
            return ""
        who, criteria = f"mỗi đơn vị thuộc {in_sentence(unit.display_name)}", rule.criteria
        individuals, collectives = rule.individuals, rule.collectives
    sentence = (
        f"Theo quy định, {who} đề xuất {_count(individuals)} cá nhân và "
        f"{_count(collectives)} tập thể điển hình xuất sắc trong công tác xây dựng "
        "xã hội học tập để xét đề nghị tuyên dương, khen thưởng"
    )
    return (
        f"{sentence}; tiêu chuẩn: {criteria.strip().rstrip('.')}." if criteria else f"{sentence}."
    )


def _authority(unit: OrgUnit) -> tuple[str, str]:
    """(whom the proposal goes to, through which emulation and commendation body)."""
    if unit.level == Level.PROVINCE:
        return (
            f"Chủ tịch Ủy ban nhân dân {in_sentence(unit.display_name)}",
            "Ban Thi đua – Khen thưởng tỉnh",
        )
    return (
        f"Chủ tịch Ủy ban nhân dân {in_sentence(unit.display_name)}",
        "Phòng Nội vụ (bộ phận Thi đua – Khen thưởng)",
    )


def commendation_proposal(
    campaign: Campaign, unit: OrgUnit, *, issued_on: date | None = None, number: str = ""
) -> OfficialDocument:
    """The proposal of `unit` (the province, or a district for its own conference) to
    commend the nominations it accepted in `campaign`."""
    heading = heading_of(campaign, unit)
    authority, through = _authority(unit)
    listed = nominations_section(campaign, unit)
    reporter = heading.issuer.issuing_body.capitalize()
    conference = "cấp tỉnh" if unit.level == Level.PROVINCE else in_sentence(unit.display_name)
    basis = [
        Block("paragraph", f"Căn cứ {directive_reference(campaign)};"),
        Block("paragraph", "Căn cứ kết quả xét chọn các cá nhân, tập thể do các đơn vị đề nghị."),
    ]
    quota = quota_sentence(campaign, unit)
    grounds = Section(
        "I.", "CĂN CỨ ĐỀ NGHỊ", blocks=[*basis, *([Block("paragraph", quota)] if quota else [])]
    )
    proposed = Section(
        "II.",
        "ĐỀ NGHỊ KHEN THƯỞNG",
        blocks=[
            Block(
                "paragraph",
                f"Tại Hội nghị sơ kết {conference}, {reporter} đề nghị {authority} "
                "xem xét, tặng Bằng khen cho các cá nhân, tập thể có thành tích xuất sắc "
                "trong công tác xây dựng xã hội học tập.",
            ),
            *listed.blocks,
        ],
        tables=listed.tables,
    )
    keep = [line for line in heading.recipients if line.startswith("Lưu")] or ["Lưu: VT"]
    return OfficialDocument(
        issuer=heading.issuer,
        type_name="TỜ TRÌNH",
        type_abbr="TTr",
        subject=f"Đề nghị khen thưởng các cá nhân, tập thể tại Hội nghị sơ kết {conference}",
        issued_on=issued_on or today(),
        addressees=[f"{authority} (qua {through})"],
        recipients=["Như trên", through, *keep],
        number=number,
        sections=[grounds, proposed],
        closing=[
            Block(
                "paragraph",
                f"{reporter} kính trình {authority} xem xét, quyết định./.",
            )
        ],
    )
