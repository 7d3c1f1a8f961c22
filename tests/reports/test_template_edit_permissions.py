"""The report template pages × every persona: only the standing unit of the campaign's
province and the administrator get them, and post their forms and buttons; everyone
else 404 (and changes nothing); anonymous users are sent to log in. A form's or a
button's address takes only POST."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.urls import reverse
from pytest_django import Settings

from tests.conftest import (
    ON_2025,
    PERSONAS,
    Personas,
    PublishedCampaign,
    Row,
    assert_sent_to_log_in,
    assert_table,
    client_for,
    unit,
)
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator
from xhht.reports import template_editing as editing
from xhht.reports.models import ReportTemplate, TemplateSection
from xhht.reports.templates_build import template_for

pytestmark = pytest.mark.django_db

STANDING = {"province_officer", "administrator"}


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(today=date(2013, 6, 12), content_pack=True)


Url = Callable[[Campaign], str]


def level(name: str) -> Url:
    return lambda c: reverse("reports:template_edit", args=[c.pk, name])


def action(name: str) -> Url:
    """Where the commune template's form or button `name` posts (`section_add`…)."""
    return lambda c: reverse(f"reports:template_{name}", args=[c.pk, "commune"])


def section(c: Campaign, number: str) -> TemplateSection:
    return template_for(c, "commune").sections.get(number=number)


def on_section(number: str) -> Callable[[Campaign], dict[str, object]]:
    return lambda c: {"section": section(c, number).pk}


def a_heading(c: Campaign) -> dict[str, object]:
    return {"add-parent": section(c, "1").pk, "add-title": "Tuyên truyền", "add-applies": "here"}


def a_new_title(c: Campaign) -> dict[str, object]:
    first = section(c, "1")
    return {"section": first.pk, f"r{first.pk}-title": "Tiêu đề mới"}


TAKEN_OUT = "GDHT"  # out of the commune table in the `posted` fixture: it may be put back


def put_back(c: Campaign) -> dict[str, object]:
    return {"ind-indicator": Indicator.objects.get(code=TAKEN_OUT).pk}


def in_the_table(c: Campaign) -> dict[str, object]:
    link = template_for(c, "commune").templateindicator_set.order_by("pk").first()
    assert link is not None
    return {"indicator": link.indicator_id}


# Every form and button of the page: a valid POST, which the standing unit's officer and
# the administrator make (302, back to the page) and nobody else may (404).
POSTS: list[Row[Campaign]] = [
    Row("section_add", action("section_add"), set(), STANDING, a_heading),
    Row("section_rename", action("section_rename"), set(), STANDING, a_new_title),
    Row("section_up", action("section_up"), set(), STANDING, on_section("2")),
    Row("section_down", action("section_down"), set(), STANDING, on_section("1")),
    Row("section_retire", action("section_retire"), set(), STANDING, on_section("1")),
    Row("section_restore", action("section_restore"), set(), STANDING, on_section("1")),
    Row("section_remove", action("section_remove"), set(), STANDING, on_section("3")),
    Row("indicator_in", action("indicator_in"), set(), STANDING, put_back),
    Row("indicator_out", action("indicator_out"), set(), STANDING, in_the_table),
]


PAGES: list[Row[Campaign]] = [
    Row("campaigns", lambda c: reverse("reports:templates"), STANDING),
    Row("commune template", level("commune"), STANDING),
    Row("district template", level("district"), STANDING),
    Row("agency template", level("agency"), STANDING),
    Row("province template", level("province"), STANDING),
]


@pytest.mark.parametrize("row", PAGES, ids=[row.name for row in PAGES])
def test_page_by_role(personas: Personas, campaign: Campaign, row: Row[Campaign]) -> None:
    assert_table(personas, [row], campaign)


@pytest.fixture
def posted(campaign: Campaign) -> Campaign:
    """The campaign with one indicator out of the commune table, to be put back."""
    template = template_for(campaign, "commune")
    taken = Indicator.objects.get(code=TAKEN_OUT)
    editing.indicator_take_out(template=template, indicator=taken, user=None)
    return campaign


@pytest.mark.parametrize("row", POSTS, ids=[row.name for row in POSTS])
def test_post_by_role(personas: Personas, posted: Campaign, row: Row[Campaign]) -> None:
    assert_table(personas, [row], posted, anonymous=True)
    template = ReportTemplate.objects.get(campaign=posted, level="commune")
    assert template.version == 2  # each POST was rolled back: only the fixture's change


@pytest.mark.parametrize("row", POSTS, ids=[row.name for row in POSTS])
def test_a_form_or_button_address_takes_only_post(
    personas: Personas, campaign: Campaign, row: Row[Campaign]
) -> None:
    for who in STANDING | {"halong_officer", "outsider"}:
        response = client_for(personas.of(who)).get(row.url(campaign))
        assert response.status_code == 405, who
        assert response["Allow"] == "POST"


def test_every_form_and_button_is_in_the_table(personas: Personas, posted: Campaign) -> None:
    editing.section_set_retired(section=section(posted, "4"), retired=True, user=None)
    html = client_for(personas.province_officer).get(level("commune")(posted)).content.decode()
    assert 'name="action"' not in html
    for row in POSTS:  # a retired section offers "show again", the others "retire"
        assert row.url(posted) in html, row.name


def test_the_pages_link_each_other(personas: Personas, campaign: Campaign) -> None:
    client = client_for(personas.province_officer)
    indicators = client.get(reverse("reports:indicators")).content.decode()
    assert reverse("reports:templates") in indicators
    listing = client.get(reverse("reports:templates")).content.decode()
    page = client.get(level("commune")(campaign)).content.decode()
    for name in ("commune", "district", "agency", "province"):
        assert level(name)(campaign) in listing
        assert level(name)(campaign) in page
    assert 'name="viewport"' in page


def test_anonymous_is_sent_to_log_in(campaign: Campaign) -> None:
    for row in PAGES:
        assert_sent_to_log_in(row.url(campaign), row.name)


def test_a_level_that_owes_no_report_and_another_provinces_campaign_are_404(
    personas: Personas, campaign: Campaign, settings: Settings
) -> None:
    client = client_for(personas.province_officer)
    assert client.get(level("ward")(campaign)).status_code == 404
    assert (
        client.get(
            reverse("reports:template_edit", args=[campaign.pk + 999, "commune"])
        ).status_code
        == 404
    )
    # the campaign runs on the 2025 tree's province: not the 2013 standing unit's
    Campaign.objects.filter(pk=campaign.pk).update(root=unit("22", ON_2025))
    assert client.get(level("commune")(campaign)).status_code == 404
    settings.XHHT_TODAY = ON_2025  # the administrator's province is the one in force today
    assert client_for(personas.administrator).get(level("commune")(campaign)).status_code == 200


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - STANDING))
def test_a_refused_persona_changes_nothing(
    personas: Personas, campaign: Campaign, persona: str
) -> None:
    template = template_for(campaign, "commune")
    first = template.sections.get(number="1")
    link = template.templateindicator_set.first()
    assert link is not None
    client = client_for(getattr(personas, persona))
    for name, data in [
        ("section_add", {"add-parent": first.pk, "add-title": "x", "add-applies": "here"}),
        ("section_rename", {"section": first.pk, f"r{first.pk}-title": "x"}),
        ("section_up", {"section": first.pk}),
        ("section_retire", {"section": first.pk}),
        ("section_remove", {"section": first.pk}),
        ("indicator_out", {"indicator": link.indicator_id}),
    ]:
        assert client.post(action(name)(campaign), data).status_code == 404, name
    template = ReportTemplate.objects.get(pk=template.pk)
    assert template.version == 1
    first.refresh_from_db()
    assert not first.retired and first.title == "Kết quả thực hiện"
    assert template.sections.count() == 8
    assert template.templateindicator_set.filter(pk=link.pk).exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("section_up", {"section": "abc"}),
        ("section_retire", {"section": "1.5"}),
        ("section_remove", {}),
        ("section_rename", {"section": "abc"}),
        ("indicator_out", {"indicator": "abc"}),
    ],
    ids=["up", "retire", "remove-without-id", "rename", "indicator_out"],
)
def test_a_hand_made_non_numeric_id_is_404(
    personas: Personas, campaign: Campaign, name: str, data: dict[str, str]
) -> None:
    template = template_for(campaign, "commune")
    client = client_for(personas.province_officer)
    assert client.post(action(name)(campaign), data).status_code == 404
    assert ReportTemplate.objects.get(pk=template.pk).version == 1
