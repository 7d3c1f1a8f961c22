"""No GET writes: every address of the report, offline, roll-up, work and API token pages,
asked with GET by each role on a fresh campaign, leaves the reports, their texts and figures
and the audit as they were (a report not started yet is shown, never started, by looking)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path

import pytest
from django.db.models import Model
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import Personas, PublishedCampaign, client_for, status_of
from tests.reports.factories import report_obligation
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.reports.models import DataValue, Report, SectionText

pytestmark = pytest.mark.django_db

NAMESPACES = ("reports", "offline", "rollup", "site", "tokens")
ROLES = (
    "commune_officer_of_bai_chay",
    "halong_officer",
    "province_officer",
    "home_affairs_officer",
)
WATCHED: tuple[type[Model], ...] = (Report, SectionText, DataValue, AuditEntry)
# The report obligations looked at: a commune's, a district's, an agency's.
UNITS = ("06673", "193", "SNV")
_ARGUMENT = re.compile(r"<(?:(\w+):)?(\w+)>")


def _patterns(namespace: str) -> Iterator[str]:
    """The route of every address of `namespace`, its arguments as <converter:name>."""
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == namespace:
            for inner in entry.url_patterns:
                if isinstance(inner, URLPattern):
                    yield str(entry.pattern) + str(inner.pattern)


def _value(values: dict[str, str], match: re.Match[str]) -> str:
    return values[match.group(2)]


def _urls(campaign: Campaign, route: str) -> list[str]:
    """`route` with its arguments filled in, once per obligation looked at where it takes one;
    an argument of another kind gets a value that finds nothing (a 404 is still a GET)."""
    obligations = [report_obligation(campaign, code).pk for code in UNITS]
    names = [name for _converter, name in _ARGUMENT.findall(route)]
    fills: list[dict[str, str]] = [{}]
    if "obligation_pk" in names:
        fills = [{"obligation_pk": str(pk)} for pk in obligations]
    campaign_names = ("campaign_pk", "campaign_id", "pk")
    urls = []
    for fill in fills:
        values = {n: fill.get(n, str(campaign.pk) if n in campaign_names else "1") for n in names}
        url = _ARGUMENT.sub(partial(_value, values), route)
        urls.append("/" + url.lstrip("^").rstrip("$"))
    return urls


def _counts() -> dict[str, int]:
    return {model.__name__: model._default_manager.count() for model in WATCHED}


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 12), content_pack=True, MEDIA_ROOT=tmp_path)


def test_the_walk_covers_the_pages_that_once_wrote(campaign: Campaign) -> None:
    routes = [route for namespace in NAMESPACES for route in _patterns(namespace)]
    for page in ("outline.docx", "/word/", "/send/", "/offline/", "work/"):
        assert any(page in route for route in routes), page


@pytest.mark.parametrize("role", ROLES)
def test_no_get_writes(personas: Personas, campaign: Campaign, role: str) -> None:
    client = client_for(personas.of(role))
    before = _counts()
    assert before["Report"] == 0
    seen: dict[str, int] = {}
    for namespace in NAMESPACES:
        for route in _patterns(namespace):
            for url in _urls(campaign, route):
                seen[url] = status_of(client, url)
                assert _counts() == before, (role, url, seen[url])
    if role == "commune_officer_of_bai_chay":  # its own report shown, not started
        own = report_obligation(campaign, "06673").pk
        for page in ("", "send/", "offline/", "outline.docx"):
            assert seen[f"/reports/obligations/{own}/{page}"] == 200, page
