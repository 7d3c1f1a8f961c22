"""A withdrawn campaign takes no more changes: every write to its records (a report's text,
figures, sending, return and acceptance; its template, proposals, conferences, deadlines,
nominations and papers), through a page, the API, an Excel or a DHIS2 import, is refused
with the day and the reason of the withdrawal, and nothing is written. Reading stays
allowed."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.timezone import make_aware
from openpyxl import load_workbook

from tests.api.conftest import api_client
from tests.awards.factories import collective, nominate, person
from tests.conftest import Personas, PublishedCampaign, client_for, unit
from tests.reports.factories import PDF_BYTES, report_obligation, signature, signed_pdf
from tests.reports.figures import report_with
from xhht.audit.models import AuditEntry
from xhht.awards.models import (
    Authority,
    CommendationRule,
    Decision,
    Nomination,
    Paper,
    PaperKind,
    Submission,
)
from xhht.awards.papers import PaperInput, paper_propose
from xhht.awards.services import (
    DecisionInput,
    decision_record,
    nomination_accept,
    nomination_delete,
    nomination_reject,
    nomination_return,
    nomination_update,
    nominations_send,
    rule_set,
)
from xhht.campaigns.deadlines import district_deadlines_set
from xhht.campaigns.models import (
    Campaign,
    Conference,
    ConferencePlan,
    Deliverable,
    Milestone,
    Obligation,
    RuleKind,
)
from xhht.campaigns.sector import sector_cascade
from xhht.campaigns.services import (
    RuleInput,
    conference_announce,
    conference_record,
    conference_update,
    milestone_refine,
)
from xhht.offline.datavalueset import datavalueset_import
from xhht.offline.datavalueset_payload import DataValueIn
from xhht.offline.workbook import unit_workbook
from xhht.offline.workbook_import import workbook_import
from xhht.reports.editing import figures_save, report_save
from xhht.reports.models import (
    DataValue,
    Proposal,
    Report,
    ReportAttachment,
    ReportEvent,
    SectionText,
    TemplateIndicator,
    TemplateSection,
)
from xhht.reports.proposals import ProposalInput, proposals_sync
from xhht.reports.services import (
    report_accept,
    report_register,
    report_registration_reopen,
    report_return,
    report_send,
    report_take_back,
    report_to_leader,
)
from xhht.reports.template_editing import indicator_take_out, section_rename

pytestmark = pytest.mark.django_db

BAI_CHAY, HA_KHANH, HA_PHONG, TRAN_PHU = "06673", "06649", "06652", "06712"
HALONG = "193"
REASON = "Văn bản ban hành trùng số 1395, đã có đợt khác thay thế."
REFUSED = (
    "Đợt đã bị thu hồi ngày 15/06/2013 (lý do: Văn bản ban hành trùng số 1395, đã có đợt "
    "khác thay thế), không nhận thêm thay đổi."
)


@dataclass
class World:
    """The campaign as it stood when it was withdrawn, with a record of every kind."""

    campaign: Campaign
    personas: Personas
    draft: Report  # Bãi Cháy's, with a proposal
    sent: Report  # Trần Phú's
    conference: Conference  # Hà Phong's
    accepted: Nomination  # Hạ Long's
    sent_nomination: Nomination
    draft_nomination: Nomination


def withdraw(campaign: Campaign, personas: Personas) -> None:
    """Withdrawn on 15/06/2013 (campaign_withdraw itself is tested in test_withdrawal)."""
    Campaign.objects.filter(pk=campaign.pk).update(
        withdrawn_at=make_aware(datetime(2013, 6, 15, 9, 0)),
        withdrawn_by=personas.province_officer,
        withdrawn_reason=REASON,
    )


@pytest.fixture
def world(personas: Personas, make_campaign: PublishedCampaign, tmp_path: Path) -> World:
    campaign = make_campaign(content_pack=True, MEDIA_ROOT=tmp_path / "media")
    officer = personas.commune_officer_of_bai_chay
    draft = report_with(campaign, BAI_CHAY, send=False, user=officer)
    proposals_sync(
        report=draft,
        items=[ProposalInput(pk=None, text="Hỗ trợ kinh phí TTHTCĐ", to=None, to_text="Sở TC")],
        user=officer,
    )
    sent = report_with(campaign, TRAN_PHU)
    conference = conference_record(
        obligation=campaign.obligations.get(
            unit=unit(HA_PHONG), deliverable=Deliverable.CONFERENCE
        ),
        user=None,
        held_on=date(2013, 6, 8),
        venue="Hội trường UBND phường Hà Phong",
        chair="Chủ tịch UBND phường",
        participants=60,
    )
    halong = unit(HALONG)
    accepted = nominate(campaign, halong, person("Nguyễn Thị Lan"))
    sent_nomination = nominate(campaign, halong, person("Trần Văn Bình"))
    nominations_send(campaign=campaign, unit=halong, note="Hai tập thể gửi sau", user=None)
    nomination_accept(nomination=accepted, user=None)
    draft_nomination = nominate(campaign, halong, collective("Trung tâm HTCĐ phường Hồng Hà"))
    withdraw(campaign, personas)
    return World(
        campaign, personas, draft, sent, conference, accepted, sent_nomination, draft_nomination
    )


def written() -> dict[str, Any]:
    """Everything a write to a campaign's records could change."""
    return {
        "reports": sorted(Report.objects.values_list("pk", "status", "revision", "updated_at")),
        "figures": sorted(
            DataValue.objects.values_list("pk", "value", "denominator", "justification")
        ),
        "texts": sorted(SectionText.objects.values_list("pk", "text")),
        "sections": sorted(TemplateSection.objects.values_list("pk", "title", "order")),
        "template_rows": TemplateIndicator.objects.count(),
        "events": ReportEvent.objects.count(),
        "attachments": ReportAttachment.objects.count(),
        "proposals": sorted(Proposal.objects.values_list("pk", "status", "text")),
        "obligations": sorted(
            Obligation.objects.values_list(
                "pk", "milestone_id", "last_day", "fulfilled_on", "returned_on"
            )
        ),
        "milestones": sorted(Milestone.objects.values_list("pk", "last_day")),
        "conferences": sorted(Conference.objects.values_list("pk", "held_on", "venue")),
        "plans": ConferencePlan.objects.count(),
        "nominations": sorted(Nomination.objects.values_list("pk", "state", "name", "decision")),
        "submissions": Submission.objects.count(),
        "rules": CommendationRule.objects.count(),
        "papers": Paper.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def _obligation(w: World, code: str, deliverable: str) -> Obligation:
    return w.campaign.obligations.get(unit=unit(code), deliverable=deliverable)


def _first_row(w: World) -> DataValue:
    row = w.draft.values.order_by("pk").first()
    assert row is not None
    return row


def _commune_report_rule(w: World) -> Milestone:
    return _obligation(w, BAI_CHAY, Deliverable.REPORT).milestone


LATER = RuleInput(RuleKind.BY, date(2013, 6, 28))

# Every write service on a campaign's records, as the pages and the API call it.
WRITES: dict[str, Callable[[World], object]] = {
    "report_save": lambda w: report_save(
        report=w.draft,
        texts={},
        values={_first_row(w).indicator_id: {"value": 5}},
        user=w.personas.commune_officer_of_bai_chay,
    ),
    "figures_save": lambda w: figures_save(
        changes={w.draft: {_first_row(w).indicator_id: {"value": 5}}}, user=None
    ),
    "report_to_leader": lambda w: report_to_leader(report=w.draft, user=None),
    "report_take_back": lambda w: report_take_back(report=w.draft, user=None),
    "report_send": lambda w: report_send(
        report=w.draft, user=None, signature=signature(), signed_file=signed_pdf()
    ),
    "report_return": lambda w: report_return(report=w.sent, user=None, reason="Thiếu số liệu"),
    "report_accept": lambda w: report_accept(report=w.sent, user=None),
    "report_registration_reopen": lambda w: report_registration_reopen(report=w.sent, user=None),
    "report_register": lambda w: report_register(
        obligation=report_obligation(w.campaign, HA_KHANH),
        user=None,
        channel="paper",
        received_number="12",
        received_on=date(2013, 6, 10),
        signature=signature(),
        scan=signed_pdf(),
    ),
    "section_rename": lambda w: section_rename(
        section=w.draft.template.sections.order_by("order")[0], title="Mới", guidance="", user=None
    ),
    "indicator_take_out": lambda w: indicator_take_out(
        template=w.draft.template, indicator=_first_row(w).indicator, user=None
    ),
    "proposals_sync": lambda w: proposals_sync(
        report=w.draft,
        items=[ProposalInput(pk=None, text="Thêm một đề xuất", to=None, to_text="Sở TC")],
        user=None,
    ),
    "conference_record": lambda w: conference_record(
        obligation=_obligation(w, BAI_CHAY, Deliverable.CONFERENCE),
        user=None,
        held_on=date(2013, 6, 8),
        venue="Hội trường",
        chair="Chủ tịch",
        participants=80,
    ),
    "conference_update": lambda w: conference_update(
        conference=w.conference,
        user=None,
        held_on=date(2013, 6, 9),
        venue="Nhà văn hoá",
        chair="Chủ tịch",
        participants=70,
    ),
    "conference_announce": lambda w: conference_announce(
        obligation=_obligation(w, TRAN_PHU, Deliverable.CONFERENCE),
        planned_on=date(2013, 6, 25),
        venue="Hội trường",
        chair="Chủ tịch",
        exhibition=False,
        user=None,
    ),
    "district_deadlines_set": lambda w: district_deadlines_set(
        campaign=w.campaign, district=unit(HALONG), conference=LATER, report=None
    ),
    "sector_cascade": lambda w: sector_cascade(campaign=w.campaign, agency=unit("SNV"), rule=LATER),
    "milestone_refine": lambda w: milestone_refine(
        parent=_commune_report_rule(w), set_by=unit(HALONG), kind=LATER.kind, on=date(2013, 6, 8)
    ),
    "rule_set": lambda w: rule_set(
        campaign=w.campaign,
        set_by=unit(HALONG),
        conference_level="commune",
        criteria="Gương điển hình",
        individuals=1,
        collectives=None,
    ),
    "nomination_create": lambda w: nominate(w.campaign, unit(HALONG), collective("Thư viện")),
    "nomination_update": lambda w: nomination_update(
        nomination=w.draft_nomination, data=collective("Trung tâm mới"), user=None
    ),
    "nomination_delete": lambda w: nomination_delete(nomination=w.draft_nomination, user=None),
    "nominations_send": lambda w: nominations_send(
        campaign=w.campaign, unit=unit(HALONG), note="Gửi nốt", user=None
    ),
    "nomination_accept": lambda w: nomination_accept(nomination=w.sent_nomination, user=None),
    "nomination_return": lambda w: nomination_return(
        nomination=w.sent_nomination, user=None, reason="Bổ sung"
    ),
    "nomination_reject": lambda w: nomination_reject(
        nomination=w.sent_nomination, user=None, reason="Chưa đủ"
    ),
    "decision_record": lambda w: decision_record(
        nomination=w.accepted,
        data=DecisionInput(decision=Decision.COMMENDED, authority=Authority.PROVINCE_CHAIR),
        user=None,
    ),
    "paper_propose": lambda w: paper_propose(
        campaign=w.campaign,
        unit=unit(HALONG),
        data=PaperInput("Nguyễn Văn A", PaperKind.INDIVIDUAL, "Phường Bãi Cháy", "Tham luận"),
        upload=SimpleUploadedFile("tham-luan.pdf", PDF_BYTES),
        user=None,
    ),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_service_refuses_and_writes_nothing(world: World, write: str) -> None:
    before = written()
    with pytest.raises(ValueError) as refused:  # each app's own error, a ValueError
        WRITES[write](world)
    assert str(refused.value) == REFUSED
    assert written() == before


def test_a_page_post_is_refused_with_the_message_and_writes_nothing(world: World) -> None:
    officer = world.personas.commune_officer_of_bai_chay
    client = client_for(officer)
    url = reverse("reports:report", args=[world.draft.obligation_id])
    row = _first_row(world)
    page = client.get(url)
    assert page.status_code == 200  # reading stays allowed
    before = written()
    data = {"revision": str(world.draft.revision), f"v{row.indicator_id}-value": "7"}
    answer = client.post(url, data)
    assert answer.status_code == 200 and REFUSED in answer.content.decode()
    conference = reverse("campaigns:conference_record", args=[world.campaign.pk, unit(BAI_CHAY).pk])
    fields = {"held_on": "2013-06-08", "venue": "Hội trường", "chair": "Chủ tịch"}
    answer = client.post(conference, {**fields, "participants": "85"})
    assert answer.status_code == 200 and REFUSED in answer.content.decode()
    assert written() == before


def test_the_api_refuses_with_its_error_shape_and_writes_nothing(world: World) -> None:
    client = api_client(world.personas.commune_officer_of_bai_chay)
    district = api_client(world.personas.halong_officer)  # its token made (and audited) now
    address = f"/api/obligations/{world.draft.obligation_id}/report"
    read = client.get(address)
    assert read.status_code == 200  # reading stays allowed
    before = written()
    change = {
        "revision": read.json()["revision"],
        "values": [{"indicator": "GDHT", "justification": "Theo điều tra"}],
    }
    answer = client.put(address, change)
    assert answer.status_code == 409
    assert answer.json() == {"code": "refused", "message": REFUSED, "field": None, "errors": []}
    fields = {
        "number": "25/BC-UBND",
        "signed_on": "05/06/2013",
        "signer_name": "Nguyễn Văn Hùng",
        "signer_capacity": "Chủ tịch",
        "signed_file": SimpleUploadedFile("bao-cao.pdf", PDF_BYTES),
    }
    sent = client.client.post(address + "/send", fields, headers=client.headers)
    assert sent.status_code == 409 and sent.json()["message"] == REFUSED
    # A report not yet opened is not opened in a withdrawn campaign.
    unopened = report_obligation(world.campaign, HA_KHANH)
    opened = district.post(f"/api/obligations/{unopened.pk}/report")
    assert opened.status_code == 409
    assert opened.json()["code"] == "refused" and opened.json()["message"] == REFUSED
    assert written() == before


def test_an_excel_import_is_refused_whole_and_writes_nothing(world: World) -> None:
    officer = world.personas.commune_officer_of_bai_chay
    made = unit_workbook(campaign=world.campaign, unit=unit(BAI_CHAY)).content  # a read
    wb = load_workbook(io.BytesIO(made))
    ws = wb.worksheets[0]
    for r in range(4, ws.max_row + 1):
        if ws.cell(row=r, column=1).value == "GDHT":
            ws.cell(row=r, column=8, value=321)
    buffer = io.BytesIO()
    wb.save(buffer)
    before = written()
    buffer.seek(0)
    result = workbook_import(stream=buffer, name="form.xlsx", user=officer, campaign=None)
    assert not result.ok and [e.message for e in result.errors] == [REFUSED]
    upload = SimpleUploadedFile("form.xlsx", buffer.getvalue())
    url = reverse("offline:xlsx_upload", args=[world.campaign.pk])
    page = client_for(officer).post(url, {"file": upload})
    assert page.status_code == 400 and REFUSED in page.content.decode()
    assert written() == before


def test_a_dhis2_import_is_refused_value_by_value_and_writes_nothing(world: World) -> None:
    user = world.personas.halong_officer
    values = [
        {"dataElement": "GDHT", "orgUnit": HA_PHONG, "value": "12"},
        {
            "dataElement": "GDHT",
            "orgUnit": HA_PHONG,
            "categoryOptionCombo": "denominator",
            "value": 40,
        },
    ]
    client = api_client(user)
    before = written()
    given = [
        DataValueIn("GDHT", HA_PHONG, value="12"),
        DataValueIn("GDHT", HA_PHONG, category_option_combo="denominator", value=40),
    ]
    summary = datavalueset_import(campaign=world.campaign, values=given, user=user)
    assert summary.status == "ERROR" and summary.ignored == 2
    assert {c.message for c in summary.conflicts} == {REFUSED}
    body = {"dataSet": str(world.campaign.pk), "period": "2013", "dataValues": values}
    answer = client.post("/api/dataValueSets", body)
    assert answer.status_code == 409
    assert {c["message"] for c in answer.json()["conflicts"]} == {REFUSED}
    assert answer.json()["importCount"]["imported"] == 0
    assert written() == before
