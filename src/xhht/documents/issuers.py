"""Who issues a unit's documents: its saved profile, or one drawn from the directive.

The province's documents start from the directive's own header and signer (the steering
committee, its symbol, place and deputy head); a district's from its People's Committee
and its own steering committee. The unit changes any of it on its documents page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from xhht.accounts.models import User
from xhht.audit.services import audit_log, diff
from xhht.campaigns.models import Campaign
from xhht.documents.content import Issuer, Signer
from xhht.documents.models import Authority, IssuerProfile
from xhht.kernel.clock import now
from xhht.kernel.text import clean_spaces, nfc
from xhht.orgunits.models import Level, OrgUnit

PROFILE_FIELDS = (
    "parent_body",
    "issuing_body",
    "symbol",
    "place",
    "authority",
    "on_behalf_of",
    "signer_title",
    "signer_name",
    "addressees",
    "recipients",
)
STEERING_COMMITTEE = "BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP"
PROVINCE_RECIPIENTS = (
    "Như trên",
    "Bộ Giáo dục và Đào tạo (để b/c)",
    "Các thành viên BCĐ tỉnh",
    "Lưu: VT, GDTX",
)


def in_sentence(name: str) -> str:
    """A unit's name inside a sentence: its type in lower case ("tỉnh Quảng Ninh")."""
    return name[:1].lower() + name[1:]


def _place(unit: OrgUnit) -> str:
    """The place written before the date: the unit's name without its type ("Quảng Ninh",
    "Hạ Long"), in full when the name is a number ("Phường 1")."""
    return unit.display_name if unit.name[:1].isdigit() else unit.name


def _signer_from(parsed: dict[str, Any]) -> dict[str, str]:
    """ "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN" → KT., TRƯỞNG BAN, PHÓ TRƯỞNG BAN."""
    signer = parsed.get("signer") or {}
    lines = [clean_spaces(p) for p in (signer.get("capacity") or "").split("/") if p.strip()]
    authority, on_behalf_of = "", ""
    if lines and lines[0].split(" ", 1)[0] in Authority.values and " " in lines[0]:
        authority, on_behalf_of = lines.pop(0).split(" ", 1)
    return {
        "authority": authority,
        "on_behalf_of": on_behalf_of,
        "signer_title": lines[-1] if lines else "TRƯỞNG BAN",
        "signer_name": signer.get("name") or "",
    }


def default_profile(campaign: Campaign, unit: OrgUnit) -> dict[str, str]:
    """The profile a unit starts from, before it changes anything."""
    parsed: dict[str, Any] = campaign.directive.parsed if campaign.directive else {}
    if unit.level == Level.PROVINCE:
        parent, _sep, issuing = (parsed.get("issuer") or "").partition(" / ")
        return {
            "parent_body": parent or f"UBND {unit.display_name.upper()}",
            "issuing_body": issuing or STEERING_COMMITTEE,
            "symbol": parsed.get("symbol") or "BCĐXDXHHT",
            "place": parsed.get("place") or _place(unit),
            **_signer_from(parsed),
            "addressees": f"Ủy ban nhân dân {in_sentence(unit.display_name)}",
            "recipients": "\n".join(PROVINCE_RECIPIENTS),
        }
    above = unit.parent.display_name if unit.parent else ""
    return {
        "parent_body": f"UBND {unit.display_name.upper()}",
        "issuing_body": STEERING_COMMITTEE,
        "symbol": "BCĐ",
        "place": _place(unit),
        "authority": Authority.ON_BEHALF,
        "on_behalf_of": "BAN CHỈ ĐẠO",
        "signer_title": "TRƯỞNG BAN",
        "signer_name": "",
        "addressees": f"Ban Chỉ đạo xây dựng xã hội học tập {in_sentence(above)}".strip(),
        "recipients": "\n".join(["Như trên", f"UBND {unit.display_name}", "Lưu: VT"]),
    }


def profile_of(campaign: Campaign, unit: OrgUnit) -> dict[str, str]:
    """The unit's saved profile, or the one it starts from."""
    saved = IssuerProfile.objects.filter(campaign=campaign, unit=unit).first()
    if saved is None:
        return default_profile(campaign, unit)
    return {name: getattr(saved, name) for name in PROFILE_FIELDS}


def lines(text: str) -> list[str]:
    return [clean_spaces(line) for line in text.splitlines() if line.strip()]


@dataclass(frozen=True)
class Heading:
    """An issuer and the lists of its header and footer."""

    issuer: Issuer
    addressees: list[str]
    recipients: list[str]


def heading_of(campaign: Campaign, unit: OrgUnit) -> Heading:
    profile = profile_of(campaign, unit)
    signer = Signer(
        authority=profile["authority"],
        on_behalf_of=profile["on_behalf_of"].upper(),
        title=profile["signer_title"].upper(),
        name=profile["signer_name"],
    )
    issuer = Issuer(
        parent_body=profile["parent_body"].upper(),
        issuing_body=profile["issuing_body"].upper(),
        symbol=profile["symbol"],
        place=profile["place"],
        signer=signer,
    )
    return Heading(issuer, lines(profile["addressees"]), lines(profile["recipients"]))


def profile_save(
    *, campaign: Campaign, unit: OrgUnit, values: dict[str, str], user: User | None
) -> IssuerProfile:
    """Save the unit's issuer profile (every field NFC, spaces tidied); audited."""
    cleaned = {
        name: nfc(values.get(name) or "").strip()
        if name in ("addressees", "recipients")
        else clean_spaces(nfc(values.get(name) or ""))
        for name in PROFILE_FIELDS
    }
    with transaction.atomic():
        before = profile_of(campaign, unit)
        profile, _created = IssuerProfile.objects.update_or_create(
            campaign=campaign,
            unit=unit,
            defaults={**cleaned, "updated_at": now(), "updated_by": user},
        )
        audit_log(
            action="documents.issuer_saved",
            obj=profile,
            user=user,
            unit=unit,
            changes=diff(before, cleaned),
        )
    return profile
