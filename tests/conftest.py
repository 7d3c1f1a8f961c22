"""Shared fixtures: Quảng Ninh's reference data, loaded once, and named personas.

The reference data (2013 and 2025 trees, 17 agencies) is loaded into the test
database once per session; each test runs in a transaction rolled back after
it, so every test starts from the same tree.

Also here: `make_campaign`, the seed campaign published in the test's transaction,
and `Row` with `assert_table`, a page × persona permission table checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

import pytest
from django.db import transaction
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoDbBlocker, Settings

from xhht.accounts.models import Role, User
from xhht.campaigns.models import Campaign
from xhht.orgunits.models import OrgUnit
from xhht.orgunits.reference import TREE_2013, TREE_2025, reference_data_load

if TYPE_CHECKING:
    # What the test client answers: the response with `context`, `templates`, `json()`.
    from django.test.client import _MonkeyPatchedWSGIResponse as Response
else:
    from django.http import HttpResponseBase as Response

ON_2013 = date(2013, 6, 1)
ON_2025 = date(2025, 8, 1)
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session", autouse=True)
def _nothing_collected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Pages link the static files by their plain names, as where nothing was collected: a
    `make run` of the same checkout collects them, hashed, into var/static, which the tests'
    servers (the source folders) cannot serve. The browser walk serves its own var/."""
    from django.test import override_settings

    empty = override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static"))
    empty.enable()
    yield
    empty.disable()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> None:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """What a page kept in the cache (e.g. rollup.below's comparisons) is keyed by its data;
    a rolled-back test leaves keys another test's same keys and revisions would meet. The
    same for what the process remembers (kernel.kept.remembered)."""
    from django.core.cache import cache

    from xhht.kernel.kept import forget_all

    cache.clear()
    forget_all()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> None:
    with django_db_blocker.unblock():
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

    def of(self, name: str) -> User:
        """The persona called `name` (a field of this class)."""
        user: User = getattr(self, name)
        return user


# Every persona's name, in the order of the fields above.
PERSONAS: tuple[str, ...] = tuple(f.name for f in fields(Personas))


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


# -- the seed campaign ----------------------------------------------------------------------


class PublishedCampaign(Protocol):
    """What `make_campaign` gives: publish the seed directive, with the test's options."""

    def __call__(
        self,
        *,
        today: date | None = None,
        content_pack: bool = False,
        by: User | None = None,
        **overrides: object,
    ) -> Campaign: ...


@pytest.fixture
def make_campaign(db: None, settings: Settings) -> PublishedCampaign:
    """The seed directive (parsed once per session) published in the test's transaction.

    `published_campaign(today=..., content_pack=..., by=..., **overrides)`:
    - `today` pins XHHT_TODAY for the rest of the test, so the campaign is published
      on that day (left alone, the day of tests/settings.py);
    - `content_pack` loads the indicators and targets first (report templates list them);
    - `by` is the user who publishes (nobody by default);
    - every other keyword is a setting set for the rest of the test (MEDIA_ROOT=tmp_path, …).
    """
    from tests.campaigns.factories import publish, seed_directive
    from xhht.indicators.content import content_pack_load

    def published_campaign(
        *,
        today: date | None = None,
        content_pack: bool = False,
        by: User | None = None,
        **overrides: object,
    ) -> Campaign:
        if today is not None:
            settings.XHHT_TODAY = today
        for name, value in overrides.items():
            setattr(settings, name, value)
        if content_pack:
            content_pack_load()
        return publish(seed_directive(), user=by)

    return published_campaign


# -- permission tables: page × persona ------------------------------------------------------

T = TypeVar("T")


@dataclass(frozen=True)
class Row(Generic[T]):
    """A page of a permission table: the personas that get it (200), those redirected (302:
    the administrator, who acts for no unit, on a page of one's own unit; or a POST that
    succeeds); every other persona gets 404. `url` builds the address from what the table
    is about (a campaign, its id, or nothing).

    With `post`, the row is a POST-only address (a form's or a button's): `post` builds
    what is posted, and each persona's POST is rolled back after it, so that every persona
    meets the same data."""

    name: str
    url: Callable[[T], str]
    allowed: AbstractSet[str]
    redirected: AbstractSet[str] = frozenset()
    post: Callable[[T], Mapping[str, object]] | None = None

    def expected(self, persona: str) -> int:
        if persona in self.allowed:
            return 200
        return 302 if persona in self.redirected else 404


def streamed(response: Response) -> bytes:
    """The body of a served file, read to its end (which closes the file)."""
    assert isinstance(response, StreamingHttpResponse), type(response)
    return b"".join(response.streaming_content)


def status_of(client: Client, url: str, data: Mapping[str, object] | None = None) -> int:
    """The status of GET `url`; a served file is read to its end, which closes it. With
    `data`, the status of POSTing it, whatever the POST changed rolled back."""
    if data is not None:
        with transaction.atomic():
            status = client.post(url, data).status_code
            transaction.set_rollback(True)
        return status
    response = client.get(url)
    if isinstance(response, StreamingHttpResponse):
        streamed(response)
    return response.status_code


def assert_sent_to_log_in(url: str, message: str = "") -> None:
    """An anonymous visitor is redirected to the login page."""
    response = Client().get(url)
    assert response.status_code == 302, message
    assert response["Location"].startswith(reverse("accounts:login")), message


def assert_table(
    personas: Personas,
    rows: Iterable[Row[T]],
    on: T,
    *,
    who: Sequence[str] = PERSONAS,
    anonymous: bool = False,
) -> None:
    """Request each row's page as each persona in `who` (POST for a row with `post`) and
    compare the statuses with the row's; with `anonymous`, an anonymous visitor is also
    sent to log in."""
    for row in rows:
        data = None if row.post is None else row.post(on)
        got = {
            persona: status_of(client_for(personas.of(persona)), row.url(on), data)
            for persona in who
        }
        assert got == {persona: row.expected(persona) for persona in who}, row.name
        if anonymous:
            assert_sent_to_log_in(row.url(on), row.name)


__all__ = [
    "ON_2013",
    "ON_2025",
    "PASSWORD",
    "PERSONAS",
    "TREE_2013",
    "TREE_2025",
    "PublishedCampaign",
    "Response",
    "Row",
    "assert_sent_to_log_in",
    "assert_table",
    "client_for",
    "streamed",
    "unit",
]

pytest_plugins = ["tests.mail"]


@pytest.fixture
def demo_campaign(db: None, settings: Settings, tmp_path: Path) -> Campaign:
    """The demo of `make run` (the seed campaign with its mix), standing on 28/06/2013 when
    every district's review is due, its files in a temporary media folder."""
    from xhht.site.demo import demo_load

    settings.XHHT_TODAY = date(2013, 6, 28)
    settings.MEDIA_ROOT = tmp_path / "media"
    return demo_load().campaign
