"""Setting up a new installation: reference data and the first administrator."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from xhht.accounts.models import Role, User
from xhht.orgunits.reference import reference_data_load
from xhht.orgunits.services import LoadResult

ADMIN_USERNAME = "admin"


@dataclass
class BootstrapResult:
    loads: list[tuple[str, LoadResult]]
    admin_password: str | None


def administrator_ensure() -> str | None:
    """Create the first administrator; return its generated password, or None if one exists."""
    if User.objects.filter(is_superuser=True).exists():
        return None
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(
        username=ADMIN_USERNAME, email="", password=password, role=Role.ADMIN
    )
    return password


def installation_bootstrap() -> BootstrapResult:
    loads = reference_data_load()
    return BootstrapResult(loads=loads, admin_password=administrator_ensure())
