"""The seed as read saves and publishes; errors are summed up at the top, linked to their
field; a directive uploaded twice and deadlines already passed are warned about."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from tests.campaigns.factories import SEED
from tests.campaigns.test_directive_review import form_data, upload
from tests.conftest import Personas, client_for
from xhht.campaigns.models import Campaign, Obligation
from xhht.campaigns.planning import Plan
from xhht.directives.models import Directive

pytestmark = pytest.mark.django_db


def uploaded(client: Client) -> tuple[Directive, str]:
    """The seed uploaded; the directive and its review page's address."""
    location = upload(client, "1395.txt", SEED.read_bytes())["Location"]
    return Directive.objects.order_by("-pk").first() or Directive(), location


def review_post(client: Client, location: str, **changes: str) -> dict[str, str]:
    """What a browser submits of the review form as shown, with `changes`: a select with
    no option marked selected sends its first option."""
    page = client.get(location).content.decode()
    data = form_data(page)
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        first = re.search(r'<option value="([^"]*)"', body)
        if not data.get(name) and first:
            data[name] = html.unescape(first.group(1))
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = html.unescape(text).strip("\n")
    return data | changes


def publish_url(directive: Directive) -> str:
    return reverse("campaigns:directive_publish", args=[directive.pk])


def test_the_seed_saved_unchanged_saves_and_publishes(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    directive, location = uploaded(client)
    before = Plan.from_json(directive.plan)
    for _ in range(2):  # the added empty row comes back after each save: still no error
        data = review_post(client, location, save="1")
        assert data["rules-TOTAL_FORMS"] == str(len(before.rules) + 1)
        response = client.post(location, data)
        assert response.status_code == 302, response.content.decode()[:3000]
    after = Plan.from_json(Directive.objects.get().plan)
    assert after.rules == before.rules and len(after.rules) == 8
    assert after.bodies == before.bodies
    data = review_post(client, location, publish="1")
    assert client.post(location, data)["Location"] == publish_url(directive)
    client.post(publish_url(directive), {"despite": "on"})
    assert Obligation.objects.filter(campaign__directive=directive).count() == 432


def test_a_row_added_with_words_but_no_date_is_an_error_linked_from_the_top(
    personas: Personas,
) -> None:
    client = client_for(personas.province_officer)
    _, location = uploaded(client)
    data = review_post(client, location, save="1")
    data["rules-8-wording"] = "Báo cáo bổ sung"
    data["rules-0-date"] = "31/02/2013"
    data["tree_date"] = ""
    page = client.post(location, data).content.decode()
    summary = page[page.index('id="errors"') : page.index("</div>", page.index('id="errors"'))]
    assert "Có 3 chỗ cần sửa, chưa lưu gì" in summary
    assert 'href="#id_tree_date"' in summary
    assert 'href="#id_rules-0-date"' in summary and "Thời hạn, dòng 1" in summary
    assert "31/02/2013 không phải ngày có thật: tháng 2/2013 không có ngày 31." in summary
    assert 'href="#id_rules-8-date"' in summary and "Thời hạn, dòng 9" in summary
    assert 'id="id_rules-8-date"' in page and 'id="id_tree_date"' in page  # the targets exist
    assert Plan.from_json(Directive.objects.get().plan).rules[0].date == "2013-06-10"


def test_a_row_added_with_a_date_becomes_a_rule(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    _, location = uploaded(client)
    data = review_post(client, location, save="1")
    data |= {"rules-8-date": "15/07/2013", "rules-8-wording": "Báo cáo bổ sung"}
    assert client.post(location, data).status_code == 302
    rules = Plan.from_json(Directive.objects.get().plan).rules
    assert len(rules) == 9 and rules[8].date == "2013-07-15"


def test_the_same_directive_uploaded_again_is_warned_about_before_publishing(
    personas: Personas,
) -> None:
    client = client_for(personas.province_officer)
    first, _ = uploaded(client)
    client.post(publish_url(first), {"despite": "on"})
    assert Campaign.objects.count() == 1
    second, location = uploaded(client)
    warning = "Tỉnh đã có văn bản cùng số, ký hiệu và ngày ban hành"
    review = client.get(location).content.decode()
    assert warning in review and reverse("campaigns:directive_review", args=[first.pk]) in review
    confirm = client.get(publish_url(second)).content.decode()
    assert warning in confirm and "đã công bố ngày" in confirm
    assert "cùng một việc hai lần" in confirm
    refused = client.post(publish_url(second)).content.decode()
    assert "Hãy đánh dấu ô để công bố dù có cảnh báo." in refused
    assert Campaign.objects.count() == 1 and Obligation.objects.count() == 432
    client.post(publish_url(second), {"despite": "on"})
    assert Campaign.objects.count() == 2  # told, the province may still publish it


def test_a_directive_with_another_number_is_not_a_duplicate(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    first, _ = uploaded(client)
    text = SEED.read_text(encoding="utf-8").replace("Số: 1395 ", "Số: 1396 ", 1)
    client.post(reverse("campaigns:directive_list"), {"text": text})
    second = Directive.objects.exclude(pk=first.pk).get()
    assert str(second).startswith("1396/")
    page = client.get(reverse("campaigns:directive_review", args=[second.pk])).content.decode()
    assert "cùng số, ký hiệu và ngày ban hành" not in page


def test_deadlines_already_passed_are_counted_before_publishing(personas: Personas) -> None:
    client = client_for(personas.province_officer)
    directive, _ = uploaded(client)
    confirm = client.get(publish_url(directive)).content.decode()
    # On 20/06/2013 the communes' conference and report (by 10/06) have passed: 2 × 186.
    assert "372 việc phải làm sẽ quá hạn ngay khi công bố" in confirm
    assert "hôm nay, 20/06/2013" in confirm
    assert confirm.count("(đã quá hạn)") == 2
    client.post(publish_url(directive))
    assert not Obligation.objects.exists()


def test_with_nothing_passed_and_no_duplicate_publishing_asks_no_tick(
    personas: Personas, settings: Settings
) -> None:
    settings.XHHT_TODAY = date(2013, 6, 1)
    client = client_for(personas.province_officer)
    directive, _ = uploaded(client)
    confirm = client.get(publish_url(directive)).content.decode()
    assert "quá hạn ngay khi công bố" not in confirm and 'name="despite"' not in confirm
    client.post(publish_url(directive))
    assert Obligation.objects.count() == 432
