"""What the dashboard and the work page read: the obligations once, for both tables of
counts, the units owing something and the call list; no lookup of units a page does not
show (below a commune, the ancestors an officer may not see); each page in a fixed number
of queries."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from tests.campaigns.progress import TODAY, Progress, seed_progress
from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.accounts.models import User
from xhht.campaigns import calls, dashboards
from xhht.campaigns.dashboards import Tally
from xhht.campaigns.models import Deliverable

pytestmark = pytest.mark.django_db


@pytest.fixture
def progress(make_campaign: PublishedCampaign) -> Progress:
    return seed_progress(make_campaign(today=TODAY))


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("province_officer", "22"),
        ("province_officer", "193"),
        ("halong_officer", "193"),
        ("commune_officer_of_bai_chay", "06673"),
        ("home_affairs_officer", "SNV"),
    ],
)
def test_one_query_gives_the_levels_and_the_children_as_two_would(
    personas: Personas, progress: Progress, who: str, code: str
) -> None:
    user, focus = personas.of(who), unit(code)
    obligations = dashboards.obligations_in_view(user, progress.campaign, focus)
    by_level, sections = dashboards.levels_and_sections(obligations, focus, TODAY)
    assert by_level == dashboards.tally_by_level(obligations, TODAY)
    assert sections == dashboards.sections_by_child(obligations, focus, TODAY)
    own = obligations.filter(unit=focus).count()
    below = sum((s.total for s in sections), Tally()).total
    assert own + below == sum((r.tally for r in by_level), Tally()).total


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("commune_officer_of_tran_phu", "06712"),  # its report overdue, 10 days late
        ("commune_officer_of_bai_chay", "06673"),
        ("province_officer", "06712"),
        ("mongcai_officer", "06712"),
    ],
)
def test_a_communes_dashboard_counts_what_the_general_queries_would(
    personas: Personas, progress: Progress, who: str, code: str
) -> None:
    user, focus = personas.of(who), unit(code)
    dash = dashboards.dashboard_build(user=user, campaign=progress.campaign, focus=focus, on=TODAY)
    obligations = dashboards.obligations_in_view(user, progress.campaign, focus)
    assert dash.by_level == dashboards.tally_by_level(obligations, TODAY)
    assert dash.units == dashboards.units_by_level(obligations)
    assert dash.calls == calls.call_list(obligations, TODAY)
    assert dash.sections == []
    if code == "06712":
        [entry] = dash.calls.entries
        assert [(i.label, i.days_late) for i in entry.items] == [
            (str(Deliverable.REPORT.label), 10)
        ]
        assert entry.items[0].status_text == "trễ 10 ngày"
        assert entry.parent_name == "Thành phố Móng Cái"


def crumbs(user: User, progress: Progress, code: str) -> list[str]:
    return [a.code for a in dashboards.breadcrumb(user, progress.campaign, unit(code))]


def test_the_breadcrumb_reads_only_the_units_it_shows(
    personas: Personas, progress: Progress, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    campaign, halong, bai_chay = progress.campaign, unit("193"), unit("06673")
    for read_before in (
        campaign.root,
        personas.halong_officer.unit,
        personas.province_officer.unit,
    ):
        assert read_before is not None
    with django_assert_num_queries(0):  # its own unit: nothing above it is the officer's
        assert dashboards.breadcrumb(personas.halong_officer, campaign, halong) == []
    with django_assert_num_queries(1):
        shown = dashboards.breadcrumb(personas.province_officer, campaign, bai_chay)
    assert [a.code for a in shown] == ["22", "193"]
    assert crumbs(personas.administrator, progress, "06673") == ["22", "193"]
    assert crumbs(personas.halong_officer, progress, "06673") == ["193"]
    assert crumbs(personas.commune_officer_of_bai_chay, progress, "06673") == []


def test_the_call_list_counts_every_unit_whatever_it_shows(
    personas: Personas, progress: Progress
) -> None:
    obligations = dashboards.obligations_in_view(
        personas.province_officer, progress.campaign, unit("22")
    )
    everyone = calls.call_list(obligations, TODAY, limit=None)
    roomy = calls.call_list(obligations, TODAY, limit=1000)
    full = calls.call_list(obligations, TODAY, limit=len(everyone.entries))
    assert everyone.total_units == roomy.total_units == full.total_units == 185
    assert len(roomy.entries) == 185 and not roomy.truncated and not full.truncated
    assert [e.pk for e in roomy.entries] == [e.pk for e in everyone.entries]


@pytest.mark.parametrize(
    ("who", "page", "drawing", "kept"),
    [
        ("commune_officer_of_bai_chay", "campaigns:dashboard", 5, 5),
        ("halong_officer", "campaigns:dashboard", 9, 6),
        ("province_officer", "campaigns:dashboard", 13, 7),
        ("commune_officer_of_bai_chay", "site:my_work", 9, 9),
        ("halong_officer", "site:my_work", 11, 11),
    ],
)
def test_a_page_reads_a_fixed_number_of_times(
    personas: Personas,
    progress: Progress,
    django_assert_num_queries: DjangoAssertNumQueries,
    who: str,
    page: str,
    drawing: int,
    kept: int,
) -> None:
    """`drawing`: a view that draws the page afresh; `kept`: the same view again, which
    takes the dashboard's parts kept under the key of what they are drawn from."""
    client = client_for(personas.of(who))
    url = reverse(page, args=[progress.campaign.pk])
    assert client.get(url).status_code == 200  # the session and caches warmed
    cache.clear()
    with django_assert_num_queries(drawing):
        first = client.get(url)
    with django_assert_num_queries(kept):
        again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert _without_token(first.content) == _without_token(again.content)


def _without_token(content: bytes) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", content.decode())


def test_the_call_list_rows_escape_what_units_wrote(personas: Personas, progress: Progress) -> None:
    tran_phu = unit("06712")
    tran_phu.contact_name, tran_phu.contact_phone = "<b>Lê</b> & Văn", "0203 <1>"
    tran_phu.save()
    client = client_for(personas.mongcai_officer)
    html = client.get(reverse("campaigns:dashboard", args=[progress.campaign.pk])).content.decode()
    tick = html.index(f'name="unit" value="{tran_phu.pk}"')
    row = html[html.rindex("<tr>", 0, tick) : html.index("</tr>", tick)]
    assert "<li>&lt;b&gt;Lê&lt;/b&gt; &amp; Văn · " in row
    assert '<a href="tel:0203 &lt;1&gt;">0203 &lt;1&gt;</a>' in row
    assert "trễ 10 ngày" in row and 'aria-label="Đôn đốc Phường Trần Phú"' in row
    assert f'?unit={tran_phu.pk}">Phường Trần Phú</a>' in row
    printed = client.get(reverse("campaigns:print", args=[progress.campaign.pk])).content.decode()
    assert "Phường Trần Phú" in printed and f'value="{tran_phu.pk}"' not in printed
    assert f'?unit={tran_phu.pk}">Phường Trần Phú' not in printed
