"""Shared fixtures: Quảng Ninh's reference data, loaded once, and named personas.

The reference data (2013 and 2025 trees, 17 agencies) is loaded into the test
database once per session; each test runs in a transaction rolled back after
it, so every test starts from the same tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.test import Client

from xhht.accounts.models import Role, User
from xhht.orgunits.models import OrgUnit
from xhht.orgunits.reference import TREE_2013, TREE_2025, reference_data_load

ON_2013 = date(2013, 6, 1)
ON_2025 = date(2025, 8, 1)
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> None:
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        reference_data_load()


def unit(code: str, on: date = ON_2013) -> OrgUnit:
    """The unit with `code` in force on `on` (the 2013 tree by default)."""
    return OrgUnit.objects.in_force(on).get(code=code)


def make_user(username: str, unit_code: str | None, role: Role, on: date = ON_2013) -> User:
    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        unit=unit(unit_code, on) if unit_code else None,
        role=role,
        email=f"{username}@example.test",
    )


@dataclass
class Personas:
    """Who is who in the tests; each acts for one unit of the 2013 tree."""

    province_officer: User  # Sở GD&ĐT's officer acting for the province unit
    halong_officer: User  # Phòng GD&ĐT of Thành phố Hạ Long
    mongcai_officer: User  # Phòng GD&ĐT of Thành phố Móng Cái
    commune_officer_of_bai_chay: User  # Phường Bãi Cháy, in Hạ Long
    commune_officer_of_tran_phu: User  # Phường Trần Phú, in Móng Cái
    home_affairs_officer: User  # Sở Nội vụ, a member agency
    viewer: User  # UBND tỉnh, reads everything in the province
    administrator: User
    outsider: User  # an account that acts for no unit


@pytest.fixture
def personas(db: None) -> Personas:
    admin = make_user("quantri", None, Role.ADMIN)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return Personas(
        province_officer=make_user("so-gddt", "22", Role.PROVINCE),
        halong_officer=make_user("halong", "193", Role.DISTRICT),
        mongcai_officer=make_user("mongcai", "194", Role.DISTRICT),
        commune_officer_of_bai_chay=make_user("baichay", "06673", Role.COMMUNE),
        commune_officer_of_tran_phu=make_user("tranphu", "06712", Role.COMMUNE),
        home_affairs_officer=make_user("sonoivu", "SNV", Role.AGENCY),
        viewer=make_user("ubnd-tinh", "22", Role.VIEWER),
        administrator=admin,
        outsider=make_user("nguoingoai", None, Role.VIEWER),
    )


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


__all__ = ["ON_2013", "ON_2025", "PASSWORD", "TREE_2013", "TREE_2025", "client_for", "unit"]

pytest_plugins = ["tests.mail"]
