"""A part larger than its whole: one rule on every path (the page refuses to save it, sending
refuses it whatever the justification, the roll-up does not sum it); the summary of
problems at the top of the report page and of the review page; what sending needs, said
when the report opens; the signed file kept across a refused sending; the proposals in
the report's section for them."""

from __future__ import annotations

import io
import os
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.reports.factories import PDF_BYTES, page_data, report_obligation, signature, signed_pdf
from xhht.campaigns.models import Campaign
from xhht.indicators.models import Indicator
from xhht.reports.editing import report_open, report_save
from xhht.reports.models import DataValue, Report, ReportAttachment, ReportStatus
from xhht.reports.pending import pending_keep, pending_purge
from xhht.reports.services import report_send
from xhht.reports.validation import parts_over_whole, report_problems
from xhht.rollup.services import rollup_build

pytestmark = pytest.mark.django_db

BAI_CHAY = "06673"


@pytest.fixture
def campaign(make_campaign: PublishedCampaign, tmp_path: Path) -> Campaign:
    return make_campaign(today=date(2013, 6, 8), content_pack=True, MEDIA_ROOT=tmp_path)


def ratio() -> Indicator:
    return Indicator.objects.get(code="QN_GD_HIEU_HOC")


def url_of(campaign: Campaign, name: str = "report") -> str:
    return reverse(f"reports:{name}", args=[report_obligation(campaign, BAI_CHAY).pk])


def filled(campaign: Campaign, user: Any, **over: dict[str, Any]) -> Report:
    """Bãi Cháy's report with every figure within its whole; `over` by indicator code."""
    report = report_open(obligation=report_obligation(campaign, BAI_CHAY), user=user)
    values: dict[int, dict[str, Any]] = {}
    for row in report.values.select_related("indicator"):
        figures: dict[str, Any] = {"value": 40, "baseline": 30}
        if row.indicator.is_ratio:
            figures.update(denominator=100, baseline_denominator=100)
        values[row.indicator_id] = {**figures, **over.get(row.indicator.code, {})}
    return report_save(report=report, revision=report.revision, texts={}, values=values, user=user)


def send_data(**extra: Any) -> dict[str, Any]:
    return {
        "number": "25/BC-UBND",
        "signed_on": "05/06/2013",
        "signer_name": "Nguyễn Văn Hùng",
        "signer_capacity": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
        **extra,
    }


def top_of(page: str) -> str:
    """The page above its first section: where the summary must be."""
    return page[: page.index("<section")]


def test_the_one_rule_names_each_part_larger_than_its_whole() -> None:
    assert parts_over_whole({"value": 5000, "denominator": 4328}) == [("value", "denominator")]
    assert parts_over_whole({"baseline": 2, "baseline_denominator": 1, "value": 1}) == [
        ("baseline", "baseline_denominator")
    ]
    assert parts_over_whole({"value": 4328, "denominator": 4328}) == []
    assert parts_over_whole({"value": 5000, "denominator": None}) == []


def test_the_page_refuses_a_part_larger_than_its_whole_and_keeps_what_was_typed(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    report = filled(campaign, officer)
    client = client_for(officer)
    url = url_of(campaign)
    g = ratio().pk
    section = report.template.sections.order_by("order").first()
    assert section is not None
    typed = {
        f"v{g}-value": "5000",
        f"v{g}-denominator": "4328",
        f"v{g}-justification": "Số liệu của các thôn",
        f"s{section.pk}": "Đoạn văn mới gõ",
    }
    response = client.post(url, page_data(client, url, **typed))
    assert response.status_code == 200
    form = response.context["form"]
    message = " ".join(form.errors[f"v{g}-value"])
    assert "5000 lớn hơn tổng số 4328" in message
    assert "Số bộ phận không thể lớn hơn tổng số" in message
    for name, value in typed.items():
        assert form[name].value() == value, name  # nothing typed is lost
    top = top_of(response.content.decode())
    assert "Chưa lưu gì" in top
    assert f'href="#id_v{g}-value"' in top  # the summary links to the field
    assert "5000 lớn hơn tổng số 4328" in top
    report.refresh_from_db()
    row = report.values.get(indicator_id=g)
    assert (row.value, row.denominator, row.justification) == (40, 100, "")
    assert not report.texts.filter(text="Đoạn văn mới gõ").exists()  # all or nothing


def test_after_saving_the_top_of_the_page_lists_the_problems_with_links(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    filled(campaign, officer)
    client = client_for(officer)
    url = url_of(campaign)
    g = ratio()
    response = client.post(url, page_data(client, url, **{f"v{g.pk}-value": ""}), follow=True)
    assert response.redirect_chain
    page = response.content.decode()
    top = top_of(page)
    assert "Đã lưu báo cáo." in top
    assert "1 vấn đề về số liệu:" in top
    assert f'href="#indicator-{g.code}"' in top
    assert "hãy sửa, hoặc ghi giải trình bên cạnh" in top
    assert f'id="indicator-{g.code}"' in page  # the link's target


def test_the_page_says_what_sending_will_need_when_it_opens(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    report = filled(campaign, officer)
    g = ratio()
    DataValue.objects.filter(report=report, indicator=g).update(value=None)
    page = client_for(officer).get(url_of(campaign)).content.decode()
    needs = page[page.index('id="send-needs"') :]
    needs = needs[: needs.index("</details>")]
    assert "Còn 1 chỉ tiêu bắt buộc chưa nhập số liệu:" in needs
    assert f'href="#indicator-{g.code}"' in needs
    assert "số và ký hiệu của báo cáo" in needs
    assert "bản PDF đã ký số" in needs
    # The sending page says it too, before anything is typed there.
    send_page = client_for(officer).get(url_of(campaign, "send")).content.decode()
    assert "Trước khi gửi, cần sửa các số liệu sau" in send_page
    assert f"#indicator-{g.code}" in send_page


def test_sending_refuses_a_part_larger_than_its_whole_even_justified_and_keeps_the_file(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    g = ratio()
    # Stored before the rule reached every path: only sending can stop it now.
    report = filled(
        campaign,
        officer,
        **{g.code: {"value": 5000, "denominator": 4328, "justification": "Số liệu thôn"}},
    )
    problem = next(p for p in report_problems(report) if p.indicator_code == g.code)
    assert (problem.justified, problem.excusable) == (False, False)
    client = client_for(officer)
    upload = SimpleUploadedFile("bao-cao-ky.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(url_of(campaign, "send"), send_data(signed_file=upload))
    assert response.status_code == 200
    page = response.content.decode()
    assert "5000 lớn hơn tổng số 4328" in page
    assert "Tệp đã chọn: bao-cao-ky.pdf" in page
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    assert not ReportAttachment.objects.filter(report=report).exists()
    token = re.search(r'name="kept_file" value="([^"]+)"', page)
    assert token is not None
    # Corrected, it is sent with the file kept: nobody chooses it again.
    DataValue.objects.filter(report=report, indicator=g).update(value=4000)
    response = client.post(url_of(campaign, "send"), send_data(kept_file=token.group(1)))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT
    attachment = ReportAttachment.objects.get(report=report)
    assert attachment.original_name == "bao-cao-ky.pdf"
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES


def test_a_kept_file_is_the_reports_own(personas: Personas, campaign: Campaign) -> None:
    """A token made for another report (or forged) keeps nothing: the file is asked for."""
    officer = personas.commune_officer_of_bai_chay
    filled(campaign, officer)
    response = client_for(officer).post(
        url_of(campaign, "send"), send_data(kept_file="forged:token")
    )
    assert response.status_code == 200
    assert "Tệp đã chọn" not in response.content.decode()
    assert Report.objects.get(obligation=report_obligation(campaign, BAI_CHAY)).status == (
        ReportStatus.DRAFT
    )


def test_the_reviewer_sees_every_problem_and_justification_at_the_top(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    g = ratio()
    report = filled(
        campaign, officer, **{g.code: {"value": None, "justification": "Thôn chưa báo"}}
    )
    report_send(report=report, user=officer, signature=signature(), signed_file=signed_pdf())
    page = client_for(personas.halong_officer).get(url_of(campaign, "review")).content.decode()
    top = top_of(page)
    assert "1 vấn đề về số liệu, kèm giải trình của đơn vị:" in top
    assert "đã giải trình: “Thôn chưa báo”" in top
    assert f'href="#indicator-{g.code}"' in top


def test_the_rollup_does_not_sum_a_part_larger_than_its_whole(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    g = ratio()
    report = filled(campaign, officer)
    report_send(report=report, user=officer, signature=signature(), signed_file=signed_pdf())
    before = rollup_build(campaign=campaign, unit=unit("193")).row(g.code)
    assert before is not None and (before.sums.value, before.sums.denominator) == (40, 100)
    # A row stored before the rule held on every path: 2 of 1 is left out of the sums.
    DataValue.objects.filter(report=report, indicator=g).update(value=2, denominator=1)
    after = rollup_build(campaign=campaign, unit=unit("193")).row(g.code)
    assert after is None or after.sums.value in (None, 0)
    assert after is None or after.sums.percent in (None, Decimal(0))


def test_the_proposals_are_written_in_the_reports_section_for_them(
    personas: Personas, campaign: Campaign
) -> None:
    officer = personas.commune_officer_of_bai_chay
    report = filled(campaign, officer)
    page = client_for(officer).get(url_of(campaign)).content.decode()
    here = report.template.sections.filter(title__icontains="kiến nghị").order_by("order").last()
    assert here is not None  # the seed directive's "Các đề xuất, kiến nghị…"
    after_title = page[page.index(f'name="s{here.pk}"') :]
    assert after_title.index('id="proposals"') < after_title.index("<section")
    assert page.count('id="proposals"') == 1


def test_a_kept_file_older_than_its_token_is_removed_when_another_is_kept(
    settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    report = Report(pk=7)
    old = pending_keep(report=report, name="cu.pdf", stream=io.BytesIO(PDF_BYTES), size=100)
    fresh = pending_keep(report=report, name="moi.pdf", stream=io.BytesIO(PDF_BYTES), size=100)
    assert old is not None and fresh is not None
    eight_days_ago = os.path.getmtime(tmp_path / old.path) - 8 * 24 * 3600
    os.utime(tmp_path / old.path, (eight_days_ago, eight_days_ago))
    assert pending_purge() == 1
    assert not (tmp_path / old.path).exists()
    assert (tmp_path / fresh.path).exists()
