"""A dashboard keeps its drawn tables and call list between views (kernel.kept), under the
key of what they are drawn from: each change to what it shows is on the next view, and a
view with nothing changed is the same page."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from tests.campaigns.progress import TODAY, Progress, obligation, seed_progress
from tests.conftest import Personas, PublishedCampaign, client_for, unit
from xhht.campaigns.models import Deliverable
from xhht.campaigns.services import obligation_fulfil

pytestmark = pytest.mark.django_db


@pytest.fixture
def progress(make_campaign: PublishedCampaign) -> Progress:
    return seed_progress(make_campaign(today=TODAY))


def _row_of(html: str, pk: int) -> str:
    """The call list's row of the unit `pk` ("" when it is not listed)."""
    tick = html.find(f'name="unit" value="{pk}"')
    if tick < 0:
        return ""
    return html[html.rindex("<tr>", 0, tick) : html.index("</tr>", tick)]


def test_each_change_to_what_a_dashboard_shows_is_on_the_next_view(
    personas: Personas, progress: Progress
) -> None:
    client = client_for(personas.mongcai_officer)
    url = reverse("campaigns:dashboard", args=[progress.campaign.pk])
    tran_phu, officer = unit("06712"), personas.commune_officer_of_tran_phu

    def row() -> str:
        return _row_of(client.get(url).content.decode(), tran_phu.pk)

    assert "trễ 10 ngày" in row() and "0203 777 888" not in row()
    tran_phu.contact_phone = "0203 777 888"  # the unit's contact
    tran_phu.save()
    assert "0203 777 888" in row()
    officer.phone, officer.first_name = "0912 345 678", "Lan"  # a user's
    officer.save()
    assert "0912 345 678" in row() and "Lan" in row()
    tran_phu.name = "Trần Phú Mới"  # a name
    tran_phu.save()
    assert "Phường Trần Phú Mới" in row()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the language
    assert "10 days late" in row()
    obligation_fulfil(  # the state of an obligation: nothing more owed
        obligation=obligation(progress.campaign, "06712", Deliverable.REPORT),
        on=date(2013, 6, 20),
        user=None,
    )
    assert row() == ""


def test_a_log_in_changes_nothing_kept(personas: Personas, progress: Progress) -> None:
    from xhht.kernel.kept import DIRECTORY, generation

    before = generation(DIRECTORY)
    client = client_for(personas.mongcai_officer)
    client.get(reverse("campaigns:dashboard", args=[progress.campaign.pk]))
    officer = personas.commune_officer_of_tran_phu
    officer.last_login = officer.date_joined
    officer.save(update_fields=["last_login"])
    assert generation(DIRECTORY) == before
    officer.save(update_fields=["phone"])
    assert generation(DIRECTORY) != before
