"""Dashboards: exact counts per state by level, district and agency; the call list; the pages."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries, Settings

from tests.campaigns.factories import draft_directive, publish
from tests.campaigns.progress import TODAY, Progress, seed_progress
from tests.campaigns.test_publish import DIRECTIVE_2025
from tests.conftest import ON_2025, Personas, PublishedCampaign, client_for, make_user, unit
from xhht.accounts.models import Role, User
from xhht.campaigns import calls, charts, dashboards, listings
from xhht.campaigns.dashboards import Tally
from xhht.campaigns.models import Deliverable, RuleKind
from xhht.campaigns.sector import branch_register, sector_cascade
from xhht.campaigns.services import RuleInput
from xhht.orgunits.models import Level, OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def progress(make_campaign: PublishedCampaign) -> Progress:
    return seed_progress(make_campaign(today=TODAY))


def build(user: User, progress: Progress, focus: OrgUnit | None = None) -> dashboards.Dashboard:
    campaign = progress.campaign
    focus = focus or dashboards.focus_or_404(user, campaign, None)
    return dashboards.dashboard_build(user=user, campaign=campaign, focus=focus, on=TODAY)


def test_the_province_counts_every_obligation_by_state(
    personas: Personas, progress: Progress
) -> None:
    dash = build(personas.province_officer, progress)
    # 372 commune obligations were due on 10/06: 2 conferences on time, 1 report late;
    # the other 60 are not due yet but Hạ Long's conference, held on time.
    assert dash.total == Tally(on_time=3, late=1, overdue=369, pending=59)
    by_level = {(r.level, r.deliverable): r.tally for r in dash.by_level}
    assert by_level[(Level.COMMUNE, "conference")] == Tally(on_time=2, overdue=184)
    assert by_level[(Level.COMMUNE, "report")] == Tally(late=1, overdue=185)
    assert by_level[(Level.DISTRICT, "conference")] == Tally(on_time=1, pending=13)
    assert by_level[(Level.DISTRICT, "report")] == Tally(pending=14)
    assert by_level[(Level.AGENCY, "report")] == Tally(pending=16)
    assert by_level[(Level.PROVINCE, "consolidated")] == Tally(pending=1)
    assert [r.level for r in dash.by_level][:2] == [Level.PROVINCE, Level.PROVINCE]
    labels = dict(Level.choices)
    assert dash.units == [
        (str(labels[Level.PROVINCE]), 1),
        (str(labels[Level.DISTRICT]), 14),
        (str(labels[Level.COMMUNE]), 186),
        (str(labels[Level.AGENCY]), 16),
    ]


@pytest.mark.parametrize(
    ("tally", "done", "on_time"),
    [
        (Tally(on_time=58, late=372, pending=2), 99, 13),  # the walk's end: 2 still to come
        (Tally(on_time=1, overdue=371), 1, 1),  # one done of 372 reads 1 %, not 0 %
        (Tally(on_time=3, late=1), 100, 75),
        (Tally(pending=14), 0, 0),
        (Tally(), 0, 0),
    ],
)
def test_a_share_reads_complete_only_when_nothing_is_missing(
    tally: Tally, done: int, on_time: int
) -> None:
    assert (tally.percent_done, tally.percent_on_time) == (done, on_time)


def test_the_province_sees_its_14_districts_and_16_agencies(
    personas: Personas, progress: Progress
) -> None:
    dash = build(personas.province_officer, progress)
    sections = {s.level: s for s in dash.sections}
    assert set(sections) == {Level.DISTRICT, Level.AGENCY}
    assert len(sections[Level.DISTRICT].rows) == 14
    assert len(sections[Level.AGENCY].rows) == 16
    halong = next(r for r in sections[Level.DISTRICT].rows if r.code == "193")
    n = progress.halong_communes
    assert halong.own == Tally(on_time=1, pending=2)
    assert halong.below == Tally(on_time=1, late=1, overdue=2 * n - 2)
    mongcai = next(r for r in sections[Level.DISTRICT].rows if r.code == "194")
    assert mongcai.own == Tally(pending=3)
    assert mongcai.below == Tally(on_time=1, overdue=2 * progress.mongcai_communes - 1)
    assert sections[Level.DISTRICT].total.total == 372 + 14 * 3
    assert sections[Level.AGENCY].total == Tally(pending=16)
    assert [(o.last_day.isoformat(), o.state) for o in dash.own] == [
        ("2013-07-31", "pending"),
        ("2013-07-31", "pending"),
    ]


def test_a_district_sees_its_communes_and_nothing_else(
    personas: Personas, progress: Progress
) -> None:
    dash = build(personas.halong_officer, progress)
    assert dash.focus == unit("193")
    n = progress.halong_communes
    assert dash.total == Tally(on_time=2, late=1, overdue=2 * n - 2, pending=2)
    (communes,) = dash.sections
    assert communes.level == Level.COMMUNE and not communes.has_below
    assert len(communes.rows) == n
    bai_chay = next(r for r in communes.rows if r.code == "06673")
    assert bai_chay.tally == Tally(on_time=1, late=1)
    assert {o.state for o in dash.own} == {"on_time", "pending"}


def test_a_commune_sees_only_itself(personas: Personas, progress: Progress) -> None:
    dash = build(personas.commune_officer_of_tran_phu, progress)
    assert dash.total == Tally(on_time=1, overdue=1)
    assert dash.sections == []
    assert [e.code for e in dash.calls.entries] == ["06712"]


def test_an_agency_sees_its_own_report(personas: Personas, progress: Progress) -> None:
    dash = build(personas.home_affairs_officer, progress)
    assert dash.total == Tally(pending=1)
    assert dash.calls.total_units == 0


def test_the_call_list_names_the_contact_and_the_users_with_their_phones(
    personas: Personas, progress: Progress
) -> None:
    tran_phu = unit("06712")
    tran_phu.contact_name = "Lê Văn Cường"
    tran_phu.contact_phone = "0203 3881 234"
    tran_phu.save()
    officer = personas.commune_officer_of_tran_phu
    officer.first_name, officer.last_name, officer.phone = "Thị Mai", "Đỗ", "0912 345 678"
    officer.save()
    dash = build(personas.mongcai_officer, progress)
    codes = [e.code for e in dash.calls.entries]
    assert dash.calls.total_units == progress.mongcai_communes
    assert "06712" in codes
    entry = next(e for e in dash.calls.entries if e.code == "06712")
    assert [(i.label, i.days_late) for i in entry.items] == [(str(Deliverable.REPORT.label), 10)]
    assert [(c.name, c.phone) for c in entry.contacts] == [
        ("Lê Văn Cường", "0203 3881 234"),
        ("Đỗ Thị Mai", "0912 345 678"),
    ]
    assert entry.parent_name == "Thành phố Móng Cái"
    # Units with both obligations overdue come before Trần Phú's single one (same last day).
    assert codes[-1] == "06712"


def test_the_call_list_stops_at_its_limit_and_says_how_many(
    personas: Personas, progress: Progress
) -> None:
    campaign = progress.campaign
    focus = unit("22")
    found = calls.call_list(
        dashboards.obligations_in_view(personas.province_officer, campaign, focus), TODAY, limit=5
    )
    assert len(found.entries) == 5 and found.total_units == 186 - 1  # Bãi Cháy is done
    assert found.truncated


def test_the_2025_campaign_lists_communes_without_a_district_column(
    personas: Personas, settings: Settings
) -> None:
    settings.XHHT_TODAY = ON_2025
    campaign = publish(draft_directive(DIRECTIVE_2025, on=ON_2025.isoformat()))
    officer = make_user("tinh-2025", "22", Role.PROVINCE, on=ON_2025)
    focus = dashboards.focus_or_404(officer, campaign, None)
    dash = dashboards.dashboard_build(user=officer, campaign=campaign, focus=focus, on=ON_2025)
    assert [s.level for s in dash.sections] == [Level.COMMUNE]
    assert len(dash.sections[0].rows) == 54
    assert dash.sections[0].total == Tally(pending=54 * 3)
    page = client_for(officer).get(reverse("campaigns:dashboard", args=[campaign.pk]))
    html = page.content.decode()
    assert 'id="sec-commune"' in html and 'id="sec-district"' not in html


def test_the_dashboard_page_shows_charts_tables_and_calls(
    personas: Personas, progress: Progress, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    client = client_for(personas.province_officer)
    url = reverse("campaigns:dashboard", args=[progress.campaign.pk])
    # A fixed number, whatever the size of the tree; three of them are the member bodies'
    # tasks (their sections, the bodies' sent reports, the texts of those reports).
    with django_assert_max_num_queries(19):
        response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nhiệm vụ của các cơ quan thành viên" in html
    assert html.count("<svg") == 4  # progress, by level, districts, agencies
    assert "Thành phố Hạ Long" in html and "Sở Nội vụ" in html
    assert f'?unit={unit("193").pk}"' in html  # drill into a district
    assert reverse("campaigns:status_xlsx", args=[progress.campaign.pk]) in html
    assert "369" in html


def test_drilling_into_a_district_from_the_province(personas: Personas, progress: Progress) -> None:
    client = client_for(personas.province_officer)
    url = reverse("campaigns:dashboard", args=[progress.campaign.pk])
    html = client.get(url, {"unit": unit("193").pk}).content.decode()
    assert "Phường Bãi Cháy" in html and "Phường Trần Phú" not in html
    assert f'?unit={unit("22").pk}"' in html  # the breadcrumb leads back up


def test_the_print_view_is_a_standalone_a4_page(personas: Personas, progress: Progress) -> None:
    client = client_for(personas.halong_officer)
    screen = client.get(reverse("campaigns:dashboard", args=[progress.campaign.pk]))
    assert 'form="chase"' in screen.content.decode()  # its parts kept, with the ticks
    html = client.get(reverse("campaigns:print", args=[progress.campaign.pk])).content.decode()
    assert "site-header" not in html
    assert "20/06/2013" in html
    assert html.count("<svg") == 3  # progress, by level, communes
    assert 'form="chase"' not in html and 'id="chase"' not in html  # paper: nothing to tick


def test_the_calendar_lists_conferences_held_and_to_hold(
    personas: Personas, progress: Progress
) -> None:
    client = client_for(personas.province_officer)
    html = client.get(reverse("campaigns:calendar", args=[progress.campaign.pk])).content.decode()
    assert "Nhà văn hóa phường Bãi Cháy" in html and "Nguyễn Văn Bình" in html
    assert html.index("08/06/2013") < html.index("09/06/2013") < html.index("15/06/2013")
    assert "25/06/2013" in html  # the districts' conferences still to hold
    calendar = listings.conference_calendar(
        dashboards.obligations_in_view(personas.halong_officer, progress.campaign, unit("193"))
    )
    assert [c.venue for c in calendar] == [
        "Nhà văn hóa phường Bãi Cháy",
        "Cung Quy hoạch, Hội chợ và Triển lãm",
    ]


def test_the_list_and_the_home_page_lead_to_the_campaign(
    personas: Personas, progress: Progress
) -> None:
    client = client_for(personas.commune_officer_of_bai_chay)
    url = reverse("campaigns:dashboard", args=[progress.campaign.pk])
    assert url in client.get(reverse("campaigns:list")).content.decode()
    assert url in client.get(reverse("site:home")).content.decode()
    assert url not in client_for(personas.outsider).get(reverse("site:home")).content.decode()


def test_charts_are_accessible_svg_with_text_labels() -> None:
    svg = str(charts.stacked_bars([("Huyện <A>", Tally(3, 1, 2, 0))], "Theo huyện"))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title" in svg and "<desc" in svg
    assert "Huyện &lt;A&gt;" in svg and "<A>" not in svg
    assert re.search(r">3</text>", svg) and "67%" in svg
    bar = str(charts.progress_bar(Tally(), "Trống"))
    assert "0%" in bar


def test_branches_an_agency_cascades_to_do_not_change_the_province_counts(
    personas: Personas, progress: Progress
) -> None:
    home_affairs = unit("SNV")
    for name in ("Phòng Nội vụ Hạ Long", "Phòng Nội vụ Móng Cái"):
        branch_register(agency=home_affairs, type_label="Phòng", name=name)
    sector_cascade(
        campaign=progress.campaign,
        agency=home_affairs,
        rule=RuleInput(kind=RuleKind.BY, on=date(2013, 6, 25)),
    )
    province = build(personas.province_officer, progress)
    agencies = {s.level: s for s in province.sections}[Level.AGENCY]
    assert len(agencies.rows) == 16 and agencies.total == Tally(pending=16)
    agency = build(personas.home_affairs_officer, progress)
    assert agency.total == Tally(pending=3)  # its own report and its two branches'
