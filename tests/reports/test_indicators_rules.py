"""The province's validation rules: numbers on either side, the broken rule shown beside the
indicators it names and covered by a justification there, no duplicates, codes in any
case, and a page that explains its terms."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext

from tests.conftest import Personas, PublishedCampaign, client_for
from tests.reports.factories import report_obligation, signature, signed_pdf
from tests.reports.figures import report_with
from xhht.campaigns.models import Campaign
from xhht.indicators.models import ValidationRule
from xhht.reports.editing import ReportError, report_save
from xhht.reports.indicators import RULE_TAKEN, RULE_TAKEN_RETIRED
from xhht.reports.models import Report, ReportStatus
from xhht.reports.services import report_send
from xhht.reports.validation import parse_term, report_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(make_campaign: PublishedCampaign) -> Campaign:
    return make_campaign(content_pack=True)


def add_rule(client: Any, left: str, operator: str, right: str, message: str = "Sai") -> Any:
    return client.post(
        reverse("reports:rule_add"),
        {"left": left, "operator": operator, "right": right, "message": message},
    )


def justify(report: Report, code: str, text: str) -> Report:
    row = report.values.get(indicator__code=code)
    return report_save(report=report, texts={}, values={row.indicator_id: {"justification": text}},
                       user=None)  # fmt: skip


def test_a_number_on_the_left_is_a_number_and_the_problem_sits_beside_its_indicator(
    campaign: Campaign, personas: Personas
) -> None:
    officer = client_for(personas.province_officer)
    assert add_rule(officer, "1.000", ">=", "tthtcd_effective.value").status_code == 302
    rule = ValidationRule.objects.get()
    assert (rule.left, rule.right) == ("1000", "TTHTCD_EFFECTIVE.value")
    report = report_with(campaign, "06673", {"TTHTCD_EFFECTIVE": {"value": 2000,
                                             "denominator": 3000}}, send=False)  # fmt: skip
    broken = [p for p in report_problems(report) if p.message == "Sai"]
    assert [(p.indicator_code, p.justified) for p in broken] == [("TTHTCD_EFFECTIVE", False)]
    commune = client_for(personas.commune_officer_of_bai_chay)
    obligation = report_obligation(campaign, "06673")
    html = commune.get(reverse("reports:report", args=[obligation.pk])).content.decode()
    assert '<tr id="indicator-TTHTCD_EFFECTIVE" class="has-problem">' in html
    with pytest.raises(ReportError):
        report_send(report=report, user=None, signature=signature(), signed_file=signed_pdf())
    report = justify(report, "TTHTCD_EFFECTIVE", "Xã có nhiều trung tâm mới thành lập.")
    assert [p.justified for p in report_problems(report) if p.message == "Sai"] == [True]
    sent = report_send(report=report, user=None, signature=signature(), signed_file=signed_pdf())
    assert sent.status == ReportStatus.SENT


def test_a_rule_naming_two_indicators_shows_beside_both(
    campaign: Campaign, personas: Personas
) -> None:
    add_rule(client_for(personas.province_officer), "GDHT.value", "<=", "DHHT.denominator")
    report = report_with(campaign, "06673", {"GDHT": {"value": 50, "denominator": 60},
                                             "DHHT": {"value": 1, "denominator": 10}},
                         send=False)  # fmt: skip
    broken = [
        (p.indicator_code, p.justified) for p in report_problems(report) if p.message == "Sai"
    ]
    assert broken == [("GDHT", False), ("DHHT", False)]
    report = justify(report, "DHHT", "Số hộ đã được rà soát lại.")
    broken = [
        (p.indicator_code, p.justified) for p in report_problems(report) if p.message == "Sai"
    ]
    assert broken == [("GDHT", True), ("DHHT", True)]


def test_the_same_rule_is_not_added_twice(campaign: Campaign, personas: Personas) -> None:
    officer = client_for(personas.province_officer)
    assert add_rule(officer, "GDHT.value", "<=", "1000").status_code == 302
    again = add_rule(officer, "gdht.VALUE", "<=", "1.000", "Thông báo khác")
    assert again.status_code == 400
    with translation.override("vi"):
        assert again.context["form"].non_field_errors() == [gettext(RULE_TAKEN)]
    assert 'value="Thông báo khác"' in again.content.decode()  # what was typed is kept
    rule = ValidationRule.objects.get()
    assert officer.post(reverse("reports:rule_retire"), {"rule": rule.pk}).status_code == 302
    retired = add_rule(officer, "GDHT.value", "<=", "1000")
    with translation.override("vi"):
        assert retired.context["form"].non_field_errors() == [gettext(RULE_TAKEN_RETIRED)]
    assert ValidationRule.objects.count() == 1
    assert add_rule(officer, "GDHT.value", "<", "1000").status_code == 302  # another rule


def test_lower_case_codes_are_read_as_codes(campaign: Campaign, personas: Personas) -> None:
    response = add_rule(client_for(personas.province_officer), "gdht", "<=", "gdht.denominator")
    assert response.status_code == 302
    rule = ValidationRule.objects.get()
    assert str(rule) == "GDHT <= GDHT.denominator"


@pytest.mark.parametrize(
    ("text", "number", "code"),
    [
        ("1000", "1000", ""),
        ("1.000", "1000", ""),
        ("1.234.567", "1234567", ""),
        ("1,5", "1.5", ""),
        ("2.5", "2.5", ""),
        ("-3", "-3", ""),
        ("gdht.Baseline", None, "GDHT"),
        ("_x1", None, "_X1"),
        ("NaN", None, "NAN"),
    ],
)
def test_terms(text: str, number: str | None, code: str) -> None:
    term = parse_term(text)
    assert term is not None
    assert (None if term.number is None else format(term.number, "f"), term.code) == (
        number,
        code,
    )


def test_the_rules_page_explains_its_terms_and_names_its_column(
    campaign: Campaign, personas: Personas
) -> None:
    client = client_for(personas.province_officer)
    html = client.get(reverse("reports:rules")).content.decode()
    assert 'id="terms"' in html and "<code>CODE.baseline</code>" in html
    with translation.override("vi"):
        header = pgettext("validation rule", "Rule")
    assert f'<th scope="col">{header}</th>' in html
