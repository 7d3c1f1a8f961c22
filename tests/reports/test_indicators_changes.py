"""Changing, retiring and deleting indicators and targets on the indicators page: what is in
use keeps its kind and level, what every province shares is the administrator's, a delete
is confirmed first, and the page tells who changed what."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.conftest import Personas, PublishedCampaign, Response, client_for, unit
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign
from xhht.indicators.content import content_pack_load
from xhht.indicators.models import Indicator, Target
from xhht.reports.indicator_forms import IndicatorForm
from xhht.reports.indicator_history import ACTIONS
from xhht.reports.indicators import (
    CODE_FORMAT,
    IN_TEMPLATES,
    IndicatorError,
    TargetInput,
    indicator_create,
    indicator_update,
    target_add,
)
from xhht.reports.templates_build import template_for

pytestmark = pytest.mark.django_db


def page(indicator: Indicator, action: str = "") -> str:
    """The indicator's page, or the address its form or button `action` posts to."""
    return reverse(f"reports:{action or 'indicator'}", args=[indicator.pk])


def own(code: str = "QN_TAM", kind: str = "count", level: str = "commune") -> Indicator:
    return indicator_create(
        province=unit("22"), user=None, code=code, name="Tạm", kind=kind, level=level
    )


def edit(client: Client, indicator: Indicator, **fields: str) -> Response:
    data = {"i-name": indicator.name, "i-order": str(indicator.order)}
    data.update({f"i-{name}": value for name, value in fields.items()})
    return client.post(page(indicator, "indicator_edit"), data)


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(content_pack=True)


# -- 1. kind and level are fixed once the indicator is in use -------------------------------


def test_an_indicator_with_figures_keeps_its_kind_and_level(
    campaign: Campaign, personas: Personas
) -> None:
    gdht = Indicator.objects.get(code="GDHT")
    report_with(campaign, "06673", send=False)
    client = client_for(personas.administrator)  # even the administrator
    response = edit(client, gdht, kind="count", level="district")
    assert response.status_code == 400
    form = response.context["edit_form"]
    assert set(form.errors) == {"kind", "level"}  # beside each field
    gdht.refresh_from_db()
    assert (gdht.kind, gdht.level) == ("ratio", "commune")


def test_the_locked_fields_are_read_only_and_the_rest_stays_editable(
    campaign: Campaign, personas: Personas
) -> None:
    mine = own()
    assert mine in template_for(campaign, "commune").indicators.all()
    client = client_for(personas.province_officer)
    html = client.get(page(mine)).content.decode()
    assert re.search(r'<select name="i-kind"[^>]*disabled', html)
    assert re.search(r'<select name="i-level"[^>]*disabled', html)
    assert not re.search(r'<input type="text" name="i-name"[^>]*disabled', html)
    # a browser does not send a disabled field: name, unit of measure and order still save
    response = client.post(
        page(mine, "indicator_edit"), {"i-name": "Tên mới", "i-unit_label": "lớp", "i-order": "7"}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.name, mine.unit_label, mine.order, mine.kind) == ("Tên mới", "lớp", 7, "count")
    # a page opened before it was put in a template still posts the old fields: refused
    stale = edit(client, mine, kind="ratio", level="commune")
    assert stale.status_code == 400
    assert list(stale.context["edit_form"].errors) == ["kind"]
    assert Indicator.objects.get(pk=mine.pk).kind == "count"


def test_the_service_refuses_too(campaign: Campaign) -> None:
    mine = own()
    indicator_update(indicator=mine, user=None, kind="ratio")  # not in use: it may change
    assert mine in template_for(campaign, "commune").indicators.all()
    with translation.override("en"), pytest.raises(IndicatorError) as caught:
        indicator_update(indicator=mine, user=None, level="district")
    assert caught.value.field == "level" and "report template" in caught.value.message


def test_an_unused_indicator_may_change_its_kind(personas: Personas) -> None:
    content_pack_load()
    mine = own()
    response = edit(client_for(personas.province_officer), mine, kind="ratio", level="district")
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.kind, mine.level, mine.unit_label) == ("ratio", "district", "%")


# -- 2. deleting: never what a template holds; always confirmed ------------------------------


def test_an_indicator_in_a_template_is_not_deleted_and_offers_no_delete(
    campaign: Campaign, personas: Personas
) -> None:
    mine = own()
    assert mine in template_for(campaign, "commune").indicators.all()
    client = client_for(personas.province_officer)
    html = client.get(page(mine)).content.decode()
    assert 'id="delete-indicator"' not in html and 'id="delete-refused"' in html
    response = client.post(page(mine, "indicator_delete"), {"confirm": "yes"})
    assert response.status_code == 302  # told why, no 500
    assert Indicator.objects.filter(pk=mine.pk).exists()
    shown = client.get(page(mine)).content.decode()  # the message the redirect carried
    with translation.override("vi"):
        assert gettext(IN_TEMPLATES) % {"name": "Tạm", "count": 1} in shown


def test_a_delete_is_confirmed_first(personas: Personas) -> None:
    content_pack_load()
    mine = own()
    client = client_for(personas.province_officer)
    assert 'id="delete-indicator"' in client.get(page(mine)).content.decode()
    asked = client.post(page(mine, "indicator_delete"))
    assert asked.status_code == 200 and 'id="confirm-delete"' in asked.content.decode()
    assert f'action="{page(mine, "indicator_delete")}"' in asked.content.decode()
    assert Indicator.objects.filter(pk=mine.pk).exists()
    done = client.post(page(mine, "indicator_delete"), {"confirm": "yes"})
    assert done.status_code == 302 and done["Location"] == reverse("reports:indicators")
    assert not Indicator.objects.filter(pk=mine.pk).exists()


def test_a_target_delete_is_confirmed_first(personas: Personas) -> None:
    content_pack_load()
    gdht = Indicator.objects.get(code="GDHT")
    target = target_add(
        indicator=gdht, province=unit("22"), user=None,
        target=TargetInput(2015, Decimal("40"), "KH 12/KH-UBND", date(2013, 1, 2)),
    )  # fmt: skip
    client = client_for(personas.province_officer)
    asked = client.post(page(gdht, "target_delete"), {"target": target.pk})
    html = asked.content.decode()
    assert asked.status_code == 200 and f'name="target" value="{target.pk}"' in html
    assert f'action="{page(gdht, "target_delete")}"' in html
    assert Target.objects.filter(pk=target.pk).exists()
    client.post(page(gdht, "target_delete"), {"target": target.pk, "confirm": "yes"})
    assert not Target.objects.filter(pk=target.pk).exists()


# -- 3. what every province shares is the administrator's ------------------------------------


def test_the_province_cannot_change_or_retire_a_national_indicator(
    personas: Personas,
) -> None:
    content_pack_load()
    gdht = Indicator.objects.get(code="GDHT")
    client = client_for(personas.province_officer)
    html = client.get(page(gdht)).content.decode()
    for action in ("indicator_edit", "indicator_retire", "indicator_restore", "indicator_delete"):
        assert page(gdht, action) not in html  # no form or button that changes it
    assert 'id="shared-note"' in html
    assert edit(client, gdht, kind="ratio", level="commune", order="1").status_code == 400
    assert client.post(page(gdht, "indicator_retire")).status_code == 302
    assert client.post(page(gdht, "indicator_delete"), {"confirm": "yes"}).status_code == 302
    gdht.refresh_from_db()
    assert gdht.active and gdht.order != 1


def test_the_administrator_changes_and_retires_a_national_indicator(
    personas: Personas,
) -> None:
    content_pack_load()
    gdht = Indicator.objects.get(code="GDHT")
    client = client_for(personas.administrator)
    html = client.get(page(gdht)).content.decode()
    assert f'action="{page(gdht, "indicator_retire")}"' in html
    assert f'action="{page(gdht, "indicator_edit")}"' in html
    assert edit(client, gdht, kind="ratio", level="commune", order="1").status_code == 302
    assert client.post(page(gdht, "indicator_retire")).status_code == 302
    gdht.refresh_from_db()
    assert not gdht.active and gdht.order == 1


def test_national_targets_are_read_only_to_the_province(personas: Personas) -> None:
    content_pack_load()
    gdht = Indicator.objects.get(code="GDHT")
    national = Target.objects.filter(indicator=gdht, province__isnull=True).first()
    assert national is not None  # the content pack's, from a decision such as QĐ 89
    client = client_for(personas.province_officer)
    html = client.get(page(gdht)).content.decode()
    assert f'name="target" value="{national.pk}"' not in html  # no delete button
    assert 'name="t-national"' not in html  # no "national target" box
    for confirm in ("", "yes"):
        client.post(page(gdht, "target_delete"), {"target": national.pk, "confirm": confirm})
    assert Target.objects.filter(pk=national.pk).exists()
    # a hand-made "national" box makes the province's own target, never a national one
    client.post(page(gdht, "target_add"), {"t-year": "2020", "t-value": "70",
                                           "t-source": "KH 5", "t-in_force_from": "01/01/2014",
                                           "t-national": "on"})  # fmt: skip
    made = Target.objects.get(source="KH 5")
    assert made.province == unit("22")
    with pytest.raises(IndicatorError):
        target_add(indicator=gdht, province=unit("22"), user=personas.province_officer,
                   target=TargetInput(2020, Decimal("1"), "X", date(2014, 1, 1), national=True))  # fmt: skip


def test_the_administrator_sets_and_deletes_national_targets(personas: Personas) -> None:
    content_pack_load()
    gdht = Indicator.objects.get(code="GDHT")
    client = client_for(personas.administrator)
    assert 'name="t-national"' in client.get(page(gdht)).content.decode()
    client.post(page(gdht, "target_add"), {"t-year": "2020", "t-value": "70",
                                           "t-source": "NQ 9", "t-in_force_from": "01/01/2014",
                                           "t-national": "on"})  # fmt: skip
    made = Target.objects.get(source="NQ 9")
    assert made.province is None
    client.post(page(gdht, "target_delete"), {"target": made.pk, "confirm": "yes"})
    assert not Target.objects.filter(pk=made.pk).exists()


def test_a_district_officer_gets_nothing(personas: Personas) -> None:
    content_pack_load()
    gdht = Indicator.objects.get(code="GDHT")
    client = client_for(personas.halong_officer)
    assert client.get(page(gdht)).status_code == 404
    for action in ("indicator_edit", "indicator_retire", "indicator_delete", "target_add"):
        assert client.post(page(gdht, action), {"confirm": "yes"}).status_code == 404
    assert Indicator.objects.get(pk=gdht.pk).active


# -- 5. hand-made ids ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("target_delete", {"target": "abc"}),
        ("target_delete", {"target": "1 OR 1=1", "confirm": "yes"}),
        ("grant_remove", {"grant": "abc"}),
        ("grant_remove", {}),
        ("rule_retire", {"rule": "abc"}),
        ("rule_restore", {"rule": "-1"}),
    ],
)
def test_a_non_numeric_id_is_404(personas: Personas, url: str, data: dict[str, str]) -> None:
    content_pack_load()
    gdht = Indicator.objects.get(code="GDHT")
    address = reverse(f"reports:{url}") if url.startswith("rule") else page(gdht, url)
    assert client_for(personas.province_officer).post(address, data).status_code == 404


# -- 6. the form's words, the list on a phone, the history -----------------------------------


def test_a_short_code_is_refused_saying_what_is_allowed(personas: Personas) -> None:
    content_pack_load()
    response = client_for(personas.province_officer).post(
        reverse("reports:indicator_add"),
        {"code": "X", "name": "Ngắn", "kind": "count", "level": "commune", "order": "1"},
    )  # fmt: skip
    assert response.status_code == 400
    with translation.override("vi"):
        assert response.context["form"].errors["code"] == [gettext(CODE_FORMAT)]
    assert "2 to 40 characters" in CODE_FORMAT and "starting with a letter" in CODE_FORMAT
    assert not Indicator.objects.filter(code="X").exists()
    with translation.override("en"):
        assert str(IndicatorForm().fields["unit_label"].label) == "Unit of measure"


def test_the_list_stacks_on_a_phone_instead_of_squeezing_names(personas: Personas) -> None:
    content_pack_load()
    html = client_for(personas.province_officer).get(reverse("reports:indicators")).content
    text = html.decode()
    assert '<table class="indicator-list">' in text and static("xhht/indicators.css") in text
    row = text.split('<td class="code">')[1].split("</tr>")[0]
    assert row.count("data-label=") == 4  # each figure says what it is once the header hides
    css = Path(str(finders.find("xhht/indicators.css"))).read_text()
    phone = css.split("@media (max-width: 40rem)")[1]
    assert "table.indicator-list, .indicator-list tbody, .indicator-list tr" in phone
    assert "content: attr(data-label)" in phone


def test_the_page_tells_who_changed_what(campaign: Campaign, personas: Personas) -> None:
    mine = own()
    client = client_for(personas.province_officer)
    edit(client, mine, kind="count", level="commune", name="Tên đã sửa")
    client.post(page(mine, "target_add"), {"t-year": "2015", "t-value": "12",
                                           "t-source": "KH 77", "t-in_force_from": "02/01/2013"})  # fmt: skip
    client.post(reverse("reports:rule_add"), {"left": "qn_tam", "operator": "<=",
                                              "right": "500", "message": "Quá lớn"})  # fmt: skip
    target = Target.objects.get(source="KH 77")
    client.post(page(mine, "target_delete"), {"target": target.pk, "confirm": "yes"})
    other = own("QN_KHAC")
    client.post(reverse("reports:rule_add"), {"left": "QN_KHAC", "operator": "<=",
                                              "right": "9", "message": "x"})  # fmt: skip
    response = client.get(page(mine))
    history = response.context["history"]
    actions = ["target.deleted", "rule.created", "target.created", "indicator.changed",
               "indicator.created"]  # fmt: skip
    with translation.override("vi"):  # the other indicator's rule is not this page's
        assert [line.action for line in history] == [gettext(ACTIONS[a]) for a in actions]
        assert [line.who for line in history] == ["so-gddt"] * 4 + [gettext("the system")]
        name = str(Indicator._meta.get_field("name").verbose_name)
    assert (name, "Tạm", "Tên đã sửa") in history[-2].what
    html = response.content.decode()
    assert "<del>Tạm</del> → <ins>Tên đã sửa</ins>" in html and "KH 77" in html
    assert other.code not in html.split('id="history"')[1]
