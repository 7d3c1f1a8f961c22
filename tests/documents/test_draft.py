"""The consolidated report's draft: compiled from the units' texts, edited on the page,
kept, used when the report is made, refused on a stale revision with the typed text kept,
dropped only when confirmed; and only the consolidating unit reaches it."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from tests.conftest import client_for
from xhht.accounts.models import User
from xhht.audit.models import AuditEntry
from xhht.campaigns.models import Campaign
from xhht.documents.drafts import draft_rows
from xhht.documents.forms import MAX_SECTION_CHARS, draft_field_name
from xhht.documents.kinds import consolidated_made
from xhht.documents.models import ConsolidatedDraft
from xhht.reports.models import Report, SectionText
from xhht.rollup.services import COUNTED

pytestmark = pytest.mark.django_db

EDITED = (
    "Toàn tỉnh đã **hoàn thành** sơ kết.\n"
    "| Huyện | Số lớp |\n|---|---|\n| Hạ Long | 12 |\n| Vân Đồn | 3 |\n"
    "- Cần thêm kinh phí."
)


@pytest.fixture
def campaign(demo_campaign: Campaign) -> Campaign:
    return demo_campaign


def officer(name: str) -> Client:
    return client_for(User.objects.get(username=name))


def page_url(campaign: Campaign, name: str = "documents:draft") -> str:
    return reverse(name, args=[campaign.pk])


def posted(campaign: Campaign, revision: int, **texts: str) -> dict[str, str]:
    """The form as the page posts it: every section's text as shown, some changed."""
    rows = draft_rows(campaign, campaign.root)
    data = {draft_field_name(r.section.key): r.section.text for r in rows}
    data.update(texts)
    data["revision"] = str(revision)
    return data


def docx_text(campaign: Campaign) -> tuple[str, list[list[list[str]]]]:
    doc = Document(BytesIO(consolidated_made(campaign, campaign.root, None, "").data))
    grids = [[[c.text for c in row.cells] for row in t.rows] for t in doc.tables]
    return "\n".join(p.text for p in doc.paragraphs), grids


def test_the_page_shows_the_units_texts_compiled_under_their_names(campaign: Campaign) -> None:
    response = officer("demo-tinh").get(page_url(campaign))
    assert response.status_code == 200
    page = response.content.decode()
    texts = SectionText.objects.filter(
        report__obligation__campaign=campaign,
        report__obligation__unit__level="district",
        report__status__in=COUNTED,
    ).exclude(text="")
    some = texts.select_related("report__obligation__unit").first()
    assert some is not None
    assert f"***{some.report.obligation.unit.display_name}:***" in page
    assert not ConsolidatedDraft.objects.exists()  # looking writes nothing
    documents = officer("demo-tinh").get(page_url(campaign, "documents:page")).content.decode()
    assert f'href="{page_url(campaign)}"' in documents


def test_a_saved_draft_is_what_the_report_is_made_from(campaign: Campaign) -> None:
    first = draft_rows(campaign, campaign.root)[0].section
    before, _ = docx_text(campaign)
    assert first.title in before
    client = officer("demo-tinh")
    response = client.post(
        page_url(campaign, "documents:draft_save"),
        posted(campaign, 0, **{draft_field_name(first.key): EDITED}),
    )
    assert response.status_code == 302
    draft = ConsolidatedDraft.objects.get()
    assert draft.revision == 1 and draft.sections[0]["text"] == EDITED
    assert AuditEntry.objects.filter(action="documents.draft_saved").count() == 1
    text, grids = docx_text(campaign)
    assert "Toàn tỉnh đã hoàn thành sơ kết." in text
    assert [["Huyện", "Số lớp"], ["Hạ Long", "12"], ["Vân Đồn", "3"]] in grids
    assert "-\tCần thêm kinh phí." in text
    # the figures still come from the database
    assert "Kết quả thực hiện của từng đơn vị" in text
    page = client.get(page_url(campaign)).content.decode()
    assert "<td>Hạ Long</td>" in page and 'id="draft-state"' in page


def test_a_save_on_an_older_revision_is_refused_and_the_typed_text_kept(
    campaign: Campaign,
) -> None:
    first = draft_rows(campaign, campaign.root)[0].section
    client = officer("demo-tinh")
    field = draft_field_name(first.key)
    client.post(page_url(campaign, "documents:draft_save"), posted(campaign, 0, **{field: "A."}))
    response = client.post(
        page_url(campaign, "documents:draft_save"),
        posted(campaign, 0, **{field: "Bản thứ hai của tôi."}),
    )
    assert response.status_code == 409
    assert "Bản thứ hai của tôi." in response.content.decode()
    assert "demo-tinh" in response.content.decode()
    assert ConsolidatedDraft.objects.get().sections[0]["text"] == "A."


def test_a_text_too_long_is_refused_with_nothing_written(campaign: Campaign) -> None:
    first = draft_rows(campaign, campaign.root)[0].section
    response = officer("demo-tinh").post(
        page_url(campaign, "documents:draft_save"),
        posted(campaign, 0, **{draft_field_name(first.key): "x" * (MAX_SECTION_CHARS + 1)}),
    )
    assert response.status_code == 400
    assert not ConsolidatedDraft.objects.exists()


def test_a_report_changed_after_the_draft_is_told_and_dropping_needs_a_tick(
    campaign: Campaign,
) -> None:
    client = officer("demo-tinh")
    client.post(page_url(campaign, "documents:draft_save"), posted(campaign, 0))
    compiled_at = ConsolidatedDraft.objects.get().compiled_at
    sent = Report.objects.filter(obligation__campaign=campaign, status__in=COUNTED)
    sent.update(updated_at=compiled_at - timedelta(minutes=5))
    assert client.get(page_url(campaign)).context["changed_since"] == 0
    report = sent.filter(obligation__unit__level="district").first()
    assert report is not None
    Report.objects.filter(pk=report.pk).update(updated_at=compiled_at + timedelta(minutes=5))
    page = client.get(page_url(campaign))
    assert page.context["changed_since"] == 1
    client.post(page_url(campaign, "documents:draft_discard"))  # no tick
    assert ConsolidatedDraft.objects.exists()
    client.post(page_url(campaign, "documents:draft_discard"), {"confirm": "yes"})
    assert not ConsolidatedDraft.objects.exists()
    assert AuditEntry.objects.filter(action="documents.draft_discarded").count() == 1


def test_a_section_the_reports_no_longer_give_keeps_its_text(campaign: Campaign) -> None:
    first = draft_rows(campaign, campaign.root)[0].section
    officer("demo-tinh").post(
        page_url(campaign, "documents:draft_save"),
        posted(campaign, 0, **{draft_field_name(first.key): "Giữ lại."}),
    )
    draft = ConsolidatedDraft.objects.get()
    draft.sections[0]["key"] = "results:mục đã bỏ"
    draft.save()
    rows = {row.section.key: row for row in draft_rows(campaign, campaign.root)}
    assert rows["results:mục đã bỏ"].state == "gone"
    assert rows["results:mục đã bỏ"].section.text == "Giữ lại."
    assert rows[first.key].state == "new"


def test_who_reaches_the_draft(campaign: Campaign) -> None:
    assert officer("demo-halong").get(page_url(campaign)).status_code == 200  # its own
    assert officer("demo-baichay").get(page_url(campaign)).status_code == 404
    assert officer("demo-sonoivu").get(page_url(campaign)).status_code == 404
    anonymous = Client().get(page_url(campaign))
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    for name in ("documents:draft_save", "documents:draft_discard"):
        assert officer("demo-tinh").get(page_url(campaign, name)).status_code == 405
    response = officer("demo-baichay").post(page_url(campaign, "documents:draft_save"), {})
    assert response.status_code == 404
    assert not ConsolidatedDraft.objects.exists()
