"""Onboarding: accounts for every unit of a tree, one-time passwords, invitations."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass, field

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from xhht.accounts.models import ROLE_FOR_LEVEL, User
from xhht.kernel.mail import templated_mail
from xhht.kernel.text import ascii_fold
from xhht.orgunits.models import Level, OrgUnit

_USERNAME_PREFIX = {
    Level.COUNTRY: "quocgia",
    Level.PROVINCE: "tinh",
    Level.DISTRICT: "huyen",
    Level.COMMUNE: "xa",
    Level.AGENCY: "",
}
# No 0/O or 1/l/I: passwords are read off paper and typed by hand.
_PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12


@dataclass
class IssuedAccount:
    unit: OrgUnit
    user: User
    password: str | None  # the one-time password, or None for an invitation


@dataclass
class OnboardingResult:
    issued: list[IssuedAccount] = field(default_factory=list)
    skipped: list[tuple[OrgUnit, str]] = field(default_factory=list)


def one_time_password() -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))


def username_for(unit: OrgUnit) -> str:
    """ "huyen-193", "xa-06652", "sgddt"; the year is added when a later tree reuses the code."""
    prefix = _USERNAME_PREFIX.get(Level(unit.level), "")
    base = ascii_fold(unit.code).lower()
    name = f"{prefix}-{base}" if prefix else base
    taken = User.objects.filter(username=name).exclude(unit=unit).exists()
    return f"{name}-{unit.valid_from.year}" if taken else name


def accounts_create_for_tree(
    *, root: OrgUnit, invite: bool, base_url: str = "", subtree: bool = True
) -> OnboardingResult:
    """Give every unit of `root`'s subtree that has no account one.

    With `invite` the account gets no password and the unit's contact is
    e-mailed a link to set one; units without a contact e-mail are skipped.
    Without it each account gets a one-time password to hand out, which must
    be changed at first log-in. Units that already have an account are left
    alone, so running it again only fills the gaps. Without `subtree`, `root` alone (a
    branch unit its agency invites)."""
    result = OnboardingResult()
    units = OrgUnit.objects.subtree_of(root) if subtree else OrgUnit.objects.filter(pk=root.pk)
    units = units.filter(users__isnull=True).order_by("path")
    with transaction.atomic():
        for unit in units:
            if invite and not unit.contact_email:
                result.skipped.append((unit, _("no contact e-mail")))
                continue
            user = User(
                username=username_for(unit),
                unit=unit,
                role=ROLE_FOR_LEVEL[Level(unit.level)],
                first_name=unit.contact_name,
                email=unit.contact_email,
                phone=unit.contact_phone,
            )
            password = None
            if invite:
                user.set_unusable_password()
            else:
                password = one_time_password()
                user.set_password(password)
                user.must_change_password = True
            user.save()
            result.issued.append(IssuedAccount(unit=unit, user=user, password=password))
        if invite:
            issued = list(result.issued)
            transaction.on_commit(lambda: _send_invitations(issued, base_url))
    return result


def _send_invitations(issued: list[IssuedAccount], base_url: str) -> None:
    for account in issued:
        send_set_password_mail(
            account.user, base_url=base_url, template="accounts/email/invitation"
        )


def send_set_password_mail(user: User, *, base_url: str, template: str) -> None:
    """Mail `user` a link to choose a password (an invitation or a reset)."""
    link = base_url.rstrip("/") + reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "unit": user.unit, "link": link, "username": user.username}
    templated_mail(template, context, [user.email]).send()


def accounts_workbook(result: OnboardingResult) -> bytes:
    """The .xlsx of user names and one-time passwords to hand out."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Accounts")[:31]
    header = [_("Code"), _("Unit"), _("Level"), _("User name"), _("One-time password")]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for account in result.issued:
        unit = account.unit
        sheet.append(
            [
                unit.code,
                unit.display_name,
                unit.get_level_display(),
                account.user.username,
                account.password or _("(invitation e-mailed)"),
            ]
        )
    for column, width in zip("ABCDE", (10, 45, 18, 18, 20), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
