"""The commendation proposal and the conference kit of the demo campaign's province: the
proposal's tables are the accepted nominations, the programme the selected papers in
order, the invitation the member bodies and districts, the budget's total its rows'; and
every one of them made from the documents page."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from tests.conftest import Personas, client_for
from xhht.awards.models import Kind as NominationKind
from xhht.awards.models import Nomination, State
from xhht.awards.selectors import programme
from xhht.campaigns.models import Campaign, Conference, Deliverable
from xhht.documents import kit
from xhht.documents.consolidated import vn_number
from xhht.documents.content import OfficialDocument, Table
from xhht.documents.kinds import MAKERS, budget_made, proposal_made
from xhht.documents.models import GeneratedDocument, Kind
from xhht.documents.proposal import commendation_proposal

pytestmark = pytest.mark.django_db
ON = date(2013, 7, 5)


@pytest.fixture
def campaign(demo_campaign: Campaign) -> Campaign:
    return demo_campaign


def tables_of(document: OfficialDocument) -> dict[str, Table]:
    return {t.caption: t for s in document.sections for t in s.tables}


def docx_text(data: bytes) -> str:
    doc = Document(BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_proposal_lists_exactly_the_accepted_nominations(campaign: Campaign) -> None:
    with translation.override("vi"):
        document = commendation_proposal(campaign, campaign.root, issued_on=ON)
    accepted = Nomination.objects.filter(campaign=campaign, state=State.ACCEPTED)
    found = tables_of(document)
    for caption, kind in (
        ("Cá nhân", NominationKind.INDIVIDUAL),
        ("Tập thể", NominationKind.COLLECTIVE),
    ):
        names = accepted.filter(kind=kind).values_list("name", flat=True)
        assert sorted(row[1] for row in found[caption].rows) == sorted(names)
    assert accepted.count() > 0
    assert document.number_and_symbol == "Số:       /TTr-BCĐXDXHHT"
    assert document.addressees[0].startswith("Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh")
    assert "Ban Thi đua – Khen thưởng" in document.addressees[0]
    grounds = " ".join(document.sections[0].paragraphs())
    assert "02 cá nhân và 02 tập thể" in grounds
    people = accepted.filter(kind=NominationKind.INDIVIDUAL).count()
    assert f"{people} cá nhân" in " ".join(document.sections[1].paragraphs())
    text = docx_text(proposal_made(campaign, campaign.root, ON, "").data)
    assert "TỜ TRÌNH" in text and all(n.name in text for n in accepted)


def test_the_programme_lists_the_selected_papers_in_order(campaign: Campaign) -> None:
    papers = programme(campaign)
    assert papers
    document = kit.conference_programme(campaign, campaign.root, issued_on=ON)
    rows = tables_of(document)["Chương trình"].rows
    shown = [row for row in rows if row[2].startswith("Tham luận: ")]
    assert [row[2] for row in shown] == [f"Tham luận: {p.title}" for p in papers]
    assert [row[3] for row in shown] == [
        f"{p.author}, {p.author_unit} ({p.unit.display_name})" for p in papers
    ]
    assert [row[0] for row in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert document.number_and_symbol.endswith("/CTr-BCĐXDXHHT")


def test_the_invitation_invites_the_member_bodies_and_the_districts(campaign: Campaign) -> None:
    document = kit.invitation(campaign, campaign.root, issued_on=ON)
    blocks = [t for s in document.sections for t in s.paragraphs()]
    invited = [t.removeprefix("Đại diện lãnh đạo ") for t in blocks if t.startswith("Đại diện")]
    owing = campaign.obligations.filter(
        deliverable=Deliverable.REPORT, unit__parent=campaign.root
    ).select_related("unit")
    assert sorted(invited) == sorted(o.unit.display_name for o in owing)
    assert {"agency", "district"} <= {o.unit.level for o in owing}
    assert "Thời gian: … giờ …, ngày … tháng 7 năm 2013." in blocks  # not held yet
    assert document.number_and_symbol.endswith("/GM-BCĐXDXHHT")


def test_the_exhibits_are_the_units_that_held_an_exhibition(campaign: Campaign) -> None:
    document = kit.exhibits(campaign, campaign.root, issued_on=ON)
    held = Conference.objects.filter(
        obligation__campaign=campaign, exhibition_held=True
    ).select_related("obligation__unit")
    shown = tables_of(document)["Đơn vị trưng bày"].rows
    assert sorted(row[1] for row in shown) == sorted(c.obligation.unit.display_name for c in held)
    assert held.exists()
    papers = tables_of(document)["Đơn vị có tham luận"].rows
    assert [row[2] for row in papers] == [p.title for p in programme(campaign)]


def test_the_budget_s_total_is_the_sum_of_its_rows(campaign: Campaign) -> None:
    lines = kit.budget_lines(campaign, campaign.root)
    accepted = Nomination.objects.filter(campaign=campaign, state=State.ACCEPTED)
    counts = {line.item: line.quantity for line in lines}
    assert counts["Khen thưởng cá nhân"] == accepted.filter(kind=NominationKind.INDIVIDUAL).count()
    assert counts["Bồi dưỡng tác giả tham luận"] == len(programme(campaign))
    with translation.override("vi"):
        document = kit.budget(campaign, campaign.root, issued_on=ON)
        rows = tables_of(document)["Dự toán kinh phí"].rows
        for row, line in zip(rows, lines, strict=False):
            assert row[3:] == [
                vn_number(line.quantity),
                vn_number(line.unit_price),
                vn_number(line.quantity * line.unit_price),
            ]
        assert rows[-1][1] == "Tổng cộng"
        assert rows[-1][5] == vn_number(sum(line.amount for line in lines))
    assert document.addressees == ["Sở Tài chính tỉnh Quảng Ninh"]
    text = docx_text(budget_made(campaign, campaign.root, ON, "").data)
    assert "DỰ TOÁN KINH PHÍ" in text and rows[-1][5] in text


@pytest.mark.parametrize(
    "kind", [Kind.PROPOSAL, Kind.INVITATION, Kind.PROGRAMME, Kind.EXHIBITS, Kind.BUDGET]
)
def test_each_document_is_made_from_the_documents_page(
    personas: Personas, campaign: Campaign, kind: str
) -> None:
    assert kind in MAKERS
    client = client_for(personas.province_officer)
    page = client.get(reverse("documents:page", args=[campaign.pk])).content.decode()
    assert f'value="{kind}"' in page
    response = client.post(
        reverse("documents:generate", args=[campaign.pk]),
        {"kind": kind, "number": "", "issued_on": "05/07/2013"},
    )
    assert response.status_code == 302
    # the file itself is made by the background job (see the tests above for its content)
    assert GeneratedDocument.objects.get(kind=kind).created_by == personas.province_officer


def test_the_annexes_are_made_from_the_documents_page(
    personas: Personas, campaign: Campaign
) -> None:
    client = client_for(personas.province_officer)
    response = client.post(
        reverse("documents:generate", args=[campaign.pk]),
        {"kind": Kind.ANNEXES, "number": "", "issued_on": "05/07/2013"},
    )
    assert response.status_code == 302
    assert GeneratedDocument.objects.get(kind=Kind.ANNEXES).created_by == personas.province_officer
    made = MAKERS[Kind.ANNEXES][0](campaign, campaign.root, None, "")
    assert made.name.endswith(".xlsx") and made.content_type.endswith("spreadsheetml.sheet")
