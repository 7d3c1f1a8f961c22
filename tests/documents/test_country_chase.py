"""Chasing in the national campaign: the Ministry's dashboard lists the late provinces (each
reached through its Department of Education, whose officers act for the province), not
their communes, and mails them the reminder or the reminder letter; a province's officer
chases its own communes and never another province."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from pytest_django import Settings

from tests.campaigns.test_national_campaign import DURING, PROVINCES, officer, province, sent_by
from tests.conftest import client_for
from tests.documents.test_chase import late_rows, letter_of
from tests.mail import Mailbox
from xhht.accounts.models import User
from xhht.campaigns.models import Campaign, Reminder
from xhht.documents.models import GeneratedDocument, Kind
from xhht.indicators.content import content_pack_load
from xhht.orgunits.models import Level, OrgUnit
from xhht.orgunits.national import national_load
from xhht.synthetic.country import national_campaign_publish

pytestmark = pytest.mark.django_db

AFTER = date(2025, 12, 15)  # past the provinces' deadline (before 10/12); communes late too
CAO_BANG_DESK = "vanthu@sogddt-caobang.example.test"


@dataclass
class Chase:
    country: OrgUnit
    campaign: Campaign
    ministry_officer: User
    cao_bang_officer: User  # the Department of Education of province 04, Cao Bằng


@pytest.fixture
def chase(settings: Settings) -> Chase:
    """Quảng Ninh reported on time; Cao Bằng (04) and Điện Biên (11) did not, nor did most
    communes. Cao Bằng's Department has a desk address, Điện Biên's none."""
    settings.XHHT_TODAY = DURING
    content_pack_load()
    country = national_load("2025", PROVINCES).country
    campaign = national_campaign_publish(country)
    sent_by(campaign, province("22"), (40, 100))
    OrgUnit.objects.filter(pk=province("04").pk).update(contact_email=CAO_BANG_DESK)
    settings.XHHT_TODAY = AFTER
    return Chase(
        country=country,
        campaign=campaign,
        ministry_officer=officer("bo-gddt", country),
        cao_bang_officer=officer("so-gddt-04", province("04")),
    )


def ticked(html: str) -> set[int]:
    """The units the call list offers to chase."""
    return {int(pk) for pk in re.findall(r'name="unit" value="(\d+)"', html)}


def dashboard(user: User, campaign: Campaign) -> str:
    page = client_for(user).get(reverse("campaigns:dashboard", args=[campaign.pk]))
    assert page.status_code == 200
    return page.content.decode()


def test_the_ministry_s_dashboard_offers_to_chase_the_late_provinces_only(chase: Chase) -> None:
    html = dashboard(chase.ministry_officer, chase.campaign)
    assert reverse("documents:chase", args=[chase.campaign.pk]) in html
    assert reverse("documents:chase_letter", args=[chase.campaign.pk]) in html
    assert ticked(html) == {province("04").pk, province("11").pk}
    assert CAO_BANG_DESK in html  # whom to call at Cao Bằng's Department
    calls = html[html.index('id="calls-h"') :]
    assert province("22").display_name not in calls.split("</section>")[0]  # it reported
    assert "Xã " not in calls.split("</section>")[0]  # the provinces chase their communes


def test_a_province_officer_chases_its_communes_and_no_other_province(chase: Chase) -> None:
    html = dashboard(chase.cao_bang_officer, chase.campaign)
    offered = ticked(html)
    communes = set(
        OrgUnit.objects.below(province("04"))
        .filter(level=Level.COMMUNE)
        .values_list("pk", flat=True)
    )
    assert offered and offered <= communes
    for code in ("22", "11"):
        assert province(code).display_name not in html
    client = client_for(chase.cao_bang_officer)
    response = client.post(
        reverse("documents:chase", args=[chase.campaign.pk]), {"unit": [province("11").pk]}
    )
    assert response.status_code == 302
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [
        "Không đơn vị nào được chọn đang chậm hạn thuộc đơn vị của bạn: chưa đôn đốc đơn vị nào."
    ]
    assert not Reminder.objects.exists()


def test_the_ministry_mails_the_reminder_letter_to_the_late_provinces_it_ticked(
    chase: Chase, smtp_server: Mailbox
) -> None:
    commune = OrgUnit.objects.below(province("04")).filter(level=Level.COMMUNE).first()
    assert commune is not None
    chosen = [province(code).pk for code in ("04", "11", "22")] + [commune.pk]
    client = client_for(chase.ministry_officer)
    response = client.post(
        reverse("documents:chase_letter", args=[chase.campaign.pk]), {"unit": chosen}
    )
    assert response.status_code == 302
    letter = GeneratedDocument.objects.get(kind=Kind.REMINDER)
    assert letter.unit == chase.country and letter.created_by == chase.ministry_officer
    listed = {row[1] for row in late_rows(letter_of(letter)) if row[1]}
    assert listed == {province("04").display_name, province("11").display_name}
    [mail] = smtp_server.messages  # Điện Biên's Department has no address; no commune is mailed
    assert CAO_BANG_DESK in mail["To"]
    assert "Bộ Giáo dục và Đào tạo" in mail["Subject"]
    assert "Bộ Giáo dục và Đào tạo gửi" in Mailbox.text_of(mail)
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert province("11").display_name in said  # no e-mail address
    reminded = Reminder.objects.filter(kind="after").values_list("obligation__unit", flat=True)
    assert set(reminded) == {province("04").pk}
