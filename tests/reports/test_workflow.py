"""A report's life: draft, conflicting saves, signed sending, return, resending, acceptance."""

from __future__ import annotations

from datetime import date

import pytest
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from tests.conftest import Personas, unit
from tests.mail import Mailbox
from tests.reports.factories import report_obligation, seed_campaign, signature, signed_pdf
from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import State
from xhht.indicators.content import content_pack_load
from xhht.indicators.models import Indicator, Target
from xhht.reports.editing import ReportError, report_open, report_save
from xhht.reports.models import Channel, Report, ReportStatus
from xhht.reports.services import report_accept, report_register, report_return, report_send

pytestmark = pytest.mark.django_db


def fill_all(report: Report, user: User) -> Report:
    values = {
        row.indicator_id: {
            "value": 40,
            "denominator": 100,
            "baseline": 30,
            "baseline_denominator": 100,
        }
        for row in report.values.select_related("indicator")
    }
    return report_save(report=report, revision=report.revision, texts={}, values=values, user=user)


def test_the_content_pack_loads_once_with_dated_targets() -> None:
    assert content_pack_load() == (31, 31)
    assert content_pack_load() == (0, 0)
    target = Target.objects.get(indicator__code="GDHT", year=2020)
    assert target.in_force_from == date(2014, 2, 20) and target.source == "QĐ 281/QĐ-TTg"
    assert Indicator.objects.get(code="LIT_15_60").is_ratio


def test_a_commune_report_has_the_outline_and_the_commune_indicators(personas: Personas) -> None:
    campaign = seed_campaign()
    report = report_open(
        obligation=report_obligation(campaign, "06673"), user=personas.commune_officer_of_bai_chay
    )
    titles = [s.title for s in report.template.sections.order_by("order")]
    assert titles[1] == "Những tồn tại cần khắc phục."
    assert "Các mục tiêu." in titles
    codes = set(report.values.values_list("indicator__code", flat=True))
    assert "GDHT" in codes and "QN_GD_HIEU_HOC" in codes
    assert "XMC_STD_DISTRICT" not in codes  # collected at district level


def test_an_agency_report_has_a_section_per_task(personas: Personas) -> None:
    campaign = seed_campaign()
    report = report_open(obligation=report_obligation(campaign, "HKH"), user=None)
    [own] = report.template.sections.filter(agency=unit("HKH"))  # one task of three bullets
    assert own.title == "Kết quả thực hiện các nhiệm vụ được giao"
    assert own.guidance.startswith("1. Báo cáo việc tuyên truyền")
    assert len(own.guidance.splitlines()) == 3


def test_the_second_of_two_editors_is_told_and_nothing_is_written(personas: Personas) -> None:
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=report_obligation(campaign, "06673"), user=officer)
    section = report.template.sections.first()
    assert section is not None
    start = report.revision
    report_save(
        report=report,
        revision=start,
        texts={section.pk: "Bản của người thứ nhất"},
        values={},
        user=officer,
    )
    with pytest.raises(ReportError, match="baichay"):
        report_save(
            report=report,
            revision=start,
            texts={section.pk: "Bản thứ hai"},
            values={},
            user=personas.halong_officer,
        )
    assert report.texts.get(section=section).text == "Bản của người thứ nhất"


def test_sending_needs_valid_figures_a_signature_and_a_signed_file(
    personas: Personas, settings: Settings
) -> None:
    settings.XHHT_TODAY = date(2013, 6, 8)
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report = report_open(obligation=report_obligation(campaign, "06673"), user=officer)
    with pytest.raises(ReportError) as blocked:
        report_send(report=report, user=officer, signature=signature(), signed_file=signed_pdf())
    assert blocked.value.problems  # required figures missing
    report = fill_all(report, officer)
    with pytest.raises(ReportError):
        report_send(report=report, user=officer, signature=signature(), signed_file=None)
    with pytest.raises(ReportError):
        report_send(
            report=report,
            user=officer,
            signature=signature(),
            signed_file=signed_pdf("anh.txt", b"just text"),
        )
    sent = report_send(report=report, user=officer, signature=signature(), signed_file=signed_pdf())
    assert sent.status == ReportStatus.SENT and sent.first_sent_on == date(2013, 6, 8)
    obligation = report_obligation(campaign, "06673")
    assert obligation.state_on(date(2013, 6, 20)) == State.ON_TIME
    assert sent.attachments.get().content_type == "application/pdf"
    assert AuditEntry.objects.filter(action="report.sent", object_id=str(sent.pk)).exists()


def test_a_numerator_over_its_total_blocks_sending_even_when_justified(
    personas: Personas, settings: Settings
) -> None:
    settings.XHHT_TODAY = date(2013, 6, 8)
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report = fill_all(
        report_open(obligation=report_obligation(campaign, "06673"), user=officer), officer
    )
    gdhh = report.values.get(indicator__code="QN_GD_HIEU_HOC")
    report = report_save(
        report=report,
        revision=report.revision,
        texts={},
        values={gdhh.indicator_id: {"value": 120, "denominator": 100}},
        user=officer,
    )
    with pytest.raises(ReportError) as blocked:
        report_send(report=report, user=officer, signature=signature(), signed_file=signed_pdf())
    assert [p.indicator_code for p in blocked.value.problems] == ["QN_GD_HIEU_HOC"]
    report = report_save(
        report=report,
        revision=report.revision,
        texts={},
        user=officer,
        values={gdhh.indicator_id: {"justification": "Tính cả hộ mới tách trong năm"}},
    )
    with pytest.raises(ReportError) as still:
        report_send(report=report, user=officer, signature=signature(), signed_file=signed_pdf())
    assert [p.indicator_code for p in still.value.problems] == ["QN_GD_HIEU_HOC"]
    report = report_save(
        report=report,
        revision=report.revision,
        texts={},
        user=officer,
        values={gdhh.indicator_id: {"value": 90}},
    )
    assert (
        report_send(
            report=report, user=officer, signature=signature(), signed_file=signed_pdf()
        ).status
        == ReportStatus.SENT
    )


def test_returned_with_a_reason_mailed_then_resent_keeps_the_first_timeliness(
    personas: Personas,
    settings: Settings,
    smtp_server: Mailbox,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    settings.XHHT_TODAY = date(2013, 6, 8)
    campaign = seed_campaign()
    officer = personas.commune_officer_of_bai_chay
    report = fill_all(
        report_open(obligation=report_obligation(campaign, "06673"), user=officer), officer
    )
    report = report_send(
        report=report, user=officer, signature=signature(), signed_file=signed_pdf()
    )
    with pytest.raises(ReportError):
        report_return(report=report, user=personas.halong_officer, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        report_return(report=report, user=personas.halong_officer, reason="Thiếu số liệu TTHTCĐ")
    assert "Thiếu số liệu TTHTCĐ" in Mailbox.text_of(smtp_server.to("baichay@example.test")[0])
    settings.XHHT_TODAY = date(2013, 6, 15)
    report.refresh_from_db()
    resent = report_send(
        report=report,
        user=officer,
        signature=signature(date(2013, 6, 14)),
        signed_file=signed_pdf(),
    )
    assert resent.first_sent_on == date(2013, 6, 8) and resent.last_sent_on == date(2013, 6, 15)
    accepted = report_accept(report=resent, user=personas.halong_officer)
    assert accepted.accepted_on == date(2013, 6, 15)
    assert report_obligation(campaign, "06673").state_on(date(2013, 6, 20)) == State.ON_TIME


def test_a_paper_report_is_registered_with_its_received_date(
    personas: Personas, settings: Settings
) -> None:
    settings.XHHT_TODAY = date(2013, 6, 20)
    campaign = seed_campaign()
    obligation = (
        report_obligation(campaign, "07027") if False else report_obligation(campaign, "06673")
    )
    report = report_register(
        obligation=obligation,
        user=personas.halong_officer,
        channel=Channel.PAPER,
        received_number="112",
        received_on=date(2013, 6, 12),
        signature=signature(date(2013, 6, 11)),
        scan=signed_pdf("scan.pdf"),
    )
    assert report.entered_by_reviewer and report.first_sent_on == date(2013, 6, 12)
    assert report_obligation(campaign, "06673").state_on(date(2013, 6, 20)) == State.LATE
    with pytest.raises(ReportError):
        report_register(
            obligation=obligation,
            user=personas.halong_officer,
            channel=Channel.FAX,
            received_number="113",
            received_on=date(2013, 6, 30),
            signature=signature(),
            scan=signed_pdf(),
        )
