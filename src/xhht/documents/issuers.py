"""Who issues a unit's documents: its saved profile, or one drawn from the directive.

The province's documents start from the directive's own header and signer (the steering
committee, its symbol, place and deputy head); a district's from its People's Committee
and its own steering committee; the country's from the Ministry that acts for it (a
ministry has no parent body above it in the header, and writes Hà Nội). The unit changes
any of it on its documents page.
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
from xhht.orgunits.national import MINISTRY_CODE, MINISTRY_NAME

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
MINISTRY_SYMBOL = "BGDĐT"
MINISTRY_PLACE = "Hà Nội"  # where the Ministry sits
MINISTRY_ADDRESSEES = "Thủ tướng Chính phủ"
MINISTRY_RECIPIENTS = (
    "Như trên",
    "Bộ trưởng (để b/c)",
    "Sở Giáo dục và Đào tạo các tỉnh, thành phố",
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


def ministry_name(country: OrgUnit) -> str:
    """The name of the Ministry that acts for the country ("Bộ Giáo dục và Đào tạo")."""
    ministry = (
        OrgUnit.objects.filter(parent=country, level=Level.AGENCY, code=MINISTRY_CODE)
        .order_by("-valid_from")
        .first()
    )
    return (ministry.full_name or ministry.name) if ministry else MINISTRY_NAME


def issuer_name(unit: OrgUnit, issuing_body: str) -> str:
    """The issuer as a sentence names it: "Ban chỉ đạo xây dựng xã hội học tập" (the
    province), with the district's name for a district, the Ministry's own name for the
    country."""
    if unit.level == Level.COUNTRY:
        return ministry_name(unit)
    name = issuing_body.capitalize()
    return name if unit.level == Level.PROVINCE else f"{name} {in_sentence(unit.display_name)}"


def _country_profile(unit: OrgUnit) -> dict[str, str]:
    """The Ministry's: no parent body, the Ministry as issuer, a deputy minister signing."""
    return {
        "parent_body": "",
        "issuing_body": ministry_name(unit).upper(),
        "symbol": MINISTRY_SYMBOL,
        "place": MINISTRY_PLACE,
        "authority": Authority.DEPUTY,
        "on_behalf_of": "BỘ TRƯỞNG",
        "signer_title": "THỨ TRƯỞNG",
        "signer_name": "",
        "addressees": MINISTRY_ADDRESSEES,
        "recipients": "\n".join(MINISTRY_RECIPIENTS),
    }


def default_profile(campaign: Campaign, unit: OrgUnit) -> dict[str, str]:
    """The profile a unit starts from, before it changes anything. A province draws on the
    directive's header only when it issued the directive: not on the Ministry's."""
    directive = campaign.directive if campaign.root_id == unit.pk else None
    parsed: dict[str, Any] = directive.parsed if directive else {}
    if unit.level == Level.COUNTRY:
        return _country_profile(unit)
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
